package bufspec.replay;

import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Violation;
import bufspec.trace.TraceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example log gets exactly the verdict EXPECTED.tsv gives it. */
class ExamplesTest {

    static List<Examples.Row> rows() {
        return Examples.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void exampleGetsItsExpectedVerdict(Examples.Row row) {
        ValidationResult r = new Replay(Replay.Options.defaults()).validate(List.of(row.path().toString()));
        FileResult f = r.files().get(0);
        assertEquals(row.exit(), r.exitCode(), () -> row.file() + ": " + f);
        if (row.verdict().equals("valid")) {
            assertEquals(0, f.totalViolations(), () -> f.violations().toString());
        } else if (row.verdict().startsWith("unreadable:")) {
            String[] p = row.verdict().split(":");
            TraceError first = f.errors().get(0);
            assertEquals(Long.parseLong(p[1]), first.line(), first::message);
            assertEquals(p[2].equals("-") ? null : p[2], first.field(), first::message);
            assertEquals(0, f.totalViolations());
        } else {
            List<Property> expected = Arrays.stream(row.verdict().split(","))
                    .map(n -> Property.byName(n).orElseThrow(() -> new AssertionError("no property " + n))).toList();
            Set<Property> violated = new TreeSet<>(f.violationCounts().keySet());
            assertEquals(new TreeSet<>(expected), violated, () -> f.violations().toString());
            assertEquals(expected.get(0), f.violations().get(0).property(), "the first violation in the log");
            for (Violation v : f.violations()) {
                assertFalse(v.explanation().isBlank());
                assertTrue(v.line() > 1);
            }
            assertEquals(0, f.errorCount(), () -> f.errors().toString());
        }
    }

    @Test
    void everyExampleIsListed() throws IOException {
        Set<String> listed = rows().stream().map(Examples.Row::file).collect(Collectors.toSet());
        try (Stream<java.nio.file.Path> s = Files.list(Examples.dir())) {
            List<String> unlisted = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ndjson") || n.endsWith(".ndjson.gz"))
                    .filter(n -> !listed.contains(n)).toList();
            assertEquals(List.of(), unlisted);
        }
    }

    @Test
    void everyBugVariantOfTheModelHasAnExample() {
        Set<String> listed = rows().stream().map(Examples.Row::file).collect(Collectors.toSet());
        for (String variant : List.of("ReleaseDecrefsObj", "GetbufferNoIncref", "FreeOnEveryRelease",
                "ResizeWhileExported", "TrackByViewAddress", "FailedAcquireSetsObj", "FailedAcquireCounts",
                "ReleaseOriginalAndCopy", "ReleaseAfterFailedAcquire", "ReExporterReleasesBase",
                "NonAtomicCounter", "ViewNeverReleased")) {
            assertTrue(listed.contains("bug-" + variant + ".ndjson"), variant);
        }
    }
}
