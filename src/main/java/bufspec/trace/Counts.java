package bufspec.trace;

/** An observation {@code [before, after]} around a call: a reference count or an export counter. */
public record Counts(long before, long after) implements java.io.Serializable {

    private static final int SMALL = 64;
    private static final Counts[] SHARED = new Counts[SMALL * SMALL];

    static {
        for (int b = 0; b < SMALL; b++) {
            for (int a = 0; a < SMALL; a++) SHARED[b * SMALL + a] = new Counts(b, a);
        }
    }

    /** The pair; one shared instance for small counts (nearly all export counters and many refcounts). */
    public static Counts of(long before, long after) {
        if (before >= 0 && before < SMALL && after >= 0 && after < SMALL) return SHARED[(int) before * SMALL + (int) after];
        return new Counts(before, after);
    }

    public long delta() {
        return after - before;
    }

    @Override
    public String toString() {
        return before + " -> " + after;
    }
}
