package bufspec.report.page;

import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.Verdict;

import java.util.Locale;

/** Number, time and result formats shared by the pages. */
final class Text {
    private Text() {
    }

    static String count(long n) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** How a log ended, in the words of the JSON output ({@code footer finalized}, {@code truncated}, ...). */
    static String ending(FileResult f) {
        return f.ending().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The first four figures the pages show of a log, by their JSON names. */
    static long[] figures(FileResult f) {
        var s = f.stats();
        return new long[]{s.events(), s.exporters(), s.views(), s.failedAcquires()};
    }

    /** A property's verdict over the logs of the report, as its label ({@code -} when there are no logs). */
    static String verdict(Report r, Property p) {
        Verdict v = r.validate() == null ? null : r.validate().verdicts().get(p);
        return v == null ? "-" : v.label();
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
