package bufspec.report;

import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Verdict;
import bufspec.result.Violation;
import bufspec.trace.TraceError;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Human-readable report: per file the violations (first in full), input errors, notes; then verdicts. */
public final class TextRenderer implements ResultRenderer {

    @Override
    public void render(ValidationResult result, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
        for (FileResult f : result.files()) file(w, f);
        w.println("== verdicts (" + result.engine() + " engine, " + result.files().size() + " log(s)) ==");
        for (Map.Entry<Property, Verdict> e : result.verdicts().entrySet()) {
            w.printf("  %-28s %s%n", e.getKey().name(), e.getValue().label());
        }
        int code = result.exitCode();
        w.println(code == ValidationResult.EXIT_VALID ? "VALID"
                : code == ValidationResult.EXIT_VIOLATED ? "INVALID: " + result.totalViolations() + " violation(s)"
                : "UNREADABLE INPUT: " + result.totalErrors() + " bad line(s), no violation");
        w.flush();
    }

    private static void file(PrintWriter w, FileResult f) {
        var s = f.stats();
        w.println("== " + f.file() + " ==");
        w.printf("  %d events, %d objects, %d views (%d failed acquires), %d live at the end; attached %s; %s%n",
                s.events(), s.exporters(), s.views(), s.failedAcquires(), s.viewsLiveAtEnd(),
                f.attached() == null ? "?" : f.attached(), ending(f.ending()));
        for (Violation v : f.violations()) {
            long n = f.violationCounts().getOrDefault(v.property(), 1L);
            w.println();
            w.println("  VIOLATION " + v.property().name() + " at " + v.file() + ":" + v.line()
                    + (n > 1 ? "  (" + (n - 1) + " more later)" : ""));
            w.println("    " + v.explanation());
            w.println("    event: " + v.event());
            if (!v.history().isEmpty()) {
                w.println("    earlier events of this object:");
                for (Violation.Step st : v.history()) w.println("      line " + st.line() + ": " + st.event());
            }
        }
        if (f.errorCount() > 0) {
            w.println();
            w.println("  " + f.errorCount() + " bad line(s):");
            for (TraceError e : f.errors()) w.println("    " + e.message());
            if (f.errorCount() > f.errors().size()) w.println("    ... " + (f.errorCount() - f.errors().size()) + " more");
        }
        for (String n : f.notes()) w.println("  note: " + n);
        w.println();
    }

    private static String ending(FileResult.Ending e) {
        return switch (e) {
            case FOOTER_FINALIZED -> "footer after finalization";
            case FOOTER -> "footer before finalization";
            case TRUNCATED -> "no footer (truncated)";
            case STOPPED -> "reading stopped";
        };
    }
}
