package bufspec.report;

import bufspec.report.diagram.Item;
import bufspec.report.diagram.MermaidWriter;
import bufspec.report.diagram.Participant;
import bufspec.report.diagram.SequenceDiagram;
import bufspec.report.diagram.SvgWriter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagramWritersTest {

    private static SequenceDiagram sample() {
        return new SequenceDiagram.Builder()
                .participant(new Participant("t1", "thread 1", Participant.Role.CONSUMER))
                .participant(new Participant("v1", "view c1.1", Participant.Role.VIEW))
                .participant(new Participant("e1", "bytearray 0x10#0", Participant.Role.EXPORTER))
                .participant(new Participant("unused", "never drawn", Participant.Role.EXPORTER))
                .add(new Item.Message("t1", "e1", "2", "getbuffer; rc 1\u21922", false, false))
                .add(new Item.Message("e1", "v1", "", "obj Null\u2192ba", true, false))
                .add(new Item.Message("t1", "t1", "3", "self <call> & more", false, true))
                .noteAcross("\u2717 P violated", true)
                .build();
    }

    @Test
    void mermaidIsExactAndEscapesWhatMermaidReadsAsSyntax() {
        String expected = """
                sequenceDiagram
                    participant t1 as thread 1
                    participant v1 as view c1.1
                    participant e1 as bytearray 0x10#35;0
                    t1->>e1: [2] getbuffer#59; rc 1\u21922
                    e1-->>v1: obj Null\u2192ba
                    rect rgb(255, 224, 224)
                        t1->>t1: [3] self #lt;call#gt; & more
                        Note over t1,e1: \u2717 P violated
                    end
                """;
        assertEquals(expected, MermaidWriter.write(sample()));
    }

    @Test
    void svgIsWellFormedSelfContainedAndHighlightsTheOffendingRows() throws Exception {
        String svg = SvgWriter.write(sample(), "d1", "title & <more>");
        assertEquals(svg, SvgWriter.write(sample(), "d1", "title & <more>"), "deterministic");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals(3, count(svg, "class=\"box "), "one box per used participant");
        assertEquals(1, count(svg, "class=\"band\""), "one band behind the highlighted message and note");
        assertTrue(svg.contains("self &lt;call&gt; &amp; more"));
        assertFalse(svg.replace("http://www.w3.org/2000/svg", "").contains("http"), "nothing fetched");
        assertFalse(svg.contains("<script"));
    }

    @Test
    void aRowNamingAnUnknownParticipantIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SequenceDiagram(
                java.util.List.of(new Participant("a", "a", Participant.Role.CONSUMER)),
                java.util.List.of(new Item.Message("a", "b", "1", "x", false, false))));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
