package bufspec.trace;

/**
 * A call of {@code PyBuffer_Release(view)} with {@code view->obj} non-NULL, as seen by the tracer.
 * {@code view} is the struct address passed, which may be a copy of the acquired struct.
 * {@code startSeq}: as for {@link Acquire#startSeq()} (free-threaded logs), {@link Acquire#ATOMIC}
 * when absent.
 */
public record Release(long line, long seq, long tid, ObjectId exporter, String type, long view,
                      ViewFields fields, boolean hasReleasebuffer, Counts rc, ObjectId counter,
                      Counts exports, long startSeq) implements Event {

    public Release(long line, long seq, long tid, ObjectId exporter, String type, long view,
                   ViewFields fields, boolean hasReleasebuffer, Counts rc, ObjectId counter, Counts exports) {
        this(line, seq, tid, exporter, type, view, fields, hasReleasebuffer, rc, counter, exports, Acquire.ATOMIC);
    }

    @Override public String kind() { return "release"; }

    public ObjectId counterOrExporter() {
        return counter != null ? counter : exporter;
    }

    @Override
    public String summary() {
        StringBuilder s = new StringBuilder("release ").append(type).append(' ').append(exporter)
                .append(" via view ").append(Pointers.format(view));
        if (rc != null) s.append(" rc ").append(rc);
        if (exports != null) s.append(" exports ").append(exports);
        return s.toString();
    }
}
