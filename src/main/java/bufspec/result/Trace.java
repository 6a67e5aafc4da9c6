package bufspec.result;

import bufspec.tlc.TlaValue;

import java.util.List;
import java.util.Map;

/**
 * A TLC counterexample: its states in order and how it ends. A safety trace simply stops at its
 * last state; a liveness trace is a lasso ({@link Ending.BackTo}) or stutters forever.
 */
public record Trace(List<TraceState> states, Ending ending) {

    public Trace {
        states = List.copyOf(states);
    }

    /** One state: its number, the action that reached it, where that action is defined, the variables. */
    public record TraceState(int number, String action, String location, Map<String, TlaValue> variables) {
        public TraceState {
            variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        }
    }

    /** How the trace ends. */
    public sealed interface Ending {
        /** The last state is the bad one (an invariant violation or a deadlock). */
        record Stops() implements Ending {
        }

        /** The behaviour returns to state {@code number} by {@code action} and loops forever. */
        record BackTo(int number, String action) implements Ending {
        }

        /** The behaviour stays in the last state forever. */
        record Stutters() implements Ending {
        }
    }
}
