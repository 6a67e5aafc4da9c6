package bufspec.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Decodes a log handed over one line at a time (a streaming job's records), with the rules of a
 * {@link TraceReader}: the same line checks, the same framing, the same errors, except that a
 * parse error's location names line 1 (each line is parsed on its own). Serializable: its state
 * between lines is the framing.
 */
public final class LineDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int maxLineBytes;
    private final Framing framing = new Framing();
    private static final JsonFactory factory = new Utf8JsonFactory();
    private transient EventDecoder decoder;

    public LineDecoder(String file, int maxLineBytes) {
        this.file = file;
        this.maxLineBytes = maxLineBytes;
    }

    /** Whether the log cannot be interpreted further (an unknown format version): later lines are ignored. */
    public boolean stopped() {
        return framing.stopped();
    }

    /**
     * One line: {@code len} bytes at {@code off} without its newline ({@code tooLong}: over the limit,
     * {@code length} bytes, none kept). Its event, if usable, goes to {@code events}; what is wrong with
     * the line goes to {@code listener}, after the event when it follows the object on the line.
     */
    public void line(long n, byte[] b, int off, int len, boolean terminated, boolean tooLong, long length,
                     Consumer<Event> events, TraceListener listener) throws IOException {
        if (framing.stopped()) return;
        if (tooLong) {
            listener.error(new TraceError(file, n, null, "a line of at most " + maxLineBytes
                    + " bytes (--max-line-bytes)", length + " bytes"));
            return;
        }
        if (blank(b, off, len)) {
            if (terminated) listener.error(new TraceError(file, n, null, "one JSON object per line", "an empty line"));
            return;
        }
        if (decoder == null) decoder = new EventDecoder();
        try (JsonParser parser = factory.createParser(b, off, len)) {
            JsonToken t;
            try {
                t = parser.nextToken();
            } catch (JsonProcessingException x) {
                bad(n, terminated, len, null, "one JSON object per line", x.getOriginalMessage(), listener);
                return;
            }
            if (t == null) return;
            if (t != JsonToken.START_OBJECT) {
                bad(n, terminated, len, null, "one JSON object per line", EventDecoder.describeTopLevel(parser), listener);
                return;
            }
            Event e;
            try {
                e = decoder.decode(parser, n);
            } catch (DecodeException x) {
                bad(n, terminated, len, x.field, x.expected, x.found, listener);
                return;
            } catch (JsonProcessingException x) {
                bad(n, terminated, len, null, "valid JSON", x.getOriginalMessage(), listener);
                return;
            }
            if (framing.frame(e, file, listener)) events.accept(e);
            try {
                t = parser.nextToken();
            } catch (JsonProcessingException x) {
                bad(n, terminated, len, null, "one JSON object per line", x.getOriginalMessage(), listener);
                return;
            }
            if (t != null) bad(n, terminated, len, null, "nothing after the JSON object", EventDecoder.describeTopLevel(parser), listener);
        }
    }

    /** As {@link TraceReader}: a cut-off last line that does not parse is a truncation, not a bad line. */
    private void bad(long n, boolean terminated, int len, String field, String expected, String found,
                     TraceListener listener) {
        if (!terminated && field == null) {
            listener.truncated(n, len);
            return;
        }
        listener.error(new TraceError(file, n, field, expected, found));
    }

    private static boolean blank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') return false;
        }
        return true;
    }
}
