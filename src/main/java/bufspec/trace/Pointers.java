package bufspec.trace;

/** Raw pointers: a {@code long}, 0 for NULL, written as lower-case hex strings in traces. */
public final class Pointers {
    private Pointers() {}

    public static final long NULL = 0L;

    /** {@code 0x7f3a5c0012f0}, or {@code null} for NULL. */
    public static String format(long pointer) {
        return pointer == NULL ? "null" : "0x" + Long.toHexString(pointer);
    }
}
