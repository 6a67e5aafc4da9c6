package bufspec.cli;

import bufspec.report.InputError;
import bufspec.report.JsonInput;
import bufspec.report.check.CheckJsonReader;
import bufspec.result.CheckRun;
import bufspec.report.ci.CheckJunit;
import bufspec.report.ci.Sarif;
import bufspec.report.ci.ValidateJunit;
import bufspec.report.docs.GeneratedRegion;
import bufspec.report.docs.PropertyDocs;
import bufspec.report.page.HtmlPage;
import bufspec.report.page.MarkdownPage;
import bufspec.report.page.Report;
import bufspec.result.ValidationResult;
import bufspec.report.validate.ValidateJsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bufspec report}: the pages people read in design reviews, from the JSON of a check and/or
 * a validate run (files, e.g. CI artifacts) or from a check it runs itself; and the generated
 * regions of the docs ({@code --update-docs}, {@code --check-docs}). Exit codes: 0 pages written (or docs up to date), 1 the docs
 * differ from what the tool generates ({@code --check-docs}), 2 usage error or bad input.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Markdown and HTML pages (sequence diagrams of every counterexample and violation) from check/validate results.",
                "  report --check check.json --validate validate.json --md out.md --html out.html",
                "  report --run-check tla/bugs/MCFoo.cfg --html out.html",
                "  report --update-docs README.md docs/*.md   |   report --check-docs README.md docs/*.md",
                "Exit codes: 0 done, 1 --check-docs found differences, 2 usage error or bad input."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--check", paramLabel = "JSON", description = "output of 'check --format json'")
    Path checkJson;

    @Option(names = "--validate", paramLabel = "JSON", description = "output of 'validate --format json'")
    Path validateJson;

    @Option(names = "--run-check", paramLabel = "CFG", arity = "1..*",
            description = "run 'check' on these configurations (one worker, fixed fingerprint, final liveness check: reproducible traces) instead of reading --check")
    List<Path> runCheck = new ArrayList<>();

    @Option(names = "--md", paramLabel = "FILE", description = "write the Markdown page here")
    Path md;

    @Option(names = "--html", paramLabel = "FILE", description = "write the HTML page here (self-contained, works offline)")
    Path html;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "write JUnit XML here: of the check results, or of the validate results (give one of them)")
    Path junit;

    @Option(names = "--sarif", paramLabel = "FILE", description = "write SARIF 2.1.0 of the validate results here")
    Path sarif;

    @Option(names = "--logs-root", paramLabel = "DIR",
            description = "directory the log paths in --validate are relative to, to read threads back (default: the current directory)")
    Path logsRoot = Path.of("");

    @Option(names = "--update-docs", paramLabel = "PAGE", arity = "1..*",
            description = "regenerate the generated regions of these pages: bug-variant-diagrams (by checking"
                    + " <root>/tla/bugs/*.cfg), property-table (from bufspec.model.Property), property-map (Property and the repository's files),"
                    + " property-classes (harms and model-only properties, from Property)")
    List<Path> updateDocs = new ArrayList<>();

    @Option(names = "--check-docs", paramLabel = "PAGE", arity = "1..*",
            description = "exit 1 with a diff summary if a region differs from what --update-docs would write")
    List<Path> checkDocs = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR",
            description = "a bufspec checkout whose tla/ to use (default: the specs bundled in the jar;"
                    + " with --update-docs/--check-docs the current directory)")
    Path root;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "time limit per configuration run here (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 600;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        boolean docs = !updateDocs.isEmpty() || !checkDocs.isEmpty();
        boolean pages = md != null || html != null || junit != null || sarif != null;
        if (!docs && !pages) {
            err.println("bufspec report: say what to write: --md, --html, --junit or --sarif FILE, or --update-docs / --check-docs (see report --help)");
            return 2;
        }
        if (checkJson != null && !runCheck.isEmpty()) {
            err.println("bufspec report: --check and --run-check both give check results; use one");
            return 2;
        }
        try {
            if (docs) {
                int code = docs();
                if (code != 0 || !pages) {
                    return code;
                }
            }
            CheckRun check = checkJson != null ? CheckJsonReader.read(JsonInput.read(checkJson))
                    : !runCheck.isEmpty() ? runCheck(runCheck) : null;
            ValidationResult validate = validateJson != null ? ValidateJsonReader.read(JsonInput.read(validateJson)) : null;
            if (check == null && validate == null) {
                err.println("bufspec report: nothing to report: give --check JSON, --run-check CFG... and/or --validate JSON");
                return 2;
            }
            if (junit != null && check != null && validate != null) {
                err.println("bufspec report: --junit takes the check or the validate results, not both");
                return 2;
            }
            if (sarif != null && validate == null) {
                err.println("bufspec report: --sarif needs --validate JSON");
                return 2;
            }
            if (junit != null) {
                write(junit, check != null ? CheckJunit.render(check) : ValidateJunit.text(validate));
            }
            if (sarif != null) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                new Sarif().render(validate, buf);
                write(sarif, buf.toString(StandardCharsets.UTF_8));
            }
            Report report = Report.of(check, validate, logsRoot.toAbsolutePath());
            if (md != null) {
                write(md, MarkdownPage.render(report));
            }
            if (html != null) {
                write(html, HtmlPage.render(report));
            }
            int drawn = report.checkFindings().size() + report.validateFindings().size();
            List<String> written = new ArrayList<>();
            for (Path p : new Path[]{md, html, junit, sarif}) {
                if (p != null) {
                    written.add(p.toString());
                }
            }
            err.printf("bufspec report: %d diagram%s; wrote %s%n", drawn, drawn == 1 ? "" : "s", String.join(", ", written));
            return 0;
        } catch (InputError e) {
            err.println("bufspec report: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("bufspec report: " + e.getMessage());
            return 2;
        }
    }

    /** Regenerates or compares every generated region of each page; TLC runs only for the bug-variant diagrams. */
    private int docs() throws IOException, InputError {
        if (root == null) root = Path.of(""); // the pages are a checkout's: its tla/, docs/ and sources
        boolean update = !updateDocs.isEmpty();
        int worst = 0;
        String bugDiagrams = null;
        int bugCount = 0;
        for (Path page : update ? updateDocs : checkDocs) {
            if (!Files.isRegularFile(page)) {
                err.println("bufspec report: " + page + ": no such file");
                return 2;
            }
            String text = Files.readString(page);
            List<String> regions = GeneratedRegion.names(text);
            if (regions.isEmpty()) {
                err.println("bufspec report: " + page + ": the page has no region " + GeneratedRegion.begin("NAME")
                        + " ... " + GeneratedRegion.end("NAME"));
                return 2;
            }
            String updated = text;
            List<String> stale = new ArrayList<>();
            for (String region : regions) {
                String generated;
                if (region.equals(GeneratedRegion.DIAGRAMS)) {
                    if (bugDiagrams == null) {
                        List<Path> cfgs = bugConfigs();
                        if (cfgs.isEmpty()) {
                            err.println("bufspec report: no bug variants: " + root.resolve("tla").resolve("bugs") + " has no .cfg file");
                            return 2;
                        }
                        bugCount = cfgs.size();
                        bugDiagrams = GeneratedRegion.content(runCheck(cfgs));
                    }
                    generated = bugDiagrams;
                } else if (region.equals(PropertyDocs.TABLE)) {
                    generated = PropertyDocs.table();
                } else if (region.equals(PropertyDocs.MAP)) {
                    generated = PropertyDocs.map(root);
                } else if (region.equals(PropertyDocs.CLASSES)) {
                    generated = PropertyDocs.classes();
                } else {
                    err.println("bufspec report: " + page + ": unknown generated region '" + region + "' (known: "
                            + GeneratedRegion.DIAGRAMS + ", " + PropertyDocs.TABLE + ", " + PropertyDocs.MAP + ", "
                            + PropertyDocs.CLASSES + ")");
                    return 2;
                }
                String committed;
                try {
                    committed = GeneratedRegion.current(updated, region);
                } catch (IllegalArgumentException e) {
                    err.println("bufspec report: " + page + ": " + e.getMessage());
                    return 2;
                }
                if (!committed.equals(generated)) {
                    stale.add(region);
                    if (update) {
                        updated = GeneratedRegion.replace(updated, region, generated);
                    } else {
                        err.println("bufspec report: " + page + ": the generated region " + region
                                + " differs from what the tool produces; run report --update-docs " + page);
                        GeneratedRegion.diff(committed, generated).forEach(l -> err.println("  " + l));
                    }
                }
            }
            String what = regions.contains(GeneratedRegion.DIAGRAMS) ? " (" + bugCount + " bug variants)" : "";
            if (update) {
                if (!updated.equals(text)) {
                    write(page, updated);
                }
                err.println("bufspec report: " + page + ": " + (stale.isEmpty() ? "already up to date"
                        : "regenerated " + String.join(", ", stale)) + what);
            } else if (stale.isEmpty()) {
                err.println("bufspec report: " + page + ": the generated regions are up to date (" + String.join(", ", regions) + ")" + what);
            } else {
                worst = 1;
            }
        }
        return worst;
    }

    private List<Path> bugConfigs() throws IOException {
        Path bugs = root.resolve("tla").resolve("bugs");
        List<Path> cfgs = new ArrayList<>();
        if (Files.isDirectory(bugs)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(bugs, "*.cfg")) {
                ds.forEach(cfgs::add);
            }
        }
        cfgs.sort(null);
        return cfgs;
    }

    /** Runs the configurations as {@code check --workers 1} would, reproducibly, in this process. */
    private CheckRun runCheck(List<Path> cfgs) throws InputError {
        CheckCommand check = new CheckCommand();
        check.configs = new ArrayList<>(cfgs);
        check.tlc.workers = 1;
        check.reproducible = true;
        check.tlc.root = root;
        check.tlc.timeoutSeconds = timeoutSeconds;
        check.err = err;
        CheckCommand.Run run;
        try {
            run = check.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputError("check", "", "interrupted");
        }
        if (run == null) {
            throw new InputError("check", "", "could not run the configurations (see the message above)");
        }
        return CheckRun.of(run.results(), run.configs());
    }

    private void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }
}
