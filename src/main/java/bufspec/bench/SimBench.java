package bufspec.bench;

import bufspec.tlc.ConfigError;
import bufspec.tlc.TlcListener;
import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcResult;
import bufspec.tlc.TlcRunner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The simulation benchmark: TLC's random simulation ({@code -simulate num=N -depth D}) of the
 * simulation configuration, every invariant checked on every state; prints behaviours and states
 * per second and what {@value #TARGET} behaviours would take at that rate.
 */
public final class SimBench {

    /** The configuration simulated: the largest zoo and the most consumers of any configuration. */
    public static final String CONFIG = "tla/SIMBufferProtocol.cfg";

    /** The number of behaviours the figures are projected to. */
    public static final long TARGET = 1_000_000;

    /** One run's figures: {@code behaviours} is the number asked for, generated if TLC succeeded. */
    public record Figures(String config, TlcOutcome outcome, long behaviours, int depth, long generated, long wallMillis) {
        public double behavioursPerSecond() {
            return wallMillis == 0 ? 0 : behaviours * 1000.0 / wallMillis;
        }

        public double statesPerSecond() {
            return wallMillis == 0 ? 0 : generated * 1000.0 / wallMillis;
        }
    }

    private final TlcRunner runner;
    private final TlcRunner.Options options;

    /** {@code options} carry the behaviours and depth ({@link TlcRunner.Options#simulating(long, int)}). */
    public SimBench(TlcRunner runner, TlcRunner.Options options) {
        if (!options.simulate() || options.behaviours() < 1) {
            throw new IllegalArgumentException("the simulation benchmark needs a number of behaviours to simulate");
        }
        this.runner = runner;
        this.options = options;
    }

    /**
     * Simulates {@code config} (relative to {@code root}; its module is the .tla beside it) once.
     * The configuration carries no {@code bufspec-expect} line (it is never checked exhaustively),
     * so it is run as it is, not through {@link bufspec.tlc.ModelConfig}.
     */
    public Figures run(Path root, String config, PrintStream progress) throws ConfigError, InterruptedException {
        Path cfg = root.resolve(config).toAbsolutePath();
        Path module = cfg.resolveSibling(cfg.getFileName().toString().replaceFirst("\\.cfg$", ".tla"));
        if (!Files.isRegularFile(cfg) || !Files.isRegularFile(module)) {
            throw new ConfigError(cfg, 0, "no simulation configuration and module (" + module.getFileName() + ") here");
        }
        progress.printf(Locale.ROOT, "== simulating %s: %,d behaviours of depth %d, %d workers%n",
                config, options.behaviours(), options.depth(), options.workers());
        TlcResult r = runner.run(module, cfg, List.of(cfg.getParent()), options, TlcListener.NONE);
        if (r.outcome() != TlcOutcome.SUCCESS) {
            progress.println("TLC: " + r.outcome() + (r.detail() == null ? "" : ": " + r.detail()));
        }
        return new Figures(config, r.outcome(), options.behaviours(), options.depth(), r.stats().generated(), r.durationMillis());
    }

    /** The figures, one line each, and the projection to {@value #TARGET} behaviours. */
    public static void print(Figures f, PrintStream out) {
        out.printf(Locale.ROOT, "config:        %s%n", f.config());
        out.printf(Locale.ROOT, "outcome:       %s%n", f.outcome());
        out.printf(Locale.ROOT, "behaviours:    %,d (depth %d)%n", f.behaviours(), f.depth());
        out.printf(Locale.ROOT, "states:        %,d generated, every invariant checked on each%n", f.generated());
        out.printf(Locale.ROOT, "wall:          %.1f s%n", f.wallMillis() / 1000.0);
        out.printf(Locale.ROOT, "behaviours/s:  %,.1f%n", f.behavioursPerSecond());
        out.printf(Locale.ROOT, "states/s:      %,.0f%n", f.statesPerSecond());
        if (f.outcome() == TlcOutcome.SUCCESS && f.behavioursPerSecond() > 0) {
            double seconds = TARGET / f.behavioursPerSecond();
            out.printf(Locale.ROOT, "%,d behaviours at this rate: %.1f min%n", TARGET, seconds / 60);
        }
    }
}
