package bufspec.exact;

import bufspec.tlc.TlcListener;
import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcResult;
import bufspec.tlc.TlcRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The binary slices TLC reads through bufspec's operator override ({@link LogsData}) are the same
 * TLC values as the TLA+ literal of the same slices ({@link TraceModule#logsText}): TLC itself
 * compares the two (an ASSUME), on the slices of every hand-written example log and of the
 * malicious one; and the comparison fails when one number differs.
 */
class LogsDataTest {

    static List<TlaData.Rec> slicesOfExamples() throws IOException {
        List<TlaData.Rec> recs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("traces/examples"))) {
            for (Path p : s.filter(x -> x.getFileName().toString().matches("(bug|prop|valid|truncated).*\\.ndjson")).sorted().toList()) {
                LoadedLog log = LoadedLog.read(p.toString(), false, 1 << 20);
                for (Slice sl : Slicer.slice(log.events())) recs.add(SliceEncoder.encode(sl, log.midrun()));
            }
        }
        LoadedLog evil = MaliciousLogTest.load();
        for (Slice sl : Slicer.slice(evil.events())) recs.add(SliceEncoder.encode(sl, evil.midrun()));
        return recs;
    }

    /** TLC's verdict on {@code ASSUME LogsData = <the text>}. */
    static TlcResult compare(Path dir, List<TlaData.Rec> binary, String text) throws Exception {
        LogsData.write(dir.resolve(LogsData.FILE), binary);
        Files.writeString(dir.resolve(LogsData.MODULE + ".tla"), LogsData.moduleText());
        Files.writeString(dir.resolve("Same.tla"), "---- MODULE Same ----\nEXTENDS Integers, Sequences, TraceLogsData\n"
                + "Text == " + text + "\nASSUME LogsData = Text\n"
                + "VARIABLE x\nInit == x = Len(LogsData)\nNext == UNCHANGED x\n====\n");
        Files.writeString(dir.resolve("Same.cfg"), "INIT Init\nNEXT Next\n");
        TlcResult r = new TlcRunner().run(dir.resolve("Same.tla"), dir.resolve("Same.cfg"), List.of(dir),
                new TlcRunner.Options(1, "512m", Duration.ofMinutes(2), false, 0), TlcListener.NONE);
        return r;
    }

    static String literal(List<TlaData.Rec> recs) {
        StringBuilder b = new StringBuilder();
        new TlaData.Tuple(recs).render(b);
        return b.toString();
    }

    @Test
    void binarySlicesAreTheValuesOfTheirText(@TempDir Path dir) throws Exception {
        List<TlaData.Rec> recs = slicesOfExamples();
        assertFalse(recs.size() < 20, "expected the example logs' slices, found " + recs.size());
        TlcResult r = compare(dir, recs, literal(recs));
        assertEquals(TlcOutcome.SUCCESS, r.outcome(), r::toString);
    }

    @Test
    void oneDifferentNumberIsNoticed(@TempDir Path dir) throws Exception {
        List<TlaData.Rec> recs = slicesOfExamples();
        String text = literal(recs).replaceFirst("rcA \\|-> (\\d+)", "rcA |-> 12345");
        TlcResult r = compare(dir, recs, text);
        assertEquals(TlcOutcome.ASSUMPTION_FAILED, r.outcome(), r::toString);
    }
}
