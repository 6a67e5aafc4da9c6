package bufspec.report;

import bufspec.report.docs.GeneratedRegion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedRegionTest {

    private static final String PAGE = "# Model\n\nintro\n\n" + GeneratedRegion.BEGIN + "\nold\n" + GeneratedRegion.END + "\n\nafter\n";

    @Test
    void replacesOnlyTheRegion() throws Exception {
        String content = GeneratedRegion.content(Fixtures.checkBugs());
        String page = GeneratedRegion.replace(PAGE, content);
        assertTrue(page.startsWith("# Model\n\nintro\n\n" + GeneratedRegion.BEGIN + "\n"));
        assertTrue(page.endsWith(GeneratedRegion.END + "\n\nafter\n"));
        assertEquals(content, GeneratedRegion.current(page));
        assertEquals(page, GeneratedRegion.replace(page, content), "idempotent");
        assertTrue(content.contains("#### `MCReleaseDecrefsObj`: violation RefCountCoversReferences length 3"));
        assertEquals(2, content.split("```mermaid", -1).length - 1);
    }

    @Test
    void theDiffSummaryShowsTheFirstDifferingLines() {
        var diff = GeneratedRegion.diff("a\nb\nc\n", "a\nB\nc\nd\n");
        assertEquals("region line 2:", diff.get(0));
        assertEquals("  committed: b", diff.get(1));
        assertEquals("  generated: B", diff.get(2));
        assertEquals("committed region: 3 lines, generated: 4 lines", diff.get(diff.size() - 1));
    }

    @Test
    void aPageWithoutTheMarkersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GeneratedRegion.current("# no region\n"));
    }
}
