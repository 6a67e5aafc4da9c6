package bufspec.report.page;

import bufspec.model.Property;
import bufspec.report.Finding;
import bufspec.result.ConfigRun;
import bufspec.report.diagram.MermaidWriter;
import bufspec.report.diagram.SvgWriter;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Verdict;
import bufspec.trace.TraceError;

import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page that works offline: inline CSS, each diagram as
 * inline SVG drawn by {@link SvgWriter} (no script, no font or image fetched), its Mermaid source
 * in a {@code <details>} for copying, and the states next to the diagram.
 */
public final class HtmlPage {

    private HtmlPage() {
    }

    private static final String CSS = String.join("\n",
            ":root { color-scheme: light; }",
            "body { font-family: system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif; margin: 0; color: #1d2733; background: #f6f7f9; }",
            "main { max-width: 1400px; margin: 0 auto; padding: 24px 32px 48px; }",
            "h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 21px; margin-top: 36px; border-bottom: 2px solid #d5dae1; padding-bottom: 4px; }",
            "h3 { font-size: 17px; margin-top: 28px; } .sub { color: #5b6673; margin: 0 0 16px; }",
            "code, .mono { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12.5px; }",
            "table { border-collapse: collapse; background: #fff; margin: 8px 0 16px; font-size: 14px; }",
            "th, td { border: 1px solid #d5dae1; padding: 5px 10px; text-align: left; vertical-align: top; }",
            "th { background: #eef1f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }",
            ".ok { color: #17702a; font-weight: 600; } .fail { color: #b00020; font-weight: 700; }",
            ".banner { padding: 10px 14px; border-radius: 6px; margin: 10px 0; font-weight: 600; }",
            ".banner.ok { background: #e3f4e6; border: 1px solid #9ed0a6; } .banner.fail { background: #fde8ea; border: 1px solid #eea5ad; }",
            ".finding { background: #fff; border: 1px solid #d5dae1; border-left: 5px solid #c62828; border-radius: 6px; padding: 12px 16px; margin: 18px 0; }",
            ".finding h4 { margin: 0 0 6px; font-size: 16px; } .finding p { margin: 4px 0 10px; }",
            ".pair { display: flex; gap: 18px; align-items: flex-start; flex-wrap: wrap; }",
            ".diagram { overflow-x: auto; max-width: 100%; flex: 0 1 auto; }",
            ".states { flex: 1 1 340px; min-width: 300px; max-height: 640px; overflow: auto; border: 1px solid #e1e5ea; border-radius: 4px; }",
            ".states ol { list-style: none; margin: 0; padding: 0; }",
            ".states li { padding: 6px 10px; border-bottom: 1px solid #eef0f3; }",
            ".states li.bad { background: #ffe0e0; border-left: 4px solid #c62828; }",
            ".states .t { font-weight: 600; } .states .l { white-space: pre-wrap; color: #37414d; }",
            "details { margin-top: 8px; } summary { cursor: pointer; color: #3060c0; }",
            "pre { background: #f3f4f6; padding: 8px; overflow-x: auto; }",
            SvgWriter.css());

    public static String render(Report r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>bufspec report</title>\n<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>bufspec report</h1>\n<p class=\"sub\">The CPython buffer protocol (PEP 3118): model checking and log validation. ")
                .append("Property names are those of <code>tla/BufferProtocol.tla</code>.</p>\n");
        int[] counter = {0};
        if (r.check() != null) {
            check(h, r, counter);
        }
        if (r.validate() != null) {
            validate(h, r, counter);
        }
        properties(h, r);
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void check(StringBuilder h, Report r, int[] counter) {
        List<ConfigRun> cs = r.check().configs();
        long met = cs.stream().filter(ConfigRun::met).count();
        h.append("<h2>Model checking</h2>\n");
        h.append(met == cs.size()
                ? "<div class=\"banner ok\">All " + Text.plural(cs.size(), "configuration", "configurations") + " met "
                + (cs.size() == 1 ? "its" : "their") + " expectation.</div>\n"
                : "<div class=\"banner fail\">" + (cs.size() - met) + " of " + cs.size()
                + " configurations did not meet their expectation.</div>\n");
        h.append("<table>\n<tr><th>configuration</th><th>tier</th><th>expected</th><th>got</th><th>result</th>")
                .append("<th>distinct states</th><th>generated</th><th>depth</th><th>time</th></tr>\n");
        for (ConfigRun c : cs) {
            h.append("<tr><td><code>").append(esc(c.config())).append("</code></td><td>").append(esc(c.tier()))
                    .append("</td><td>").append(esc(c.expected())).append("</td><td>").append(esc(c.got())).append("</td><td>")
                    .append(c.met() ? "<span class=\"ok\">OK</span>" : "<span class=\"fail\">FAIL</span> " + esc(c.reason()))
                    .append("</td><td class=\"num\">").append(Text.count(c.distinct())).append("</td><td class=\"num\">")
                    .append(Text.count(c.generated())).append("</td><td class=\"num\">").append(c.depth() < 0 ? "-" : c.depth())
                    .append("</td><td class=\"num\">").append(Text.seconds(c.durationMillis())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!r.checkFindings().isEmpty()) {
            h.append("<h3>Counterexamples</h3>\n");
            r.checkFindings().forEach(f -> finding(h, f, ++counter[0]));
        }
    }

    private static void validate(StringBuilder h, Report r, int[] counter) {
        ValidationResult v = r.validate();
        h.append("<h2>Log validation</h2>\n");
        String what = v.exitCode() == 0 ? "Valid" : v.exitCode() == 1 ? "Invalid: " + Text.plural(v.totalViolations(), "violation", "violations")
                : "Unreadable input: " + Text.plural(v.totalErrors(), "bad line", "bad lines");
        h.append("<div class=\"banner ").append(v.exitCode() == 0 ? "ok" : "fail").append("\">").append(esc(what))
                .append(" (").append(esc(v.engine())).append(" engine, ").append(Text.plural(v.files().size(), "log", "logs"))
                .append(")</div>\n");
        h.append("<table>\n<tr><th>log</th><th>events</th><th>objects</th><th>views</th><th>failed acquires</th>")
                .append("<th>ending</th><th>violations</th><th>bad lines</th><th>notes</th></tr>\n");
        for (FileResult f : v.files()) {
            long violations = f.violationCounts().values().stream().mapToLong(Long::longValue).sum();
            h.append("<tr><td><code>").append(esc(f.file())).append("</code></td>");
            for (long n : Text.figures(f)) {
                h.append("<td class=\"num\">").append(Text.count(n)).append("</td>");
            }
            h.append("<td>").append(esc(Text.ending(f))).append("</td><td class=\"num\">")
                    .append(violations == 0 ? "0" : "<span class=\"fail\">" + violations + "</span>")
                    .append("</td><td class=\"num\">").append(f.errorCount()).append("</td><td>");
            f.notes().forEach(n -> h.append(esc(n)).append("<br>"));
            f.errors().forEach(e -> h.append("bad line: ").append(esc(e.message())).append("<br>"));
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!r.validateFindings().isEmpty()) {
            h.append("<h3>Violations</h3>\n");
            r.validateFindings().forEach(f -> finding(h, f, ++counter[0]));
        }
    }

    private static void properties(StringBuilder h, Report r) {
        boolean logs = r.validate() != null;
        h.append("<h2>Properties</h2>\n<table>\n<tr><th>property</th><th>kind</th><th>meaning</th><th>checked by</th>")
                .append(logs ? "<th>in the logs</th>" : "").append("</tr>\n");
        for (Property p : Property.values()) {
            h.append("<tr><td><code>").append(p.name()).append("</code></td><td>")
                    .append(p.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(esc(p.meaning()))
                    .append("</td><td>").append(esc(MarkdownPage.checkedBy(r, p))).append("</td>");
            if (logs) {
                String verdict = Text.verdict(r, p);
                h.append("<td").append(verdict.equals("violated") ? " class=\"fail\"" : "").append(">")
                        .append(esc(verdict)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void finding(StringBuilder h, Finding f, int n) {
        String id = "f" + n;
        h.append("<section class=\"finding\" id=\"").append(esc(f.anchor())).append("\">\n<h4>").append(esc(f.headline()))
                .append("</h4>\n<p>");
        if (f.property() != null) {
            h.append("<code class=\"fail\">").append(esc(f.property())).append("</code>: ");
        }
        h.append(esc(f.explanation())).append(" <span class=\"sub\">Source: <code>").append(esc(f.source()))
                .append("</code></span></p>\n<div class=\"pair\">\n<div class=\"diagram\">\n")
                .append(SvgWriter.write(f.diagram(), id, f.headline())).append("</div>\n<div class=\"states\"><ol>\n");
        for (int i = 0; i < f.steps().size(); i++) {
            Finding.Step s = f.steps().get(i);
            boolean long_ = i == 0 && f.steps().size() > 1 && s.lines().size() > 3;
            h.append("<li").append(s.highlighted() ? " class=\"bad\"" : "").append("><div class=\"t\">")
                    .append(s.highlighted() ? "\u2717 " : "").append(esc(s.title())).append("</div>");
            if (long_) {           // the first state in full is long: folded, so the offending step stays in view
                h.append("<details><summary>").append(s.lines().size()).append(" variables</summary>");
            }
            h.append("<div class=\"l mono\">").append(esc(String.join("\n", s.lines()))).append("</div>");
            h.append(long_ ? "</details>" : "").append("</li>\n");
        }
        h.append("</ol></div>\n</div>\n<details><summary>Mermaid source</summary>\n<pre class=\"mono\">")
                .append(esc(MermaidWriter.write(f.diagram()))).append("</pre>\n</details>\n</section>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
