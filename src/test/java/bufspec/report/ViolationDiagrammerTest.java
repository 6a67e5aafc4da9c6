package bufspec.report;

import bufspec.report.diagram.Item;
import bufspec.report.diagram.Participant;
import bufspec.result.Violation;
import bufspec.report.validate.ViolationDiagrammer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViolationDiagrammerTest {

    private static Violation doubleRelease() throws Exception {
        return Fixtures.validateExamples().files().get(0).violations().get(0);
    }

    @Test
    void threadsAndTypesComeFromTheLogWhenItCanBeRead() throws Exception {
        Finding f = ViolationDiagrammer.of(doubleRelease(), Fixtures.logsRoot(), 1);
        assertEquals("ReleasedAtMostOnce", f.property());
        assertEquals(List.of("thread 1", "bytearray 0x7f0000001000#0"),
                f.diagram().participants().stream().map(Participant::label).toList());
        List<Item> items = f.diagram().items();
        Item.Message bad = (Item.Message) items.get(items.size() - 2);
        assertEquals("L4", bad.step());
        assertTrue(bad.highlighted());
        assertTrue(bad.label().contains("via view 0x7ffd00000200"), bad.label());
        assertTrue(items.get(items.size() - 1) instanceof Item.Note n && n.highlighted()
                && n.text().startsWith("\u2717 ReleasedAtMostOnce: double release"));
        assertEquals(List.of("line 2 (thread 1)", "line 3 (thread 1)", "line 4 (thread 1)"),
                f.steps().stream().map(Finding.Step::title).toList());
    }

    @Test
    void withoutTheLogOneConsumerLifelineStandsForTheThreads() throws Exception {
        Finding f = ViolationDiagrammer.of(doubleRelease(), Path.of("/nonexistent"), 1);
        assertEquals("consumer", f.diagram().participants().get(0).label());
        assertEquals(3, f.diagram().items().stream().filter(i -> i instanceof Item.Message).count());
    }

    @Test
    void chainEventsGoFromHolderToBaseAndTheOffendingEventIsDrawnOnce() throws Exception {
        Violation v = Fixtures.validateExamples().files().get(2).violations().get(0);
        Finding f = ViolationDiagrammer.of(v, Fixtures.logsRoot(), 1);
        assertEquals(List.of("managedbuffer 0x7f0000001400#0", "bytearray 0x7f0000001000#0", "memoryview 0x7f0000001500#0"),
                f.diagram().participants().stream().map(Participant::label).toList());
        assertEquals(1, f.diagram().items().stream().filter(i -> i instanceof Item.Message m && m.step().equals("L6")).count());
    }
}
