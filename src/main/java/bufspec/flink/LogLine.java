package bufspec.flink;

/**
 * One record of the job: a line of a process's log, or the end of that log. A Flink POJO (public
 * fields, no-argument constructor), so that no generic serializer is involved.
 */
public final class LogLine {
    /** The process: {@code host/pid@start} from the log's header, or {@code host/file name} without one. */
    public String process;
    public String host;
    /** The log file's path, as violations and verdicts name it. */
    public String file;
    /** The line's number, 1-based; for the end record, the lines read. */
    public long number;
    /** The line's bytes without its newline (empty when {@link #tooLong}). */
    public byte[] bytes;
    public boolean terminated;
    public boolean tooLong;
    public long length;
    /** The end of the log: no line, {@link #error} says why reading stopped if it did not end cleanly. */
    public boolean end;
    /** For an end record: the exception that stopped reading ({@code EOFException: ...}), or null. */
    public String errorType;
    public String errorMessage;

    public LogLine() {}
}
