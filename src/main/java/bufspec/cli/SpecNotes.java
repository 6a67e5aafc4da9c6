package bufspec.cli;

import bufspec.spec.BundledSpecs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The stderr lines that say which specs a command uses, and warn when a checkout's differ. */
final class SpecNotes {

    private SpecNotes() { }

    /**
     * {@code given} is the --root option (null: the bundled specs, extracted at {@code used}).
     * In a directory with its own tla/ that differs from the bundled specs, says so.
     */
    static void print(Path given, Path used, PrintStream err) {
        if (given != null) return;
        err.println("== specs: " + BundledSpecs.describe(used));
        Path here = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(here.resolve("tla/BufferProtocol.tla"))) return;
        try {
            String local = BundledSpecs.versionOf(here);
            String bundled = BundledSpecs.bundledVersion();
            if (!Objects.equals(local, bundled)) {
                err.println("== note: ./tla (spec " + local + ") differs from the bundled specs (spec " + bundled
                        + "): `--root .` uses ./tla, or rebuild the jar");
            }
        } catch (IOException e) {
            err.println("== note: cannot read ./tla: " + e.getMessage());
        }
    }
}
