package bufspec.report.diagram;

/** One row of a sequence diagram, top to bottom: an arrow between lifelines, or a note over them. */
public sealed interface Item {

    /** Whether this row is (part of) the offending step, drawn highlighted. */
    boolean highlighted();

    /**
     * An arrow from one lifeline to another (or to itself). {@code reply} draws it dashed (a value
     * handed back, e.g. the filled struct). {@code step} is the step's reference shown to the reader
     * ({@code "3"} for a model state, {@code "L12"} for a log line), empty when the arrow continues
     * the row above.
     */
    record Message(String from, String to, String step, String label, boolean reply, boolean highlighted)
            implements Item {
    }

    /** A note spanning the lifelines {@code from} to {@code to} (the same id for one lifeline). */
    record Note(String from, String to, String text, boolean highlighted) implements Item {
    }
}
