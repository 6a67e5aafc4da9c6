package bufspec.replay;

import bufspec.result.ExpectedVerdicts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The hand-written example logs and their expected verdicts (traces/examples/EXPECTED.tsv). */
public final class Examples {
    private Examples() {}

    public static Path root() {
        return Path.of(System.getProperty("bufspec.root", "."));
    }

    public static Path dir() {
        return root().resolve("traces/examples");
    }

    /** The rows of traces/examples/EXPECTED.tsv. */
    public static List<ExpectedVerdicts.Row> rows() {
        try {
            return ExpectedVerdicts.read(dir().resolve("EXPECTED.tsv")).rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
