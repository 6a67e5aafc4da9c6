package bufspec.trace;

/**
 * Last line of a log written at a normal exit; its absence means the log is truncated.
 * {@code unseenAcquires}: successful acquires the tracer left out because it cannot see their
 * release (CPython 3.13+, exporters without bf_releasebuffer); 0 when the log does not say.
 */
public record Footer(long line, long seq, long tid, long events, String end, boolean finalized, long unseenAcquires)
        implements Event {

    @Override public String kind() { return "footer"; }

    @Override
    public String summary() {
        return "footer " + events + " events" + (finalized ? " (after finalization)" : " (before finalization)");
    }
}
