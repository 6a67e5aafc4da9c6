package bufspec.report.progress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of validating one log: events/s, and percent and ETA from the bytes read against the
 * file's size. On a terminal (stderr is one when {@code System.console() != null}) it redraws one
 * bar in place at most {@link #TERMINAL_EVERY_MS} apart; otherwise (CI logs, pipes) it prints a
 * plain line every {@link #PLAIN_EVERY_MS}. Wiring into {@code validate}: wrap the log's raw input
 * stream with {@link #wrap} (it counts bytes, compressed bytes for a .gz file since the size is the
 * compressed size), call {@link #event()} once per event read, and {@link #finish()} at the end.
 * Single-threaded, like the reader it watches; {@link #event()} costs a counter increment and,
 * every 4096 events, one clock read.
 */
public final class ValidationProgress implements bufspec.trace.ReadProgress {

    public static final long TERMINAL_EVERY_MS = 200;
    public static final long PLAIN_EVERY_MS = 10_000;
    private static final int BAR = 28;

    private final String name;
    private final long totalBytes;
    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long bytes;
    private long events;
    private long lastDraw;
    private int lastWidth;
    private boolean drew;

    /**
     * @param totalBytes the file's size, or -1 when unknown (standard input): then no percent and no ETA
     * @param terminal   draw a bar in place (true) or print plain periodic lines (false)
     * @param clock      milliseconds (System::currentTimeMillis, or a fake in tests)
     */
    public ValidationProgress(String name, long totalBytes, PrintStream err, boolean terminal, LongSupplier clock) {
        this.name = name;
        this.totalBytes = totalBytes;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start;
    }

    /** For stderr: a bar when there is a console, plain lines otherwise. */
    public static ValidationProgress forStderr(String name, long totalBytes) {
        return new ValidationProgress(name, totalBytes, System.err, System.console() != null, System::currentTimeMillis);
    }

    /** Counts the bytes read through the returned stream. */
    @Override
    public InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    bytes += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long s = super.skip(n);
                bytes += s;
                return s;
            }
        };
    }

    /** One event read. */
    @Override
    public void event() {
        if ((++events & 4095) == 0) {
            tick();
        }
    }

    /** Bytes read so far, when the caller counts them itself instead of using {@link #wrap}. */
    public void bytesRead(long total) {
        bytes = total;
    }

    private void tick() {
        long now = clock.getAsLong();
        if (now - lastDraw >= (terminal ? TERMINAL_EVERY_MS : PLAIN_EVERY_MS)) {
            lastDraw = now;
            draw(now, false);
        }
    }

    /** Prints the final figures (and ends the bar's line on a terminal). Only if something was drawn or it took a while. */
    @Override
    public void finish() {
        long now = clock.getAsLong();
        if (drew || now - start >= (terminal ? TERMINAL_EVERY_MS : PLAIN_EVERY_MS)) {
            draw(now, true);
        }
        if (terminal && drew) {
            err.println();
        }
        err.flush();
    }

    /** The text of one progress line at time {@code now}; the bar is drawn only for a terminal. */
    String line(long now, boolean done) {
        long ms = Math.max(1, now - start);
        long rate = events * 1000 / ms;
        StringBuilder sb = new StringBuilder(name).append(": ");
        if (totalBytes > 0) {
            double frac = done ? 1.0 : Math.min(1.0, bytes / (double) totalBytes);
            if (terminal) {
                int full = (int) Math.round(frac * BAR);
                sb.append('[').append("#".repeat(full)).append(".".repeat(BAR - full)).append("] ");
            }
            sb.append(String.format(Locale.ROOT, "%3.0f%% (%s of %s)", frac * 100, mb(done ? totalBytes : bytes), mb(totalBytes)));
        } else {
            sb.append(mb(bytes)).append(" read");
        }
        sb.append(String.format(Locale.ROOT, ", %,d events, %,d events/s", events, rate));
        if (done) {
            sb.append(String.format(Locale.ROOT, ", done in %.1f s", ms / 1000.0));
        } else if (totalBytes > 0 && bytes > 0 && bytes < totalBytes) {
            long eta = (long) ((totalBytes - bytes) * (double) ms / bytes / 1000);
            sb.append(String.format(Locale.ROOT, ", ETA %d:%02d", eta / 60, eta % 60));
        }
        return sb.toString();
    }

    private void draw(long now, boolean done) {
        String text = line(now, done);
        if (terminal) {
            int pad = Math.max(0, lastWidth - text.length());
            err.print("\r" + text + " ".repeat(pad));
            lastWidth = text.length();
        } else {
            err.println(text);
        }
        drew = true;
        err.flush();
    }

    private static String mb(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
