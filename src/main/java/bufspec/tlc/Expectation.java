package bufspec.tlc;

import bufspec.model.Property;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a configuration's {@code \* bufspec-expect:} comment says TLC must find. */
public sealed interface Expectation {

    /** TLC explores the whole state space and finds nothing. */
    record Pass() implements Expectation {
        @JsonValue
        @Override
        public String toString() {
            return "pass";
        }
    }

    /** TLC finds a violation of {@code property} with a counterexample of {@code length} states. */
    record Violation(Property property, int length) implements Expectation {
        public Violation {
            if (length < 1) {
                throw new IllegalArgumentException("a counterexample has at least one state, not " + length);
            }
        }

        @JsonValue
        @Override
        public String toString() {
            return "violation " + property.name() + " length " + length;
        }
    }
}
