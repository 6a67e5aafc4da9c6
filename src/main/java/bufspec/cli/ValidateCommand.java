package bufspec.cli;

import bufspec.replay.Replay;
import bufspec.report.Format;
import bufspec.result.ValidationResult;
import bufspec.trace.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code validate FILE... [-]}: replays logs against the model's invariants. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates bufspec-trace logs (NDJSON, optionally gzip; '-' for stdin) against the"
                + " buffer protocol's properties. Each file is one process, validated independently.",
                "Exit codes: 0 valid, 1 a property violated, 2 unreadable input (bad lines and no violation)."})
public final class ValidateCommand implements Callable<Integer> {

    /** Engines; only replay exists until issue 5 adds TLC trace validation. */
    enum Engine { replay, tlc, both }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "log files; '-' reads standard input")
    List<String> files;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--engine", defaultValue = "replay", description = "replay (tlc and both: issue 5)")
    Engine engine;

    @Option(names = "--strict", description = "stop a file at its first bad line instead of skipping it")
    boolean strict;

    @Option(names = "--max-line-bytes", defaultValue = "" + TraceReader.DEFAULT_MAX_LINE_BYTES,
            description = "longest acceptable line in bytes (default: ${DEFAULT-VALUE})")
    int maxLineBytes;

    @Override
    public Integer call() throws IOException {
        if (engine != Engine.replay) {
            System.err.println("validate: engine '" + engine + "' is not available yet (issue 5); use --engine replay");
            return ValidationResult.EXIT_UNREADABLE;
        }
        if (maxLineBytes < 64) {
            System.err.println("validate: --max-line-bytes must be at least 64");
            return ValidationResult.EXIT_UNREADABLE;
        }
        ValidationResult result = new Replay(new Replay.Options(strict, maxLineBytes)).validate(files);
        format.renderer().render(result, System.out);
        return result.exitCode();
    }
}
