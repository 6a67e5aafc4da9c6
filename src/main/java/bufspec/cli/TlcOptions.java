package bufspec.cli;

import bufspec.spec.BundledSpecs;
import bufspec.tlc.TlcRunner;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** The options of every command that runs TLC: where the repository is, and how TLC runs. */
final class TlcOptions {

    @Option(names = "--root", paramLabel = "DIR",
            description = "a bufspec checkout (or `bufspec spec --extract` directory) whose tla/ to use"
                    + " (default: the specs bundled in the jar)")
    Path root;

    @Option(names = "--workers", paramLabel = "N",
            description = "TLC worker threads (default: available processors, ${DEFAULT-VALUE}); "
                    + "configurations that expect a violation always use 1")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--heap", paramLabel = "SIZE", description = "TLC's JVM heap, e.g. 4g (default: ${DEFAULT-VALUE})")
    String heap = "4g";

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "time limit per TLC run (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 1800;

    /** The directory holding tla/: --root, else the bundled specs extracted for this run. */
    Path root() {
        return BundledSpecs.rootOr(root);
    }

    /** The runner's options; throws IllegalArgumentException with a readable message for bad values. */
    TlcRunner.Options runnerOptions(boolean reproducible) {
        return new TlcRunner.Options(workers, heap, Duration.ofSeconds(timeoutSeconds), false, 0, reproducible);
    }
}
