package bufspec;

import bufspec.replay.Replay;
import bufspec.result.ExpectedVerdicts;
import bufspec.result.ValidationResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bufspec.cli.Main;
import bufspec.model.Property;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole pipeline: the tracer records real (and deliberately broken) exporters, and
 * {@code bufspec validate} judges the logs. Real exporters must validate (exit 0); each broken
 * variant must be rejected (exit 1) naming its property; the committed corpus must keep the
 * verdicts of {@code traces/corpus/EXPECTED.tsv}. The workloads run on every CPython of
 * {@link TracerProcesses#pythons()}: the host's python3 and those of .ci/versions (chroots).
 */
class TracerPipelineTest {

    /** Broken variant (src/tracer/workloads/broken.py) and the property its log violates. */
    static final Map<String, Property> BROKEN = Map.ofEntries(
            Map.entry("ReleaseDecrefsObj", Property.RefCountCoversReferences),
            Map.entry("FailedAcquireCounts", Property.FailedAcquireLeavesNoTrace),
            Map.entry("FailedAcquireSetsObj", Property.FailedAcquireLeavesNoTrace),
            Map.entry("FreeOnEveryRelease", Property.NoDanglingView),
            Map.entry("TrackByViewAddress", Property.ReleaseSeesOwnInternal),
            Map.entry("ResizeWhileExported", Property.NoDanglingView),
            Map.entry("ReleaseOriginalAndCopy", Property.ReleasedAtMostOnce),
            Map.entry("ReleaseAfterFailedAcquire", Property.ReleasedAtMostOnce),
            Map.entry("ReExporterReleasesBase", Property.ReExporterHoldsBase),
            Map.entry("ViewNeverReleased", Property.EveryViewReleased),
            Map.entry("GetbufferNoIncref", Property.RefCountCoversReferences));

    static final List<String> REAL = List.of("bytearrays", "bytes_", "arrays", "mmaps", "bytesio",
            "memoryviews", "testbuffer", "ctypes_", "pickle5", "threads", "numpy_", "pep688");

    record Validation(int exit, String json) { }

    static synchronized Validation validate(Path log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int exit;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            exit = Main.execute("validate", "--format", "json", log.toString());
        } finally {
            System.setOut(old);
        }
        return new Validation(exit, out.toString(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> real() {
        return TracerProcesses.pythons().stream().flatMap(py -> REAL.stream().map(w -> Arguments.of(py, w)));
    }

    static Stream<Arguments> broken() {
        return TracerProcesses.pythons().stream().flatMap(py -> BROKEN.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> Arguments.of(py, e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "{0}: real workload {1} validates")
    @MethodSource("real")
    void realExportersValidate(TracerProcesses.Py py, String workload, @TempDir Path tmp) throws Exception {
        TracerProcesses.require(py);
        Path log = tmp.resolve(workload + ".ndjson");
        TracerProcesses.Run run = TracerProcesses.traced(py, log, "src/tracer/workloads/real.py", workload);
        assertEquals(0, run.exit(), run.output());
        Validation v = validate(log);
        assertEquals(0, v.exit(), () -> "expected a valid log, got: " + v.json());
    }

    @ParameterizedTest(name = "{0}: broken {1} violates {2}")
    @MethodSource("broken")
    void brokenExportersAreRejected(TracerProcesses.Py py, String variant, Property expected, @TempDir Path tmp)
            throws Exception {
        TracerProcesses.require(py);
        Path log = tmp.resolve("broken-" + variant + ".ndjson");
        TracerProcesses.Run run = TracerProcesses.traced(py, log, "src/tracer/workloads/broken.py", variant);
        assertEquals(0, run.exit(), run.output());
        Validation v = validate(log);
        assertEquals(1, v.exit(), () -> "expected a violation of " + expected.name() + ", got: " + v.json());
        assertTrue(v.json().contains("\"" + expected.name() + "\""),
                () -> "expected " + expected.name() + " in: " + v.json());
    }

    static List<ExpectedVerdicts.Row> corpus() throws IOException {
        return ExpectedVerdicts.read(TracerProcesses.ROOT.resolve("traces/corpus/EXPECTED.tsv")).rows();
    }

    @ParameterizedTest(name = "corpus {0}")
    @MethodSource("corpus")
    void corpusKeepsItsVerdicts(ExpectedVerdicts.Row row) {
        ValidationResult r = new Replay(Replay.Options.defaults()).validate(List.of(row.log().toString()));
        ExpectedVerdicts.Judgement j = row.judge(r.files().get(0), r.exitCode());
        assertTrue(j.met(), () -> row.file() + ": got " + j.got() + " (" + j.reason() + ")");
    }
}
