package bufspec.trace;

import java.io.Serializable;

/**
 * The framing rules of a log, one event at a time: a header first (with a known version),
 * strictly increasing {@code seq}, nothing after the footer. Serializable, so that a reader's
 * place in a log can be checkpointed with the validator's state.
 */
public final class Framing implements Serializable {
    private static final long serialVersionUID = 1L;

    private long lastSeq = Long.MIN_VALUE;
    private long lastSeqLine;
    private boolean sawHeader;
    private boolean sawFooter;
    private boolean stopped;

    /** Whether the log cannot be interpreted further (an unknown format version). */
    public boolean stopped() {
        return stopped;
    }

    /** Checks the event's place in the log; false if it must be skipped (reported to the listener). */
    public boolean frame(Event e, String file, TraceListener listener) {
        long n = e.line();
        if (e instanceof Header h) {
            if (sawHeader || n != 1) {
                listener.error(new TraceError(file, n, "kind", "the header only on line 1", "a second header"));
                return false;
            }
            sawHeader = true;
            if (h.version() != Header.VERSION) {
                listener.error(new TraceError(file, n, "version", "format version " + Header.VERSION
                        + " (this validator reads no other)", String.valueOf(h.version())));
                stopped = true;
                return false;
            }
            return true;
        }
        if (!sawHeader) {
            sawHeader = true; // report once, then read the rest as version 1 traced from the start
            listener.error(new TraceError(file, n, "kind", "a header line first (format \"" + Header.FORMAT
                    + "\", version " + Header.VERSION + ")", "\"" + e.kind() + "\""));
        }
        if (sawFooter) {
            listener.error(new TraceError(file, n, "kind", "nothing after the footer", "\"" + e.kind() + "\""));
            return false;
        }
        if (e.seq() <= lastSeq) {
            listener.error(new TraceError(file, n, "seq", "a seq greater than " + lastSeq + " (line " + lastSeqLine + ")",
                    String.valueOf(e.seq())));
            return false;
        }
        lastSeq = e.seq();
        lastSeqLine = n;
        if (e instanceof Footer) sawFooter = true;
        return true;
    }
}
