package bufspec.exact;

import bufspec.result.FileResult;
import bufspec.trace.Attachment;
import bufspec.trace.Event;
import bufspec.trace.Footer;
import bufspec.trace.Header;
import bufspec.trace.TestMark;
import bufspec.trace.TraceError;
import bufspec.trace.TraceListener;
import bufspec.trace.TraceReader;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * A log read into memory for the TLC engine: its events (header and footer included), the input
 * errors the reader reported (the same {@link TraceError}s the replay engine reports), and notes.
 */
public record LoadedLog(String file, List<Event> events, List<TraceError> errors, long errorCount,
                        List<String> notes, boolean stopped, Header header, Footer footer) {

    public boolean midrun() {
        return header != null && header.attached() == Attachment.MIDRUN;
    }

    /** Reads {@code name} ({@code -} for stdin); never throws for bad input. */
    public static LoadedLog read(String name, boolean strict, int maxLineBytes) {
        return read(name, null, strict, maxLineBytes);
    }

    /** Reads an open stream (tests, conformance runs) under the name {@code name}. */
    public static LoadedLog read(String name, java.io.InputStream in, boolean strict, int maxLineBytes) {
        String shown = name.equals("-") ? "<stdin>" : name;
        List<Event> events = new ArrayList<>();
        List<TraceError> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long[] errorCount = {0};
        boolean[] failed = {false};
        boolean stopped = false;
        Header header = null;
        Footer footer = null;
        TraceListener l = new TraceListener() {
            @Override public void error(TraceError error) {
                failed[0] = true;
                if (errorCount[0]++ < FileResult.MAX_ERRORS_KEPT) errors.add(error);
            }

            @Override public void truncated(long line, long bytes) {
                notes.add("truncated last line " + line + " (" + bytes + " bytes, no newline): the log was cut off"
                        + " mid-write; everything before it was validated");
            }
        };
        try (TraceReader r = in != null ? new TraceReader(shown, in, maxLineBytes, l)
                : TraceReader.open(name, maxLineBytes, l)) {
            Event e;
            while ((e = r.next()) != null) {
                if (failed[0] && strict) break;
                if (e instanceof TestMark) continue; // test boundaries: not part of any behaviour
                events.add(e);
                if (e instanceof Header h) header = h;
                if (e instanceof Footer f) footer = f;
            }
            if (failed[0] && strict) {
                stopped = true;
                notes.add("--strict: stopped at the first bad line");
            } else if (r.stopped()) {
                stopped = true;
                notes.add("stopped: the log cannot be interpreted (see the error)");
            }
        } catch (NoSuchFileException e) {
            errors.add(new TraceError(shown, 0, null, "a readable log file", "no such file"));
            errorCount[0]++;
            stopped = true;
            notes.add("file not found");
        } catch (IOException e) {
            errors.add(new TraceError(shown, 0, null, "a readable log file (NDJSON, optionally gzip)",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            errorCount[0]++;
            stopped = true;
            notes.add("reading stopped: " + e.getMessage());
        }
        return new LoadedLog(shown, List.copyOf(events), List.copyOf(errors), errorCount[0], List.copyOf(notes),
                stopped, header, footer);
    }
}
