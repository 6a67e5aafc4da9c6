package bufspec.gen;

import bufspec.exact.Conformance;
import bufspec.tlc.Expectation;
import bufspec.tlc.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs of free-threaded processes generated from the free-threaded spec ({@code FreeThreaded =
 * TRUE}): no free-threaded CPython runs on the machines this project is built on, so these are
 * the logs its free-threaded rules are tested with. The configurations with every type's correct
 * discipline ({@code tla/MCBufferProtocolFreeThreaded*.cfg}) give logs that must be accepted; each
 * free-threaded bug variant ({@code tla/bugs/MCBug*.cfg} with {@code FreeThreaded = TRUE}) a log
 * that must be rejected with the property its cfg expects. Simulated through GENBufferProtocol
 * like {@link BugLogs}, rendered by {@link LogRenderer} as free-threaded logs
 * (docs/trace-format.md, "Free-threaded logs").
 */
public final class FreeThreadedLogs {
    private FreeThreadedLogs() {}

    private static final Pattern DISCIPLINE = Pattern.compile("^\\s*Discipline\\s*<-\\s*MCDiscipline(\\w+)\\s*$");
    /** The table a cfg names ({@code MCDiscipline<suffix>}) and the version a log's header gives for it. */
    private static final Map<String, String> VERSIONS = Map.of("313t", "3.13t", "314t", "3.14t", "315t", "3.15t",
            "Main", "main");

    /**
     * Variants whose exporters the log renderer cannot write, run on exporters it can: the
     * NonAtomicCounter race (memory_getbuf's unlocked check and count against
     * memoryview.release()) on the zoo's {@code mv}, a memoryview and its managed buffer as one
     * object (over std), instead of {@code m1} on its managed buffer {@code mb}: BufferProtocol's
     * {@code Disc} gives both kinds the plain update under this variant.
     */
    static final Map<String, String> RENDERED_ON = Map.of("MCBugNonAtomicCounter", "{std, mv}");

    /** The correct-discipline configurations, in name order. */
    public static List<Path> configs(Path tlaDir) throws IOException {
        try (var s = Files.list(tlaDir)) {
            return s.filter(p -> p.getFileName().toString().matches("MCBufferProtocolFreeThreaded\\w*\\.cfg"))
                    .sorted().toList();
        }
    }

    /** The bug variants that run the free-threaded spec, in name order. */
    public static List<Path> bugConfigs(Path tlaDir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : BugLogs.configs(tlaDir)) if (freeThreaded(Files.readAllLines(p))) out.add(p);
        return out;
    }

    static boolean freeThreaded(List<String> cfg) {
        return cfg.stream().anyMatch(l -> l.replace(" ", "").equals("FreeThreaded=TRUE"));
    }

    /** The discipline version ({@code 3.13t}, ..., {@code main}) a free-threaded cfg runs under. */
    static String discipline(Path cfgPath, List<String> cfg) {
        for (String l : cfg) {
            Matcher m = DISCIPLINE.matcher(l);
            if (m.matches() && VERSIONS.containsKey(m.group(1))) return VERSIONS.get(m.group(1));
        }
        throw new IllegalArgumentException(cfgPath + ": a free-threaded configuration without a per-version"
                + " Discipline table (Discipline <- MCDiscipline313t, 314t, 315t or Main)");
    }

    /** Behaviours of a correct-discipline configuration, each rendered as a free-threaded log. */
    public static List<Conformance.Case> generate(Path tlaDir, Path ftCfg, int behaviours, int depth, long seed)
            throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(ftCfg);
        if (!freeThreaded(lines)) throw new IllegalArgumentException(ftCfg + ": not a free-threaded configuration");
        String disc = discipline(ftCfg, lines);
        String name = ftCfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        Path work = Files.createTempDirectory("bufspec-genft-");
        try {
            Path cfg = work.resolve("GEN" + ftCfg.getFileName());
            Files.write(cfg, BugLogs.derive(lines));
            List<Behaviour> bs = Simulation.run(new Simulation.Options(tlaDir.resolve(Simulation.MODULE), cfg,
                    behaviours, depth, seed, Duration.ofMinutes(10)));
            List<Conformance.Case> out = new ArrayList<>(bs.size());
            for (int i = 0; i < bs.size(); i++) {
                out.add(new Conformance.Case("gen:" + name + ":seed" + seed + ":" + i,
                        LogRenderer.render(bs.get(i), i, LogRenderer.PerView.INTERNAL, disc)));
            }
            return out;
        } finally {
            delete(work);
        }
    }

    /** A free-threaded bug variant simulated to its first violation, rendered as a free-threaded log. */
    public static BugLogs.BugLog bug(Path tlaDir, Path bugCfg, int behaviours, int depth, long seed)
            throws IOException, InterruptedException {
        String name = bugCfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        ModelConfig mc;
        try {
            mc = ModelConfig.load(bugCfg);
        } catch (bufspec.tlc.ConfigError e) {
            throw new IllegalArgumentException(bugCfg + ": unreadable config: " + e.getMessage(), e);
        }
        String expected = mc.expectation() instanceof Expectation.Violation v ? v.property().name() : "?";
        List<String> lines = new ArrayList<>(Files.readAllLines(bugCfg));
        if (!freeThreaded(lines)) throw new IllegalArgumentException(bugCfg + ": not a free-threaded variant");
        String disc = discipline(bugCfg, lines);
        String on = RENDERED_ON.get(name);
        if (on != null) lines.replaceAll(l -> l.strip().startsWith("Exporters =") ? "    Exporters = " + on : l);
        Path work = Files.createTempDirectory("bufspec-genftbug-");
        try {
            Path cfg = work.resolve("GEN" + bugCfg.getFileName());
            Files.write(cfg, BugLogs.derive(lines));
            var got = Simulation.firstViolation(new Simulation.Options(tlaDir.resolve(Simulation.MODULE), cfg,
                    behaviours, depth, seed, Duration.ofMinutes(10)));
            if (got.isEmpty()) {
                return new BugLogs.BugLog(name, expected, null, Optional.empty(),
                        "no violation in " + behaviours + " behaviours of depth " + depth);
            }
            return new BugLogs.BugLog(name, expected, got.get().invariant(), Optional.of(new Conformance.Case(
                    "gen:" + name + ":seed" + seed,
                    LogRenderer.render(got.get().behaviour(), 1, LogRenderer.PerView.INTERNAL, disc))), null);
        } finally {
            delete(work);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
