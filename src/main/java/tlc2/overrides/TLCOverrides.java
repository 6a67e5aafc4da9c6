package tlc2.overrides;

/**
 * TLC's hook for Java operator definitions (TLC loads the class of this exact name from its
 * classpath and reads the {@link TLAPlusOperator} methods of the classes it lists). bufspec has one:
 * {@code LogsData} of the generated module {@code TraceLogsData}, the slices of a trace-validation
 * run read from a binary file instead of parsed from TLA+ text ({@link bufspec.exact.LogsData}).
 * Specs that do not extend {@code TraceLogsData} are unaffected.
 */
public final class TLCOverrides implements ITLCOverrides {
    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        return new Class[] {bufspec.exact.LogsData.class};
    }
}
