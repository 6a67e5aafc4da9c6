package bufspec.result;

import bufspec.model.Property;
import bufspec.trace.TraceError;

import java.util.List;
import java.util.Map;

/**
 * The validation of one log (one process).
 *
 * @param file            the file name ({@code <stdin>} for standard input)
 * @param attached        {@code start} or {@code midrun} from the header, null if there was none
 * @param ending          how the log ended
 * @param stats           counts
 * @param verdicts        one verdict per property (every property present)
 * @param violations      the first violation of each violated property, in full, in log order (in a log
 *                        with test marks: the first of each property in each test and between tests)
 * @param violationCounts how many violations of each property (first included)
 * @param errors          the first input errors in full (at most {@link #MAX_ERRORS_KEPT})
 * @param errorCount      how many input errors in all
 * @param notes           facts worth knowing that are not violations (truncation, open views, ...)
 */
public record FileResult(String file, String attached, Ending ending, Stats stats, Map<Property, Verdict> verdicts,
                         List<Violation> violations, Map<Property, Long> violationCounts, List<TraceError> errors,
                         long errorCount, List<String> notes) {

    public static final int MAX_ERRORS_KEPT = 20;

    /** How a log ended. */
    public enum Ending {
        /** A footer written after interpreter finalization: leaks are judged. */
        FOOTER_FINALIZED,
        /** A footer written before finalization: module globals may still hold views. */
        FOOTER,
        /** No footer: the process died or the log was cut; open views are not leaks. */
        TRUNCATED,
        /** Reading stopped at an input error (--strict, or an unknown format version). */
        STOPPED
    }

    public FileResult {
        verdicts = Map.copyOf(verdicts);
        violations = List.copyOf(violations);
        violationCounts = Map.copyOf(violationCounts);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    public long totalViolations() {
        return violationCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
