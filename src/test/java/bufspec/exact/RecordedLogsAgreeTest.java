package bufspec.exact;

import bufspec.replay.Replay;
import bufspec.result.ExpectedVerdicts;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every recorded log under traces/ (hand-written examples, real exporters, broken ones) gets the
 * same verdict from the replay engine and the TLC engine, and the examples get their EXPECTED.tsv
 * verdict from the TLC engine too. Of the per-version corpora (traces/corpus/cpython-3.X/, which
 * {@code TracerPipelineTest} checks in full with the replay engine) a fixed sample is compared:
 * the TLC engine takes seconds a log, and CI has 45 minutes.
 */
class RecordedLogsAgreeTest {

    static List<Path> logs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("traces/examples", "traces/corpus")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.toString().endsWith(".ndjson") || p.toString().endsWith(".ndjson.gz"))
                        .filter(p -> !freeThreaded(p)).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** The free-threaded examples (ft-*): the TLC engine refuses them (TlcEngineFreeThreadedTest). */
    static boolean freeThreaded(Path log) {
        return log.getFileName().toString().startsWith("ft-");
    }

    @Test
    void bothEnginesGiveEveryRecordedLogTheSameVerdict() throws IOException {
        TlcEngine tlc = new TlcEngine(TlcEngine.Options.defaults(Path.of("tla")));
        Replay replay = new Replay(Replay.Options.defaults());
        List<String> disagreements = new ArrayList<>();
        List<Path> logs = logs();
        assertTrue(logs.size() >= 30, "expected the bundled logs, found " + logs.size());
        for (Path p : logs) {
            FileResult r = replay.validateFile(p.toString());
            FileResult t = tlc.validateFile(p.toString());
            Agreement a = Agreement.of(r, t);
            if (!a.agrees()) disagreements.add(a.toString());
        }
        assertTrue(disagreements.isEmpty(), () -> String.join("\n", disagreements));
    }

    /** Per version: the PEP 688 workload, a memoryview chain workload and a broken re-exporter. */
    static final List<String> VERSION_SAMPLE = List.of("real-pep688.ndjson.gz", "real-memoryviews.ndjson.gz",
            "broken-ReExporterReleasesBase.ndjson.gz");

    @Test
    void bothEnginesGiveASampleOfEachVersionsLogsTheSameVerdict() throws IOException {
        TlcEngine tlc = new TlcEngine(TlcEngine.Options.defaults(Path.of("tla")));
        Replay replay = new Replay(Replay.Options.defaults());
        List<String> disagreements = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(Path.of("traces/corpus"))) {
            dirs = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("cpython-")).sorted().toList();
        }
        assertTrue(dirs.size() >= 3, "expected the per-version corpora, found " + dirs);
        for (Path d : dirs) {
            for (String name : VERSION_SAMPLE) {
                Path p = d.resolve(name);
                assertTrue(Files.exists(p), "missing " + p);
                Agreement a = Agreement.of(replay.validateFile(p.toString()), tlc.validateFile(p.toString()));
                if (!a.agrees()) disagreements.add(a.toString());
            }
        }
        assertTrue(disagreements.isEmpty(), () -> String.join("\n", disagreements));
    }

    @Test
    void examplesGetTheirExpectedVerdictFromTlc() throws IOException {
        TlcEngine tlc = new TlcEngine(TlcEngine.Options.defaults(Path.of("tla")));
        List<String> failed = new ArrayList<>();
        for (ExpectedVerdicts.Row row : ExpectedVerdicts.read(Path.of("traces/examples/EXPECTED.tsv")).rows()) {
            if (freeThreaded(row.log())) continue;
            ValidationResult r = tlc.validate(List.of(row.log().toString()));
            ExpectedVerdicts.Judgement j = row.judge(r.files().get(0), r.exitCode());
            if (!j.met()) failed.add(row.file() + ": " + j.reason());
        }
        assertTrue(failed.isEmpty(), () -> String.join("\n", failed));
    }
}
