package bufspec.report.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link SequenceDiagram} as a self-contained inline SVG (no script, no web font): boxes
 * for the lifelines, arrows for the messages, a red band behind the offending step. Labels use a
 * monospace font so that widths are known without measuring text, and the drawing is a pure
 * function of the diagram (deterministic output, testable as text).
 */
public final class SvgWriter {

    static final double CHAR = 7.3;        // advance of one 12px monospace character
    static final int LINE = 15;            // line height of labels
    static final int WRAP = 50;            // characters per label line
    static final int MARGIN = 16;
    static final int BOX_H = 32;
    static final int TOP = MARGIN + BOX_H;

    private SvgWriter() {
    }

    /** The SVG element; {@code idPrefix} keeps marker ids unique when several SVGs share a page. */
    public static String write(SequenceDiagram d, String idPrefix, String title) {
        List<Participant> ps = d.participants();
        int n = ps.size();
        double[] boxW = new double[n];
        for (int i = 0; i < n; i++) {
            boxW[i] = Math.max(96, textWidth(ps.get(i).label()) + 24);
        }
        double[] gap = new double[Math.max(0, n - 1)];
        for (int i = 0; i + 1 < n; i++) {
            gap[i] = boxW[i] / 2 + boxW[i + 1] / 2 + 24;
        }
        double rightExtra = boxW.length == 0 ? 0 : boxW[n - 1] / 2;
        for (Item item : d.items()) {
            int a = d.indexOf(SequenceDiagram.ends(item).get(0));
            int b = d.indexOf(SequenceDiagram.ends(item).get(1));
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            double need = labelWidth(item) + 24;
            if (lo == hi) {
                if (item instanceof Item.Message) {
                    need += 30;                          // self arrow: label to the right of the loop
                    if (lo < n - 1) {
                        gap[lo] = Math.max(gap[lo], need);
                    } else {
                        rightExtra = Math.max(rightExtra, need);
                    }
                } else if (lo < n - 1) {
                    gap[lo] = Math.max(gap[lo], need / 2 + boxW[lo + 1] / 2);
                    rightExtra = Math.max(rightExtra, lo == n - 1 ? need / 2 : rightExtra);
                } else {
                    rightExtra = Math.max(rightExtra, need / 2);
                }
                continue;
            }
            double have = 0;
            for (int g = lo; g < hi; g++) {
                have += gap[g];
            }
            if (have < need) {
                double add = (need - have) / (hi - lo);
                for (int g = lo; g < hi; g++) {
                    gap[g] += add;
                }
            }
        }
        double[] x = new double[n];
        double leftExtra = n == 0 ? 0 : boxW[0] / 2;
        for (Item item : d.items()) {               // a single-lane note on the first lifeline
            if (item instanceof Item.Note note && note.from().equals(note.to()) && d.indexOf(note.from()) == 0) {
                leftExtra = Math.max(leftExtra, (labelWidth(item) + 24) / 2);
            }
        }
        for (int i = 0; i < n; i++) {
            x[i] = i == 0 ? MARGIN + leftExtra : x[i - 1] + gap[i - 1];
        }
        double width = n == 0 ? 2 * MARGIN : x[n - 1] + rightExtra + MARGIN;

        // rows
        StringBuilder rows = new StringBuilder();
        StringBuilder bands = new StringBuilder();
        double y = TOP + 14;
        double bandTop = -1;
        for (Item item : d.items()) {
            double top = y;
            if (item.highlighted() && bandTop < 0) {
                bandTop = top;
            } else if (!item.highlighted() && bandTop >= 0) {
                band(bands, bandTop, top, width);
                bandTop = -1;
            }
            List<String> lines = wrap(label(item));
            if (item instanceof Item.Message m) {
                int a = d.indexOf(m.from());
                int b = d.indexOf(m.to());
                double textTop = y + LINE - 3;
                double arrowY = y + lines.size() * LINE + 6;
                String cls = m.reply() ? "msg reply" : "msg";
                if (a == b) {
                    double x0 = x[a];
                    double loopY = arrowY + 14;
                    rows.append(String.format(Locale.ROOT,
                            "<path class=\"%s\" d=\"M%.1f %.1f H%.1f V%.1f H%.1f\" marker-end=\"url(#%s-arrow)\"/>%n",
                            cls, x0, arrowY - 6, x0 + 24, loopY, x0 + 4, idPrefix));
                    text(rows, lines, x0 + 30, textTop, "start", m.highlighted());
                    y = loopY + 14;
                } else {
                    double x0 = x[a];
                    double x1 = x[b];
                    double dir = x1 > x0 ? -1 : 1;
                    rows.append(String.format(Locale.ROOT,
                            "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" marker-end=\"url(#%s-arrow)\"/>%n",
                            cls, x0, arrowY, x1 + dir * 2, arrowY, idPrefix));
                    text(rows, lines, (x0 + x1) / 2, textTop, "middle", m.highlighted());
                    y = arrowY + 12;
                }
            } else {
                Item.Note note = (Item.Note) item;
                int a = d.indexOf(note.from());
                int b = d.indexOf(note.to());
                double w = labelWidth(item) + 20;
                double left = Math.min(x[a], x[b]);
                double right = Math.max(x[a], x[b]);
                double cx = (left + right) / 2;
                double boxL = Math.min(left - 20, cx - w / 2);
                double boxR = Math.max(right + 20, cx + w / 2);
                double h = lines.size() * LINE + 10;
                rows.append(String.format(Locale.ROOT,
                        "<rect class=\"note%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\"/>%n",
                        note.highlighted() ? " bad" : "", boxL, y + 4, boxR - boxL, h));
                text(rows, lines, cx, y + 4 + LINE, "middle", note.highlighted());
                y = y + h + 12;
            }
        }
        if (bandTop >= 0) {
            band(bands, bandTop, y, width);
        }
        double height = y + 10 + MARGIN;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"seq\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"%s-title\">%n",
                width, height, width, height, idPrefix));
        svg.append("<title id=\"").append(idPrefix).append("-title\">").append(xml(title)).append("</title>\n");
        svg.append("<defs><marker id=\"").append(idPrefix)
                .append("-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
                .append("<path d=\"M0 0 L10 5 L0 10 z\" class=\"head\"/></marker></defs>\n");
        svg.append(bands);
        for (int i = 0; i < n; i++) {
            svg.append(String.format(Locale.ROOT, "<line class=\"life\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                    x[i], TOP, x[i], height - MARGIN));
        }
        for (int i = 0; i < n; i++) {
            Participant p = ps.get(i);
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"box %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"4\"/>%n",
                    p.role().name().toLowerCase(Locale.ROOT), x[i] - boxW[i] / 2, MARGIN, boxW[i], BOX_H));
            svg.append(String.format(Locale.ROOT, "<text class=\"who\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x[i], MARGIN + 20, xml(p.label())));
        }
        svg.append(rows);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The style the SVG's classes need; the HTML page includes it once. */
    public static String css() {
        return String.join("\n",
                "svg.seq { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12px; }",
                "svg.seq .life { stroke: #9aa3ad; stroke-dasharray: 4 3; }",
                "svg.seq .box { stroke-width: 1.2; }",
                "svg.seq .box.consumer { fill: #e7efff; stroke: #3060c0; }",
                "svg.seq .box.view { fill: #e9f6ea; stroke: #2f8a3a; }",
                "svg.seq .box.exporter { fill: #fff3dc; stroke: #b8740a; }",
                "svg.seq .who { font-weight: bold; fill: #1d2733; }",
                "svg.seq .msg { stroke: #1d2733; stroke-width: 1.3; fill: none; }",
                "svg.seq .msg.reply { stroke-dasharray: 5 3; }",
                "svg.seq .head { fill: #1d2733; }",
                "svg.seq .label { fill: #1d2733; }",
                "svg.seq .label.bad { fill: #a10000; font-weight: bold; }",
                "svg.seq .band { fill: #ffe0e0; stroke: #e05555; stroke-width: 1; }",
                "svg.seq .note { fill: #fffbe6; stroke: #c8b560; }",
                "svg.seq .note.bad { fill: #fff0f0; stroke: #c00000; stroke-width: 1.5; }");
    }

    /** The red band behind a run of highlighted rows. */
    private static void band(StringBuilder bands, double top, double bottom, double width) {
        bands.append(String.format(Locale.ROOT,
                "<rect class=\"band\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\"/>%n",
                4, top, width - 8, bottom - top));
    }

    private static void text(StringBuilder sb, List<String> lines, double x, double y, String anchor, boolean bad) {
        for (int i = 0; i < lines.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<text class=\"label%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
                    bad ? " bad" : "", x, y + i * LINE, anchor, xml(lines.get(i))));
        }
    }

    private static String label(Item item) {
        if (item instanceof Item.Message m) {
            return m.step().isEmpty() ? m.label() : "[" + m.step() + "] " + m.label();
        }
        return ((Item.Note) item).text();
    }

    private static double labelWidth(Item item) {
        return wrap(label(item)).stream().mapToDouble(SvgWriter::textWidth).max().orElse(0);
    }

    static double textWidth(String s) {
        return s.codePointCount(0, s.length()) * CHAR;
    }

    /** Splits at explicit line breaks, then at spaces so that no line exceeds {@link #WRAP} characters. */
    static List<String> wrap(String text) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > WRAP) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.add(line.toString());
        }
        return out;
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
