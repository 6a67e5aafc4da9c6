package bufspec.bench;

import bufspec.tlc.ConfigError;
import bufspec.tlc.ModelConfig;
import bufspec.tlc.TlcListener;
import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcResult;
import bufspec.tlc.TlcRunner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model-checking benchmark: the default configuration and its no-symmetry twin, each run
 * once by real TLC; prints distinct states, states/s and wall time, and what symmetry saves.
 */
public final class ModelBench {

    /** The pair compared: symmetry on, then off. */
    public static final List<String> CONFIGS = List.of("tla/MCBufferProtocol.cfg", "tla/MCBufferProtocolNoSymmetry.cfg");

    /** One run's figures. */
    public record Figures(String config, TlcOutcome outcome, long generated, long distinct, long wallMillis) {
        public double statesPerSecond() {
            return wallMillis == 0 ? 0 : generated * 1000.0 / wallMillis;
        }
    }

    private final TlcRunner runner;
    private final TlcRunner.Options options;

    public ModelBench(TlcRunner runner, TlcRunner.Options options) {
        this.runner = runner;
        this.options = options;
    }

    /** Runs each configuration (relative to {@code root}) and returns its figures. */
    public List<Figures> run(Path root, List<String> configs, PrintStream progress) throws ConfigError, InterruptedException {
        List<ModelConfig> loaded = new ArrayList<>();
        for (String c : configs) {
            loaded.add(ModelConfig.load(root.resolve(c)));
        }
        List<Figures> figures = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            progress.println("== running " + configs.get(i) + " with " + options.workers() + " workers");
            TlcResult r = runner.run(loaded.get(i), options, TlcListener.NONE);
            figures.add(new Figures(configs.get(i), r.outcome(), r.stats().generated(), r.stats().distinct(), r.durationMillis()));
        }
        return figures;
    }

    /** The figures as a table, then the reduction ratio of the first over the second. */
    public static void print(List<Figures> figures, PrintStream out) {
        out.printf(Locale.ROOT, "%-40s %-12s %14s %14s %12s %9s%n", "config", "outcome", "generated", "distinct", "states/s", "wall");
        for (Figures f : figures) {
            out.printf(Locale.ROOT, "%-40s %-12s %,14d %,14d %,12.0f %8.1fs%n", f.config(), f.outcome(), f.generated(),
                    f.distinct(), f.statesPerSecond(), f.wallMillis() / 1000.0);
        }
        if (figures.size() == 2 && figures.get(0).distinct() > 0 && figures.get(1).distinct() > 0) {
            out.printf(Locale.ROOT, "symmetry reduction: %,d -> %,d distinct states (%.2fx fewer), wall %.1fs -> %.1fs%n",
                    figures.get(1).distinct(), figures.get(0).distinct(),
                    figures.get(1).distinct() / (double) figures.get(0).distinct(),
                    figures.get(1).wallMillis() / 1000.0, figures.get(0).wallMillis() / 1000.0);
        }
    }
}
