package bufspec.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The bundled logs, for tests outside this package. */
public final class ParallelReplayLogs {
    private ParallelReplayLogs() {}

    /** Every example and corpus log (and one missing file, last). */
    public static List<String> all() {
        try {
            return ParallelReplayTest.allLogs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String corpus(String name) {
        return Examples.root().resolve("traces/corpus").resolve(name).toString();
    }
}
