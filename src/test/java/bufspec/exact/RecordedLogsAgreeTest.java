package bufspec.exact;

import bufspec.result.ExpectedVerdicts;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every recorded log under traces/ (hand-written examples, real exporters, broken ones) gets the
 * same verdict from the replay engine and the TLC engine (TLC side batched: all logs in a few TLC
 * runs, each log one slice), and the examples get their EXPECTED.tsv verdict from TLC too.
 * The one log above {@link #BIG_EVENTS} events, cpython-test_buffer (171,470 events, about 150 s
 * of TLC), is left to {@code bufspec bench tlc}, which prints the engines' agreement on it.
 */
class RecordedLogsAgreeTest {

    static final int BIG_EVENTS = 50_000;

    static List<Path> logs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("traces/examples", "traces/corpus")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.toString().endsWith(".ndjson") || p.toString().endsWith(".ndjson.gz")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    static List<String> lines(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.toString().endsWith(".gz")) in = new GZIPInputStream(in);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    @Test
    void bothEnginesGiveEveryRecordedLogTheSameVerdict() throws IOException {
        List<Conformance.Case> cases = new ArrayList<>();
        for (Path p : logs()) {
            List<String> l = lines(p);
            if (l.size() <= BIG_EVENTS) cases.add(new Conformance.Case(p.toString(), l));
        }
        assertTrue(cases.size() >= 60, "expected the examples and the corpus, found " + cases.size());
        Conformance c = new Conformance(new TlcEngine(TlcEngine.Options.defaults(Path.of("tla"))));
        List<Agreement> a = c.judge(cases);
        List<String> bad = a.stream().filter(x -> !x.agrees()).map(Agreement::toString).toList();
        assertTrue(bad.isEmpty(), () -> String.join("\n", bad));
        assertTrue(a.stream().anyMatch(x -> x.tlc().equals("valid")) && a.stream().anyMatch(x -> !x.tlc().equals("valid")));
    }

    @Test
    void examplesGetTheirExpectedVerdictFromTlc() throws IOException {
        ExpectedVerdicts ev = ExpectedVerdicts.read(Path.of("traces/examples/EXPECTED.tsv"));
        TlcEngine tlc = new TlcEngine(TlcEngine.Options.defaults(Path.of("tla")));
        List<String> failed = new ArrayList<>();
        for (ExpectedVerdicts.Row row : ev.rows()) {
            if (!row.verdict().equals("valid") && !row.verdict().startsWith("unreadable")
                    || row.file().startsWith("valid-")) {
                var r = tlc.validate(List.of(row.log().toString()));
                ExpectedVerdicts.Judgement j = row.judge(r.files().get(0), r.exitCode());
                if (!j.met()) failed.add(row.file() + ": " + j.reason());
            }
        }
        assertEquals(List.of(), failed);
    }
}
