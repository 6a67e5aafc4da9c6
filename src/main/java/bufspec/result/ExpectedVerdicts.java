package bufspec.result;

import bufspec.model.Property;
import bufspec.trace.TraceError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verdicts bundled logs must get: an {@code EXPECTED.tsv} beside them, one log a line,
 * tab-separated: the file (relative to the tsv), the exit code, and the verdict: {@code valid}; the
 * comma-separated properties violated, the first being violated first in the log; or
 * {@code unreadable:LINE:FIELD} for the first bad line ({@code -} when the whole line is bad).
 * Lines starting with {@code #} are comments.
 */
public record ExpectedVerdicts(Path tsv, List<Row> rows) {

    /** One bundled log and what it must get. {@code lineNo} is the tsv line, for error messages. */
    public record Row(Path log, String file, int lineNo, int exit, String verdict) {

        /** Whether {@code got} (this log's result, with {@code exitCode}) is what the row expects. */
        public Judgement judge(FileResult got, int exitCode) {
            String seen = describe(got);
            List<String> why = new ArrayList<>();
            if (exitCode != exit) why.add("exit " + exitCode + ", expected " + exit);
            if (verdict.equals("valid")) {
                if (got.totalViolations() > 0 || got.errorCount() > 0) why.add("expected valid");
            } else if (verdict.startsWith("unreadable:")) {
                String[] p = verdict.split(":", 3);
                Optional<TraceError> first = got.errors().stream().findFirst();
                String want = p[1] + ":" + p[2];
                String have = first.map(e -> e.line() + ":" + (e.field() == null ? "-" : e.field())).orElse("none");
                if (!want.equals(have)) why.add("first bad line " + have + ", expected " + want);
            } else {
                Set<String> want = new TreeSet<>(List.of(verdict.split(",")));
                Set<String> have = new TreeSet<>();
                got.violationCounts().keySet().forEach(p -> have.add(p.name()));
                if (!want.equals(have)) why.add("violated " + have + ", expected " + want);
                String first = verdict.split(",")[0];
                if (!got.violations().isEmpty() && !got.violations().get(0).property().name().equals(first)) {
                    why.add("first violation " + got.violations().get(0).property().name() + ", expected " + first);
                }
            }
            return new Judgement(this, why.isEmpty(), seen, String.join("; ", why));
        }
    }

    /** The outcome of comparing one log's result with its row. */
    public record Judgement(Row row, boolean met, String got, String reason) {}

    /** The verdict of a result in the tsv's own words. */
    public static String describe(FileResult got) {
        if (got.totalViolations() > 0) {
            List<String> names = new ArrayList<>();
            got.violations().stream().map(v -> v.property().name()).distinct().forEach(names::add);
            got.violationCounts().keySet().stream().map(Property::name).filter(n -> !names.contains(n)).forEach(names::add);
            return String.join(",", names);
        }
        if (got.errorCount() > 0) {
            TraceError e = got.errors().get(0);
            return "unreadable:" + e.line() + ":" + (e.field() == null ? "-" : e.field());
        }
        return "valid";
    }

    /** Reads a tsv; a malformed line is an error naming the tsv and the line. */
    public static ExpectedVerdicts read(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        List<Row> rows = new ArrayList<>();
        Path dir = tsv.toAbsolutePath().getParent();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] c = l.split("\t");
            if (c.length < 3) {
                throw new IOException(tsv + ":" + (i + 1) + ": expected three tab-separated columns (file, exit, verdict), found " + c.length);
            }
            int exit;
            try {
                exit = Integer.parseInt(c[1].trim());
            } catch (NumberFormatException e) {
                throw new IOException(tsv + ":" + (i + 1) + ": exit: expected 0, 1 or 2, found '" + c[1] + "'");
            }
            String verdict = c[2].trim();
            if (!verdict.equals("valid") && !verdict.startsWith("unreadable:")) {
                for (String n : verdict.split(",")) {
                    if (Property.byName(n).isEmpty()) {
                        throw new IOException(tsv + ":" + (i + 1) + ": verdict: '" + n + "' is not a property of the model");
                    }
                }
            }
            rows.add(new Row(dir.resolve(c[0].trim()), c[0].trim(), i + 1, exit, verdict));
        }
        return new ExpectedVerdicts(tsv, List.copyOf(rows));
    }
}
