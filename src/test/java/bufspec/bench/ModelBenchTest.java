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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model benchmark on a stand-in pair of configurations (three symmetric processes). */
class ModelBenchTest {

    @TempDir
    Path root;

    @Test
    void measuresBothConfigsAndTheSymmetryReduction() throws Exception {
        Files.createDirectories(root.resolve("tla"));
        Files.writeString(root.resolve("tla/MCBufferProtocol.tla"), """
                ---- MODULE MCBufferProtocol ----
                EXTENDS Naturals, TLC
                CONSTANT Procs
                VARIABLE count
                Init == count = [p \\in Procs |-> 0]
                Next == \\E p \\in Procs : count[p] < 2 /\\ count' = [count EXCEPT ![p] = @ + 1]
                Sym == Permutations(Procs)
                ====
                """);
        String common = "CONSTANT Procs = {p1, p2, p3}\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n";
        Files.writeString(root.resolve("tla/MCBufferProtocol.cfg"), "\\* bufspec-expect: pass\n" + common + "SYMMETRY Sym\n");
        Files.writeString(root.resolve("tla/MCBufferProtocolNoSymmetry.cfg"), "\\* bufspec-expect: pass\n\\* bufspec-tier: bench\n" + common);

        ModelBench bench = new ModelBench(new TlcRunner(), new TlcRunner.Options(1, "256m", Duration.ofSeconds(60), false, 0));
        List<ModelBench.Figures> figures = bench.run(root, ModelBench.CONFIGS, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(TlcOutcome.SUCCESS, figures.get(0).outcome());
        assertEquals(10, figures.get(0).distinct(), "multisets of 3 counters in 0..2");
        assertEquals(27, figures.get(1).distinct(), "3 counters in 0..2");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelBench.print(figures, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("symmetry reduction: 27 -> 10 distinct states (2.70x fewer)"), text);
    }
}
