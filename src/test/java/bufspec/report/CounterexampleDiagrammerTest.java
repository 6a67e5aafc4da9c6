package bufspec.report;

import bufspec.model.Property;
import bufspec.result.CheckRun;
import bufspec.result.ConfigRun;
import bufspec.report.check.CounterexampleDiagrammer;
import bufspec.report.diagram.Item;
import bufspec.report.diagram.MermaidWriter;
import bufspec.report.diagram.Participant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterexampleDiagrammerTest {

    private static Finding finding(String config) throws Exception {
        CheckRun run = Fixtures.checkBugs();
        ConfigRun c = run.configs().stream().filter(x -> x.config().endsWith(config)).findFirst().orElseThrow();
        return CounterexampleDiagrammer.of(c).orElseThrow();
    }

    private static List<Item.Message> messages(Finding f) {
        return f.diagram().items().stream().filter(i -> i instanceof Item.Message).map(i -> (Item.Message) i).toList();
    }

    @Test
    void releaseThatDecrefsTwiceIsDrawnBetweenThreadViewAndExporter() throws Exception {
        Finding f = finding("MCReleaseDecrefsObj.cfg");
        assertEquals(Property.RefCountCoversReferences.name(), f.property());
        assertEquals(Property.RefCountCoversReferences.meaning(), f.explanation());
        assertEquals(List.of("thread c1", "view c1.1", "exporter std"),
                f.diagram().participants().stream().map(Participant::label).toList());
        List<Item.Message> m = messages(f);
        assertEquals("2", m.get(0).step());
        assertTrue(m.get(0).label().startsWith("Acquire: getbuffer into view c1.1 (exports 0\u21921, rc 1\u21922"), m.get(0).label());
        assertFalse(m.get(0).highlighted());
        Item.Message release = m.get(m.size() - 1);
        assertTrue(release.highlighted());
        assertEquals("e_std", release.to());
        assertTrue(release.label().contains("rc 2\u21920"), release.label());
        Item last = f.diagram().items().get(f.diagram().items().size() - 1);
        assertTrue(last instanceof Item.Note n && n.highlighted() && n.text().contains("RefCountCoversReferences violated"));
        Finding.Step bad = f.steps().get(f.steps().size() - 1);
        assertTrue(bad.highlighted());
        assertTrue(bad.lines().contains("rc[std]: 2 \u2192 0"), bad.lines().toString());
        assertEquals(1, f.steps().stream().filter(Finding.Step::highlighted).count());
    }

    @Test
    void aCopyIsDrawnFromTheOriginalStructToTheCopy() throws Exception {
        Finding f = finding("MCReleaseOriginalAndCopy.cfg");
        Item.Message copy = messages(f).stream().filter(x -> x.step().equals("3")).findFirst().orElseThrow();
        assertTrue(copy.label().startsWith("CopyView"), copy.label());
        Item.Message filled = messages(f).get(messages(f).indexOf(copy) + 1);
        assertEquals("v_c1_1", filled.from());
        assertEquals("v_c1_2", filled.to());
        assertTrue(filled.reply());
        List<Item.Message> bad = messages(f).stream().filter(Item::highlighted).toList();
        assertEquals("5", bad.get(0).step());
        assertTrue(bad.get(1).label().contains("release #2 of acquisition 1"), bad.get(1).label());
    }

    private static Finding findingV2(String config) throws Exception {
        ConfigRun c = Fixtures.checkBugsV2().configs().stream().filter(x -> x.config().endsWith(config)).findFirst().orElseThrow();
        return CounterexampleDiagrammer.of(c).orElseThrow();
    }

    @Test
    void releasebufferSeeingAnotherInternalIsReadFromTheAcquisitionRecord() throws Exception {
        Finding f = findingV2("MCBugTrackByViewAddress.cfg");
        assertEquals("ReleaseSeesOwnInternal", f.property());
        List<Item.Message> bad = messages(f).stream().filter(Item::highlighted).toList();
        assertTrue(bad.get(1).label().startsWith("bf_releasebuffer + Py_DECREF, sees internal 0 (its acquire set 1)"),
                bad.get(1).label());
    }

    @Test
    void aRefusedAcquireWhoseThreadTheStateDoesNotRevealComesFromAConsumer() throws Exception {
        Finding f = findingV2("MCBugFailedAcquireCounts.cfg");
        Item.Message m = messages(f).get(0);
        assertEquals("t_any", m.from());
        assertTrue(m.highlighted());
        assertTrue(m.label().startsWith("AcquireRefuse: getbuffer REFUSED (objSet FALSE, dExports 1, dRc 0) (exports 0\u21921)"),
                m.label());
        assertEquals("a consumer", f.diagram().participants().get(0).label());
    }

    @Test
    void theSecondReleaseOfOneAcquisitionIsCounted() throws Exception {
        Finding f = findingV2("MCBugReleaseAfterFailedAcquire.cfg");
        List<Item.Message> bad = messages(f).stream().filter(Item::highlighted).toList();
        assertTrue(bad.get(1).label().contains("release #2 of acquisition 1"), bad.get(1).label());
        assertTrue(messages(f).stream().anyMatch(x -> x.label().startsWith("AcquireRefuse: getbuffer into view c1.2 REFUSED")));
    }

    @Test
    void theSameTraceGivesTheSameText() throws Exception {
        assertEquals(MermaidWriter.write(finding("MCReleaseOriginalAndCopy.cfg").diagram()),
                MermaidWriter.write(finding("MCReleaseOriginalAndCopy.cfg").diagram()));
    }
}
