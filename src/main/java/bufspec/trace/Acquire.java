package bufspec.trace;

/**
 * A call of {@code bf_getbuffer(exporter, view, flags)} as seen by the tracer.
 *
 * @param obj       on success the id in {@code view->obj}; null on failure
 * @param objAfter  the raw pointer in {@code view->obj} after the call (0 for NULL)
 * @param objBefore the raw pointer in {@code view->obj} before the call (may be stack garbage)
 * @param fields    the view's fields on success; null on failure
 * @param rc        the exporter's reference count around the call, or null
 * @param counter   the object whose export counter {@code exports} reports (defaults to {@code obj})
 * @param exports   the export counter around the call, or null where unreadable; in a
 *                  free-threaded log with {@code startSeq}, the value this thread read and the
 *                  value it wrote
 * @param startSeq  free-threaded logs: the seq at which the call started (read the counter),
 *                  below {@code seq}, where it wrote; {@link #ATOMIC} when absent (the call is
 *                  one step)
 */
public record Acquire(long line, long seq, long tid, ObjectId exporter, String type, long view, int flags,
                      boolean ok, String error, long objBefore, ObjectId obj, long objAfter,
                      ViewFields fields, Counts rc, ObjectId counter, Counts exports, long startSeq) implements Event {

    /** {@code startSeq} of a call the log gives as one step. */
    public static final long ATOMIC = -1;

    public Acquire(long line, long seq, long tid, ObjectId exporter, String type, long view, int flags,
                   boolean ok, String error, long objBefore, ObjectId obj, long objAfter,
                   ViewFields fields, Counts rc, ObjectId counter, Counts exports) {
        this(line, seq, tid, exporter, type, view, flags, ok, error, objBefore, obj, objAfter, fields, rc, counter,
                exports, ATOMIC);
    }

    @Override public String kind() { return "acquire"; }

    /** The object whose counter is reported: {@code counter}, else the view's obj, else the exporter. */
    public ObjectId counterOrExporter() {
        return counter != null ? counter : obj != null ? obj : exporter;
    }

    @Override
    public String summary() {
        StringBuilder s = new StringBuilder("acquire ").append(ok ? "ok" : "FAILED").append(' ')
                .append(type).append(' ').append(exporter).append(" into view ").append(Pointers.format(view));
        if (!ok && error != null) s.append(" (").append(error).append(')');
        if (rc != null) s.append(" rc ").append(rc);
        if (exports != null) s.append(" exports ").append(exports);
        return s.toString();
    }
}
