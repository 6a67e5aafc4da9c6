package bufspec.trace;

import bufspec.exact.TlcEngine;
import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test marks ({@code kind: "test"}, written by the pytest plugin) are read, ignored by the rules of
 * both engines, and divide the log into parts that each keep their first violation of a property.
 */
class TestMarkTest {

    static final String HEADER = TraceReaderTest.HEADER;
    static final String START = "{\"seq\":%d,\"tid\":1,\"kind\":\"test\",\"phase\":\"start\",\"nodeid\":\"%s\"}\n";
    static final String END = "{\"seq\":%d,\"tid\":1,\"kind\":\"test\",\"phase\":\"end\",\"nodeid\":\"%s\",\"outcome\":\"passed\"}\n";

    /** acquire, release (and, when {@code twice}, the same release again) on exporter 0xN000. */
    static String traffic(int exporter, int seq, boolean twice) {
        String acq = TraceReaderTest.ACQ.formatted(seq).replace("0x1000#0", "0x" + exporter + "000#0")
                .replace("0x7ffd0100", "0x7ffd0" + exporter + "00");
        String rel = TraceReaderTest.REL.formatted(seq + 1).replace("0x1000#0", "0x" + exporter + "000#0")
                .replace("0x7ffd0100", "0x7ffd0" + exporter + "00");
        String again = twice ? TraceReaderTest.REL.formatted(seq + 2).replace("0x1000#0", "0x" + exporter + "000#0")
                .replace("0x7ffd0100", "0x7ffd0" + exporter + "00").replace("\"exports\":[1,0]", "\"exports\":[0,0]")
                : "";
        return acq + rel + again;
    }

    static String footer(int seq, int events) {
        return "{\"seq\":" + seq + ",\"tid\":1,\"kind\":\"footer\",\"events\":" + events + ",\"finalized\":true}\n";
    }

    /** Two tests, each releasing its view twice; with marks unless {@code marks} is false. */
    static String twoDoubleReleases(boolean marks) {
        if (!marks) return HEADER + traffic(1, 1, true) + traffic(2, 4, true) + footer(7, 6);
        return HEADER + START.formatted(1, "t.py::test_one") + traffic(1, 2, true) + END.formatted(5, "t.py::test_one")
                + START.formatted(6, "t.py::test_two") + traffic(2, 7, true) + END.formatted(10, "t.py::test_two")
                + footer(11, 10);
    }

    @Test
    void marksAreReadWithoutErrorsAndChangeNoVerdict() {
        String marked = HEADER + START.formatted(1, "t.py::test_ok[a\\\"b]") + traffic(1, 2, false)
                + END.formatted(4, "t.py::test_ok[a\\\"b]") + footer(5, 4);
        FileResult withMarks = TraceReaderTest.run(marked);
        FileResult without = TraceReaderTest.run(TraceReaderTest.ok());
        assertEquals(0, withMarks.errorCount(), () -> withMarks.errors().toString());
        assertEquals(without.verdicts(), withMarks.verdicts());
        assertTrue(withMarks.notes().stream().noneMatch(n -> n.startsWith("footer says")), withMarks.notes()::toString);
    }

    @Test
    void eachTestKeepsItsFirstViolationOfAProperty() {
        FileResult marked = TraceReaderTest.run(twoDoubleReleases(true));
        List<Violation> kept = marked.violations().stream().filter(v -> v.property() == Property.ReleasedAtMostOnce).toList();
        assertEquals(List.of(5L, 10L), kept.stream().map(Violation::line).toList(), marked.violations()::toString);
        assertEquals(2L, marked.violationCounts().get(Property.ReleasedAtMostOnce));

        FileResult unmarked = TraceReaderTest.run(twoDoubleReleases(false));
        assertEquals(1, unmarked.violations().stream().filter(v -> v.property() == Property.ReleasedAtMostOnce).count(),
                "without marks a log keeps the first violation of a property only");
        assertEquals(marked.verdicts(), unmarked.verdicts());
    }

    @Test
    void aBadMarkNamesItsField() {
        FileResult r = TraceReaderTest.run(HEADER + "{\"seq\":1,\"tid\":1,\"kind\":\"test\",\"phase\":\"middle\",\"nodeid\":\"x\"}\n"
                + "{\"seq\":2,\"tid\":1,\"kind\":\"test\",\"phase\":\"end\"}\n" + footer(3, 2));
        assertEquals(2, r.errorCount(), () -> r.errors().toString());
        assertEquals("phase", r.errors().get(0).field());
        assertTrue(r.errors().get(0).expected().contains("\"start\" or \"end\""), r.errors().get(0).expected());
        assertEquals("nodeid", r.errors().get(1).field());
    }

    @Test
    void theTlcEngineIgnoresMarks(@TempDir Path dir) throws IOException {
        Path marked = Files.writeString(dir.resolve("marked.ndjson"), twoDoubleReleases(true));
        Path unmarked = Files.writeString(dir.resolve("unmarked.ndjson"), twoDoubleReleases(false));
        TlcEngine engine = new TlcEngine(TlcEngine.Options.defaults(Path.of("tla")));
        FileResult a = engine.validateFile(marked.toString());
        FileResult b = engine.validateFile(unmarked.toString());
        assertEquals(0, a.errorCount(), () -> a.errors().toString());
        assertEquals(b.verdicts(), a.verdicts());
        assertEquals(bufspec.result.Verdict.VIOLATED, a.verdicts().get(Property.ReleasedAtMostOnce));
    }
}
