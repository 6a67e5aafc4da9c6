package bufspec.cli;

import bufspec.bench.ReplayBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bufspec bench}: benchmarks that print figures. One subcommand per benchmark. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Prints benchmark figures.",
        subcommands = {
                BenchModelCommand.class,
                BenchSimCommand.class,
                ReplayBench.class,
                bufspec.bench.TlcBench.class,
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
