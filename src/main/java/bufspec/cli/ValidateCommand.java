package bufspec.cli;

import bufspec.exact.Agreement;
import bufspec.exact.TlcEngine;
import bufspec.replay.Replay;
import bufspec.report.ExpectedVerdictsTable;
import bufspec.report.Format;
import bufspec.report.progress.ValidationProgress;
import bufspec.result.ExpectedVerdicts;
import bufspec.spec.BundledSpecs;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.trace.ReadProgress;
import bufspec.trace.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code validate FILE... [-]}: replays logs against the model's invariants. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates bufspec-trace logs (NDJSON, optionally gzip; '-' for stdin) against the"
                + " buffer protocol's properties. Each file is one process, validated independently.",
                "With --expected TSV, validates every log a bundled EXPECTED.tsv lists and checks each gets its"
                + " expected verdict.",
                "Exit codes: 0 valid (or every expected verdict met), 1 a property violated (or an expected verdict"
                + " not met), 2 unreadable input (bad lines and no violation)."})
public final class ValidateCommand implements Callable<Integer> {

    /** replay: the Java replay validator; tlc: TLC judges the log; both: both, disagreements reported. */
    enum Engine { replay, tlc, both }

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "log files; '-' reads standard input")
    List<String> files = new ArrayList<>();

    @Option(names = "--expected", paramLabel = "TSV",
            description = "an EXPECTED.tsv (file, exit code, verdict) whose logs must each get their verdict; repeatable")
    List<Path> expected = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text",
            description = "text, json, junit or sarif (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--engine", defaultValue = "replay",
            description = "replay (default), tlc (TLC replays the log through tla/TraceBufferProtocol.tla) or both"
                    + " (both engines; a disagreement is reported on stderr and exits 1)")
    Engine engine;

    @Option(names = "--root", paramLabel = "DIR",
            description = "TLC engine: a bufspec checkout whose tla/ to use (default: the specs bundled in the jar)")
    Path root;

    @Option(names = "--no-slicing", negatable = false,
            description = "TLC engine: check each log as one slice instead of independent per-object slices")
    boolean noSlicing;

    @Option(names = "--strict", description = "stop a file at its first bad line instead of skipping it")
    boolean strict;

    @Option(names = "--no-progress", negatable = false,
            description = "no progress on stderr (by default: a bar on a terminal, a line every 10 s otherwise)")
    boolean noProgress;

    @Option(names = "--max-line-bytes", defaultValue = "" + TraceReader.DEFAULT_MAX_LINE_BYTES,
            description = "longest acceptable line in bytes (default: ${DEFAULT-VALUE})")
    int maxLineBytes;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "replay engine: validate on up to N threads (0: one per core): logs spread over the"
                    + " threads, and a log read on a thread of its own when there are two per log; the output is"
                    + " the sequential run's (no progress while several logs run at once; default: ${DEFAULT-VALUE})")
    int jobs;

    @Override
    public Integer call() throws IOException {
        if (maxLineBytes < 64) {
            System.err.println("validate: --max-line-bytes must be at least 64");
            return ValidationResult.EXIT_UNREADABLE;
        }
        if (files.isEmpty() && expected.isEmpty()) {
            System.err.println("validate: name at least one log FILE ('-' for standard input) or --expected TSV");
            return ValidationResult.EXIT_UNREADABLE;
        }
        if (jobs < 0) {
            System.err.println("validate: --jobs must be 0 (one per core) or more");
            return ValidationResult.EXIT_UNREADABLE;
        }
        int threads = jobs == 0 ? Runtime.getRuntime().availableProcessors() : jobs;
        boolean quiet = noProgress || (threads > 1 && files.size() > 1);
        Replay replay = new Replay(new Replay.Options(strict, maxLineBytes,
                (name, size) -> quiet ? ReadProgress.NONE : ValidationProgress.forStderr(name, size)));
        TlcEngine tlc = null;
        if (engine != Engine.replay) {
            try {
                Path specRoot = BundledSpecs.rootOr(root);
                if (!noProgress) SpecNotes.print(root, specRoot, System.err);
                tlc = new TlcEngine(TlcEngine.Options.defaults(specRoot.resolve("tla")).withSlicing(!noSlicing)
                        .withStrict(strict, maxLineBytes).withProgress(noProgress ? null : System.err));
            } catch (TlcEngine.EngineFailure e) {
                System.err.println("validate: " + e.getMessage());
                return ValidationResult.EXIT_UNREADABLE;
            }
        }
        try {
            if (!expected.isEmpty()) {
                return checkExpected(replay, tlc);
            }
            if (engine == Engine.replay) {
                ValidationResult result = replay.validate(files, threads);
                format.renderer().render(result, System.out);
                return result.exitCode();
            }
            ValidationResult byTlc = tlc.validate(files);
            if (engine == Engine.tlc) {
                format.renderer().render(byTlc, System.out);
                return byTlc.exitCode();
            }
            ValidationResult byReplay = replay.validate(files, threads);
            boolean agree = true;
            for (int i = 0; i < files.size(); i++) {
                Agreement a = Agreement.of(byReplay.files().get(i), byTlc.files().get(i));
                if (!a.agrees()) {
                    agree = false;
                    System.err.println("validate: " + a);
                }
            }
            format.renderer().render(new ValidationResult("both", byReplay.files()), System.out);
            return agree ? byReplay.exitCode() : ValidationResult.EXIT_VIOLATED;
        } catch (TlcEngine.EngineFailure e) {
            System.err.println("validate: TLC engine: " + e.getMessage());
            return ValidationResult.EXIT_UNREADABLE;
        }
    }

    /** Every log of every tsv against its expected verdict; a table, and 0 only when all were met. */
    private int checkExpected(Replay replay, TlcEngine tlc) {
        List<ExpectedVerdicts.Judgement> judgements = new ArrayList<>();
        for (Path tsv : expected) {
            ExpectedVerdicts ev;
            try {
                ev = ExpectedVerdicts.read(tsv);
            } catch (IOException e) {
                System.err.println("validate: " + (e.getMessage() == null ? tsv + ": unreadable" : e.getMessage()));
                return ValidationResult.EXIT_UNREADABLE;
            }
            for (ExpectedVerdicts.Row row : ev.rows()) {
                String log = row.log().toString();
                ValidationResult r = engine == Engine.tlc ? tlc.validate(List.of(log)) : replay.validate(List.of(log));
                FileResult f = r.files().get(0);
                judgements.add(row.judge(f, r.exitCode()));
                if (engine == Engine.both) {
                    Agreement a = Agreement.of(f, tlc.validate(List.of(log)).files().get(0));
                    if (!a.agrees()) {
                        System.err.println("validate: " + a);
                        judgements.add(new ExpectedVerdicts.Judgement(row, false, a.tlc(), "engines disagree: "
                                + String.join("; ", a.differences())));
                    }
                }
            }
        }
        ExpectedVerdictsTable.print(judgements, System.out);
        return judgements.stream().allMatch(ExpectedVerdicts.Judgement::met)
                ? ValidationResult.EXIT_VALID : ValidationResult.EXIT_VIOLATED;
    }
}
