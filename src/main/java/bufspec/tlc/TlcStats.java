package bufspec.tlc;

/** Final figures of a run: states generated, distinct states, states left on the queue, depth (diameter). -1 when TLC did not report one. */
public record TlcStats(long generated, long distinct, long queue, int depth) {
    public static final TlcStats NONE = new TlcStats(-1, -1, -1, -1);
}
