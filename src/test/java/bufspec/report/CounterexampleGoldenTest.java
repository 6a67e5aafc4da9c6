package bufspec.report;

import bufspec.report.check.CheckJsonReader;
import bufspec.report.check.CounterexampleDiagrammer;
import bufspec.report.diagram.MermaidWriter;
import bufspec.result.ConfigRun;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The diagrams and step lists of ten counterexamples of the current model's bug variants
 * ({@code check-bugs-current.json}: {@code bufspec check --format json --workers 1}) are the
 * ones in {@code check-bugs-current.golden}, character for character: a change to how a step's
 * actors are read shows here. On a difference the actual text is written to
 * {@code target/check-bugs-current.actual}.
 */
class CounterexampleGoldenTest {

    @Test
    void currentModelCounterexamplesRenderAsTheGoldenText() throws Exception {
        StringBuilder out = new StringBuilder();
        for (ConfigRun c : CheckJsonReader.read(JsonInput.read(Fixtures.dir().resolve("check-bugs-current.json"))).configs()) {
            Finding f = CounterexampleDiagrammer.of(c).orElseThrow();
            out.append("## ").append(f.source()).append(": ").append(f.headline()).append('\n');
            out.append(MermaidWriter.write(f.diagram()));
            for (Finding.Step s : f.steps()) {
                out.append(s.highlighted() ? "* " : "- ").append(s.title()).append('\n');
                s.lines().forEach(l -> out.append("    ").append(l).append('\n'));
            }
        }
        Path golden = Fixtures.dir().resolve("check-bugs-current.golden");
        String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "";
        if (!expected.contentEquals(out)) {
            Files.writeString(Path.of("target/check-bugs-current.actual"), out, StandardCharsets.UTF_8);
        }
        assertEquals(expected, out.toString());
    }
}
