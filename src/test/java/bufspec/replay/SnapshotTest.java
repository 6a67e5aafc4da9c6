package bufspec.replay;

import bufspec.result.FileResult;
import bufspec.trace.Event;
import bufspec.trace.TraceError;
import bufspec.trace.TraceListener;
import bufspec.trace.TraceReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A validator snapshotted and restored mid-log goes on exactly as the one that never stopped. */
class SnapshotTest {

    /** What a reader hands a validator, in order: events and input errors. */
    private static List<Consumer<ReplayValidator>> steps(String log) throws IOException {
        List<Consumer<ReplayValidator>> out = new ArrayList<>();
        TraceListener l = new TraceListener() {
            @Override
            public void error(TraceError error) {
                out.add(v -> v.inputError(error));
            }

            @Override
            public void truncated(long line, long bytes) {
                out.add(v -> v.truncated(line, bytes));
            }
        };
        try (TraceReader r = TraceReader.open(log, TraceReader.DEFAULT_MAX_LINE_BYTES, l)) {
            Event e;
            while ((e = r.next()) != null) {
                Event ev = e;
                out.add(v -> v.accept(ev));
            }
        }
        return out;
    }

    @Test
    void restoredMidLogGivesTheSameResult() throws IOException {
        int logs = 0;
        for (String log : ParallelReplayTest.allLogs()) {
            if (log.endsWith("no-such-log.ndjson")) continue;
            List<Consumer<ReplayValidator>> steps = steps(log);
            ReplayValidator straight = new ReplayValidator(log);
            steps.forEach(s -> s.accept(straight));
            FileResult expected = straight.finish();
            // restored at a third and at two thirds of the log, and (small logs) after every event
            int n = steps.size();
            List<Integer> cuts = n <= 200 ? java.util.stream.IntStream.range(0, n + 1).boxed().toList()
                    : List.of(n / 3, 2 * n / 3);
            for (int cut : cuts) {
                ReplayValidator v = new ReplayValidator(log);
                for (int i = 0; i < cut; i++) steps.get(i).accept(v);
                byte[] bytes = v.snapshot();
                ReplayValidator restored = ReplayValidator.restore(bytes);
                for (int i = cut; i < n; i++) steps.get(i).accept(restored);
                assertEquals(expected, restored.finish(), log + " restored after step " + cut);
                // the original is untouched by its snapshot
                for (int i = cut; i < n; i++) steps.get(i).accept(v);
                assertEquals(expected, v.finish(), log + " snapshotted after step " + cut);
            }
            logs++;
        }
        assertTrue(logs > 50);
    }

    @Test
    void otherBytesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplayValidator.restore(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().startsWith("not a snapshot of a replay validator (3 bytes)"), e.getMessage());
        byte[] notAValidator = serialize(new java.util.ArrayList<>(List.of("x")));
        assertThrows(IllegalArgumentException.class, () -> ReplayValidator.restore(notAValidator));
        byte[] foreign = serialize(new java.net.InetSocketAddress(0));
        assertThrows(IllegalArgumentException.class, () -> ReplayValidator.restore(foreign));
    }

    private static byte[] serialize(Object o) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
