package bufspec.bench;

import bufspec.replay.Replay;
import bufspec.result.FileResult;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a child JVM started with a small heap ({@code -Xmx256m}): measures a bare Jackson token
 * stream over the log (the floor), then the replay validator over the same file on one thread,
 * and prints one {@code key=value} line per figure for the parent to report.
 */
public final class ReplayBenchChild {

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);

        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        long objects = bareParse(file);
        double bareSeconds = (System.nanoTime() - t0) / 1e9;
        double bareCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;

        System.gc();
        AfterGc afterGc = new AfterGc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        FileResult r = new Replay(Replay.Options.defaults()).validateFile(file.toString());
        double replaySeconds = (System.nanoTime() - t1) / 1e9;
        double replayCpu = (threads.getCurrentThreadCpuTime() - c1) / 1e9;
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
        System.out.println("replay.violations=" + r.totalViolations());
        System.out.println("replay.errors=" + r.errorCount());
        System.out.println("replay.views=" + r.stats().views());
        System.out.println("replay.objects=" + r.stats().exporters());
        System.out.println("heap.peak.bytes=" + peak);
        System.out.println("heap.live.peak.bytes=" + afterGc.peak);
        System.out.println("gc.count=" + afterGc.count);
        System.out.println("heap.max.bytes=" + Runtime.getRuntime().maxMemory());
        if (r.totalViolations() > 0) {
            r.violations().forEach(v -> System.out.println("violation=" + v.property() + " line " + v.line() + ": " + v.explanation()));
        }
    }

    /** Tracks the largest heap occupancy right after a collection: the peak live set. */
    static final class AfterGc implements javax.management.NotificationListener {
        volatile long peak;
        volatile long count;

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
        }
    }

    /** One Jackson parser over the whole file, every token pulled, top-level objects counted. */
    static long bareParse(Path file) throws IOException {
        JsonFactory f = new JsonFactory();
        long objects = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = f.createParser(in)) {
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
