package bufspec.tlc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One numbered line of a TLC counterexample: a state, or one of the two markers that close a
 * liveness counterexample (a lasso back to an earlier state, or infinite stuttering).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface CounterexampleStep {

    /** The step's number in TLC's trace (1 = initial state). */
    int number();

    /**
     * A state reached by {@code action} ("Initial predicate" for the first state); {@code location}
     * is where the action is defined, null when TLC gives none. Variables in TLC's printed order.
     */
    @JsonTypeName("state")
    record State(int number, String action, SourceLocation location, Map<String, TlaValue> variables)
            implements CounterexampleStep {
        public State {
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }

    /** The lasso closes: the behaviour loops back to state {@code number} via {@code action}. */
    @JsonTypeName("back-to-state")
    record BackToState(int number, String action, SourceLocation location) implements CounterexampleStep {
    }

    /** The behaviour stutters forever after the previous state. */
    @JsonTypeName("stuttering")
    record Stuttering(int number) implements CounterexampleStep {
    }
}
