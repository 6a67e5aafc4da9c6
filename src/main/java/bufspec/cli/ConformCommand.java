package bufspec.cli;

import bufspec.exact.Conformance;
import bufspec.exact.TlcEngine;
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
                "Exit codes: 0 the engines agreed on every case, 1 some disagreement, 2 usage error."})
public final class ConformCommand implements Callable<Integer> {

    @Option(names = "--cases", defaultValue = "1000", description = "mutants to judge (default: ${DEFAULT-VALUE})")
    int cases;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--root", defaultValue = ".", description = "repository root (default: ${DEFAULT-VALUE})")
    Path root;

    @Option(names = "--shrink-runs", defaultValue = "60", description = "engine runs allowed to shrink one disagreement")
    int shrinkRuns;

    @Override
    public Integer call() throws IOException {
        Path dir = root.resolve("traces/examples");
        List<Path> bases;
        try (Stream<Path> s = Files.list(dir)) {
            bases = s.filter(p -> p.toString().endsWith(".ndjson") && !p.getFileName().toString().startsWith("bad-"))
                    .sorted().toList();
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
        for (Conformance.Disagreement d : bad) {
            System.out.println("DISAGREEMENT " + d.original().name() + ": " + String.join("; ", d.agreement().differences()));
            System.out.println("  shrunk to " + d.shrunk().lines().size() + " lines ("
                    + (d.shrunkAgreement().agrees() ? "no longer disagrees" : String.join("; ", d.shrunkAgreement().differences())) + "):");
            d.shrunk().lines().forEach(l -> System.out.println("    " + l));
        }
        System.out.printf("%d cases from %d logs (%d judged valid, %d invalid by replay), %d disagreement(s), %.1f s%n",
                cases, bases.size(), c.lastValid(), cases - c.lastValid(), bad.size(), s);
        return bad.isEmpty() ? 0 : 1;
    }
}
