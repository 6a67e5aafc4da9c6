package bufspec.cli;

import bufspec.replay.Examples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: exit codes, formats, several files, stdin; never a stack trace. */
class ValidateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private InputStream oldIn;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
    }

    private static String ex(String name) {
        return Examples.dir().resolve(name).toString();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitCodes() {
        assertEquals(0, Main.execute("validate", ex("valid-memoryview-chain.ndjson")));
        assertTrue(stdout().contains("VALID"));
        assertEquals(1, Main.execute("validate", ex("bug-ReleaseDecrefsObj.ndjson")));
        assertTrue(stdout().contains("VIOLATION RefCountCoversReferences at " + ex("bug-ReleaseDecrefsObj.ndjson") + ":3"));
        assertTrue(stdout().contains("releasebuffer dropped the reference on view->obj: refcount 2 -> 1 inside bf_releasebuffer;"
                + " PyBuffer_Release drops it again"));
        assertEquals(2, Main.execute("validate", ex("bad-missing-field.ndjson")));
        assertEquals(2, Main.execute("validate", "/nonexistent.ndjson"));
        assertFalse(stdout().contains("Exception"), "no stack trace");
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("Exception"), "no stack trace");
    }

    /** The TLC engine refuses a free-threaded log, saying what it does not do, with exit 2; replay judges it. */
    @Test
    void theTlcEngineRefusesFreeThreadedLogs() {
        assertEquals(2, Main.execute("validate", "--engine", "tlc", "--no-progress", ex("ft-valid-atomic-interleaved.ndjson")));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("ft-valid-atomic-interleaved.ndjson: a free-threaded log (header threading \"free\", discipline 3.14t):"
                + " the TLC engine does not judge free-threaded logs yet"), e);
        assertTrue(e.contains("--engine replay"), e);
        assertFalse(e.contains("Exception"), "no stack trace");
        assertEquals(0, Main.execute("validate", "--no-progress", ex("ft-valid-atomic-interleaved.ndjson")));
        assertEquals(1, Main.execute("validate", "--no-progress", ex("ft-bug-resize-races-acquire.ndjson")));
        assertTrue(stdout().contains("VIOLATION NoDanglingView at " + ex("ft-bug-resize-races-acquire.ndjson") + ":3"), stdout());
    }

    @Test
    void jobsGiveTheSequentialOutputByteForByte() throws Exception {
        java.util.List<String> logs = new java.util.ArrayList<>();
        try (var s = Files.list(Examples.dir())) {
            s.map(java.nio.file.Path::toString).filter(n -> n.contains(".ndjson")).sorted().forEach(logs::add);
        }
        for (String format : new String[] {"text", "json", "sarif"}) {
            String[] sequential = null;
            for (String jobs : new String[] {"1", "2", "0", "" + 2 * logs.size()}) {
                out.reset();
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("validate", "--no-progress",
                        "--format", format, "--jobs", jobs));
                args.addAll(logs);
                int code = Main.execute(args.toArray(String[]::new));
                String[] run = {String.valueOf(code), stdout()};
                if (sequential == null) sequential = run;
                else assertEquals(java.util.List.of(sequential), java.util.List.of(run), format + " --jobs " + jobs);
            }
        }
        assertEquals(2, Main.execute("validate", "--jobs", "-1", ex("valid-basic.ndjson")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--jobs must be 0 (one per core) or more"));
    }

    @Test
    void severalFilesAreValidatedIndependentlyAndMerged() throws Exception {
        int code = Main.execute("validate", "--format", "json", ex("valid-threads.ndjson"),
                ex("bug-NonAtomicCounter.ndjson"), ex("bad-unknown-kind.ndjson"));
        assertEquals(1, code, "a violation outranks a bad line");
        JsonNode j = new ObjectMapper().readTree(stdout());
        assertEquals("replay", j.get("engine").asText());
        assertEquals(1, j.get("exit_code").asInt());
        assertEquals(3, j.get("files").size());
        assertEquals("violated", j.get("verdicts").get("ExportCountMatchesViews").asText());
        assertEquals("not observable", j.get("verdicts").get("TypeOK").asText());
        JsonNode bug = j.get("files").get(1);
        assertEquals("holds", j.get("files").get(0).get("verdicts").get("ExportCountMatchesViews").asText());
        JsonNode v = bug.get("violations").get(0);
        assertEquals("ExportCountMatchesViews", v.get("property").asText());
        assertEquals(3, v.get("line").asInt());
        assertEquals(1, v.get("history").size());
        assertEquals("kind", j.get("files").get(2).get("errors").get(0).get("field").asText());
    }

    @Test
    void dashReadsStandardInput() throws Exception {
        byte[] log = Files.readAllBytes(Examples.dir().resolve("bug-TrackByViewAddress.ndjson"));
        System.setIn(new ByteArrayInputStream(log));
        assertEquals(1, Main.execute("validate", "-"));
        assertTrue(stdout().contains("VIOLATION ReleaseSeesOwnInternal at <stdin>:3"), stdout());
    }

    @Test
    void strictAndLineLimitOptions() {
        assertEquals(2, Main.execute("validate", "--strict", ex("bad-malformed-json.ndjson")));
        assertTrue(stdout().contains("--strict: stopped at the first bad line"));
        assertEquals(2, Main.execute("validate", "--max-line-bytes", "100", ex("valid-basic.ndjson")));
        assertTrue(stdout().contains("expected a line of at most 100 bytes"));
    }

    @Test
    void unavailableEngineAndBadUsageAreExitTwo() {
        assertEquals(2, Main.execute("validate", "--engine", "tlc", "--root", "/nonexistent", ex("valid-basic.ndjson")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no TraceBufferProtocol.tla in /nonexistent/tla"));
        assertEquals(2, Main.execute("validate", "--format", "yaml", ex("valid-basic.ndjson")));
    }

    @Test
    void expectedVerdictsAreMetOrReported(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.copy(Examples.dir().resolve("bug-ReleaseDecrefsObj.ndjson"), dir.resolve("a.ndjson"));
        java.nio.file.Files.copy(Examples.dir().resolve("valid-copies.ndjson"), dir.resolve("b.ndjson"));
        java.nio.file.Path good = dir.resolve("GOOD.tsv");
        java.nio.file.Files.writeString(good, "# file\texit\tverdict\na.ndjson\t1\tRefCountCoversReferences\nb.ndjson\t0\tvalid\n");
        assertEquals(0, Main.execute("validate", "--no-progress", "--expected", good.toString()));
        assertTrue(stdout().contains("2 bundled logs, 2 got their expected verdict, 0 did not."), stdout());

        java.nio.file.Path wrong = dir.resolve("WRONG.tsv");
        java.nio.file.Files.writeString(wrong, "a.ndjson\t1\tNoDanglingView\nb.ndjson\t0\tvalid\n");
        assertEquals(1, Main.execute("validate", "--no-progress", "--expected", wrong.toString()));
        assertTrue(stdout().contains("FAIL"), stdout());
        assertTrue(stdout().contains("violated [RefCountCoversReferences], expected [NoDanglingView]"), stdout());

        java.nio.file.Path bad = dir.resolve("BAD.tsv");
        java.nio.file.Files.writeString(bad, "a.ndjson\t1\tNoSuchProperty\n");
        assertEquals(2, Main.execute("validate", "--expected", bad.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("BAD.tsv:1: verdict: 'NoSuchProperty' is not a property of the model"));
    }

    @Test
    void ciFormatsComeFromTheSameResult() throws Exception {
        assertEquals(1, Main.execute("validate", "--no-progress", "--format", "sarif", ex("bug-ReleaseDecrefsObj.ndjson")));
        JsonNode sarif = new ObjectMapper().readTree(stdout());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals("RefCountCoversReferences", sarif.get("runs").get(0).get("results").get(0).get("ruleId").asText());
        out.reset();
        assertEquals(1, Main.execute("validate", "--no-progress", "--format", "junit", ex("bug-ReleaseDecrefsObj.ndjson")));
        assertTrue(stdout().startsWith("<?xml"), stdout());
        assertTrue(stdout().contains("RefCountCoversReferences"));
        assertTrue(stdout().contains("<failure"));
    }
}
