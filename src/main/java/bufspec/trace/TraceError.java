package bufspec.trace;

/**
 * A line of a log that could not be used: where it is, which field, what was expected and what
 * was found. {@code field} is null when the whole line is at fault (not JSON, too long).
 */
public record TraceError(String file, long line, String field, String expected, String found)
        implements java.io.Serializable {

    /** {@code trace.ndjson:12: field "rc": expected [before, after], two integers; found "x"}. */
    public String message() {
        StringBuilder s = new StringBuilder().append(file).append(':').append(line).append(": ");
        if (field != null) s.append("field \"").append(field).append("\": ");
        s.append("expected ").append(expected);
        if (found != null) s.append("; found ").append(found);
        return s.toString();
    }
}
