package bufspec.bench;

import bufspec.exact.Agreement;
import bufspec.exact.LoadedLog;
import bufspec.exact.Slice;
import bufspec.exact.Slicer;
import bufspec.exact.TlcEngine;
import bufspec.replay.Replay;
import bufspec.result.ExpectedVerdicts;
import bufspec.result.FileResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench tlc [LOG]}: events/s of the TLC engine on a recorded log, with slicing (parallel
 * batched TLC runs) and without (the whole log as one behaviour), beside the replay engine on the
 * same log; and whether the engines agree. Target: a 100,000-event log in under 2 minutes.
 *
 * <p>Each line gives the wall time, events/s, the CPU seconds of the TLC JVMs (less sensitive to
 * a shared machine's other load than wall time) and the TLC runs: how many, and the wall time of
 * the longest one (JVM start to exit).
 */
@Command(name = "tlc", mixinStandardHelpOptions = true,
        description = "TLC engine throughput on a recorded log, sliced and unsliced, beside the replay engine.")
public final class TlcBench implements Callable<Integer> {

    static final String DEFAULT_LOG = "traces/corpus/real-service.ndjson.gz";

    @Parameters(arity = "0..1", paramLabel = "LOG", description = "a recorded log (default: " + DEFAULT_LOG + ")")
    Path log;

    @Option(names = "--root", paramLabel = "DIR",
            description = "a bufspec checkout whose tla/ (and default LOG) to use (default: the specs bundled in the jar,"
                    + " the LOG under the current directory)")
    Path root;

    @Option(names = "--no-unsliced", negatable = false, description = "skip the unsliced run")
    boolean noUnsliced;

    @Option(names = "--unsliced-timeout", defaultValue = "600",
            description = "seconds before the unsliced run is abandoned (default: ${DEFAULT-VALUE})")
    long unslicedTimeout;

    @Option(names = "--batch-events", description = "about how many events one TLC run checks (default: the engine's)")
    Integer batchEvents;

    @Option(names = "--heap", description = "heap of each TLC JVM (default: the engine's)")
    String heap;

    @Override
    public Integer call() {
        Path file = log != null ? log : (root != null ? root : Path.of("")).resolve(DEFAULT_LOG);
        if (!Files.isRegularFile(file)) {
            System.err.println("bench tlc: no such log: " + file + (log != null ? ""
                    : " (the default log is in a bufspec checkout: run there, give --root CHECKOUT, or name a LOG)"));
            return 2;
        }
        LoadedLog loaded = LoadedLog.read(file.toString(), false, bufspec.trace.TraceReader.DEFAULT_MAX_LINE_BYTES);
        List<Slice> slices = Slicer.slice(loaded.events());
        int largest = slices.stream().mapToInt(s -> s.events().size()).max().orElse(0);
        long n = loaded.events().size();
        System.out.printf("log            %s%n", file);
        System.out.printf("events         %,d%n", n);
        System.out.printf("slices         %,d (largest %,d events)%n", slices.size(), largest);
        System.out.printf("model layer    sliced: %s%n", TlcEngine.modelLayerCoverage(slices, loaded.midrun()).describe());
        if (!noUnsliced) {
            System.out.printf("model layer    unsliced: %s%n",
                    TlcEngine.modelLayerCoverage(Slicer.whole(loaded.events()), loaded.midrun()).describe());
        }
        System.out.printf("cores          %d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("%-14s %9s %12s %9s  %-22s %s%n", "engine", "wall s", "events/s", "TLC cpu s", "TLC runs", "verdict");

        long t0 = System.nanoTime();
        FileResult replay = new Replay(Replay.Options.defaults()).validateFile(file.toString());
        double replayS = seconds(t0);
        line("replay", replayS, n, Double.NaN, "-", ExpectedVerdicts.describe(replay));

        TlcEngine.Options base = TlcEngine.Options.defaults(bufspec.spec.BundledSpecs.rootOr(root).resolve("tla")).withProgress(System.err);
        if (batchEvents != null) base = base.withBatchEvents(batchEvents);
        if (heap != null) base = base.withHeap(heap);
        TlcEngine slicedEngine = new TlcEngine(base);
        double cpu0 = ChildCpu.seconds();
        t0 = System.nanoTime();
        FileResult sliced = slicedEngine.validate(loaded);
        double slicedS = seconds(t0);
        line("tlc sliced", slicedS, n, ChildCpu.seconds() - cpu0, runs(slicedEngine.runs()), ExpectedVerdicts.describe(sliced));

        if (!noUnsliced) {
            TlcEngine.Options whole = new TlcEngine.Options(base.tlaDir(), false, 1, Integer.MAX_VALUE, false,
                    base.maxLineBytes(), heap != null ? heap : "4g", Duration.ofSeconds(unslicedTimeout), System.err);
            TlcEngine wholeEngine = new TlcEngine(whole);
            cpu0 = ChildCpu.seconds();
            t0 = System.nanoTime();
            try {
                FileResult r = wholeEngine.validate(loaded);
                line("tlc unsliced", seconds(t0), n, ChildCpu.seconds() - cpu0, runs(wholeEngine.runs()),
                        ExpectedVerdicts.describe(r));
                System.out.println("agreement      unsliced: " + Agreement.of(replay, r));
            } catch (TlcEngine.EngineFailure e) {
                System.out.printf("%-14s not finished after %.0f s (TLC cpu %.0f s): %s%n", "tlc unsliced",
                        seconds(t0), ChildCpu.seconds() - cpu0, e.getMessage());
            }
        }
        System.out.println("agreement      sliced: " + Agreement.of(replay, sliced));
        System.out.printf("target         TLC sliced, 100,000 events < 120 s: %.1f s for %,d events%n", slicedS, n);
        return 0;
    }

    private static void line(String engine, double s, long events, double cpu, String runs, String verdict) {
        System.out.printf("%-14s %9.2f %12s %9s  %-22s %s%n", engine, s, String.format("%,.0f", events / s),
                Double.isNaN(cpu) ? "-" : String.format("%.1f", cpu), runs, verdict);
    }

    private static String runs(List<TlcEngine.Run> runs) {
        long max = runs.stream().mapToLong(TlcEngine.Run::millis).max().orElse(0);
        return String.format("%d (longest %.1f s)", runs.size(), max / 1000.0);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
