package bufspec.bench;

import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulation benchmark with real TLC on a stand-in module: a counter that wraps around. */
class SimBenchTest {

    @TempDir
    Path root;

    private SimBench.Figures simulate(String invariant, long behaviours, int depth) throws Exception {
        Files.createDirectories(root.resolve("tla"));
        Files.writeString(root.resolve("tla/SIMBufferProtocol.tla"), """
                ---- MODULE SIMBufferProtocol ----
                EXTENDS Naturals
                VARIABLE n
                Init == n = 0
                Next == n' = (n + 1) % 7 \\/ n' = 0
                Small == n < 7
                Tiny == n < 3
                ====
                """);
        Files.writeString(root.resolve("tla/SIMBufferProtocol.cfg"), "INIT Init\nNEXT Next\nINVARIANT " + invariant + "\n");
        TlcRunner.Options options = new TlcRunner.Options(1, "256m", Duration.ofSeconds(120), false, 0)
                .simulating(behaviours, depth);
        return new SimBench(new TlcRunner(), options).run(root, SimBench.CONFIG, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void simulatesTheBehavioursAskedForAndPrintsTheirRate() throws Exception {
        SimBench.Figures f = simulate("Small", 200, 10);
        assertEquals(TlcOutcome.SUCCESS, f.outcome(), "a simulation that ends after its behaviours without a violation");
        // at most depth states per behaviour (TLC counts the initial states once more)
        assertTrue(f.generated() >= 200 && f.generated() <= 200 * (10 + 1), "states generated: " + f.generated());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimBench.print(f, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("behaviours:    200 (depth 10)"), text);
        assertTrue(text.contains("1,000,000 behaviours at this rate:"), text);
    }

    @Test
    void aViolationIsNotASuccess() throws Exception {
        SimBench.Figures f = simulate("Tiny", 200, 10);
        assertEquals(TlcOutcome.INVARIANT_VIOLATED, f.outcome());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimBench.print(f, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains("at this rate"), "no projection for a failed run");
    }
}
