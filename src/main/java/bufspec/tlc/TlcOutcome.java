package bufspec.tlc;

/** How a TLC run ended. */
public enum TlcOutcome {
    /** The whole state space was explored and no property was violated. */
    SUCCESS,
    /** A state invariant was violated; the result names it and has the counterexample. */
    INVARIANT_VIOLATED,
    /** A temporal (or action) property was violated; TLC 2.18 does not name temporal properties. */
    PROPERTY_VIOLATED,
    /** A reachable state has no successor (deadlock checking on). */
    DEADLOCK,
    /** SANY could not parse a module. */
    PARSE_ERROR,
    /** SANY parsed the modules but semantic analysis failed (unknown name, arity, ...). */
    SEMANTIC_ERROR,
    /** An ASSUME of the spec is false for the configured constants. */
    ASSUMPTION_FAILED,
    /** The runner killed TLC after its time limit. */
    TIMEOUT,
    /** TLC reported an error that is none of the above (bad config, evaluation error, ...). */
    OTHER_ERROR,
    /** TLC ended without a verdict (killed, out of memory, JVM failure, interrupted). */
    CRASHED;
}
