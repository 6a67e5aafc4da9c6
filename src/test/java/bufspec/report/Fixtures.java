package bufspec.report;

import bufspec.report.check.CheckJsonReader;
import bufspec.result.CheckRun;
import bufspec.report.validate.ValidateJsonReader;
import bufspec.result.ValidationResult;

import java.nio.file.Path;

/** The recorded inputs under src/test/resources/report (see its README.md for where they come from). */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        return Path.of(System.getProperty("bufspec.root", ".")).toAbsolutePath().normalize();
    }

    public static Path dir() {
        return root().resolve("src/test/resources/report");
    }

    /** Real TLC output ({@code check --json}) of two bug variants of the buffer-protocol model. */
    public static CheckRun checkBugs() throws InputError {
        return CheckJsonReader.read(JsonInput.read(dir().resolve("check-bugs.json")));
    }

    /** Real TLC output of three bug variants of a model version that records releases in acq, not obs. */
    public static CheckRun checkBugsV2() throws InputError {
        return CheckJsonReader.read(JsonInput.read(dir().resolve("check-bugs-v2.json")));
    }

    /** Real {@code validate --format json} output of three example logs (two with violations). */
    public static ValidationResult validateExamples() throws InputError {
        return ValidateJsonReader.read(JsonInput.read(dir().resolve("validate-examples.json")));
    }

    /** The directory the log paths of {@link #validateExamples()} are relative to. */
    public static Path logsRoot() {
        return dir().resolve("logs");
    }
}
