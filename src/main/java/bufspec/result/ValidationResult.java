package bufspec.result;

import bufspec.model.Property;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of validating one or more logs with one engine ({@code replay}, {@code tlc} or
 * {@code both}). Every renderer of {@code validate} (text, json, junit, sarif) and the report
 * pages take this and nothing else.
 */
public record ValidationResult(String engine, List<FileResult> files) {

    public static final int EXIT_VALID = 0;
    public static final int EXIT_VIOLATED = 1;
    public static final int EXIT_UNREADABLE = 2;

    public ValidationResult {
        files = List.copyOf(files);
    }

    /** Each property's verdict merged over all files. */
    public Map<Property, Verdict> verdicts() {
        Map<Property, Verdict> out = new EnumMap<>(Property.class);
        for (Property p : Property.values()) {
            Verdict v = null;
            for (FileResult f : files) {
                Verdict fv = f.verdicts().get(p);
                v = v == null ? fv : v.merge(fv);
            }
            out.put(p, v == null ? Verdict.NOT_EXERCISED : v);
        }
        return out;
    }

    public long totalViolations() {
        return files.stream().mapToLong(FileResult::totalViolations).sum();
    }

    public long totalErrors() {
        return files.stream().mapToLong(FileResult::errorCount).sum();
    }

    /** 0 valid, 1 a property violated, 2 unreadable input (bad lines and no violation). */
    public int exitCode() {
        if (totalViolations() > 0) return EXIT_VIOLATED;
        if (totalErrors() > 0) return EXIT_UNREADABLE;
        return EXIT_VALID;
    }
}
