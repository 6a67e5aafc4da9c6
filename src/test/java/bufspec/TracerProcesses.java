package bufspec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Python side from JUnit tests: with the host's python3 (the tracer Maven built into
 * target/python), or with one of the CPythons in the chroots of {@code .ci/pythons.sh} (listed in
 * {@code .ci/versions}; the tracer built for it into target/python-VERSION by
 * {@code .ci/build-tracer}, run through {@code .ci/chroot-python}).
 */
final class TracerProcesses {

    /** Result of a finished child process: exit code and combined output. */
    record Run(int exit, String output) { }

    static final Path ROOT = Paths.get(System.getProperty("bufspec.root", ".")).toAbsolutePath();
    static final Path PYTHONPATH = ROOT.resolve("target/python");
    static final String PYTHON = System.getProperty("bufspec.python", "python3");
    static final Path CHROOTS = Paths.get(System.getenv().getOrDefault("BUFSPEC_CHROOTS", "/opt/bufspec/chroots"));

    /** One CPython the tests run on: the host's ({@code chroot == null}) or a chroot's. */
    record Py(String version, String chroot) {
        Path pythonPath() {
            return chroot == null ? PYTHONPATH : ROOT.resolve("target/python-" + version);
        }

        @Override public String toString() {
            return "CPython " + version;
        }
    }

    private static List<Py> pythons;
    private static final Map<String, String> BUILT = new HashMap<>();

    private TracerProcesses() { }

    /** The host's python first, then each version of .ci/versions (present or not). */
    static synchronized List<Py> pythons() {
        if (pythons == null) {
            List<Py> list = new ArrayList<>();
            list.add(new Py(hostVersion(), null));
            try {
                for (String line : Files.readAllLines(ROOT.resolve(".ci/versions"))) {
                    String l = line.strip();
                    if (l.isEmpty() || l.startsWith("#")) continue;
                    String[] f = l.split("\\s+");
                    list.add(new Py(f[0], f[1]));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read .ci/versions: " + e.getMessage(), e);
            }
            pythons = List.copyOf(list);
        }
        return pythons;
    }

    private static String hostVersion() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import sys; print('%d.%d' % sys.version_info[:2])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "(host " + PYTHON + ")";
        } catch (IOException | InterruptedException e) {
            return "(host " + PYTHON + ")";
        }
    }

    /**
     * Makes {@code py} usable: the host's tracer must be built by Maven; a chroot's version is
     * built once per run. A missing chroot skips the test locally and fails it when CI=true (CI
     * makes the chroots with .ci/pythons.sh, so their absence there is a broken CI, not a skip).
     */
    static void require(Py py) throws IOException, InterruptedException {
        if (py.chroot() == null) {
            requireBuiltTracer();
            return;
        }
        Path ready = CHROOTS.resolve(py.chroot()).resolve(".bufspec-ready");
        if (!Files.exists(ready)) {
            String msg = py + ": no chroot " + CHROOTS.resolve(py.chroot()) + " (make it with `bash .ci/pythons.sh`)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(msg + "; CI=true: required");
            Assumptions.abort(msg);
        }
        synchronized (BUILT) {
            String failure = BUILT.get(py.version());
            if (failure == null) {
                Run b = run(List.of(ROOT.resolve(".ci/build-tracer").toString(), py.version()), Map.of(), 900);
                failure = b.exit() == 0 ? "" : py + ": .ci/build-tracer failed (exit " + b.exit() + "):\n" + b.output();
                BUILT.put(py.version(), failure);
            }
            if (!failure.isEmpty()) throw new AssertionError(failure);
        }
    }

    /** Fails with a clear message when Maven's generate-test-resources did not build the tracer. */
    static void requireBuiltTracer() {
        if (!Files.isDirectory(PYTHONPATH.resolve("bufspec_tracer"))) {
            throw new IllegalStateException("the tracer is not built in " + PYTHONPATH
                    + ": run `mvn generate-test-resources` (exec-maven-plugin execution build-tracer)");
        }
    }

    /**
     * A {@code bufspec} launcher for the Python side (the pytest plugin finds the validator on PATH):
     * this JVM's java and classpath, so it runs the classes under test; the jar is built after the tests.
     */
    static synchronized Path launcherDir() throws IOException {
        Path dir = ROOT.resolve("target/test-launcher");
        Path script = dir.resolve("bufspec");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String text = "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' bufspec.cli.Main \"$@\"\n";
        Files.createDirectories(dir);
        Files.writeString(script, text);
        script.toFile().setExecutable(true);
        return dir;
    }

    static Run python(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return python(pythons().get(0), timeoutSeconds, args);
    }

    /** Runs {@code py} with {@code args} in the repository, the tracer on PYTHONPATH (BUFSPEC_PYTHONPATH). */
    static Run python(Py py, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        if (py.chroot() == null) {
            cmd.add(PYTHON);
        } else {
            cmd.add(ROOT.resolve(".ci/chroot-python").toString());
            cmd.add(py.chroot());
            cmd.add("python" + py.version());
            // the bufspec launcher runs this JVM with its classpath: both must be visible inside
            env.put("BUFSPEC_CHROOT_BINDS", System.getProperty("java.home") + ":"
                    + javaConfigDir() + ":" + Paths.get(System.getProperty("user.home"), ".m2"));
        }
        cmd.addAll(List.of(args));
        env.put("PYTHONPATH", py.pythonPath().toString());
        env.put("BUFSPEC_PYTHONPATH", py.pythonPath().toString());
        env.put("PATH", launcherDir() + java.io.File.pathSeparator + System.getenv("PATH"));
        return run(cmd, env, timeoutSeconds);
    }

    /**
     * Where the JVM's configuration really lives: Debian's JDK keeps {@code conf/} as symlinks into
     * {@code /etc/java-N-openjdk}, which a chroot does not have (the JVM then fails to load
     * {@code java.security}). The directory holding {@code security/java.security}'s target.
     */
    private static String javaConfigDir() {
        Path security = Paths.get(System.getProperty("java.home"), "conf", "security", "java.security");
        try {
            return security.toRealPath().getParent().getParent().toString();
        } catch (IOException e) {
            return security.getParent().getParent().toString();
        }
    }

    private static Run run(List<String> cmd, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().remove("BUFSPEC_JAR");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + cmd);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs {@code args} (a script and its arguments) under the tracer, writing {@code log}. */
    static Run traced(Path log, String... args) throws IOException, InterruptedException {
        return traced(pythons().get(0), log, args);
    }

    /** Runs {@code args} under the tracer with {@code py}, writing {@code log}. */
    static Run traced(Py py, Path log, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("-m", "bufspec_tracer", "-o", log.toString()));
        cmd.addAll(List.of(args));
        return python(py, 300, cmd.toArray(String[]::new));
    }
}
