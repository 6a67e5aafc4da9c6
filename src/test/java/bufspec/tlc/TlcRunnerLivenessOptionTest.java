package bufspec.tlc;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report} asks TLC for a fixed fingerprint and seed and one final liveness check: reproducible counterexamples. */
class TlcRunnerLivenessOptionTest {

    @Test
    void reproducibleRunsFixFingerprintSeedAndLivenessCheckOnlyWhenAsked() {
        TlcRunner runner = new TlcRunner();
        Path m = Path.of("/x/M.tla");
        Path c = Path.of("/x/M.cfg");
        List<String> plain = runner.command(m, c, List.of(), Path.of("/tmp/meta"),
                new TlcRunner.Options(1, "1g", Duration.ofSeconds(5), false, 0));
        assertFalse(plain.contains("-lncheck") || plain.contains("-fp"));
        List<String> fin = runner.command(m, c, List.of(), Path.of("/tmp/meta"),
                new TlcRunner.Options(1, "1g", Duration.ofSeconds(5), false, 0, true));
        int i = Collections.indexOfSubList(fin, List.of("-fp", "0", "-seed", "1", "-lncheck", "final"));
        assertEquals(fin.size() - 7, i, "just before the module: " + fin);
    }

    /** Simulation (bufspec.gen): behaviours written to files, a count, a depth and a seed. */
    @Test
    void simulationWritesBehavioursWithItsSeed() {
        TlcRunner runner = new TlcRunner();
        List<String> sim = runner.command(Path.of("/x/M.tla"), Path.of("/x/M.cfg"), List.of(), Path.of("/tmp/meta"),
                new TlcRunner.Options(1, "1g", Duration.ofSeconds(5), false, 0).simulating(30, 25).withSeed(7)
                        .writingBehaviours(Path.of("/tmp/out/beh")));
        assertTrue(Collections.indexOfSubList(sim, List.of("-simulate", "file=/tmp/out/beh,num=30")) > 0, sim.toString());
        assertTrue(Collections.indexOfSubList(sim, List.of("-depth", "25", "-seed", "7")) > 0, sim.toString());
        assertFalse(sim.contains("-fp"));
    }
}
