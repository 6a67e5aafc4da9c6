package bufspec.trace;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it. A line is handed out as a slice of an
 * internal buffer, valid until the next call. Lines longer than the limit are skipped (their
 * bytes are counted, not kept), so memory stays bounded by the limit whatever the input.
 * Public for readers of a log that feed a {@link LineDecoder} line by line.
 */
public final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private byte[] acc = new byte[4096];

    byte[] bytes;
    int off;
    int len;
    long number;
    /** Whether the line ended with a newline (false only for the last line of a file). */
    boolean terminated;
    /** Whether the line exceeded the limit; then {@link #length} holds its full length. */
    boolean tooLong;
    long length;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The current line: its bytes are {@code bytes()[off() .. off() + len())}, without the newline or a CR before it. */
    public byte[] bytes() { return bytes; }
    public int off() { return off; }
    public int len() { return len; }
    /** The current line's 1-based number. */
    public long number() { return number; }
    public boolean terminated() { return terminated; }
    public boolean tooLong() { return tooLong; }
    /** The current line's full length in bytes (before any cut: over the limit, its bytes are not kept). */
    public long length() { return length; }

    /** Advances to the next line; false at the end of the input. */
    public boolean next() throws IOException {
        int accLen = 0;
        long total = 0;
        boolean over = false;
        while (true) {
            if (pos == lim) {
                if (eof || !fill()) {
                    if (total == 0) return false;
                    return finish(acc, 0, accLen, total, over, false);
                }
            }
            int nl = indexOfNewline(buf, pos, lim);
            if (nl >= 0) {
                int chunk = nl - pos;
                total += chunk;
                if (accLen == 0 && !over && total <= maxLineBytes) {
                    int start = pos;
                    pos = nl + 1;
                    return finish(buf, start, chunk, total, false, true);
                }
                if (!over && total <= maxLineBytes) {
                    accLen = append(accLen, pos, chunk);
                } else {
                    over = true;
                }
                pos = nl + 1;
                return finish(acc, 0, accLen, total, over, true);
            }
            int chunk = lim - pos;
            total += chunk;
            if (!over && total <= maxLineBytes) {
                accLen = append(accLen, pos, chunk);
            } else {
                over = true;
            }
            pos = lim;
        }
    }

    private boolean finish(byte[] b, int o, int l, long total, boolean over, boolean nl) {
        number++;
        terminated = nl;
        tooLong = over;
        length = total;
        if (!over && l > 0 && b[o + l - 1] == '\r') l--;
        bytes = b;
        off = o;
        len = over ? 0 : l;
        return true;
    }

    private int append(int accLen, int from, int n) {
        if (accLen + n > acc.length) acc = Arrays.copyOf(acc, Math.max(acc.length * 2, accLen + n));
        System.arraycopy(buf, from, acc, accLen, n);
        return accLen + n;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Finds '\n' eight bytes at a time (a zero byte in x ^ NEWLINES marks it). */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }
}
