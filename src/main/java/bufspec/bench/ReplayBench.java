package bufspec.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench replay}: generates a large valid log, then in a child JVM limited to 256 MB of heap
 * measures the replay validator (one thread) against a bare Jackson token stream over the same
 * file, and prints the figures with the targets next to them.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay validator throughput and memory on a generated valid log.")
public final class ReplayBench implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "10000000", description = "events to generate (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--dir", description = "directory for the generated log (default: a temporary directory)")
    Path dir;

    @Option(names = "--keep", description = "keep the generated log")
    boolean keep;

    @Option(names = "--heap", defaultValue = "256m", description = "child JVM -Xmx (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--logs", defaultValue = "4",
            description = "copies of the log for the all-cores figure, validate --jobs <cores> in a child JVM with"
                    + " the heap times the cores (default: ${DEFAULT-VALUE}; 0: skip)")
    int logs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("bufspec-bench-");
        Path log = d.resolve("bench-replay-" + events + ".ndjson");
        try {
            long t0 = System.nanoTime();
            long written;
            long bytes;
            try (OutputStream out = Files.newOutputStream(log)) {
                ReplayLogGenerator g = new ReplayLogGenerator(42);
                written = g.write(out, events);
                bytes = g.bytesWritten();
            }
            System.out.printf("generated %,d events (%,d MB) in %.1f s: %s%n", written, bytes >> 20,
                    (System.nanoTime() - t0) / 1e9, log);

            Map<String, String> fig = child(log, heap);
            double bareObjects = Double.parseDouble(fig.get("bare.objects"));
            double replayEvents = Double.parseDouble(fig.get("replay.events"));
            double bareWall = bareObjects / Double.parseDouble(fig.get("bare.seconds"));
            double bareCpu = bareObjects / Double.parseDouble(fig.get("bare.cpu"));
            double replayWall = replayEvents / Double.parseDouble(fig.get("replay.seconds"));
            double replayCpu = replayEvents / Double.parseDouble(fig.get("replay.cpu"));
            long peak = Long.parseLong(fig.get("heap.peak.bytes"));
            long live = Long.parseLong(fig.get("heap.live.peak.bytes"));
            System.out.printf("load average at start: %.2f on %d cores (figures per wall clock AND per thread CPU time)%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("bare Jackson token stream:   %,12.0f events/s wall  %,12.0f events/s cpu%n", bareWall, bareCpu);
            System.out.printf("replay validator (1 thread): %,12.0f events/s wall  %,12.0f events/s cpu   target >= 1,000,000%n",
                    replayWall, replayCpu);
            System.out.printf("ratio replay / bare parse:   %12.2f wall       %12.2f cpu          target >= 0.70%n",
                    replayWall / bareWall, replayCpu / bareCpu);
            long fullCount = Long.parseLong(fig.get("gc.full.count"));
            String liveSet = fullCount > 0
                    ? String.format("peak live set after a full GC %,d MB (%d full collections)",
                            Long.parseLong(fig.get("heap.live.full.peak.bytes")) >> 20, fullCount)
                    : "no full GC was needed";
            System.out.printf("heap: %s; after any GC at most %,d MB (includes promoted garbage); peak used incl. garbage"
                    + " %,d MB; child ran in -Xmx%s (max %,d MB), %s collections taking %.1f s of the replay's %.1f s"
                    + " wall   target < 256 MB%n", liveSet, live >> 20, peak >> 20, heap,
                    Long.parseLong(fig.get("heap.max.bytes")) >> 20, fig.get("gc.count"),
                    Double.parseDouble(fig.get("replay.gc.seconds")), Double.parseDouble(fig.get("replay.seconds")));
            double allocated = Double.parseDouble(fig.getOrDefault("replay.allocated.bytes", "0")) / replayEvents;
            System.out.printf("allocation: %,.0f bytes per event on the validating thread; GC %.0f %% of the replay's wall"
                    + " time   target < 5 %%%n", allocated,
                    100 * Double.parseDouble(fig.get("replay.gc.seconds")) / Double.parseDouble(fig.get("replay.seconds")));
            if (logs > 0) {
                int cores = Runtime.getRuntime().availableProcessors();
                String bigHeap = scaledHeap(heap, cores);
                Map<String, String> par = child(log, bigHeap, "parallel", String.valueOf(logs));
                double parWall = Double.parseDouble(par.get("parallel.events")) / Double.parseDouble(par.get("parallel.seconds"));
                double parCpu = Double.parseDouble(par.get("parallel.events")) / Double.parseDouble(par.get("parallel.cpu"));
                System.out.printf("all cores: %d logs, validate --jobs %s (-Xmx%s): %,12.0f events/s wall  %,12.0f events/s"
                        + " per CPU second; %.2fx the one-thread wall figure   target >= 1.6x%n", logs,
                        par.get("parallel.threads"), bigHeap, parWall, parCpu, parWall / replayWall);
            }
            System.out.printf("validated: %s events, %s views, %s objects, %s violations, %s bad lines%n",
                    fig.get("replay.events"), fig.get("replay.views"), fig.get("replay.objects"),
                    fig.get("replay.violations"), fig.get("replay.errors"));
            boolean clean = fig.get("replay.violations").equals("0") && fig.get("replay.errors").equals("0");
            if (!clean) System.out.println("ERROR: the generated log should be valid");
            return clean ? 0 : 1;
        } finally {
            if (!keep) Files.deleteIfExists(log);
        }
    }

    /** {@code 256m} times {@code n}, in megabytes. */
    static String scaledHeap(String heap, int n) {
        String h = heap.trim().toLowerCase(java.util.Locale.ROOT);
        long mb = h.endsWith("g") ? Long.parseLong(h.substring(0, h.length() - 1)) << 10
                : h.endsWith("m") ? Long.parseLong(h.substring(0, h.length() - 1))
                : Long.parseLong(h) >> 20;
        return mb * n + "m";
    }

    private Map<String, String> child(Path log, String heap, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), ReplayBenchChild.class.getName(), log.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> fig = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int eq = line.indexOf('=');
                if (line.startsWith("violation=")) System.out.println(line);
                else if (eq > 0) fig.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        int code = p.waitFor();
        if (code != 0 || !fig.containsKey("heap.peak.bytes")) {
            throw new IOException("the child JVM failed (exit " + code + "); with -Xmx" + heap + " that may be an OutOfMemoryError");
        }
        return fig;
    }
}
