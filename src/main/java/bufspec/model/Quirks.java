package bufspec.model;

import java.util.Set;

/**
 * The one place where real exporters' documented deviations from the plain rules are listed, by
 * type name. Each entry weakens one rule for one type; docs/trace-format.md explains why.
 */
public final class Quirks {
    private Quirks() {}

    /**
     * Exporters that legitimately hand out different, non-overlapping buffers to live views of
     * the same object: {@code _testbuffer.ndarray} after {@code push} keeps earlier buffers alive
     * for the views that use them. Exempt from NoDanglingView's "buf moved under a live view" rule
     * (not from the resize rule).
     */
    public static final Set<String> SEVERAL_BUFFERS = Set.of("ndarray", "_testbuffer.ndarray");

    /**
     * Exporters whose export counter is raised internally without any Py_buffer (bytearray takes
     * an export on itself inside some methods): a counter reading ABOVE the live views is
     * tolerated and counted in the summary; a reading below is still a violation.
     */
    public static final Set<String> UNTRACED_INTERNAL_EXPORTS = Set.of("bytearray");

    public static boolean severalBuffers(String type) {
        return type != null && SEVERAL_BUFFERS.contains(type);
    }

    public static boolean untracedInternalExports(String type) {
        return type != null && UNTRACED_INTERNAL_EXPORTS.contains(type);
    }
}
