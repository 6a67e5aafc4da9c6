package bufspec.bench;

import bufspec.replay.Replay;
import bufspec.result.FileResult;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Runs in a child JVM started with a small heap ({@code -Xmx256m}): warms both paths up on the same
 * prefix of the log, then measures a bare Jackson token stream over the whole log (the floor), then
 * the replay validator over the same file on one thread (wall clock and that thread's CPU time), and
 * prints one {@code key=value} line per figure for the parent to report side by side.
 */
public final class ReplayBenchChild {

    /** Bytes of the log's start run through both paths first, so that neither is measured cold. */
    static final long WARM_UP_BYTES = 48L << 20;

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        if (args.length > 2 && args[1].equals("parallel")) {
            parallel(file, Integer.parseInt(args[2]));
            return;
        }

        // Warm-up: the same prefix through the bare parse and through the validator (JIT compiled
        // for both before either is timed). A prefix cut mid-line is just a truncated log.
        try (InputStream in = prefix(file)) {
            bareParse(in);
        }
        try (InputStream in = prefix(file)) {
            new Replay(Replay.Options.defaults()).validateStream("warm-up", in);
        }

        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.gc();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        long objects;
        try (InputStream in = new FileInputStream(file.toFile())) {
            objects = bareParse(in);
        }
        double bareSeconds = (System.nanoTime() - t0) / 1e9;
        double bareCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;

        System.gc();
        AfterGc afterGc = new AfterGc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
        long gc1 = gcMillis();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        long a1 = ((com.sun.management.ThreadMXBean) threads).getCurrentThreadAllocatedBytes();
        FileResult r = new Replay(Replay.Options.defaults()).validateFile(file.toString());
        double replaySeconds = (System.nanoTime() - t1) / 1e9;
        double replayCpu = (threads.getCurrentThreadCpuTime() - c1) / 1e9;
        long allocated = ((com.sun.management.ThreadMXBean) threads).getCurrentThreadAllocatedBytes() - a1;
        double replayGc = (gcMillis() - gc1) / 1e3;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }

        System.out.println("bare.objects=" + objects);
        System.out.println("bare.seconds=" + bareSeconds);
        System.out.println("bare.cpu=" + bareCpu);
        System.out.println("replay.events=" + r.stats().events());
        System.out.println("replay.seconds=" + replaySeconds);
        System.out.println("replay.cpu=" + replayCpu);
        System.out.println("replay.gc.seconds=" + replayGc);
        System.out.println("replay.allocated.bytes=" + allocated);
        System.out.println("replay.violations=" + r.totalViolations());
        System.out.println("replay.errors=" + r.errorCount());
        System.out.println("replay.views=" + r.stats().views());
        System.out.println("replay.objects=" + r.stats().exporters());
        System.out.println("heap.peak.bytes=" + peak);
        System.out.println("heap.live.peak.bytes=" + afterGc.peak);
        System.out.println("heap.live.full.peak.bytes=" + afterGc.fullPeak);
        System.out.println("gc.count=" + afterGc.count);
        System.out.println("gc.full.count=" + afterGc.fullCount);
        System.out.println("heap.max.bytes=" + Runtime.getRuntime().maxMemory());
        if (r.totalViolations() > 0) {
            r.violations().forEach(v -> System.out.println("violation=" + v.property() + " line " + v.line() + ": " + v.explanation()));
        }
    }

    /**
     * {@code logs} copies of the log validated with {@code validate --jobs <cores>} (after one warm-up
     * copy): the all-cores figure, wall clock and the process's CPU time.
     */
    static void parallel(Path file, int logs) {
        Replay replay = new Replay(Replay.Options.defaults());
        try (InputStream in = prefix(file)) {
            replay.validateStream("warm-up", in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.List<String> files = java.util.Collections.nCopies(logs, file.toString());
        int cores = Runtime.getRuntime().availableProcessors();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        var result = replay.validate(files, cores);
        System.out.println("parallel.seconds=" + (System.nanoTime() - t0) / 1e9);
        System.out.println("parallel.cpu=" + (os.getProcessCpuTime() - c0) / 1e9);
        System.out.println("parallel.threads=" + cores);
        System.out.println("parallel.events=" + result.files().stream().mapToLong(f -> f.stats().events()).sum());
        System.out.println("heap.peak.bytes=0");
    }

    /** Time spent in collections so far, all collectors. */
    private static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
        return ms;
    }

    /** The log's first {@link #WARM_UP_BYTES} or so, ending at the end of a line (both paths read it whole). */
    private static InputStream prefix(Path file) throws IOException {
        return new FilterInputStream(new FileInputStream(file.toFile())) {
            private long left = WARM_UP_BYTES;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (done) return -1;
                int n = super.read(b, off, len);
                if (n <= 0) return n;
                if (left > n) {
                    left -= n;
                    return n;
                }
                for (int i = off + (int) Math.max(0, left); i < off + n; i++) {
                    if (b[i] == '\n') {
                        done = true;
                        return i + 1 - off;
                    }
                }
                left = 0;
                return n;
            }
        };
    }

    /** Tracks the largest heap occupancy right after a collection: the peak live set. */
    static final class AfterGc implements javax.management.NotificationListener {
        /** After any collection: an upper bound (old-generation garbage not yet collected counts). */
        volatile long peak;
        volatile long count;
        /** After full collections only: the live set itself. */
        volatile long fullPeak;
        volatile long fullCount;

        AfterGc() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            long used = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (!e.getKey().contains("Metaspace") && !e.getKey().contains("Code") && !e.getKey().contains("Compressed")) {
                    used += e.getValue().getUsed();
                }
            }
            count++;
            if (used > peak) peak = used;
            if (info.getGcAction().contains("major")) {
                fullCount++;
                if (used > fullPeak) fullPeak = used;
            }
        }
    }

    /** One Jackson parser over the whole file, every token pulled, top-level objects counted. */
    static long bareParse(InputStream in) throws IOException {
        JsonFactory f = new JsonFactory();
        long objects = 0;
        try (JsonParser p = f.createParser(in)) {
            JsonToken t;
            int depth = 0;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (depth++ == 0) objects++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.VALUE_STRING) {
                    p.getTextLength(); // touch the value as the validator must
                }
            }
        }
        return objects;
    }
}
