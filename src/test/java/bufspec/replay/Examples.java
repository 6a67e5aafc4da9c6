package bufspec.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The hand-written example logs and their expected verdicts (traces/examples/EXPECTED.tsv). */
public final class Examples {
    private Examples() {}

    public record Row(String file, int exit, String verdict) {
        public Path path() {
            return dir().resolve(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public static Path root() {
        return Path.of(System.getProperty("bufspec.root", "."));
    }

    public static Path dir() {
        return root().resolve("traces/examples");
    }

    public static List<Row> rows() {
        try {
            return Files.readAllLines(dir().resolve("EXPECTED.tsv")).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t"))
                    .map(c -> new Row(c[0], Integer.parseInt(c[1]), c[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
