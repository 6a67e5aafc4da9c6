package bufspec.report.validate;

import java.util.List;
import java.util.Map;

/**
 * A {@code bufspec validate} run as its JSON output ({@code validate --format json}) describes it:
 * engine-neutral, so a report can be made from a CI artifact without the logs or the validator.
 */
public record ValidateRun(String engine, int exitCode, long violations, long errors, Map<String, String> verdicts,
                          List<FileRun> files) {

    public ValidateRun {
        verdicts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verdicts));
        files = List.copyOf(files);
    }

    /** One log. {@code stats} keeps the JSON's names ({@code events}, {@code views}, ...). */
    public record FileRun(String file, String attached, String ending, Map<String, Long> stats,
                          Map<String, String> verdicts, Map<String, Long> violationCounts,
                          List<ViolationRec> violations, long errorCount, List<ErrorRec> errors, List<String> notes) {
        public FileRun {
            stats = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stats));
            verdicts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verdicts));
            violationCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(violationCounts));
            violations = List.copyOf(violations);
            errors = List.copyOf(errors);
            notes = List.copyOf(notes);
        }
    }

    /** The first violation of one property in one log, with the earlier events of the same object. */
    public record ViolationRec(String property, String file, long line, long seq, String event, String explanation,
                               List<HistoryStep> history) {
        public ViolationRec {
            history = List.copyOf(history);
        }
    }

    /** An earlier event: its line in the log and the validator's one-line rendering. */
    public record HistoryStep(long line, String event) {
    }

    /** A line of the log that could not be read. */
    public record ErrorRec(String file, long line, String field, String expected, String found, String message) {
    }
}
