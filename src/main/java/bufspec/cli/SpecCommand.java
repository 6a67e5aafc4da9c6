package bufspec.cli;

import bufspec.spec.BundledSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code bufspec spec}: lists the specs bundled in the jar, or writes them out to read or edit. */
@Command(name = "spec", mixinStandardHelpOptions = true,
        description = {"Lists the TLA+ specs and example logs bundled in bufspec.jar (what every command uses"
                + " without --root), with their version.",
                "With --extract DIR, writes them to DIR (DIR/tla/..., DIR/traces/examples/...): the files reports"
                + " name, to open; `--root DIR` then makes the commands use them."})
public final class SpecCommand implements Callable<Integer> {

    @Option(names = "--extract", paramLabel = "DIR", description = "write the bundled files under DIR")
    Path extract;

    @Override
    public Integer call() throws IOException {
        if (extract != null) {
            if (Files.exists(extract) && !Files.isDirectory(extract)) {
                System.err.println("spec: --extract " + extract + ": not a directory");
                return 2;
            }
            List<Path> written = BundledSpecs.extractTo(extract);
            System.out.printf("wrote %d files under %s (spec %s)%n", written.size(), extract.toAbsolutePath().normalize(),
                    BundledSpecs.versionOf(extract));
            return 0;
        }
        Path root = BundledSpecs.extracted();
        System.out.println("spec " + BundledSpecs.bundledVersion() + ", bundled in bufspec.jar:");
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
                    .forEach(f -> System.out.println("  " + f));
        }
        return 0;
    }
}
