package bufspec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bufspec.jar}: one subcommand per job. */
@Command(name = "bufspec",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Model-checked specification of the CPython buffer protocol, and the tools that hold real code to it.",
        subcommands = {
                CommandLine.HelpCommand.class,
                CheckCommand.class,
                ValidateCommand.class,
                BenchCommand.class,
                ReportCommand.class,
                ConformCommand.class,
                SpecCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
