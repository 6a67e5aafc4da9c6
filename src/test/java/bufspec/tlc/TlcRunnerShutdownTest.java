package bufspec.tlc;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the JVM that runs TLC is terminated, its shutdown hook kills the TLC child too. */
class TlcRunnerShutdownTest {

    @Test
    void terminatingOurJvmKillsTlc() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process host = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunForeverMain.class.getName(), TlcRunnerTest.FIXTURES.resolve("Forever.cfg").toString())
                .redirectErrorStream(true).start();
        List<ProcessHandle> tlc = List.of();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.equals("tlc-started")) {
                // wait for TLC to start
            }
            assertEquals("tlc-started", line);
            tlc = host.toHandle().descendants().toList();
            assertFalse(tlc.isEmpty(), "no TLC child");
            List<Path> metadirs = new java.util.ArrayList<>();
            for (ProcessHandle p : tlc) {
                for (String a : p.info().arguments().orElse(new String[0])) {
                    if (a.contains("bufspec-tlc-")) {
                        metadirs.add(Path.of(a).getParent());
                    }
                }
            }
            assertFalse(metadirs.isEmpty(), "no -metadir among TLC's arguments");
            host.destroy(); // SIGTERM: shutdown hooks run
            assertTrue(host.waitFor(20, TimeUnit.SECONDS), "host JVM did not exit");
            for (ProcessHandle p : tlc) {
                p.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(p.isAlive(), "TLC child " + p.pid() + " survived its parent");
            }
            for (Path dir : metadirs) {
                assertFalse(Files.exists(dir), "metadir left behind: " + dir);
            }
        } finally {
            host.destroyForcibly();
            tlc.forEach(ProcessHandle::destroyForcibly); // never leak a TLC when the test fails
        }
    }
}
