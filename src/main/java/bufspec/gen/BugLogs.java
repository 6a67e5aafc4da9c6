package bufspec.gen;

import bufspec.exact.Conformance;
import bufspec.tlc.Expectation;
import bufspec.tlc.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Logs of bug variants: each {@code tla/bugs/MCBug*.cfg} simulated through GENBufferProtocol
 * (same constants and invariants, the labelled Init/Next) until a behaviour breaks an invariant;
 * that behaviour rendered as a log. The replay validator should name the property the cfg
 * expects wherever the log can show it.
 */
public final class BugLogs {
    private BugLogs() {}

    /** One bug variant's log, or why there is none. */
    public record BugLog(String config, String expected, String tlcViolated, Optional<Conformance.Case> log,
                         String skipped) {}

    /**
     * The bug variants' configurations under {@code tlaDir/bugs}, in name order (not their
     * harm-only twins, {@link #harmTwin}).
     */
    public static List<Path> configs(Path tlaDir) throws IOException {
        try (var s = Files.list(tlaDir.resolve("bugs"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".cfg"))
                    .filter(p -> !p.getFileName().toString().endsWith("Harm.cfg")).sorted().toList();
        }
    }

    /** The harm-only twin {@code MCBug<X>Harm.cfg} of a bug configuration, if it has one. */
    public static Optional<Path> harmTwin(Path bugCfg) {
        String name = bugCfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        Path twin = bugCfg.resolveSibling(name + "Harm.cfg");
        return Files.isRegularFile(twin) ? Optional.of(twin) : Optional.empty();
    }

    public static BugLog simulate(Path tlaDir, Path bugCfg, int behaviours, int depth, long seed)
            throws IOException, InterruptedException {
        String name = bugCfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        ModelConfig mc;
        try {
            mc = ModelConfig.load(bugCfg);
        } catch (Exception e) {
            return new BugLog(name, "?", null, Optional.empty(), "unreadable config: " + e.getMessage());
        }
        String expected = mc.expectation() instanceof Expectation.Violation v ? v.property().name() : "?";
        List<String> lines = Files.readAllLines(bugCfg);
        boolean temporal = mc.properties().stream().anyMatch(n -> bufspec.model.Property.byName(n)
                .map(p -> p.kind() == bufspec.model.Property.Kind.LIVENESS).orElse(true));
        if (temporal || lines.stream().anyMatch(l -> l.strip().startsWith("SPECIFICATION"))) {
            return new BugLog(name, expected, null, Optional.empty(),
                    "a liveness variant: a finite simulated prefix cannot show it");
        }
        if (lines.stream().anyMatch(l -> l.replace(" ", "").equals("FreeThreaded=TRUE"))) {
            return new BugLog(name, expected, null, Optional.empty(),
                    "free-threaded: its log is rendered by FreeThreadedLogs.bug, and the TLC engine does not judge"
                            + " free-threaded logs yet");
        }
        Path work = Files.createTempDirectory("bufspec-genbug-");
        try {
            Path cfg = work.resolve("GEN" + bugCfg.getFileName());
            Files.write(cfg, derive(lines));
            var got = Simulation.firstViolation(new Simulation.Options(tlaDir.resolve(Simulation.MODULE), cfg,
                    behaviours, depth, seed, Duration.ofMinutes(10)));
            if (got.isEmpty()) {
                return new BugLog(name, expected, null, Optional.empty(),
                        "no violation in " + behaviours + " behaviours of depth " + depth);
            }
            Behaviour b = got.get().behaviour();
            LogRenderer.PerView pv = lines.stream().anyMatch(l -> l.contains("\"TrackByViewAddress\""))
                    ? LogRenderer.PerView.BY_STRUCT_ADDRESS : LogRenderer.PerView.INTERNAL;
            return new BugLog(name, expected, got.get().invariant(),
                    Optional.of(new Conformance.Case("gen:" + name + ":seed" + seed, LogRenderer.render(b, 1, pv))), null);
        } finally {
            try (var s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The bug cfg with GENBufferProtocol's Init and Next, no symmetry (simulation ignores it
     * anyway), and without the properties a log cannot show ({@link bufspec.model.Property#modelOnly()};
     * TypeOK stays, it holds in every state):
     * the simulation runs on to the first violation the log's validators can name.
     */
    static List<String> derive(List<String> cfg) {
        List<String> out = new ArrayList<>();
        for (String l : cfg) {
            String t = l.strip();
            if (t.startsWith("\\*") || t.startsWith("SYMMETRY")) continue;
            if (bufspec.model.Property.byName(t).map(p -> p.modelOnly() && p != bufspec.model.Property.TypeOK).orElse(false)) continue;
            if (t.equals("INIT Init")) out.add("INIT GenInit");
            else if (t.equals("NEXT Next")) out.add("NEXT GenNext");
            else out.add(l);
        }
        return out;
    }
}
