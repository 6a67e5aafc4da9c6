package bufspec.trace;

/**
 * Hash mixing for addresses. Pointers are aligned (their low 4 to 6 bits are zero) and share
 * their high bits, so {@code Long.hashCode} puts them into a few buckets of a power-of-two table;
 * mixing spreads them.
 */
public final class Hashing {
    private Hashing() {}

    public static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
