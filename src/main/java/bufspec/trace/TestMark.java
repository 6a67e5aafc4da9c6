package bufspec.trace;

/**
 * A test's start or end, written by the pytest plugin ({@code kind: "test"}). Not buffer traffic:
 * the rules ignore it; it divides the log into the parts each test wrote, so a report can name
 * the test during which a violating event happened.
 *
 * @param nodeid  the test's id as its runner names it (pytest's node id); any string
 * @param outcome at the end: {@code passed}, {@code failed} or {@code skipped}, when the runner said
 */
public record TestMark(long line, long seq, long tid, Phase phase, String nodeid, String outcome) implements Event {

    /** Which boundary of the test this mark is. */
    public enum Phase { START, END }

    @Override public String kind() { return "test"; }

    @Override
    public String summary() {
        return "test " + (phase == Phase.START ? "start " : "end ") + nodeid + (outcome == null ? "" : " (" + outcome + ")");
    }
}
