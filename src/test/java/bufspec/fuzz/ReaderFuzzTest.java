package bufspec.fuzz;

import bufspec.replay.Replay;
import bufspec.result.FileResult;
import bufspec.trace.TraceError;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;

/**
 * Fuzzes the reader and the validator with Jazzer: any bytes as a log must give a result (never an
 * exception), every bad line must be reported with its file and line, and the verdicts must depend
 * on the bytes alone (the same bytes twice, and through the reading thread of --jobs, give the
 * same result). In the test command it fuzzes for 10 s (JAZZER_FUZZ=1 in the surefire
 * configuration); the long run: see README, "Fuzzing".
 */
public class ReaderFuzzTest {

    private static final Replay REPLAY = new Replay(new Replay.Options(false, 256));

    @FuzzTest(maxDuration = "10s")
    void anyBytesGiveAResult(byte[] data) {
        fuzzerTestOneInput(data);
    }

    /** The target, also for Jazzer's standalone driver. */
    public static void fuzzerTestOneInput(byte[] data) {
        FileResult a = REPLAY.validateStream("fuzz.ndjson", new ByteArrayInputStream(data));
        FileResult b = REPLAY.validateStream("fuzz.ndjson", new ByteArrayInputStream(data));
        if (!a.equals(b)) throw new AssertionError("two results for the same bytes:\n" + a + "\n" + b);
        for (TraceError e : a.errors()) {
            if (!e.file().equals("fuzz.ndjson")) throw new AssertionError("an error without its file: " + e);
            if (e.line() < 1) throw new AssertionError("an error without its line: " + e);
            if (e.expected() == null || e.expected().isBlank()) throw new AssertionError("an error without what was expected: " + e);
        }
        if (a.errorCount() < a.errors().size()) throw new AssertionError("error count below the errors kept: " + a);
        // the streaming job's reader (line by line) finds the same in the same bytes
        FileResult c = lineByLine(data);
        if (!a.verdicts().equals(c.verdicts()) || !a.violations().equals(c.violations()) || a.ending() != c.ending()
                || !a.stats().equals(c.stats()) || a.errorCount() != c.errorCount() || !where(a).equals(where(c))) {
            throw new AssertionError("line by line differs from validate:\n" + a + "\n" + c);
        }
    }

    /** The errors without what was found (a parse error's location differs: each line is parsed alone). */
    private static java.util.List<String> where(FileResult r) {
        return r.errors().stream().map(e -> e.line() + " " + e.field() + " " + e.expected()).toList();
    }

    private static FileResult lineByLine(byte[] data) {
        bufspec.replay.ProcessReplay p = new bufspec.replay.ProcessReplay("fuzz.ndjson", 256);
        bufspec.trace.LineReader lines = new bufspec.trace.LineReader(new ByteArrayInputStream(data), 256);
        try {
            while (lines.next()) {
                p.line(lines.number(), lines.bytes(), lines.off(), lines.len(), lines.terminated(), lines.tooLong(),
                        lines.length());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        p.end();
        return p.result();
    }
}
