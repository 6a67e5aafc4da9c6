package bufspec.cli;

import bufspec.report.check.CheckJson;
import bufspec.result.CheckRun;
import bufspec.report.ci.CheckJunit;
import bufspec.tlc.CheckResult;
import bufspec.tlc.ConfigError;
import bufspec.tlc.CounterexampleStep;
import bufspec.tlc.ModelConfig;
import bufspec.tlc.TlcListener;
import bufspec.tlc.TlcProgress;
import bufspec.tlc.TlcResult;
import bufspec.tlc.TlcRunner;
import bufspec.tlc.Tier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bufspec check}: runs TLC on model configurations and holds each to the expectation
 * written in its {@code \* bufspec-expect:} comment. Exit 0 when every configuration met its
 * expectation, 1 when some did not, 2 on usage or setup errors.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Runs TLC on model configurations; each must meet its '\\* bufspec-expect:' comment.",
                "Exit codes: 0 all met, 1 some did not, 2 usage or setup error."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CFG", description = "configuration files to check")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--all", description = "every configuration under <root>/tla/ except tier bench")
    boolean all;

    @Option(names = "--tier", paramLabel = "TIER", description = "only configurations of this tier: small, default or bench")
    String tier;



    @picocli.CommandLine.Mixin
    TlcOptions tlc = new TlcOptions();

    @Option(names = "--json", description = "same as --format json")
    boolean json;

    /** Output formats of {@code check}. */
    enum Format { text, json, junit }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (a table, default), json (structured results) or junit (JUnit XML, one testcase per configuration)")
    Format format;


    @Option(names = {"-v", "--verbose"}, description = "print the states of each counterexample")
    boolean verbose;

    /** Set by {@code report}: fixed fingerprint and seed, final liveness check: reproducible traces (with one worker). */
    boolean reproducible;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws InterruptedException {
        if (json && format != null && format != Format.json) {
            err.println("bufspec check: --json and --format " + format + " contradict each other");
            return 2;
        }
        Run run = run();
        if (run == null) {
            return 2;
        }
        List<CheckResult> results = run.results();
        boolean allMet = results.stream().allMatch(r -> r.verdict().met());
        Format chosen = format != null ? format : json ? Format.json : Format.text;
        if (chosen == Format.json) {
            out.println(CheckJson.text(CheckJson.document(results, run.configs())));
        } else if (chosen == Format.junit) {
            out.print(CheckJunit.render(CheckRun.of(results, run.configs())));
        } else {
            printTable(results);
            printDetails(results);
            out.printf("%d of %d configuration%s met %s expectation%n", results.stream().filter(r -> r.verdict().met()).count(),
                    results.size(), results.size() == 1 ? "" : "s", results.size() == 1 ? "its" : "their");
        }
        return allMet ? 0 : 1;
    }

    /** The configurations checked and their results, {@code results.get(i)} being of {@code configs.get(i)}. */
    record Run(List<ModelConfig> configs, List<CheckResult> results) {
    }

    /**
     * Runs TLC on the selected configurations, with progress on {@link #err}; null after a usage or
     * setup error, which it has printed.
     */
    Run run() throws InterruptedException {
        List<ModelConfig> selected;
        TlcRunner.Options options;
        try {
            selected = select();
            options = tlc.runnerOptions(reproducible);
        } catch (ConfigError | IllegalArgumentException e) {
            err.println("bufspec check: " + e.getMessage());
            return null;
        }
        TlcRunner runner = new TlcRunner();
        Path absRoot = tlc.root().toAbsolutePath().normalize();
        SpecNotes.print(tlc.root, absRoot, err);
        List<CheckResult> results = new ArrayList<>();
        for (ModelConfig config : selected) {
            String name = config.displayName(absRoot);
            int n = config.workersFor(tlc.workers);
            err.printf("== %s: expect %s (%d worker%s)%n", name, config.expectation(), n, n == 1 ? "" : "s");
            TlcResult result;
            try {
                // a liveness counterexample's lasso depends on TLC's random fingerprint: an expected
                // liveness violation is checked with the reproducible options, so its length is stable
                TlcRunner.Options o = options;
                if (config.expectation() instanceof bufspec.tlc.Expectation.Violation v
                        && v.property().kind() == bufspec.model.Property.Kind.LIVENESS && !o.reproducible()) {
                    o = new TlcRunner.Options(o.workers(), o.heap(), o.timeout(), o.simulate(), o.depth(), true, o.continuing());
                }
                result = runner.run(config, o.withWorkers(n), new ProgressPrinter(name, err));
            } catch (java.io.UncheckedIOException e) {
                err.println("bufspec check: " + e.getMessage() + ": " + e.getCause().getMessage());
                return null;
            }
            CheckResult checked = CheckResult.of(absRoot, config, result);
            err.printf("== %s: %s in %s: %s%n", name, checked.verdict().got(), seconds(result.durationMillis()),
                    checked.verdict().met() ? "OK" : "FAIL");
            results.add(checked);
        }
        return new Run(selected, results);
    }

    /** The configurations named, or discovered by --all / --tier. */
    private List<ModelConfig> select() throws ConfigError {
        Tier wanted = null;
        if (tier != null) {
            wanted = Tier.byLabel(tier.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new IllegalArgumentException("--tier must be small, default or bench, not '" + tier + "'"));
        }
        if (configs.isEmpty() && !all && wanted == null) {
            throw new IllegalArgumentException("name configuration files, or use --all or --tier (see check --help)");
        }
        List<ModelConfig> selected = new ArrayList<>();
        for (Path named : configs) {
            Path cfg = named;
            if (!Files.isRegularFile(cfg) && !cfg.isAbsolute() && Files.isRegularFile(tlc.root().resolve(cfg))) {
                cfg = tlc.root().resolve(cfg); // tla/bugs/X.cfg from any directory: the spec root's
            }
            if (!Files.isRegularFile(cfg)) {
                throw new ConfigError(named, 0, "no such configuration file (nor under " + tlc.root() + ")");
            }
            selected.add(ModelConfig.load(cfg));
        }
        if (all || wanted != null) {
            for (ModelConfig c : ModelConfig.discover(tlc.root())) {
                boolean inTier = wanted != null ? c.tier() == wanted : c.tier() != Tier.BENCH;
                if (inTier && selected.stream().noneMatch(s -> s.cfg().equals(c.cfg()))) {
                    selected.add(c);
                }
            }
            if (selected.isEmpty()) {
                throw new ConfigError(tlc.root().resolve("tla"), 0, "no configuration with a '\\* bufspec-expect:' comment"
                        + (wanted != null ? " of tier " + wanted.label() : ""));
            }
        }
        return selected;
    }

    private void printTable(List<CheckResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"config", "expected", "got", "distinct", "depth", "time", "result"});
        for (CheckResult r : results) {
            rows.add(new String[]{r.config(), r.expected(), r.verdict().got(), count(r.result().stats().distinct()),
                    r.result().stats().depth() < 0 ? "-" : Integer.toString(r.result().stats().depth()),
                    seconds(r.result().durationMillis()), r.verdict().met() ? "OK" : "FAIL"});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                boolean numeric = i == 3 || i == 4 || i == 5;
                String cell = rows.get(n)[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(numeric ? pad + cell : cell + (i == width.length - 1 ? "" : pad));
            }
            out.println(line);
            if (n == 0) {
                out.println("-".repeat(line.length()));
            }
        }
    }

    private void printDetails(List<CheckResult> results) {
        for (CheckResult r : results) {
            TlcResult t = r.result();
            boolean hasTrace = !t.counterexample().isEmpty();
            if (r.verdict().met() && !hasTrace) {
                continue;
            }
            out.println();
            out.println(r.config() + ": " + r.verdict().got() + (r.verdict().met() ? "" : " -- " + r.verdict().reason()));
            if (t.error() != null) {
                out.println("  " + t.error());
            } else if (!t.detail().isBlank() && !t.isViolation()) {
                t.detail().lines().limit(verbose ? Long.MAX_VALUE : 12).forEach(l -> out.println("  " + l));
            }
            if (!r.verdict().met() || verbose) {
                t.warnings().forEach(w -> out.println("  warning: " + w.lines().findFirst().orElse("")));
            }
            if (hasTrace) {
                out.printf("  counterexample, %d states%s: %s%n", t.counterexample().length(),
                        t.counterexample().isLasso() ? " (lasso)" : "", path(t));
                if (verbose) {
                    printSteps(t);
                }
            }
        }
    }

    /** The counterexample as its action names: "Init -> Acquire -> Release -> stuttering". */
    private static String path(TlcResult t) {
        List<String> names = new ArrayList<>();
        for (CounterexampleStep step : t.counterexample().steps()) {
            if (step instanceof CounterexampleStep.State s) {
                names.add(s.number() == 1 ? "Init" : s.action());
            } else if (step instanceof CounterexampleStep.BackToState b) {
                names.add("back to " + b.number());
            } else if (step instanceof CounterexampleStep.Stuttering) {
                names.add("stuttering");
            }
        }
        return String.join(" -> ", names) + " (-v for the states)";
    }

    private void printSteps(TlcResult t) {
        for (CounterexampleStep step : t.counterexample().steps()) {
            if (step instanceof CounterexampleStep.State s) {
                out.printf("  %d: %s%s%n", s.number(), s.action(), s.location() == null ? "" : " (" + s.location() + ")");
                s.variables().forEach((k, v) -> out.printf("      %s = %s%n", k, v.toTla()));
            } else if (step instanceof CounterexampleStep.BackToState b) {
                out.printf("  back to state %d via %s%n", b.number(), b.action());
            } else if (step instanceof CounterexampleStep.Stuttering s) {
                out.printf("  %d: stuttering forever%n", s.number());
            }
        }
    }

    static String count(long n) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    /** Prints one line per TLC progress report, with states/s since the previous report. */
    static final class ProgressPrinter implements TlcListener {
        private final String name;
        private final PrintStream err;
        private TlcProgress previous;

        ProgressPrinter(String name, PrintStream err) {
            this.name = name;
            this.err = err;
            this.previous = new TlcProgress(0, 0, 0, 0, 0);
        }

        @Override
        public void onProgress(TlcProgress p) {
            long dt = p.elapsedMillis() - previous.elapsedMillis();
            long rate = dt > 0 ? (p.generated() - previous.generated()) * 1000 / dt : 0;
            err.printf(Locale.ROOT, "   %s: depth %d, %s distinct, %s on queue, %s states/s, %s%n", name, p.depth(),
                    count(p.distinct()), count(p.queue()), count(rate), seconds(p.elapsedMillis()));
            previous = p;
        }
    }
}
