package bufspec.report.ci;

import bufspec.model.Property;
import bufspec.report.ResultRenderer;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Verdict;
import bufspec.result.Violation;
import bufspec.trace.TraceError;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JUnit XML for a validate run: one {@code testsuite} per log, one {@code testcase} per property
 * (classname = the log, name = the property). A violated property is a {@code failure} whose
 * message is the first violation's explanation at {@code file:line}; a property the log cannot
 * show or did not exercise is {@code skipped} with that reason; unreadable lines are an
 * {@code error} of an extra {@code input} test case.
 */
public final class ValidateJunit implements ResultRenderer {

    @Override
    public void render(ValidationResult run, OutputStream out) throws IOException {
        out.write(text(run).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public static String text(ValidationResult run) {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        StringBuilder suites = new StringBuilder();
        for (FileResult f : run.files()) {
            int ft = 0;
            int ff = 0;
            int fe = 0;
            int fs = 0;
            StringBuilder cases = new StringBuilder();
            String classname = f.file();
            for (Property p : Property.values()) {
                Verdict verdict = f.verdicts().getOrDefault(p, Verdict.NOT_EXERCISED);
                ft++;
                cases.append("    <testcase classname=\"").append(Xml.esc(classname)).append("\" name=\"").append(p.name())
                        .append("\" time=\"0\">");
                switch (verdict) {
                    case VIOLATED -> {
                        ff++;
                        Violation v = f.violations().stream().filter(x -> x.property() == p)
                                .findFirst().orElse(null);
                        long n = f.violationCounts().getOrDefault(p, 1L);
                        String msg = v == null ? p.name() + " violated" : v.file() + ":" + v.line() + ": " + v.explanation();
                        cases.append("\n      <failure message=\"").append(Xml.esc(msg)).append("\" type=\"").append(p.name())
                                .append("\">").append(Xml.esc(detail(p, v, n))).append("</failure>\n    ");
                    }
                    case HOLDS -> { }
                    default -> {
                        fs++;
                        cases.append("<skipped message=\"").append(Xml.esc(verdict.label())).append("\"/>");
                    }
                }
                cases.append("</testcase>\n");
            }
            if (f.errorCount() > 0) {
                ft++;
                fe++;
                StringBuilder lines = new StringBuilder();
                f.errors().forEach((TraceError e) -> lines.append(e.message()).append('\n'));
                if (f.errorCount() > f.errors().size()) {
                    lines.append("... ").append(f.errorCount() - f.errors().size()).append(" more\n");
                }
                cases.append("    <testcase classname=\"").append(Xml.esc(classname)).append("\" name=\"input\" time=\"0\">\n")
                        .append("      <error message=\"").append(Xml.esc(f.errorCount() + " unreadable line(s)"))
                        .append("\" type=\"TraceError\">").append(Xml.esc(lines.toString())).append("</error>\n    </testcase>\n");
            }
            suites.append("  <testsuite name=\"").append(Xml.esc("bufspec validate " + f.file())).append("\" tests=\"").append(ft)
                    .append("\" failures=\"").append(ff).append("\" errors=\"").append(fe).append("\" skipped=\"").append(fs)
                    .append("\" time=\"0\">\n");
            suites.append("    <properties><property name=\"engine\" value=\"").append(Xml.esc(run.engine()))
                    .append("\"/><property name=\"ending\" value=\"").append(Xml.esc(f.ending().name().toLowerCase(java.util.Locale.ROOT))).append("\"/></properties>\n");
            suites.append(cases).append("  </testsuite>\n");
            tests += ft;
            failures += ff;
            errors += fe;
            skipped += fs;
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bufspec validate\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\" time=\"0\">\n"
                + suites + "</testsuites>\n";
    }

    private static String detail(Property p, Violation v, long n) {
        StringBuilder sb = new StringBuilder(p.name()).append(": ").append(p.meaning()).append('\n');
        if (v != null) {
            sb.append("at ").append(v.file()).append(':').append(v.line()).append(" (seq ").append(v.seq()).append("): ")
                    .append(v.event()).append('\n').append(v.explanation()).append('\n');
            if (!v.history().isEmpty()) {
                sb.append("earlier events of this object:\n");
                v.history().forEach(h -> sb.append("  line ").append(h.line()).append(": ").append(h.event()).append('\n'));
            }
        }
        if (n > 1) {
            sb.append(n - 1).append(" more violation(s) of ").append(p.name()).append(" later in this log\n");
        }
        return sb.toString();
    }
}
