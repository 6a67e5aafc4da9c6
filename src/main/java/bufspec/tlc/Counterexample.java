package bufspec.tlc;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The trace TLC printed for a violation or deadlock, in order, markers included. */
public record Counterexample(List<CounterexampleStep> steps) {
    public static final Counterexample NONE = new Counterexample(List.of());

    public Counterexample {
        steps = List.copyOf(steps);
    }

    /** Number of states (markers not counted): what a {@code bufspec-expect ... length N} compares with. */
    @JsonProperty("length")
    public int length() {
        return (int) steps.stream().filter(s -> s instanceof CounterexampleStep.State).count();
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<CounterexampleStep.State> states() {
        return steps.stream().filter(s -> s instanceof CounterexampleStep.State)
                .map(s -> (CounterexampleStep.State) s).toList();
    }

    /** Whether the trace ends in a loop back or stuttering (a liveness counterexample). */
    @JsonProperty("lasso")
    public boolean isLasso() {
        return !steps.isEmpty() && !(steps.get(steps.size() - 1) instanceof CounterexampleStep.State);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
