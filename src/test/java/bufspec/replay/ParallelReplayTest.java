package bufspec.replay;

import bufspec.report.Format;
import bufspec.result.ValidationResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** validate on several threads (logs spread, a log read ahead on its own thread) = the sequential run. */
public class ParallelReplayTest {

    /** Every example and corpus log, plus a missing file. */
    public static List<String> allLogs() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path dir : List.of(Examples.dir(), Examples.root().resolve("traces/corpus"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(Path::toString).filter(n -> n.endsWith(".ndjson") || n.endsWith(".ndjson.gz")).sorted()
                        .forEach(out::add);
            }
        }
        out.add(Examples.root().resolve("no-such-log.ndjson").toString());
        return out;
    }

    private static String json(ValidationResult r) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Format.json.renderer().render(r, b);
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void spreadAndPipelinedRunsGiveTheSequentialResult() throws IOException {
        List<String> logs = allLogs();
        assertTrue(logs.size() > 50, "the logs are there: " + logs.size());
        for (boolean strict : new boolean[] {false, true}) {
            Replay replay = new Replay(new Replay.Options(strict, 4096));
            ValidationResult sequential = replay.validate(logs);
            ValidationResult spread = replay.validate(logs, 2);
            assertEquals(sequential, spread);
            assertEquals(json(sequential), json(spread));
            for (int i = 0; i < logs.size(); i++) {
                String log = logs.get(i);
                assertEquals(sequential.files().get(i), replay.validateFilePipelined(log), log);
            }
        }
    }
}
