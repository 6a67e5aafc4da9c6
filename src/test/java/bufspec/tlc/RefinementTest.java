package bufspec.tlc;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The free-threaded spec refines the GIL spec ({@code RefinesGIL} in
 * {@code tla/RefineBufferProtocol.tla}) only with every type's correct discipline: real TLC
 * refutes the refinement for each free-threaded variant ({@code tla/RefineBufferProtocol<Bug>.cfg}), and
 * for the memoryview of 3.14t/3.15t and the bytearray of 3.13t ({@code RefineBufferProtocol314t.cfg},
 * {@code RefineBufferProtocol313t.cfg}),
 * with the shortest counterexample ending at the second step of the getbuffer or releasebuffer
 * whose first step read what another thread then changed. (The correct configurations,
 * {@code RefineBufferProtocol*.cfg} with a {@code bufspec-expect: pass}, are checked with the others.)
 */
class RefinementTest {

    static final Path ROOT = BufferProtocolConfigsTest.ROOT;

    /**
     * {@code RefineBufferProtocol<name>.cfg}, the Bug it configures, the shortest
     * counterexample's length, and the step that is no step of the GIL spec
     */
    record Refuted(String name, String bug, int length, String step) {}

    static final List<Refuted> VARIANTS = List.of(
            new Refuted("NonAtomicCounter", "NonAtomicCounter", 5, "AcquireFinish"),
            new Refuted("NonAtomicRelease", "NonAtomicRelease", 7, "ReleaseFinish"),
            new Refuted("UnlockedCheckAndCount", "UnlockedCheckAndCount", 4, "AcquireFinish"),
            new Refuted("ReleaseBaseRacesExport", "ReleaseBaseRacesExport", 5, "AcquireFinish"),
            new Refuted("ResizeRacesAcquire", "ResizeRacesAcquire", 4, "AcquireFinish"),
            // no variant: the memoryview's discipline of 3.14t/3.15t (MCDiscipline314t)
            new Refuted("314t", "none", 5, "AcquireFinish"),
            // no variant: the bytearray's discipline of 3.13t (MCDiscipline313t)
            new Refuted("313t", "none", 4, "AcquireFinish"));

    @TestFactory
    Stream<DynamicTest> everyFreeThreadedVariantFailsTheRefinementAtItsSecondStep() {
        TlcRunner runner = new TlcRunner();
        TlcRunner.Options options = new TlcRunner.Options(1, "2g", Duration.ofMinutes(5), false, 0);
        Path module = ROOT.resolve("tla/RefineBufferProtocol.tla");
        return VARIANTS.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            Path cfg = ROOT.resolve("tla/RefineBufferProtocol" + v.name() + ".cfg");
            assertTrue(Files.isRegularFile(cfg), "no " + cfg);
            assertTrue(Files.readString(cfg).contains("Bug = \"" + v.bug() + "\""), cfg + " does not configure " + v.bug());
            ModelConfig c = new ModelConfig(cfg, module, new Expectation.Pass(), Tier.SMALL,
                    List.of("TypeOK"), List.of("RefinesGIL"));
            TlcResult r = runner.run(c, options, TlcListener.NONE);
            assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome(), v.name() + ": " + r.outcome() + " " + r.detail());
            List<CounterexampleStep.State> states = r.counterexample().states();
            assertEquals(v.length(), states.size(), v.name() + ": " + states.stream().map(CounterexampleStep.State::action).toList());
            assertEquals(v.step(), states.get(states.size() - 1).action(), v.name() + ": the step that is no GIL step");
        }));
    }
}
