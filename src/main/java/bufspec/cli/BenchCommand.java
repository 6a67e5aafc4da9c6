package bufspec.cli;

import bufspec.bench.ReplayBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench model|replay|tlc}: benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {
                ReplayBench.class,
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
