package bufspec.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The TLA+ specifications (tla/) and example logs (traces/examples/) that ship inside bufspec.jar
 * (resources under {@value #RESOURCE_DIR}/), so every command works from any directory. Commands
 * that are given no {@code --root} extract them once per run into a temporary directory laid out
 * like a checkout ({@code DIR/tla/...}), deleted when the JVM exits.
 */
public final class BundledSpecs {

    /** Where the specs lie among the jar's resources (the pom copies tla/ and traces/examples/ there). */
    public static final String RESOURCE_DIR = "bufspec-spec";

    private static Path extracted;

    private BundledSpecs() { }

    /** {@code root} when given, else the bundled specs extracted for this run. */
    public static Path rootOr(Path root) {
        return root != null ? root : extracted();
    }

    /** Whether {@code root} is this run's extraction of the bundled specs. */
    public static synchronized boolean isExtracted(Path root) {
        return extracted != null && root != null && root.toAbsolutePath().normalize().equals(extracted);
    }

    /** The bundled specs, extracted into a per-run temporary directory on first use. */
    public static synchronized Path extracted() {
        if (extracted == null) {
            try {
                Path dir = Files.createTempDirectory("bufspec-spec-");
                extractTo(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                extracted = dir.toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the specs bundled in bufspec.jar", e);
            }
        }
        return extracted;
    }

    /** Writes the bundled tree (tla/, traces/examples/) under {@code dir}; returns the files written. */
    public static List<Path> extractTo(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        withResourceTree(tree -> {
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    Path target = dir.resolve(tree.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    written.add(target);
                }
            }
        });
        return written;
    }

    /**
     * The spec version: the first 12 hex digits of the SHA-256 over the relative names and
     * contents of every .tla and .cfg file under {@code root}/tla (sorted by name), so a checkout
     * and a jar built from it agree. Null when there is no tla/ directory.
     */
    public static String versionOf(Path root) throws IOException {
        Path tla = root.resolve("tla");
        if (!Files.isDirectory(tla)) return null;
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(tla)) {
            List<Path> specs = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".tla") || p.toString().endsWith(".cfg"))
                    .sorted(Comparator.comparing(p -> tla.relativize(p).toString().replace('\\', '/'))).toList();
            for (Path p : specs) {
                sha.update(tla.relativize(p).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(p));
                sha.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    /** The version of the bundled specs (see {@link #versionOf}). */
    public static String bundledVersion() {
        try {
            return versionOf(extracted());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tool's version (the Maven project version), or "unknown" outside a build. */
    public static String toolVersion() {
        try (InputStream in = BundledSpecs.class.getResourceAsStream("/bufspec/version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One line for reports: where the specs of this run come from. */
    public static String describe(Path root) {
        if (isExtracted(root)) {
            return "the specs bundled in bufspec.jar (spec " + bundledVersion() + "; `bufspec spec --extract DIR` writes"
                    + " them out to read, `--root DIR` uses a checkout's)";
        }
        return root.toAbsolutePath().normalize().toString();
    }

    private interface TreeAction {
        void run(Path tree) throws IOException;
    }

    /** Runs {@code action} on the resource directory, inside the jar (a zip file system) or on disk. */
    private static void withResourceTree(TreeAction action) throws IOException {
        Path codeSource;
        try {
            codeSource = Path.of(BundledSpecs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot locate bufspec's own classes: " + e.getMessage(), e);
        }
        if (Files.isDirectory(codeSource)) {
            Path tree = codeSource.resolve(RESOURCE_DIR);
            if (!Files.isDirectory(tree)) throw new IOException("no bundled specs in " + codeSource + " (" + RESOURCE_DIR + ")");
            action.run(tree);
            return;
        }
        try (FileSystem zip = FileSystems.newFileSystem(codeSource, Map.of())) {
            Path tree = zip.getPath("/" + RESOURCE_DIR);
            if (!Files.isDirectory(tree)) throw new IOException("no bundled specs in " + codeSource + " (" + RESOURCE_DIR + ")");
            action.run(tree);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary directory: nothing more to do at exit
        }
    }
}
