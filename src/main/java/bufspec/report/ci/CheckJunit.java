package bufspec.report.ci;

import bufspec.report.Finding;
import bufspec.result.CheckRun;
import bufspec.result.ConfigRun;
import bufspec.report.check.CounterexampleDiagrammer;

import java.util.Locale;

/**
 * JUnit XML for a check run, as CI dashboards read it: one {@code testsuite} "bufspec check", one
 * {@code testcase} per configuration (classname = its directory, name = the file), a
 * {@code failure} when it did not meet its expectation, and the counterexample's states in
 * {@code system-out}.
 */
public final class CheckJunit {

    private CheckJunit() {
    }

    public static String render(CheckRun run) {
        long failures = run.configs().stream().filter(c -> !c.met()).count();
        double total = run.configs().stream().mapToLong(ConfigRun::durationMillis).sum() / 1000.0;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT, "<testsuites name=\"bufspec\" tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%.3f\">%n",
                run.configs().size(), failures, total));
        x.append(String.format(Locale.ROOT, "  <testsuite name=\"bufspec check\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                run.configs().size(), failures, total));
        for (ConfigRun c : run.configs()) {
            String dir = c.config().contains("/") ? c.config().substring(0, c.config().lastIndexOf('/')) : ".";
            x.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">%n",
                    Xml.esc(dir.replace('/', '.')), Xml.esc(c.config().replaceFirst(".*/", "")), c.durationMillis() / 1000.0));
            if (!c.met()) {
                x.append("      <failure message=\"").append(Xml.esc("expected " + c.expected() + ", got " + c.got()))
                        .append("\" type=\"").append(Xml.esc(c.outcome())).append("\">")
                        .append(Xml.esc(c.reason() == null ? "" : c.reason())).append("</failure>\n");
            }
            StringBuilder out = new StringBuilder();
            out.append("expected: ").append(c.expected()).append("\ngot: ").append(c.got())
                    .append(String.format(Locale.ROOT, "%ndistinct states: %d, generated: %d, depth: %d%n",
                            c.distinct(), c.generated(), c.depth()));
            if (!c.checks().isEmpty()) {
                out.append("checks: ").append(String.join(", ", c.checks())).append('\n');
            }
            CounterexampleDiagrammer.of(c).ifPresent(f -> states(out, f));
            x.append("      <system-out>").append(Xml.esc(out.toString())).append("</system-out>\n");
            x.append("    </testcase>\n");
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    private static void states(StringBuilder out, Finding f) {
        out.append("counterexample:\n");
        for (Finding.Step s : f.steps()) {
            out.append(s.highlighted() ? "  x " : "    ").append(s.title()).append('\n');
            s.lines().forEach(l -> out.append("        ").append(l).append('\n'));
        }
    }
}
