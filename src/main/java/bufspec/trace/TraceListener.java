package bufspec.trace;

/** Receives what a {@link TraceReader} finds besides events. */
public interface TraceListener {

    /** A line that could not be used (it is skipped). */
    void error(TraceError error);

    /** The last line had no newline and did not parse: the log was cut off mid-write. */
    void truncated(long line, long bytes);
}
