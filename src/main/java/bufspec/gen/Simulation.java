package bufspec.gen;

import bufspec.tlc.TlcListener;
import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcResult;
import bufspec.tlc.TlcRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Random behaviours of the spec from TLC's own simulator: {@code -simulate file=DIR/beh,num=N
 * -depth D -seed S} on a configuration of {@code tla/GENBufferProtocol.tla}, run by
 * {@link TlcRunner} ({@link TlcRunner.Options#simulating(long, int)}). TLC 2.18 writes each
 * behaviour as a module {@code beh_<worker>_<n>} (states as definitions {@code STATE_k}); one
 * worker and a seed make the set reproducible. TLC checks the cfg's invariants on every state it
 * generates, so for a correct configuration the behaviours are also checked ones.
 */
public final class Simulation {

    /**
     * @param module {@code GENBufferProtocol.tla}
     * @param cfg    a configuration of it (INIT GenInit, NEXT GenNext)
     */
    public record Options(Path module, Path cfg, int behaviours, int depth, long seed, Duration timeout) {
        public Options {
            if (behaviours < 1) throw new IllegalArgumentException("behaviours must be at least 1");
            if (depth < 2) throw new IllegalArgumentException("depth must be at least 2");
        }

        /** {@code cfg} beside {@code GENBufferProtocol.tla}. */
        public Options(Path cfg, int behaviours, int depth, long seed, Duration timeout) {
            this(cfg.toAbsolutePath().getParent().resolve(MODULE), cfg, behaviours, depth, seed, timeout);
        }

        public static Options defaults(Path tlaDir, int behaviours, long seed) {
            return new Options(tlaDir.resolve("GENBufferProtocol.cfg"), behaviours, 40, seed, Duration.ofMinutes(20));
        }
    }

    public static final String MODULE = "GENBufferProtocol.tla";

    private static final Pattern FILE = Pattern.compile("beh_(\\d+)_(\\d+)");

    private Simulation() {}

    /** Runs TLC and reads every behaviour it wrote, in order. */
    public static List<Behaviour> run(Options o) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("bufspec-gen-");
        try {
            Path out = Files.createDirectories(work.resolve("behaviours"));
            TlcResult r = tlc(o, out.resolve("beh"));
            if (r.exitCode() != 0) {
                throw new IOException("TLC simulation of " + o.cfg() + " ended with exit code " + r.exitCode() + ", "
                        + r.outcome() + " (a violated invariant, or a setup error): " + tail(r.detail(), 3000));
            }
            List<Behaviour> bs = new ArrayList<>();
            for (Path f : files(out)) bs.add(Behaviour.read(f));
            if (bs.isEmpty()) throw new IOException("TLC simulation of " + o.cfg() + " wrote no behaviour: " + r.outcome());
            return bs;
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Simulates a configuration whose invariants break (a bug variant): the first behaviour that
     * violates one, as TLC reports it ({@code -tool} error trace), with the invariant TLC named.
     * Empty when no behaviour within {@code behaviours} x {@code depth} broke an invariant.
     */
    public static Optional<Violating> firstViolation(Options o) throws IOException, InterruptedException {
        TlcResult res = tlc(o, null);
        if (res.outcome() == TlcOutcome.SUCCESS) return Optional.empty();
        if (res.outcome() != TlcOutcome.INVARIANT_VIOLATED || res.counterexample() == null
                || res.counterexample().states().isEmpty()) {
            throw new IOException("TLC simulation of " + o.cfg() + ": " + res.outcome() + " (expected an invariant"
                    + " violation or none): " + tail(res.detail(), 3000));
        }
        List<ModelState> states = new ArrayList<>();
        for (var st : res.counterexample().states()) states.add(new ModelState(st.variables()));
        String name = o.cfg().getFileName().toString().replaceFirst("\\.cfg$", "") + ":seed" + o.seed();
        return Optional.of(new Violating(new Behaviour(name, states), res.violated()));
    }

    /** A behaviour that ends in a state violating {@code invariant}. */
    public record Violating(Behaviour behaviour, String invariant) {}

    /**
     * TLC's simulator through {@link TlcRunner}: one worker, {@code behaviours} behaviours of at
     * most {@code depth} states, the seed; each behaviour written under {@code behaviourFile}
     * when it is not null. Library path: the module's directory and its parent.
     */
    private static TlcResult tlc(Options o, Path behaviourFile) throws IOException, InterruptedException {
        Path module = o.module().toAbsolutePath();
        Path dir = module.getParent();
        if (!Files.isRegularFile(module)) throw new IOException("no simulation module " + module);
        if (!Files.isRegularFile(o.cfg())) throw new IOException("no simulation config " + o.cfg());
        TlcRunner.Options t = new TlcRunner.Options(1, "1g", o.timeout(), false, 0)
                .simulating(o.behaviours(), o.depth()).withSeed(o.seed());
        if (behaviourFile != null) t = t.writingBehaviours(behaviourFile);
        TlcResult r = new TlcRunner().run(module, o.cfg().toAbsolutePath(), List.of(dir, dir.getParent()), t, TlcListener.NONE);
        if (r.outcome() == TlcOutcome.TIMEOUT) {
            throw new IOException("TLC simulation of " + o.cfg() + " did not finish in " + o.timeout());
        }
        return r;
    }

    private static List<Path> files(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong((Path p) -> number(p, 1)).thenComparingLong(p -> number(p, 2)))
                    .toList();
        }
    }

    private static long number(Path p, int group) {
        Matcher m = FILE.matcher(p.getFileName().toString());
        if (!m.matches()) throw new IllegalStateException(p.toString());
        return Long.parseLong(m.group(group));
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
