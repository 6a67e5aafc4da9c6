package bufspec.bench;

import bufspec.exact.Agreement;
import bufspec.exact.LoadedLog;
import bufspec.exact.Slice;
import bufspec.exact.Slicer;
import bufspec.exact.TlcEngine;
import bufspec.replay.Replay;
import bufspec.result.FileResult;
import bufspec.result.ExpectedVerdicts;
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
 */
@Command(name = "tlc", mixinStandardHelpOptions = true,
        description = "TLC engine throughput on a recorded log, sliced and unsliced, beside the replay engine.")
public final class TlcBench implements Callable<Integer> {

    static final String DEFAULT_LOG = "traces/corpus/cpython-test_buffer.ndjson.gz";

    @Parameters(arity = "0..1", paramLabel = "LOG", description = "a recorded log (default: " + DEFAULT_LOG + ")")
    Path log;

    @Option(names = "--root", defaultValue = ".", description = "repository root holding tla/ (default: ${DEFAULT-VALUE})")
    Path root;

    @Option(names = "--no-unsliced", negatable = false, description = "skip the unsliced run")
    boolean noUnsliced;

    @Option(names = "--unsliced-timeout", defaultValue = "600",
            description = "seconds before the unsliced run is abandoned (default: ${DEFAULT-VALUE})")
    long unslicedTimeout;

    @Option(names = "--batch-events", defaultValue = "10000",
            description = "about how many events one TLC run checks (default: ${DEFAULT-VALUE})")
    int batchEvents;

    @Option(names = "--heap", defaultValue = "1500m", description = "heap of each TLC JVM (default: ${DEFAULT-VALUE})")
    String heap;

    @Override
    public Integer call() {
        Path file = log != null ? log : root.resolve(DEFAULT_LOG);
        if (!Files.isRegularFile(file)) {
            System.err.println("bench tlc: no such log: " + file);
            return 2;
        }
        LoadedLog loaded = LoadedLog.read(file.toString(), false, bufspec.trace.TraceReader.DEFAULT_MAX_LINE_BYTES);
        List<Slice> slices = Slicer.slice(loaded.events());
        int largest = slices.stream().mapToInt(s -> s.events().size()).max().orElse(0);
        long n = loaded.events().size();
        System.out.printf("log            %s%n", file);
        System.out.printf("events         %,d%n", n);
        System.out.printf("slices         %,d (largest %,d events)%n", slices.size(), largest);
        System.out.printf("cores          %d%n", Runtime.getRuntime().availableProcessors());

        long t0 = System.nanoTime();
        FileResult replay = new Replay(Replay.Options.defaults()).validateFile(file.toString());
        double replayS = seconds(t0);
        System.out.printf("replay         %8.2f s  %,12.0f events/s  %s%n", replayS, n / replayS, ExpectedVerdicts.describe(replay));

        TlcEngine.Options base = TlcEngine.Options.defaults(root.resolve("tla")).withProgress(System.err)
                .withBatchEvents(batchEvents).withHeap(heap);
        t0 = System.nanoTime();
        FileResult sliced = new TlcEngine(base).validate(loaded);
        double slicedS = seconds(t0);
        System.out.printf("tlc sliced     %8.2f s  %,12.0f events/s  %s  (target: 100,000 events < 120 s)%n",
                slicedS, n / slicedS, ExpectedVerdicts.describe(sliced));
        System.out.println("agreement      " + Agreement.of(replay, sliced));

        if (!noUnsliced) {
            TlcEngine.Options whole = new TlcEngine.Options(base.tlaDir(), false, 1, Integer.MAX_VALUE, false,
                    base.maxLineBytes(), "4g", Duration.ofSeconds(unslicedTimeout), System.err);
            t0 = System.nanoTime();
            try {
                FileResult r = new TlcEngine(whole).validate(loaded);
                double s = seconds(t0);
                System.out.printf("tlc unsliced   %8.2f s  %,12.0f events/s  %s%n", s, n / s, ExpectedVerdicts.describe(r));
            } catch (TlcEngine.EngineFailure e) {
                System.out.printf("tlc unsliced   not finished after %.0f s: %s%n", seconds(t0), e.getMessage());
            }
        }
        return 0;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
