package bufspec.report;

import bufspec.cli.Main;
import bufspec.model.Property;
import bufspec.report.docs.GeneratedRegion;
import bufspec.report.docs.PropertyDocs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The property tables of README.md and docs/architecture.md are the generated ones (docs/model.md's,
 * with the bug-variant diagrams, is checked by {@link ModelDocsRegionTest}); the table has a row per
 * constant of {@link Property}.
 */
class DocsTablesTest {

    @Test
    void theCommittedPropertyTablesAreWhatTheToolProduces() throws Exception {
        Path root = Fixtures.root();
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("report", "--check-docs", root.resolve("README.md").toString(),
                    root.resolve("docs/architecture.md").toString(), "--root", root.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        for (String page : new String[]{"README.md", "docs/architecture.md", "docs/model.md"}) {
            assertTrue(GeneratedRegion.names(Files.readString(root.resolve(page))).contains(PropertyDocs.TABLE), page);
        }
    }

    @Test
    void theTableHasOneRowPerPropertyInDeclarationOrder() {
        var rows = PropertyDocs.table().lines().filter(l -> l.startsWith("| `")).toList();
        assertEquals(Property.values().length, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Property p = Property.values()[i];
            assertTrue(rows.get(i).startsWith("| `" + p.name() + "` | " + p.kind().name().toLowerCase(java.util.Locale.ROOT) + " | "),
                    rows.get(i));
        }
    }

    @Test
    void theMapHasOneEntryPerPropertyWithTheMessageTheValidatorGives() throws Exception {
        String map = PropertyDocs.map(Fixtures.root());
        var headings = map.lines().filter(l -> l.startsWith("#### `")).toList();
        assertEquals(Property.values().length, headings.size());
        assertTrue(map.contains("- **message** (`validate traces/examples/bug-ReleaseDecrefsObj.ndjson`): line 3: releasebuffer dropped"),
                map);
        assertTrue(map.contains("violated by the bug variant `MCBugTrackByViewAddress` (length 4)"), map);
        // from the rule to its actions, and to the replay method that reports the property
        assertTrue(map.contains("the rule's actions and operators `AcquireCount`, `AcquireStart`, `AcquireFinish`"), map);
        assertTrue(map.contains("the replay engine's `ReplayValidator.checkWritten`, `ReplayValidator.checkAcquireCounted`"), map);
        String classes = PropertyDocs.classes();
        assertTrue(classes.contains("`NoUseOfInvalidView`, `NoDoubleFree`, `DroppedExportersDeallocated`."), classes);
        assertTrue(Files.readString(Fixtures.root().resolve("docs/model.md")).contains(GeneratedRegion.begin(PropertyDocs.CLASSES)));
        assertTrue(Files.readString(Fixtures.root().resolve("docs/architecture.md")).contains(GeneratedRegion.begin(PropertyDocs.MAP)));
    }

    @Test
    void aMarkerQuotedInsideALineIsNotARegion() {
        String page = "see `" + GeneratedRegion.BEGIN + "` in the text\n" + GeneratedRegion.begin(PropertyDocs.TABLE)
                + "\nold\n" + GeneratedRegion.end(PropertyDocs.TABLE) + "\n";
        assertEquals(java.util.List.of(PropertyDocs.TABLE), GeneratedRegion.names(page));
        assertEquals("\nold\n", GeneratedRegion.current(page, PropertyDocs.TABLE));
    }
}
