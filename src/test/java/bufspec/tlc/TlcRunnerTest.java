package bufspec.tlc;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live runs of real TLC in a child JVM on the fixture specs. */
class TlcRunnerTest {

    static final Path FIXTURES = Path.of(System.getProperty("bufspec.root", "."), "src/test/resources/tlc");
    static final TlcRunner.Options OPTIONS = new TlcRunner.Options(1, "512m", Duration.ofSeconds(60), false, 0);

    private static ModelConfig fixture(String cfg) throws ConfigError {
        return ModelConfig.load(FIXTURES.resolve(cfg));
    }

    @Test
    void locatesTheTlaToolsJar() {
        Path jar = TlcRunner.locateTlaTools();
        assertTrue(Files.exists(jar), jar.toString());
    }

    @Test
    void successStreamsMessagesWhileRunning() throws Exception {
        List<Integer> codes = new CopyOnWriteArrayList<>();
        TlcResult r = new TlcRunner().run(fixture("CounterPass.cfg"), OPTIONS, new TlcListener() {
            @Override
            public void onMessage(TlcMessage m) {
                codes.add(m.code());
            }
        });
        assertEquals(TlcOutcome.SUCCESS, r.outcome(), r.detail());
        assertEquals(6, r.stats().distinct());
        assertEquals(0, r.exitCode());
        assertTrue(codes.contains(MessageCode.TLC_STARTING) && codes.contains(MessageCode.TLC_FINISHED), codes.toString());
    }

    @Test
    void livenessViolationInAChildJvm() throws Exception {
        TlcResult r = new TlcRunner().run(fixture("LassoLiveness.cfg"), OPTIONS, TlcListener.NONE);
        assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome(), r.detail());
        assertEquals(3, r.counterexample().length());
        assertTrue(r.counterexample().isLasso());
    }

    @Test
    void semanticErrorInAChildJvm() throws Exception {
        TlcResult r = new TlcRunner().run(fixture("SemanticError.cfg"), OPTIONS, TlcListener.NONE);
        assertEquals(TlcOutcome.SEMANTIC_ERROR, r.outcome());
        assertEquals(5, r.error().line());
    }

    @Test
    void timeoutKillsTheChildAndReportsProgressSoFar() throws Exception {
        AtomicReference<ProcessHandle> child = new AtomicReference<>();
        long before = ProcessHandle.current().children().count();
        TlcResult r = new TlcRunner().run(fixture("Forever.cfg"), OPTIONS.withTimeout(Duration.ofSeconds(4)),
                new TlcListener() {
                    @Override
                    public void onMessage(TlcMessage m) {
                        ProcessHandle.current().children().findFirst().ifPresent(child::set);
                    }
                });
        assertEquals(TlcOutcome.TIMEOUT, r.outcome());
        assertTrue(r.durationMillis() < 15_000, "took " + r.durationMillis());
        assertTrue(child.get() != null && !child.get().isAlive(), "TLC child still alive");
        assertEquals(before, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
    }

    @Test
    void interruptKillsTheChild() throws Exception {
        List<Throwable> thrown = new ArrayList<>();
        AtomicReference<ProcessHandle> child = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                new TlcRunner().run(fixture("Forever.cfg"), OPTIONS, new TlcListener() {
                    @Override
                    public void onMessage(TlcMessage m) {
                        ProcessHandle.current().children().findFirst().ifPresent(child::set);
                    }
                });
            } catch (Throwable e) {
                synchronized (thrown) {
                    thrown.add(e);
                }
            }
        });
        t.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (child.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(child.get() != null, "TLC never started");
        t.interrupt();
        t.join(15_000);
        assertFalse(t.isAlive());
        assertTrue(thrown.size() == 1 && thrown.get(0) instanceof InterruptedException, thrown.toString());
        assertFalse(child.get().isAlive(), "TLC child still alive after interrupt");
    }
}
