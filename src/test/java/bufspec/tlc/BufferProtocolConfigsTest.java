package bufspec.tlc;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every configuration of the real model under {@code <bufspec.root>/tla/} that CI runs (tier
 * {@code small}, and every bug variant under {@code tla/bugs/}) meets its {@code bufspec-expect}:
 * a pass, or a violation of the named property with a counterexample of the expected length.
 * Fails, rather than skips, when there is no such configuration: the model is part of the build.
 * The harm-only twins ({@code MCBug<X>Harm.cfg}) are {@link HarmConfigsTest}'s.
 */
class BufferProtocolConfigsTest {

    static final Path ROOT = Path.of(System.getProperty("bufspec.root", ".")).toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicTest> everySmallAndBugConfigMeetsItsExpectation() throws ConfigError {
        assertTrue(Files.isDirectory(ROOT.resolve("tla")), "no tla/ directory under " + ROOT + ": the model is missing");
        List<ModelConfig> configs = ModelConfig.discover(ROOT).stream()
                .filter(c -> c.tier() == Tier.SMALL || c.cfg().getParent().getFileName().toString().equals("bugs"))
                .filter(c -> !HarmConfigsTest.isHarmTwin(c))
                .toList();
        assertFalse(configs.isEmpty(), "no tier-small or tla/bugs/ configuration with a bufspec-expect comment under " + ROOT.resolve("tla"));
        TlcRunner runner = new TlcRunner();
        TlcRunner.Options options = new TlcRunner.Options(2, "2g", Duration.ofMinutes(5), false, 0);
        return configs.stream().map(c -> DynamicTest.dynamicTest(c.displayName(ROOT), () -> {
            TlcResult r = runner.run(c, options.withWorkers(c.workersFor(2)), TlcListener.NONE);
            ExpectationCheck v = ExpectationCheck.judge(c, r);
            assertTrue(v.met(), c.displayName(ROOT) + ": expected " + c.expectation() + ", got " + v.got() + ": "
                    + v.reason() + (r.error() != null ? "\n" + r.error() : "") + (r.detail().isBlank() ? "" : "\n" + r.detail()));
        }));
    }
}
