package bufspec.trace;

/** An observation {@code [before, after]} around a call: a reference count or an export counter. */
public record Counts(long before, long after) implements java.io.Serializable {

    public long delta() {
        return after - before;
    }

    @Override
    public String toString() {
        return before + " -> " + after;
    }
}
