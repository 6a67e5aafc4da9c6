package bufspec.result;

import java.util.List;

/**
 * One configuration checked: what it expected, what TLC found ({@code got}, in the expectation's
 * words), whether they agree, the figures of the run, the properties the configuration checks
 * (empty when a JSON file read back lacks that field) and the counterexample, if any (null otherwise).
 */
public record ConfigRun(String config, String expected, String tier, String outcome, String violated,
                        String got, boolean met, String reason, String detail, long generated, long distinct,
                        long queue, int depth, long durationMillis, List<String> checks, Trace trace) {
    public ConfigRun {
        checks = List.copyOf(checks);
    }

    /** A short name for headings and test cases: the file name without {@code .cfg}. */
    public String shortName() {
        String name = config.replaceFirst(".*/", "");
        return name.endsWith(".cfg") ? name.substring(0, name.length() - 4) : name;
    }
}
