package bufspec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Python side (the tracer Maven built into target/python) from JUnit tests. */
final class TracerProcesses {

    /** Result of a finished child process: exit code and combined output. */
    record Run(int exit, String output) { }

    static final Path ROOT = Paths.get(System.getProperty("bufspec.root", ".")).toAbsolutePath();
    static final Path PYTHONPATH = ROOT.resolve("target/python");
    static final String PYTHON = System.getProperty("bufspec.python", "python3");

    private TracerProcesses() { }

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
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", PYTHONPATH.toString());
        pb.environment().remove("BUFSPEC_JAR");
        pb.environment().put("PATH", launcherDir() + java.io.File.pathSeparator + System.getenv("PATH"));
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
        List<String> cmd = new ArrayList<>(List.of("-m", "bufspec_tracer", "-o", log.toString()));
        cmd.addAll(List.of(args));
        return python(300, cmd.toArray(String[]::new));
    }
}
