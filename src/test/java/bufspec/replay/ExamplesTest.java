package bufspec.replay;

import bufspec.result.ExpectedVerdicts;

import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example log gets exactly the verdict EXPECTED.tsv gives it. */
class ExamplesTest {

    static List<ExpectedVerdicts.Row> rows() {
        return Examples.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void exampleGetsItsExpectedVerdict(ExpectedVerdicts.Row row) {
        ValidationResult r = new Replay(Replay.Options.defaults()).validate(List.of(row.log().toString()));
        FileResult f = r.files().get(0);
        ExpectedVerdicts.Judgement j = row.judge(f, r.exitCode());
        assertTrue(j.met(), () -> row.file() + ": " + j.reason() + "\n" + f);
        for (Violation v : f.violations()) {
            assertFalse(v.explanation().isBlank());
            assertTrue(v.line() > 1);
        }
        if (row.verdict().startsWith("unreadable:")) {
            assertEquals(0, f.totalViolations());
        } else {
            assertEquals(0, f.errorCount(), () -> f.errors().toString());
        }
    }

    @Test
    void everyExampleIsListed() throws IOException {
        Set<String> listed = rows().stream().map(ExpectedVerdicts.Row::file).collect(Collectors.toSet());
        try (Stream<java.nio.file.Path> s = Files.list(Examples.dir())) {
            List<String> unlisted = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ndjson") || n.endsWith(".ndjson.gz"))
                    .filter(n -> !listed.contains(n)).toList();
            assertEquals(List.of(), unlisted);
        }
    }

    @Test
    void everyBugVariantOfTheModelHasAnExample() {
        Set<String> listed = rows().stream().map(ExpectedVerdicts.Row::file).collect(Collectors.toSet());
        for (String variant : List.of("ReleaseDecrefsObj", "GetbufferNoIncref", "FreeOnEveryRelease",
                "ResizeWhileExported", "TrackByViewAddress", "FailedAcquireSetsObj", "FailedAcquireCounts",
                "ReleaseOriginalAndCopy", "ReleaseAfterFailedAcquire", "ReExporterReleasesBase",
                "NonAtomicCounter", "ViewNeverReleased")) {
            assertTrue(listed.contains("bug-" + variant + ".ndjson"), variant);
        }
    }
}
