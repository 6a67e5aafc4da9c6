package bufspec.cli;

import bufspec.spec.BundledSpecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bufspec's classes and resources packed into a jar, run in a child JVM from a directory that holds
 * nothing else: --version, check and validate --engine tlc work on the specs inside the jar (read
 * through the jar's zip file system, as target/bufspec.jar does), extracted to a per-run temp dir
 * that is gone afterwards. The libraries stay separate jars (the shaded jar is built after the tests).
 */
class OneJarTest {

    static final Path ROOT = Paths.get(System.getProperty("bufspec.root", ".")).toAbsolutePath();

    @TempDir
    static Path dir;
    static Path jar;
    static Path tmp;

    @BeforeAll
    static void packJar() throws IOException {
        Path classes = ROOT.resolve("target/classes");
        assertTrue(Files.isRegularFile(classes.resolve(BundledSpecs.RESOURCE_DIR + "/tla/BufferProtocol.tla")),
                "the specs are not among the resources in " + classes);
        jar = dir.resolve("bufspec.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        tmp = Files.createDirectories(dir.resolve("tmp"));
    }

    record Run(int exit, String out) { }

    static Run bufspec(Path cwd, String... args) throws Exception {
        List<String> cp = new ArrayList<>(List.of(jar.toString()));
        for (Class<?> c : List.of(picocli.CommandLine.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.annotation.JsonProperty.class,
                tlc2.TLC.class)) {
            cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", String.join(java.io.File.pathSeparator, cp), "bufspec.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Path emptyDir(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    static List<String> leftInTmp() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bufspec-spec-")).toList();
        }
    }

    @Test
    void versionNamesToolFormatAndSpec() throws Exception {
        Run r = bufspec(emptyDir("version"), "--version");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("trace format: bufspec-trace version 1"), r.out());
        assertTrue(r.out().contains("spec: " + BundledSpecs.versionOf(ROOT)), "the checkout's spec version: " + r.out());
        assertTrue(r.out().lines().findFirst().orElse("").matches("bufspec \\d+\\.\\d+\\.\\d+.*"), r.out());
    }

    @Test
    void checkRunsABundledConfigFromAnEmptyDirectory() throws Exception {
        Run r = bufspec(emptyDir("check"), "check", "tla/bugs/MCBugReleaseDecrefsObj.cfg", "--workers", "1");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("== specs: the specs bundled in bufspec.jar"), r.out());
        assertTrue(r.out().contains("tla/bugs/MCBugReleaseDecrefsObj.cfg  violation RefCountCoversReferences"), r.out());
        assertEquals(List.of(), leftInTmp(), "the per-run spec directory is deleted at exit");
    }

    @Test
    void validateWithTheTlcEngineFromAnEmptyDirectory() throws Exception {
        Path cwd = emptyDir("validate");
        Files.copy(ROOT.resolve("traces/examples/bug-ReleaseDecrefsObj.ndjson"), cwd.resolve("log.ndjson"));
        Run r = bufspec(cwd, "validate", "--engine", "tlc", "log.ndjson");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("VIOLATION RefCountCoversReferences at log.ndjson:3"), r.out());
        assertTrue(r.out().contains("of tla/TraceBufferProtocol.tla"), "names the spec file as extracted: " + r.out());
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void specExtractWritesTheFilesReportsName() throws Exception {
        Path cwd = emptyDir("extract");
        Run r = bufspec(cwd, "spec", "--extract", "out");
        assertEquals(0, r.exit(), r.out());
        assertTrue(Files.isRegularFile(cwd.resolve("out/tla/TraceBufferProtocol.tla")), r.out());
        assertTrue(Files.isRegularFile(cwd.resolve("out/tla/bugs/MCBugReleaseDecrefsObj.cfg")), r.out());
        assertTrue(Files.isRegularFile(cwd.resolve("out/traces/examples/valid-basic.ndjson")), r.out());
        assertEquals(BundledSpecs.versionOf(ROOT), BundledSpecs.versionOf(cwd.resolve("out")));
        Run withRoot = bufspec(emptyDir("rooted"), "check", "--root", cwd.resolve("out").toString(),
                "tla/bugs/MCBugReleaseDecrefsObj.cfg", "--workers", "1");
        assertEquals(0, withRoot.exit(), withRoot.out());
        assertTrue(!withRoot.out().contains("== specs: the specs bundled"), withRoot.out());
        try (Stream<Path> s = Files.walk(cwd)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
