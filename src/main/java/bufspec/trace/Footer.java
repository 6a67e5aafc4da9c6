package bufspec.trace;

/** Last line of a log written at a normal exit; its absence means the log is truncated. */
public record Footer(long line, long seq, long tid, long events, String end, boolean finalized) implements Event {

    @Override public String kind() { return "footer"; }

    @Override
    public String summary() {
        return "footer " + events + " events" + (finalized ? " (after finalization)" : " (before finalization)");
    }
}
