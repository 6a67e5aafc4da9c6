package bufspec.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * Feeds one long-lived Jackson parser line by line, so the parser never sees past the line it is
 * decoding: when a line ends inside an object, the feed reports end of input instead of handing
 * over the next line, and that line alone is rejected. Lines over the limit and blank lines are
 * reported here and never reach the parser. Each line is followed by a newline byte.
 */
final class LineFeed extends InputStream {
    private final LineReader lines;
    private final String file;
    private final int maxLineBytes;
    private final TraceListener listener;

    private byte[] cur;
    private int pos;
    private int end;
    private boolean newlinePending;
    private boolean mayAdvance;
    private long line;
    private boolean terminated = true;

    LineFeed(LineReader lines, String file, int maxLineBytes, TraceListener listener) {
        this.lines = lines;
        this.file = file;
        this.maxLineBytes = maxLineBytes;
        this.listener = listener;
    }

    /** The next read may move on to the next line (the decoder is between events). */
    void allowAdvance() {
        mayAdvance = true;
    }

    /** Forgets the rest of the current line (after an error in it). */
    void dropRestOfLine() {
        pos = end;
        newlinePending = false;
    }

    /** The number of the line being served. */
    long line() {
        return line;
    }

    /** Whether the current line ended with a newline (false only for a cut-off last line). */
    boolean terminated() {
        return terminated;
    }

    /** The current line's length in bytes. */
    int length() {
        return end;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos < end) {
            int n = Math.min(len, end - pos);
            System.arraycopy(cur, pos, b, off, n);
            pos += n;
            if (pos == end && newlinePending && n < len) { // the line's newline in the same read
                newlinePending = false;
                b[off + n++] = '\n';
            }
            return n;
        }
        if (newlinePending) {
            newlinePending = false;
            b[off] = '\n';
            return 1;
        }
        if (!mayAdvance) return -1; // the line ended inside a value: end of input for this line
        while (lines.next()) {
            line = lines.number;
            if (lines.tooLong) {
                listener.error(new TraceError(file, line, null, "a line of at most " + maxLineBytes
                        + " bytes (--max-line-bytes)", lines.length + " bytes"));
                continue;
            }
            if (blank(lines.bytes, lines.off, lines.len)) {
                if (lines.terminated) {
                    listener.error(new TraceError(file, line, null, "one JSON object per line", "an empty line"));
                }
                continue;
            }
            mayAdvance = false;
            terminated = lines.terminated;
            cur = lines.bytes;
            pos = lines.off;
            end = lines.off + lines.len;
            newlinePending = terminated;
            return read(b, off, len);
        }
        return -1;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    private static boolean blank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') return false;
        }
        return true;
    }
}
