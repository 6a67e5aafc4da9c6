package bufspec.cli;

import bufspec.exact.Conformance;
import bufspec.exact.TlcEngine;
import bufspec.gen.BugLogs;
import bufspec.gen.GeneratedLogs;
import bufspec.gen.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code conform --cases N}: differential conformance of the replay and TLC engines on mutated logs. */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = {"Mutates the readable example logs (drop, duplicate, swap an event; change a counter, a"
                + " refcount, an internal, a struct address), judges every mutant with both engines and prints"
                + " each disagreement shrunk to a minimal log.",
                "With --generated N the logs come from the spec itself instead: N behaviours of TLC's simulation"
                + " of tla/GENBufferProtocol.cfg rendered as logs (valid by construction), judged as they are and"
                + " with --cases mutants of them.",
                "With --free-threaded N: N behaviours of each tla/MCBufferProtocolFreeThreaded*.cfg rendered as"
                + " free-threaded logs, which the replay engine must accept, and each free-threaded bug variant's"
                + " first violation, which it must reject with the variant's property (replay only: the TLC"
                + " engine does not judge free-threaded logs yet).",
                "Exit codes: 0 the engines agreed on every case, 1 some disagreement, 2 usage error."})
public final class ConformCommand implements Callable<Integer> {

    @Option(names = "--cases", defaultValue = "1000", description = "mutants to judge (default: ${DEFAULT-VALUE})")
    int cases;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--root", paramLabel = "DIR",
            description = "a bufspec checkout whose tla/ and traces/examples/ to use (default: those bundled in the jar)")
    Path root;

    @Option(names = "--generated", defaultValue = "0",
            description = "behaviours to simulate with TLC and render as logs (0: mutate the example logs instead)")
    int generated;

    @Option(names = "--depth", defaultValue = "40", description = "states per simulated behaviour (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--gen-config", description = "simulation config (default: tla/GENBufferProtocol.cfg under --root)")
    Path genConfig;

    @Option(names = "--write", description = "also write every generated log to DIR/<name>.ndjson")
    Path write;

    @Option(names = "--bugs", description = "simulate every tla/bugs/MCBug*.cfg until an invariant breaks, render that"
            + " behaviour and report what each engine says (with --bug-seeds seeds per config)")
    boolean bugs;

    @Option(names = "--free-threaded", defaultValue = "0", description = "behaviours per free-threaded config to render"
            + " as free-threaded logs and judge with replay, and the free-threaded bug variants (with --bug-seeds seeds)")
    int freeThreaded;

    @Option(names = "--bug-seeds", defaultValue = "3", description = "seeds per bug config with --bugs (default: ${DEFAULT-VALUE})")
    int bugSeeds;

    @Option(names = "--batch-events", description = "about how many events one TLC run checks (default: the TLC engine's)")
    Integer batchEvents;

    @Option(names = "--shrink-runs", defaultValue = "60", description = "engine runs allowed to shrink one disagreement")
    int shrinkRuns;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path given = root;
        root = bufspec.spec.BundledSpecs.rootOr(root);
        SpecNotes.print(given, root, System.err);
        if (bugs) return bugRun();
        if (freeThreaded > 0) return freeThreadedRun();
        if (generated > 0) return generatedRun();
        Path dir = root.resolve("traces/examples");
        List<Path> bases;
        try (Stream<Path> s = Files.list(dir)) {
            // (ft-*: free-threaded logs, which the TLC engine does not judge yet)
            bases = s.filter(p -> p.toString().endsWith(".ndjson") && !p.getFileName().toString().startsWith("bad-")
                    && !p.getFileName().toString().startsWith("ft-")).sorted().toList();
        }
        if (bases.isEmpty() || cases < 1) {
            System.err.println("conform: no example logs under " + dir + " (or --cases < 1)");
            return 2;
        }
        Conformance c = new Conformance(new TlcEngine(TlcEngine.Options.defaults(root.resolve("tla"))));
        long t0 = System.nanoTime();
        List<Conformance.Case> mutants = Conformance.mutants(bases, cases, seed);
        List<Conformance.Disagreement> bad = c.disagreements(mutants, shrinkRuns);
        double s = (System.nanoTime() - t0) / 1e9;
        print(bad);
        System.out.printf("%d cases from %d logs (%d judged valid, %d invalid by replay), %d disagreement(s), %.1f s%n",
                cases, bases.size(), c.lastValid(), cases - c.lastValid(), bad.size(), s);
        return bad.isEmpty() ? 0 : 1;
    }

    /** Logs from the spec: simulated behaviours rendered, judged as they are and mutated. */
    private int generatedRun() throws IOException, InterruptedException {
        if (cases < 0 || depth < 2) {
            System.err.println("conform: --cases must be >= 0 and --depth >= 2");
            return 2;
        }
        Path cfg = genConfig != null ? genConfig : root.resolve("tla/GENBufferProtocol.cfg");
        if (!Files.isRegularFile(cfg)) {
            System.err.println("conform: no simulation config " + cfg);
            return 2;
        }
        long t0 = System.nanoTime();
        List<Conformance.Case> logs = GeneratedLogs.generate(
                new Simulation.Options(cfg, generated, depth, seed, java.time.Duration.ofHours(2)));
        double sim = (System.nanoTime() - t0) / 1e9;
        if (write != null) {
            Files.createDirectories(write);
            for (Conformance.Case l : logs) {
                Files.write(write.resolve(l.name().replaceAll("[^A-Za-z0-9_.-]", "_") + ".ndjson"), l.lines());
            }
        }
        List<Conformance.Case> all = new java.util.ArrayList<>(logs);
        if (cases > 0) all.addAll(Conformance.mutantsOf(logs, cases, seed));
        TlcEngine.Options eo = TlcEngine.Options.defaults(root.resolve("tla"));
        if (batchEvents != null) eo = eo.withBatchEvents(batchEvents);
        Conformance c = new Conformance(new TlcEngine(eo));
        long t1 = System.nanoTime();
        List<Conformance.Disagreement> bad = c.disagreements(all, shrinkRuns);
        double judge = (System.nanoTime() - t1) / 1e9;
        print(bad);
        List<String> rejected = new java.util.ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            var a = c.lastAgreements().get(i);
            if (!a.replay().equals("valid")) rejected.add(logs.get(i).name() + ": replay " + a.replay());
        }
        for (String r : rejected) System.out.println("GENERATED LOG REJECTED (valid by construction) " + r);
        long events = logs.stream().mapToLong(l -> l.lines().size()).sum();
        System.out.printf("%d generated logs (%d lines; TLC simulation of %s, depth %d, seed %d: %.1f s) + %d mutants:"
                        + " %d judged valid, %d invalid by replay; %d generated log(s) rejected by replay;"
                        + " %d disagreement(s); both engines %.1f s%n",
                logs.size(), events, cfg.getFileName(), depth, seed, sim, all.size() - logs.size(), c.lastValid(),
                all.size() - c.lastValid(), rejected.size(), bad.size(), judge);
        return bad.isEmpty() && rejected.isEmpty() ? 0 : 1;
    }

    /** Free-threaded logs from the spec, judged by replay: the correct disciplines accepted, each variant named. */
    private int freeThreadedRun() throws IOException, InterruptedException {
        if (depth < 2) {
            System.err.println("conform: --depth must be >= 2");
            return 2;
        }
        Path tla = root.resolve("tla");
        bufspec.replay.Replay replay = new bufspec.replay.Replay(bufspec.replay.Replay.Options.defaults());
        int logs = 0, rejected = 0, bugLogs = 0, named = 0;
        long t0 = System.nanoTime();
        for (Path cfg : bufspec.gen.FreeThreadedLogs.configs(tla)) {
            for (Conformance.Case c : bufspec.gen.FreeThreadedLogs.generate(tla, cfg, freeThreaded, depth, seed)) {
                logs++;
                writeCase(c);
                var r = judge(replay, c);
                if (r.totalViolations() > 0 || r.errorCount() > 0) {
                    rejected++;
                    System.out.println("GENERATED FREE-THREADED LOG REJECTED (valid by construction) " + c.name() + ": replay "
                            + r.violationCounts().keySet() + " " + r.errors());
                }
            }
        }
        for (Path cfg : bufspec.gen.FreeThreadedLogs.bugConfigs(tla)) {
            for (int k = 0; k < bugSeeds; k++) {
                BugLogs.BugLog b = bufspec.gen.FreeThreadedLogs.bug(tla, cfg, 5000, depth, seed + k);
                if (b.log().isEmpty()) {
                    System.out.printf("%-34s expects %-26s no log: %s%n", b.config(), b.expected(), b.skipped());
                    continue;
                }
                bugLogs++;
                writeCase(b.log().get());
                var r = judge(replay, b.log().get());
                boolean ok = r.violationCounts().keySet().stream().anyMatch(p -> p.name().equals(b.tlcViolated()));
                if (ok) named++;
                System.out.printf("%-34s expects %-26s simulation broke %-26s replay: %s%s%n", b.config(), b.expected(),
                        b.tlcViolated(), r.violationCounts().keySet(), ok ? "" : "   <- not shown by replay");
            }
        }
        System.out.printf("%d free-threaded logs (seed %d, depth %d): %d rejected by replay; %d bug logs: replay named the"
                + " broken invariant in %d; %.1f s%n", logs, seed, depth, rejected, bugLogs, named, (System.nanoTime() - t0) / 1e9);
        return rejected == 0 && named == bugLogs ? 0 : 1;
    }

    private void writeCase(Conformance.Case c) throws IOException {
        if (write == null) return;
        Files.createDirectories(write);
        Files.write(write.resolve(c.name().replaceAll("[^A-Za-z0-9_.-]", "_") + ".ndjson"), c.lines());
    }

    private static bufspec.result.FileResult judge(bufspec.replay.Replay replay, Conformance.Case c) {
        String text = String.join("\n", c.lines()) + "\n";
        return replay.validateStream(c.name(), new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Bug variants: does each engine name the invariant the simulated behaviour broke? */
    private int bugRun() throws IOException, InterruptedException {
        Path tla = root.resolve("tla");
        List<BugLogs.BugLog> got = new java.util.ArrayList<>();
        for (Path cfg : BugLogs.configs(tla)) {
            for (int k = 0; k < bugSeeds; k++) got.add(BugLogs.simulate(tla, cfg, 5000, depth, seed + k));
        }
        List<Conformance.Case> cases = got.stream().flatMap(b -> b.log().stream()).toList();
        Conformance c = new Conformance(new TlcEngine(TlcEngine.Options.defaults(tla)));
        List<Conformance.Disagreement> bad = cases.isEmpty() ? List.of() : c.disagreements(cases, shrinkRuns);
        print(bad);
        int i = 0, shown = 0, logs = 0;
        for (BugLogs.BugLog b : got) {
            if (b.log().isEmpty()) {
                System.out.printf("%-34s expects %-26s no log: %s%n", b.config(), b.expected(), b.skipped());
                continue;
            }
            var a = c.lastAgreements().get(i++);
            logs++;
            boolean named = a.replay().contains(b.tlcViolated());
            if (named) shown++;
            System.out.printf("%-34s expects %-26s simulation broke %-26s replay: %s; tlc: %s%s%n", b.config(), b.expected(),
                    b.tlcViolated(), a.replay(), a.tlc(), named ? "" : "   <- not shown by replay");
        }
        System.out.printf("%d bug logs: replay named the broken invariant in %d; %d disagreement(s) between the engines%n",
                logs, shown, bad.size());
        return bad.isEmpty() ? 0 : 1;
    }

    private static void print(List<Conformance.Disagreement> bad) {
        for (Conformance.Disagreement d : bad) {
            System.out.println("DISAGREEMENT " + d.original().name() + ": " + String.join("; ", d.agreement().differences()));
            System.out.println("  shrunk to " + d.shrunk().lines().size() + " lines ("
                    + (d.shrunkAgreement().agrees() ? "no longer disagrees" : String.join("; ", d.shrunkAgreement().differences())) + "):");
            d.shrunk().lines().forEach(l -> System.out.println("    " + l));
        }
    }
}
