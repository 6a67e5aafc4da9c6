package bufspec.report;

import bufspec.cli.Main;
import bufspec.report.docs.GeneratedRegion;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed {@code docs/model.md} carries, between its generated-region markers, exactly the
 * diagrams that {@code report --update-docs} produces from real TLC runs of {@code tla/bugs/*.cfg}.
 * Fails until the model (tla/, docs/model.md with the markers) is merged and the region generated.
 */
class ModelDocsRegionTest {

    @Test
    void theCommittedBugVariantDiagramsAreWhatTheToolProduces() throws Exception {
        Path root = Fixtures.root();
        Path page = root.resolve("docs/model.md");
        assertTrue(Files.isDirectory(root.resolve("tla/bugs")), "no tla/bugs under " + root + ": the model is missing");
        assertTrue(Files.isRegularFile(page), "no docs/model.md under " + root);
        assertTrue(Files.readString(page).contains(GeneratedRegion.BEGIN),
                "docs/model.md has no " + GeneratedRegion.BEGIN + " ... " + GeneratedRegion.END
                        + " region: add the markers, then run report --update-docs docs/model.md");
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("report", "--check-docs", page.toString(), "--root", root.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    }
}
