package bufspec.report.page;

import bufspec.report.Finding;
import bufspec.result.CheckRun;
import bufspec.report.check.CounterexampleDiagrammer;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Violation;
import bufspec.report.validate.ViolationDiagrammer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report page shows: a check run and/or a validate run (either may be absent), and the
 * findings drawn from them. Pages are pure functions of this value (no clock, no host name), so
 * the same inputs give byte-identical pages.
 */
public record Report(CheckRun check, ValidationResult validate, List<Finding> checkFindings, List<Finding> validateFindings) {

    public Report {
        checkFindings = List.copyOf(checkFindings);
        validateFindings = List.copyOf(validateFindings);
    }

    /** Draws every counterexample of {@code check} and every violation of {@code validate}. */
    public static Report of(CheckRun check, ValidationResult validate, Path logRoot) {
        List<Finding> cf = new ArrayList<>();
        if (check != null) {
            check.configs().forEach(c -> CounterexampleDiagrammer.of(c).ifPresent(cf::add));
        }
        List<Finding> vf = new ArrayList<>();
        if (validate != null) {
            int i = 0;
            for (FileResult f : validate.files()) {
                for (Violation v : f.violations()) {
                    vf.add(ViolationDiagrammer.of(v, logRoot, ++i));
                }
            }
        }
        return new Report(check, validate, cf, vf);
    }
}
