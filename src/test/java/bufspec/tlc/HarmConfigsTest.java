package bufspec.tlc;

import bufspec.model.Property;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every bug variant is refuted by the harm it causes, not only by the rule it breaks: a bug
 * configuration {@code tla/bugs/MCBug<X>.cfg} whose expected property is not a harm
 * ({@link Property#harm()}) has a twin {@code MCBug<X>Harm.cfg} with the same model that
 * checks harms only, and real TLC refutes that twin with the harm its expectation names.
 */
class HarmConfigsTest {

    static final Path ROOT = BufferProtocolConfigsTest.ROOT;

    static boolean isHarmTwin(ModelConfig c) {
        return c.cfg().getFileName().toString().endsWith("Harm.cfg");
    }

    private static List<ModelConfig> bugConfigs() throws ConfigError {
        assertTrue(Files.isDirectory(ROOT.resolve("tla/bugs")), "no tla/bugs/ directory under " + ROOT);
        return ModelConfig.discover(ROOT).stream()
                .filter(c -> c.cfg().getParent().getFileName().toString().equals("bugs"))
                .toList();
    }

    private static Path twinOf(ModelConfig bug) {
        String name = bug.cfg().getFileName().toString();
        return bug.cfg().resolveSibling(name.substring(0, name.length() - ".cfg".length()) + "Harm.cfg");
    }

    @Test
    void everyVariantWhoseRuleIsNoHarmHasAHarmOnlyTwin() throws ConfigError {
        List<String> missing = new ArrayList<>();
        int variants = 0;
        for (ModelConfig c : bugConfigs()) {
            if (isHarmTwin(c)) continue;
            variants++;
            Expectation.Violation v = assertInstanceOfViolation(c);
            if (!v.property().harm() && !Files.isRegularFile(twinOf(c))) {
                missing.add(c.displayName(ROOT) + " (expects " + v.property().name() + ", not a harm)");
            }
        }
        assertTrue(variants > 0, "no bug variant under " + ROOT.resolve("tla/bugs"));
        assertEquals(List.of(), missing, "bug variants without a harm-only twin MCBug<X>Harm.cfg");
    }

    @TestFactory
    Stream<DynamicTest> everyHarmOnlyTwinIsRefutedByAHarm() throws ConfigError {
        List<ModelConfig> twins = bugConfigs().stream().filter(HarmConfigsTest::isHarmTwin).toList();
        assertFalse(twins.isEmpty(), "no harm-only twin MCBug<X>Harm.cfg under " + ROOT.resolve("tla/bugs"));
        TlcRunner runner = new TlcRunner();
        // reproducible: a liveness harm's lasso depends on TLC's random fingerprint otherwise
        TlcRunner.Options options = new TlcRunner.Options(2, "2g", Duration.ofMinutes(5), false, 0, true, false);
        return twins.stream().map(c -> DynamicTest.dynamicTest(c.displayName(ROOT), () -> {
            List<String> notHarms = new ArrayList<>();
            for (String n : c.invariants()) {
                if (Property.byName(n).map(p -> !p.harm()).orElse(true)) notHarms.add(n);
            }
            for (String n : c.properties()) {
                if (Property.byName(n).map(p -> !p.harm()).orElse(true)) notHarms.add(n);
            }
            assertEquals(List.of(), notHarms, c.displayName(ROOT) + " checks properties that are not harms");
            Expectation.Violation v = assertInstanceOfViolation(c);
            assertTrue(v.property().harm(), c.displayName(ROOT) + " expects " + v.property().name() + ", not a harm");
            TlcResult r = runner.run(c, options.withWorkers(c.workersFor(2)), TlcListener.NONE);
            ExpectationCheck check = ExpectationCheck.judge(c, r);
            assertTrue(check.met(), c.displayName(ROOT) + ": expected " + c.expectation() + ", got " + check.got() + ": "
                    + check.reason() + (r.error() != null ? "\n" + r.error() : ""));
        }));
    }

    private static Expectation.Violation assertInstanceOfViolation(ModelConfig c) {
        if (c.expectation() instanceof Expectation.Violation v) return v;
        fail(c.displayName(ROOT) + " is under tla/bugs/ but expects " + c.expectation() + ", not a violation");
        return null;
    }
}
