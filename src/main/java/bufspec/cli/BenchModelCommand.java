package bufspec.cli;

import bufspec.bench.ModelBench;
import bufspec.tlc.ConfigError;
import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code bufspec bench model}: TLC on the default configuration with and without symmetry. */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = {"Runs TLC on tla/MCBufferProtocol.cfg and tla/MCBufferProtocolNoSymmetry.cfg and prints",
                "distinct states, states/s, wall time and the reduction from symmetry."})
public final class BenchModelCommand implements Callable<Integer> {

    @Mixin
    TlcOptions tlc = new TlcOptions();

    @Override
    public Integer call() throws InterruptedException {
        List<ModelBench.Figures> figures;
        try {
            TlcRunner.Options options = tlc.runnerOptions(false);
            figures = new ModelBench(new TlcRunner(), options).run(tlc.root(), ModelBench.CONFIGS, System.err);
        } catch (ConfigError | IllegalArgumentException e) {
            System.err.println("bufspec bench model: " + e.getMessage());
            return 2;
        }
        ModelBench.print(figures, System.out);
        return figures.stream().allMatch(f -> f.outcome() == TlcOutcome.SUCCESS) ? 0 : 1;
    }
}
