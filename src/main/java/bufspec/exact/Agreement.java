package bufspec.exact;

import bufspec.model.Property;
import bufspec.result.ExpectedVerdicts;
import bufspec.result.FileResult;
import bufspec.result.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the replay engine and the TLC engine judged a log alike: the same properties violated,
 * the same first violation (its line, and a property both engines break first on that line), or
 * the same first unreadable line. {@link #differences} is empty when they agree.
 */
public record Agreement(String file, String replay, String tlc, List<String> differences) {

    public boolean agrees() {
        return differences.isEmpty();
    }

    public static Agreement of(FileResult replay, FileResult tlc) {
        List<String> diff = new ArrayList<>();
        Set<String> rp = names(replay), tp = names(tlc);
        if (!rp.equals(tp)) diff.add("violated properties: replay " + rp + ", tlc " + tp);
        if (!replay.violations().isEmpty() && !tlc.violations().isEmpty()) {
            Violation r = replay.violations().get(0), t = tlc.violations().get(0);
            if (r.line() != t.line()) {
                diff.add("first violation: replay " + r.property() + " on line " + r.line() + ", tlc " + t.property()
                        + " on line " + t.line());
            } else if (r.property() != t.property() && firstLine(replay, t.property()) != t.line()) {
                diff.add("first violation on line " + r.line() + ": replay " + r.property() + ", tlc " + t.property());
            }
        }
        if (rp.isEmpty() && tp.isEmpty()) {
            String re = ExpectedVerdicts.describe(replay), te = ExpectedVerdicts.describe(tlc);
            if (!re.equals(te)) diff.add("verdict: replay " + re + ", tlc " + te);
        }
        return new Agreement(replay.file(), ExpectedVerdicts.describe(replay), ExpectedVerdicts.describe(tlc), List.copyOf(diff));
    }

    private static long firstLine(FileResult f, Property p) {
        return f.violations().stream().filter(v -> v.property() == p).mapToLong(Violation::line).findFirst().orElse(-1);
    }

    private static Set<String> names(FileResult f) {
        Set<String> out = new TreeSet<>();
        f.violationCounts().keySet().forEach(p -> out.add(p.name()));
        return out;
    }

    @Override
    public String toString() {
        return agrees() ? file + ": both engines: " + replay
                : file + ": ENGINES DISAGREE: " + String.join("; ", differences);
    }
}
