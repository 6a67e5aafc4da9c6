package bufspec.cli;

import bufspec.bench.SimBench;
import bufspec.tlc.ConfigError;
import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code bufspec bench sim}: TLC's random simulation of tla/SIMBufferProtocol.cfg, timed. */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        description = {"Runs TLC's random simulation (-simulate num=N -depth D) of tla/SIMBufferProtocol.cfg and prints",
                "behaviours/s, states/s, wall time and what 1,000,000 behaviours would take at that rate."})
public final class BenchSimCommand implements Callable<Integer> {

    @Mixin
    TlcOptions tlc = new TlcOptions();

    @Option(names = "--behaviours", paramLabel = "N", description = "random behaviours to simulate (default: ${DEFAULT-VALUE})")
    long behaviours = 2000;

    @Option(names = "--depth", paramLabel = "D", description = "states per behaviour at most (default: ${DEFAULT-VALUE})")
    int depth = 60;

    @Override
    public Integer call() throws InterruptedException {
        SimBench.Figures figures;
        try {
            if (behaviours < 1 || depth < 2) {
                throw new IllegalArgumentException("--behaviours must be at least 1 and --depth at least 2");
            }
            TlcRunner.Options options = tlc.runnerOptions(false).simulating(behaviours, depth);
            figures = new SimBench(new TlcRunner(), options).run(tlc.root(), SimBench.CONFIG, System.err);
        } catch (ConfigError | IllegalArgumentException e) {
            System.err.println("bufspec bench sim: " + e.getMessage());
            return 2;
        }
        SimBench.print(figures, System.out);
        return figures.outcome() == TlcOutcome.SUCCESS ? 0 : 1;
    }
}
