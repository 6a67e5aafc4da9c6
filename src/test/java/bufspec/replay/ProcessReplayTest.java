package bufspec.replay;

import bufspec.result.FileResult;
import bufspec.trace.LineReader;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A log fed line by line (as a streaming job does), restored from snapshots along the way, gets validate's result. */
public class ProcessReplayTest {

    public static InputStream open(Path p) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(p));
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new GZIPInputStream(in) : in;
    }

    @Test
    void lineByLineGivesTheResultOfValidate() throws IOException {
        Replay replay = new Replay(new Replay.Options(false, 4096));
        for (String log : ParallelReplayTest.allLogs()) {
            if (log.endsWith("no-such-log.ndjson")) continue;
            FileResult expected = replay.validateFile(log);
            ProcessReplay p = new ProcessReplay(log, 4096);
            try (InputStream in = open(Path.of(log))) {
                LineReader lines = new LineReader(in, 4096);
                long nextRestore = 7;
                while (lines.next()) {
                    p.line(lines.number(), lines.bytes(), lines.off(), lines.len(), lines.terminated(),
                            lines.tooLong(), lines.length());
                    if (lines.number() == nextRestore) { // at lines 7, 14, 28, ...: a few per log
                        p = ProcessReplay.restore(p.snapshot());
                        nextRestore *= 2;
                    }
                }
            }
            p.end();
            assertEquals(expected, p.result(), log);
        }
    }
}
