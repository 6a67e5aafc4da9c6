package bufspec.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@code bufspec-trace} log one event at a time. Memory is bounded by the line limit,
 * not by the log's length. Besides decoding lines it checks the log's framing: a header first
 * (with a known version), strictly increasing {@code seq}, nothing after the footer. A bad line is
 * reported to the listener and skipped; an unknown format version stops the file.
 */
public final class TraceReader implements Closeable {

    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private final String file;
    private final InputStream in;
    private final LineReader lines;
    private final LineFeed feed;
    private final EventDecoder decoder = new EventDecoder();
    /** Shared (a factory is thread-safe and costly to build: its symbol tables are made once). */
    private static final JsonFactory factory = new Utf8JsonFactory();
    private JsonParser parser;
    private long lastEventLine;
    private final TraceListener listener;
    private final int maxLineBytes;
    private final Framing framing = new Framing();

    public TraceReader(String file, InputStream in, int maxLineBytes, TraceListener listener) {
        this.file = file;
        this.in = in;
        this.lines = new LineReader(in, maxLineBytes);
        this.listener = listener;
        this.maxLineBytes = maxLineBytes;
        this.feed = new LineFeed(lines, file, maxLineBytes, listener);
    }

    /** Opens a file, or stdin for {@code "-"}; gzip is recognised by its magic bytes. */
    public static TraceReader open(String name, int maxLineBytes, TraceListener listener) throws IOException {
        return open(name, maxLineBytes, listener, ReadProgress.NONE);
    }

    /** As {@link #open(String, int, TraceListener)}, counting the raw bytes read into {@code progress}. */
    public static TraceReader open(String name, int maxLineBytes, TraceListener listener, ReadProgress progress)
            throws IOException {
        InputStream raw = progress.wrap(name.equals("-") ? System.in : Files.newInputStream(Path.of(name)));
        return new TraceReader(name.equals("-") ? "<stdin>" : name, maybeGunzip(raw), maxLineBytes, listener);
    }

    /** {@code raw}, decompressed when it starts with gzip's magic bytes; buffered either way. */
    public static InputStream maybeGunzip(InputStream raw) throws IOException {
        BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
        b.mark(2);
        int m0 = b.read();
        int m1 = b.read();
        b.reset();
        if (m0 == 0x1f && m1 == 0x8b) return new GZIPInputStream(b, 1 << 16);
        return b;
    }

    public String file() {
        return file;
    }

    /** Whether reading stopped early because the file cannot be interpreted (unknown version). */
    public boolean stopped() {
        return framing.stopped();
    }

    /** Lines read so far. */
    public long lines() {
        return lines.number;
    }

    /**
     * The next usable event, or null at the end of the log. One parser reads the whole log through
     * a {@link LineFeed}; after a bad line it is replaced, and decoding resumes at the next line.
     */
    public Event next() throws IOException {
        while (!framing.stopped()) {
            if (parser == null) parser = factory.createParser(feed);
            feed.allowAdvance();
            JsonToken t;
            try {
                t = parser.nextToken();
            } catch (JsonProcessingException x) {
                if (!badLine(null, "one JSON object per line", x.getOriginalMessage())) return null;
                continue;
            }
            if (t == null) return null;
            long n = feed.line();
            if (n == lastEventLine) {
                if (!badLine(null, "nothing after the JSON object", EventDecoder.describeTopLevel(parser))) return null;
                continue;
            }
            if (t != JsonToken.START_OBJECT) {
                if (!badLine(null, "one JSON object per line", EventDecoder.describeTopLevel(parser))) return null;
                continue;
            }
            Event e;
            try {
                e = decoder.decode(parser, n);
            } catch (DecodeException x) {
                if (!badLine(x.field, x.expected, x.found)) return null;
                continue;
            } catch (JsonProcessingException x) {
                if (!badLine(null, "valid JSON", x.getOriginalMessage())) return null;
                continue;
            }
            lastEventLine = n;
            if (framing.frame(e, file, listener)) return e;
        }
        return null;
    }

    /**
     * Reports the current line as bad and drops it (with the parser, which may be mid-object).
     * A cut-off last line that does not parse is a truncation, not a bad line: then false (the end).
     */
    private boolean badLine(String field, String expected, String found) throws IOException {
        long n = feed.line();
        parser.close();
        parser = null;
        feed.dropRestOfLine();
        if (!feed.terminated() && field == null) {
            listener.truncated(n, feed.length());
            return false;
        }
        listener.error(new TraceError(file, n, field, expected, found));
        return true;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) parser.close();
        if (in != System.in) in.close();
    }
}
