package bufspec.trace;

import bufspec.replay.Replay;
import bufspec.result.FileResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every class of bad input gets a clear error naming the line and field, and reading goes on. */
class TraceReaderTest {

    static final String HEADER = "{\"kind\":\"header\",\"format\":\"bufspec-trace\",\"version\":1,\"attached\":\"start\"}\n";
    static final String ACQ = "{\"seq\":%d,\"tid\":1,\"kind\":\"acquire\",\"exporter\":\"0x1000#0\",\"type\":\"bytearray\","
            + "\"view\":\"0x7ffd0100\",\"flags\":0,\"ok\":true,\"error\":null,\"obj_before\":null,\"obj\":\"0x1000#0\","
            + "\"buf\":\"0x9000\",\"len\":4,\"shape\":null,\"strides\":null,\"suboffsets\":null,\"internal\":null,"
            + "\"rc\":[1,2],\"counter\":\"0x1000#0\",\"exports\":[0,1]}\n";
    static final String REL = "{\"seq\":%d,\"tid\":1,\"kind\":\"release\",\"exporter\":\"0x1000#0\",\"type\":\"bytearray\","
            + "\"view\":\"0x7ffd0100\",\"buf\":\"0x9000\",\"len\":4,\"shape\":null,\"strides\":null,\"suboffsets\":null,"
            + "\"internal\":null,\"has_releasebuffer\":true,\"rc\":[2,2],\"counter\":\"0x1000#0\",\"exports\":[1,0]}\n";
    static final String FOOTER = "{\"seq\":%d,\"tid\":1,\"kind\":\"footer\",\"events\":2,\"finalized\":true}\n";

    static FileResult run(String log) {
        return run(log, Replay.Options.defaults());
    }

    static FileResult run(String log, Replay.Options o) {
        return new Replay(o).validateStream("t.ndjson", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
    }

    static String ok() {
        return HEADER + ACQ.formatted(1) + REL.formatted(2) + FOOTER.formatted(3);
    }

    private static TraceError onlyError(FileResult r) {
        assertEquals(1, r.errorCount(), () -> r.errors().toString());
        assertEquals(0, r.totalViolations(), () -> r.violations().toString());
        return r.errors().get(0);
    }

    @Test
    void aWellFormedLogHasNoErrors() {
        FileResult r = run(ok());
        assertEquals(0, r.errorCount());
        assertEquals(4, r.stats().events());
        assertEquals(FileResult.Ending.FOOTER_FINALIZED, r.ending());
    }

    @Test
    void malformedJsonIsReportedAndTheNextLineIsStillRead() {
        // The bad line ends inside an object: the parser must not swallow the following line.
        FileResult r = run(HEADER + ACQ.formatted(1) + "{\"seq\":2,\"tid\":1,\"kind\":\"dealloc\",\"object\":\n"
                + REL.formatted(3) + FOOTER.formatted(4));
        TraceError e = onlyError(r);
        assertEquals(3, e.line());
        assertNull(e.field());
        assertTrue(e.message().startsWith("t.ndjson:3: expected valid JSON"), e.message());
        assertEquals(0, r.stats().viewsLiveAtEnd(), "the release on line 4 was read");
    }

    @Test
    void missingFieldNamesTheField() {
        TraceError e = onlyError(run(HEADER + ACQ.formatted(1).replace("\"view\":\"0x7ffd0100\",", "")
                + FOOTER.formatted(2)));
        assertEquals(2, e.line());
        assertEquals("view", e.field());
        assertEquals("nothing (field missing)", e.found());
    }

    @Test
    void mistypedFieldsSayWhatWasExpected() {
        TraceError e = onlyError(run(HEADER + ACQ.formatted(1).replace("\"rc\":[1,2]", "\"rc\":[1,\"2\"]")));
        assertEquals("rc", e.field());
        assertEquals("[before, after], two integers", e.expected());
        e = onlyError(run(HEADER + ACQ.formatted(1).replace("\"buf\":\"0x9000\"", "\"buf\":36864")));
        assertEquals("buf", e.field());
        assertTrue(e.expected().contains("pointers are strings"), e.expected());
        e = onlyError(run(HEADER + ACQ.formatted(1).replace("\"buf\":\"0x9000\"", "\"buf\":\"0x9000#0\"")));
        assertEquals("buf", e.field());
        assertTrue(e.expected().contains("not an object id"), e.expected());
        e = onlyError(run(HEADER + ACQ.formatted(1).replace("\"exporter\":\"0x1000#0\"", "\"exporter\":\"0x1000\"")));
        assertEquals("exporter", e.field());
        assertTrue(e.found().contains("bare pointer"), e.found());
        e = onlyError(run(HEADER + ACQ.formatted(1).replace("\"buf\":\"0x9000\"", "\"buf\":\"0x9A00\"")));
        assertTrue(e.expected().contains("lower-case hex"), e.expected());
    }

    @Test
    void unknownKindIsNamed() {
        TraceError e = onlyError(run(HEADER + "{\"seq\":1,\"tid\":1,\"kind\":\"getbuffer\"}\n"));
        assertEquals("kind", e.field());
        assertEquals("\"getbuffer\"", e.found());
    }

    @Test
    void unknownVersionStopsTheFile() {
        FileResult r = run(ok().replace("\"version\":1", "\"version\":7"));
        TraceError e = onlyError(r);
        assertEquals("version", e.field());
        assertEquals(FileResult.Ending.STOPPED, r.ending());
        assertEquals(0, r.stats().events());
    }

    @Test
    void overlongLineIsSkippedWithItsLength() {
        String padded = ACQ.formatted(1).replace("\"error\":null", "\"error\":null,\"pad\":\"" + "x".repeat(500) + "\"");
        FileResult r = run(HEADER + padded + FOOTER.formatted(2), new Replay.Options(false, 200));
        TraceError e = r.errors().get(0);
        assertEquals(2, e.line());
        assertTrue(e.expected().contains("at most 200 bytes"), e.expected());
        assertTrue(e.found().endsWith("bytes"));
    }

    @Test
    void linesLongerThanTheParsersBufferAreReadWhole() {
        String padded = ACQ.formatted(1).replace("\"error\":null", "\"error\":null,\"pad\":\"" + "x".repeat(50_000) + "\"");
        FileResult r = run(HEADER + padded + REL.formatted(2) + FOOTER.formatted(3));
        assertEquals(0, r.errorCount(), () -> r.errors().toString());
        assertEquals(0, r.stats().viewsLiveAtEnd());
        assertEquals(1, r.stats().views());
    }

    @Test
    void nonIncreasingSeqIsRejected() {
        TraceError e = onlyError(run(HEADER + ACQ.formatted(5) + REL.formatted(5)));
        assertEquals("seq", e.field());
        assertEquals(3, e.line());
    }

    @Test
    void truncatedLastLineIsATruncationNotAnError() {
        String log = HEADER + ACQ.formatted(1) + REL.formatted(2).substring(0, 60);
        FileResult r = run(log);
        assertEquals(0, r.errorCount(), () -> r.errors().toString());
        assertEquals(FileResult.Ending.TRUNCATED, r.ending());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("truncated last line 3")), r.notes()::toString);
        assertEquals(1, r.stats().viewsLiveAtEnd());
        assertEquals(0, r.totalViolations());
    }

    @Test
    void aCompleteLastLineWithoutNewlineIsAccepted() {
        String log = ok();
        FileResult r = run(log.substring(0, log.length() - 1));
        assertEquals(0, r.errorCount());
        assertEquals(FileResult.Ending.FOOTER_FINALIZED, r.ending());
    }

    @Test
    void blankLinesAndTrailingContentAreErrors() {
        FileResult r = run(HEADER + "\n" + ACQ.formatted(1).replace("}\n", "} 7\n") + REL.formatted(2) + FOOTER.formatted(3));
        assertEquals(2, r.errorCount(), () -> r.errors().toString());
        assertEquals(2, r.errors().get(0).line());
        assertEquals("an empty line", r.errors().get(0).found());
        assertEquals(3, r.errors().get(1).line());
        assertEquals(0, r.stats().viewsLiveAtEnd());
    }

    @Test
    void missingHeaderIsReportedOnce() {
        FileResult r = run(ACQ.formatted(1) + REL.formatted(2));
        TraceError e = onlyError(r);
        assertEquals(1, e.line());
        assertTrue(e.expected().startsWith("a header line first"));
    }

    @Test
    void strictStopsAtTheFirstBadLine() {
        String log = HEADER + ACQ.formatted(1) + "not json\n" + REL.formatted(3) + FOOTER.formatted(4);
        FileResult lenient = run(log);
        FileResult strict = run(log, new Replay.Options(true, 1 << 20));
        assertEquals(0, lenient.stats().viewsLiveAtEnd());
        assertEquals(1, strict.errorCount());
        assertEquals(FileResult.Ending.STOPPED, strict.ending());
        assertEquals(1, strict.stats().viewsLiveAtEnd(), "nothing after the bad line was replayed");
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("log.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(ok().getBytes(StandardCharsets.UTF_8));
        }
        FileResult r = new Replay(Replay.Options.defaults()).validateFile(gz.toString());
        assertEquals(0, r.errorCount());
        assertEquals(4, r.stats().events());
    }

    @Test
    void aMissingFileIsAnInputErrorNotAStackTrace() {
        FileResult r = new Replay(Replay.Options.defaults()).validateFile("/nonexistent/log.ndjson");
        assertEquals(1, r.errorCount());
        assertEquals("no such file", r.errors().get(0).found());
    }
}
