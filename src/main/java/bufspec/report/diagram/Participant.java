package bufspec.report.diagram;

/**
 * One lifeline of a sequence diagram: a consumer thread, a {@code Py_buffer} struct (a view) or
 * an exporter object. {@code id} is a stable identifier (letters, digits, underscore); {@code label}
 * is what the reader sees.
 */
public record Participant(String id, String label, Role role) {

    /** What kind of thing a lifeline stands for; the order is the left-to-right order of the roles. */
    public enum Role { CONSUMER, VIEW, EXPORTER }

    public Participant {
        if (!id.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("participant id must be letters, digits, underscore: " + id);
        }
    }
}
