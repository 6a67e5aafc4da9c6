package bufspec.report.validate;

import bufspec.trace.Acquire;
import bufspec.trace.Chain;
import bufspec.trace.Dealloc;
import bufspec.trace.Event;
import bufspec.trace.ObjectId;
import bufspec.trace.Release;
import bufspec.trace.Resize;
import bufspec.trace.TraceError;
import bufspec.trace.TraceListener;
import bufspec.trace.TraceReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a log again, through the validator's own {@link TraceReader}, for what a violation's
 * one-line renderings leave out: the thread of each event and the type of each object. A log
 * that is no longer there (a report made from a CI artifact) yields nothing: diagrams then show
 * one "consumer" lifeline.
 */
public final class LogLines {

    private LogLines() {
    }

    /** The thread of each wanted line, and the type name of each of the objects asked about. */
    public record Facts(Map<Long, Long> threads, Map<String, String> types) {
        public static final Facts NONE = new Facts(Map.of(), Map.of());
    }

    /**
     * The thread of each of the {@code wanted} lines and the type of each of {@code objects} (as
     * the trace format writes them, {@code 0x7f3a5c0012f0#0}) as the log up to the last wanted line
     * gives it; {@link Facts#NONE} when the file cannot be read.
     */
    public static Facts read(Path file, Set<Long> wanted, Set<String> objects) {
        if (wanted.isEmpty() || !Files.isRegularFile(file)) {
            return Facts.NONE;
        }
        long last = new TreeSet<>(wanted).last();
        Map<Long, Long> threads = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        TraceListener quiet = new TraceListener() {
            @Override
            public void error(TraceError error) {
                // the validator reported it already
            }

            @Override
            public void truncated(long line, long bytes) {
            }
        };
        try (TraceReader r = TraceReader.open(file.toString(), TraceReader.DEFAULT_MAX_LINE_BYTES, quiet)) {
            Event e;
            while ((e = r.next()) != null && e.line() <= last) {
                if (wanted.contains(e.line()) && !(e instanceof bufspec.trace.Header)) {
                    threads.put(e.line(), e.tid());
                }
                if (e instanceof Acquire a) {
                    type(a.exporter(), a.type(), objects, types);
                } else if (e instanceof Release rl) {
                    type(rl.exporter(), rl.type(), objects, types);
                } else if (e instanceof Resize rs) {
                    type(rs.exporter(), rs.type(), objects, types);
                } else if (e instanceof Dealloc d) {
                    type(d.object(), d.type(), objects, types);
                } else if (e instanceof Chain.Hold h) {
                    type(h.holder(), h.holderType(), objects, types);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Facts.NONE;
        }
        return new Facts(threads, types);
    }

    private static void type(ObjectId id, String type, Set<String> objects, Map<String, String> types) {
        if (id != null && type != null) {
            String name = id.toString();
            if (objects.contains(name)) {
                types.putIfAbsent(name, type);
            }
        }
    }
}
