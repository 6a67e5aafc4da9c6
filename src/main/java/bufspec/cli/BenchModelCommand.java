package bufspec.cli;

import bufspec.bench.ModelBench;
import bufspec.tlc.ConfigError;
import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bufspec bench model}: TLC on the default configuration with and without symmetry. */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = {"Runs TLC on tla/MCBufferProtocol.cfg and tla/MCBufferProtocolNoSymmetry.cfg and prints",
                "distinct states, states/s, wall time and the reduction from symmetry."})
public final class BenchModelCommand implements Callable<Integer> {

    @Option(names = "--root", paramLabel = "DIR", description = "repository root (default: the current directory)")
    Path root = Path.of("");

    @Option(names = "--workers", paramLabel = "N", description = "TLC worker threads (default: ${DEFAULT-VALUE})")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--heap", paramLabel = "SIZE", description = "TLC's JVM heap (default: ${DEFAULT-VALUE})")
    String heap = "4g";

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "time limit per run (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 3600;

    @Override
    public Integer call() throws InterruptedException {
        List<ModelBench.Figures> figures;
        try {
            TlcRunner.Options options = new TlcRunner.Options(workers, heap, Duration.ofSeconds(timeoutSeconds), false, 0);
            figures = new ModelBench(new TlcRunner(), options).run(root, ModelBench.CONFIGS, System.err);
        } catch (ConfigError | IllegalArgumentException e) {
            System.err.println("bufspec bench model: " + e.getMessage());
            return 2;
        }
        ModelBench.print(figures, System.out);
        return figures.stream().allMatch(f -> f.outcome() == TlcOutcome.SUCCESS) ? 0 : 1;
    }
}
