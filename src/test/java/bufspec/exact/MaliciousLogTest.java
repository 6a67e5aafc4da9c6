package bufspec.exact;

import bufspec.model.Property;
import bufspec.result.FileResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text from a log never reaches TLC: a log whose type names and error messages carry TLA+
 * syntax, module ends, assumptions, newlines and unicode gives a TraceLogs module without any of
 * it, and TLC still finds the bug the log shows (bf_releasebuffer decrefs view->obj).
 */
class MaliciousLogTest {

    static final String EVIL = "x\\\" >> \\\\* ==== ASSUME FALSE \\n==== \\u00e9\\u2603 <<";

    static String log() {
        String type = EVIL;
        return String.join("\n",
                "{\"kind\":\"header\",\"format\":\"bufspec-trace\",\"version\":1,\"producer\":\"" + EVIL + "\",\"python\":\"3.11.7\",\"pid\":1,\"start\":\"2026-11-21T12:00:00Z\",\"argv\":[\"" + EVIL + "\"],\"attached\":\"start\"}",
                "{\"seq\":1,\"tid\":1,\"kind\":\"acquire\",\"exporter\":\"0x7f0000001000#0\",\"type\":\"" + type + "\",\"view\":\"0x7ffd00000100\",\"flags\":284,\"ok\":true,\"error\":null,\"obj_before\":null,\"obj\":\"0x7f0000001000#0\",\"buf\":\"0x7f0000100000\",\"len\":16,\"readonly\":false,\"itemsize\":1,\"ndim\":1,\"format\":\"" + EVIL + "\",\"shape\":null,\"strides\":null,\"suboffsets\":null,\"internal\":null,\"rc\":[1,2],\"counter\":\"0x7f0000001000#0\",\"exports\":[0,1]}",
                "{\"seq\":2,\"tid\":1,\"kind\":\"acquire\",\"exporter\":\"0x7f0000001000#0\",\"type\":\"" + type + "\",\"view\":\"0x7ffd00000200\",\"flags\":285,\"ok\":false,\"error\":\"BufferError: " + EVIL + "\",\"obj_before\":null,\"obj\":null,\"rc\":[2,2],\"counter\":\"0x7f0000001000#0\",\"exports\":[1,1]}",
                "{\"seq\":3,\"tid\":1,\"kind\":\"release\",\"exporter\":\"0x7f0000001000#0\",\"type\":\"" + type + "\",\"view\":\"0x7ffd00000100\",\"buf\":\"0x7f0000100000\",\"len\":16,\"readonly\":false,\"itemsize\":1,\"ndim\":1,\"format\":\"" + EVIL + "\",\"shape\":null,\"strides\":null,\"suboffsets\":null,\"internal\":null,\"has_releasebuffer\":true,\"rc\":[2,1],\"counter\":\"0x7f0000001000#0\",\"exports\":[1,0]}",
                "{\"seq\":4,\"tid\":1,\"kind\":\"footer\",\"events\":3,\"end\":\"" + EVIL + "\",\"finalized\":true}",
                "");
    }

    static LoadedLog load() {
        return LoadedLog.read("evil.ndjson", new ByteArrayInputStream(log().getBytes(StandardCharsets.UTF_8)), false, 1 << 20);
    }

    @Test
    void generatedModuleHoldsNoTextFromTheLog() {
        LoadedLog log = load();
        assertEquals(0, log.errorCount(), () -> "the evil log must be readable: " + log.errors());
        List<TlaData.Rec> recs = new ArrayList<>();
        for (Slice s : Slicer.slice(log.events())) recs.add(SliceEncoder.encode(s, log.midrun()));
        String text = TraceModule.logsText(recs);
        for (String bad : List.of("ASSUME", "\u00e9", "\u2603", "BufferError", "x\"", "\\n")) {
            assertFalse(text.contains(bad), () -> "generated TLA+ contains '" + bad + "':\n" + text);
        }
        assertEquals(1, count(text, "===="), "only the module's own end line");
        assertEquals(1, count(text, "\\*"), "only the generated-by comment");
        assertEquals(text.lines().count(), text.lines().filter(l -> l.chars().allMatch(c -> c < 128)).count(), "ASCII only");
        // every double-quoted string is a vocabulary word
        var m = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            String w = m.group(1);
            assertEquals(1, java.util.Arrays.stream(Vocabulary.values()).filter(v -> v.tla().equals(w)).count(), w);
        }
    }

    @Test
    void tlcFindsTheBugInTheEvilLog() {
        TlcEngine engine = new TlcEngine(TlcEngine.Options.defaults(Path.of("tla")));
        FileResult r = engine.validate(load());
        assertEquals(List.of(Property.RefCountCoversReferences),
                r.violations().stream().map(v -> v.property()).toList(), r::toString);
        assertEquals(4, r.violations().get(0).line());
        // the diagnosis comes from the spec's Bugs and the variants' cfgs, never from the log
        String why = r.violations().get(0).explanation();
        assertTrue(why.startsWith("line 4 is the behaviour of ReleaseDecrefsObj (bf_releasebuffer decrefs view->obj):"
                + " RefCountCoversReferences "), why);
        for (String bad : List.of("ASSUME", "\u00e9", "\u2603", "====")) assertFalse(why.contains(bad), why);
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }
}
