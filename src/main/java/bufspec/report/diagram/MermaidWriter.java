package bufspec.report.diagram;

import java.util.List;

/**
 * Writes a {@link SequenceDiagram} as a Mermaid {@code sequenceDiagram} (GitHub renders these in
 * Markdown). Highlighted rows are wrapped in a red {@code rect}. Output is a pure function of the
 * diagram: same diagram, same text.
 */
public final class MermaidWriter {

    /** Background of the offending step. */
    public static final String HIGHLIGHT = "rgb(255, 224, 224)";

    private MermaidWriter() {
    }

    public static String write(SequenceDiagram d) {
        StringBuilder sb = new StringBuilder("sequenceDiagram\n");
        for (Participant p : d.participants()) {
            sb.append("    participant ").append(p.id()).append(" as ").append(escape(p.label())).append('\n');
        }
        boolean inRect = false;
        List<Item> items = d.items();
        for (Item item : items) {
            if (item.highlighted() && !inRect) {
                sb.append("    rect ").append(HIGHLIGHT).append('\n');
                inRect = true;
            } else if (!item.highlighted() && inRect) {
                sb.append("    end\n");
                inRect = false;
            }
            sb.append(inRect ? "        " : "    ").append(row(item)).append('\n');
        }
        if (inRect) {
            sb.append("    end\n");
        }
        return sb.toString();
    }

    private static String row(Item item) {
        if (item instanceof Item.Message m) {
            String text = m.step().isEmpty() ? m.label() : "[" + m.step() + "] " + m.label();
            return m.from() + (m.reply() ? "-->>" : "->>") + m.to() + ": " + escape(wrap(text));
        }
        Item.Note n = (Item.Note) item;
        String over = n.from().equals(n.to()) ? n.from() : n.from() + "," + n.to();
        return "Note over " + over + ": " + escape(wrap(n.text()));
    }

    /** Mermaid does not wrap labels: long ones are broken at spaces (Mermaid draws a line break for each). */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (String word : text.split(" ")) {
            if (line > 0 && line + 1 + word.length() > WRAP) {
                out.append('\n');
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }

    /** Characters per line of a label before it is broken. */
    static final int WRAP = 90;

    /**
     * Mermaid reads ';' as a statement end, '#' as an entity start and '<' '>' as HTML, so those
     * become entity codes (Mermaid draws them as the characters); line breaks become {@code <br/>}.
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '#' -> sb.append("#35;");
                case ';' -> sb.append("#59;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '\n' -> sb.append("<br/>");
                case '\r' -> { }
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
