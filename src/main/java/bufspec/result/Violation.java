package bufspec.result;

import bufspec.model.Property;

import java.util.List;

/**
 * One broken property: where (file, line, seq), the event, a one-sentence explanation in the
 * protocol's terms, and the earlier events of the same object that led there (oldest first).
 * Engine-neutral: the replay validator and a TLC trace check both produce these.
 */
public record Violation(Property property, String file, long line, long seq, String event, String explanation,
                        List<Step> history) implements java.io.Serializable {

    public Violation {
        history = List.copyOf(history);
    }

    /** An earlier event: its line and one-line rendering. */
    public record Step(long line, String event) implements java.io.Serializable {}
}
