package bufspec.report;

import bufspec.report.progress.ValidationProgress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationProgressTest {

    /** Reads 4096-byte chunks of a 40,960-byte "file", one event per 40 bytes, 1 s per chunk. */
    private static String run(boolean terminal) throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ValidationProgress p = new ValidationProgress("big.ndjson", 40_960,
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, now::get);
        try (InputStream in = p.wrap(new ByteArrayInputStream(new byte[40_960]))) {
            byte[] buf = new byte[4096];
            while (in.read(buf) > 0) {
                for (int i = 0; i < 4096 / 40 + 1; i++) {
                    p.event();
                }
                now.addAndGet(11_000);
                for (int i = 0; i < 4096 * 4; i++) {
                    p.event();
                }
            }
        }
        p.finish();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalItPrintsPlainLinesWithRateAndEta() throws Exception {
        String out = run(false);
        assertFalse(out.contains("\r"));
        String[] lines = out.split("\n");
        assertTrue(lines.length >= 5, out);
        assertTrue(lines[0].startsWith("big.ndjson:  10% (4.1 kB of 41.0 kB), "), lines[0]);
        assertTrue(lines[0].contains("events/s, ETA 1:39"), lines[0]);
        assertTrue(lines[lines.length - 1].contains("100% (41.0 kB of 41.0 kB)") && lines[lines.length - 1].contains("done in 110.0 s"),
                lines[lines.length - 1]);
    }

    @Test
    void onATerminalItRedrawsOneBarInPlace() throws Exception {
        String out = run(true);
        assertTrue(out.startsWith("\rbig.ndjson: [###........................."), out);
        assertEquals(1, out.split("\n", -1).length - 1, "one line in the end");
        assertTrue(out.contains("[############################] 100%"), out);
    }
}
