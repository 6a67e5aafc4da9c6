package bufspec.flink;

import bufspec.replay.ParallelReplayLogs;
import bufspec.replay.Replay;
import bufspec.result.FileResult;
import bufspec.result.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet job on Flink's MiniCluster (the local environment: the real runtime, in-process), with a
 * task failed mid-stream once a checkpoint is complete: after the restart from that checkpoint,
 * every violation is reported exactly once and every process's verdicts are those of validate.
 */
class FleetJobTest {

    /** Fails the task once, after {@link #AFTER} lines and a completed checkpoint. */
    static final class FailOnce extends RichMapFunction<LogLine, LogLine> implements CheckpointListener {
        static final long AFTER = 60_000;
        static final AtomicBoolean failed = new AtomicBoolean();
        static final AtomicBoolean checkpointed = new AtomicBoolean();
        static final AtomicLong seen = new AtomicLong();
        static final AtomicLong seenAfterFailure = new AtomicLong();

        @Override
        public void open(OpenContext ctx) {}

        @Override
        public LogLine map(LogLine l) throws Exception {
            long n = seen.incrementAndGet();
            if (failed.get()) {
                seenAfterFailure.incrementAndGet();
                return l;
            }
            if (n >= AFTER) {
                for (int i = 0; i < 3000 && !checkpointed.get(); i++) Thread.sleep(10);
                if (checkpointed.get() && failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure after " + n + " lines");
                }
            }
            return l;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (seen.get() > 0) checkpointed.set(true);
        }
    }

    @Test
    void aTaskFailedMidStreamLosesAndRepeatsNothing(@TempDir Path tmp) throws Exception {
        Path hosts = Files.createDirectories(tmp.resolve("hosts"));
        List<Path> logs = new ArrayList<>();
        int i = 0;
        for (String log : ParallelReplayLogs.all()) {
            Path src = Path.of(log);
            if (!Files.exists(src)) continue;
            Path dir = Files.createDirectories(hosts.resolve(String.format("host-%02d", i++)));
            logs.add(Files.copy(src, dir.resolve(src.getFileName())));
        }
        // a gzip stream cut in half, on a host of its own: its lines up to the cut are validated
        Path gz = Path.of(ParallelReplayLogs.corpus("cpython-test_mmap.ndjson.gz"));
        byte[] whole = Files.readAllBytes(gz);
        Path cut = Files.createDirectories(hosts.resolve("host-cut")).resolve("cut.ndjson.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        logs.add(cut);
        long lines = 0;
        for (Path p : logs) lines += countLines(p);
        assertTrue(lines > 3 * FailOnce.AFTER, "enough lines for a failure mid-stream: " + lines);

        Path out = tmp.resolve("out");
        FleetJob job = new FleetJob();
        new CommandLine(job).parseArgs("--hosts", hosts.toUri().toString(), "--out", out.toUri().toString(),
                "--checkpoint-dir", tmp.resolve("checkpoints").toUri().toString(), "--checkpoint-interval", "200ms",
                "--max-line-bytes", "4096");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, job.configuration());
        job.build(env, s -> s.map(new FailOnce()).name("fail-once"));
        env.execute("fleet job under a fault");

        assertTrue(FailOnce.failed.get(), "the task was failed");
        assertTrue(FailOnce.seenAfterFailure.get() < lines, "restarted from a checkpoint, not from the start: "
                + FailOnce.seenAfterFailure.get() + " of " + lines + " lines again");

        Map<String, JsonNode> verdicts = new HashMap<>();
        Map<String, Integer> violations = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode n = json.readTree(line);
                    if (n.get("kind").asText().equals("verdict")) {
                        JsonNode old = verdicts.put(n.get("file").asText(), n);
                        assertEquals(null, old, "one verdict per process: " + line);
                    } else {
                        violations.merge(violationKey(n.get("file").asText(), n.get("property").asText(),
                                n.get("line").asLong(), n.get("explanation").asText()), 1, Integer::sum);
                    }
                }
            }
        }
        Replay replay = new Replay(new Replay.Options(false, 4096));
        Map<String, Integer> expectedViolations = new TreeMap<>();
        for (Path p : logs) {
            FileResult r = replay.validateFile(p.toString());
            JsonNode v = verdicts.get(p.toString());
            assertTrue(v != null, "a verdict for " + p);
            assertEquals(r.ending().name(), v.get("ending").asText(), p.toString());
            assertEquals(r.stats().events(), v.get("events").asLong(), p.toString());
            assertEquals(r.errorCount(), v.get("errors").asLong(), p.toString());
            r.verdicts().forEach((prop, verdict) ->
                    assertEquals(verdict.name(), v.get("verdicts").get(prop.name()).asText(), p + " " + prop));
            r.violationCounts().forEach((prop, count) ->
                    assertEquals(count, v.get("violations").get(prop.name()).asLong(), p + " " + prop));
            for (Violation x : r.violations()) {
                expectedViolations.merge(violationKey(x.file(), x.property().name(), x.line(), x.explanation()), 1, Integer::sum);
            }
        }
        assertEquals(logs.size(), verdicts.size());
        assertTrue(expectedViolations.size() > 20, "violations to lose: " + expectedViolations.size());
        assertEquals(expectedViolations, violations);
    }

    private static String violationKey(String file, String property, long line, String explanation) {
        return file + ":" + line + " " + property + " " + explanation;
    }

    private static long countLines(Path p) throws IOException {
        try (var in = bufspec.replay.ProcessReplayTest.open(p)) {
            long n = 0;
            int b;
            byte[] buf = new byte[1 << 16];
            try {
                while ((b = in.read(buf)) > 0) for (int k = 0; k < b; k++) if (buf[k] == '\n') n++;
            } catch (java.io.EOFException e) {
                // the cut gzip stream
            }
            return n;
        }
    }
}
