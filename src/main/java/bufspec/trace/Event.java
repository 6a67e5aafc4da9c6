package bufspec.trace;

/**
 * One line of a {@code bufspec-trace} log. Every event knows the line it came from; all but the
 * header carry {@code seq} (strictly increasing in a file) and {@code tid}.
 */
public sealed interface Event extends java.io.Serializable
        permits Header, Acquire, Release, Dealloc, Resize, Freed, Chain, TestMark, Footer {

    /** 1-based line number in the log. */
    long line();

    /** Global sequence number; -1 for the header, which has none. */
    long seq();

    /** Thread id; 0 for the header. */
    long tid();

    /** The wire name of the event kind ({@code acquire}, {@code release}, ...). */
    String kind();

    /** A one-line rendering for reports. */
    String summary();
}
