package bufspec.report;

import bufspec.result.ExpectedVerdicts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The table {@code validate --expected} prints: each bundled log, what it must get, what it got. */
public final class ExpectedVerdictsTable {
    private ExpectedVerdictsTable() {}

    public static void print(List<ExpectedVerdicts.Judgement> judgements, PrintStream out) {
        int fw = "log".length();
        int ew = "expected".length();
        for (ExpectedVerdicts.Judgement j : judgements) {
            fw = Math.max(fw, shown(j).length());
            ew = Math.max(ew, j.row().verdict().length());
        }
        String fmt = "%-" + fw + "s  %-" + ew + "s  %-4s  %s%n";
        out.printf(fmt, "log", "expected", "", "got");
        int failed = 0;
        for (ExpectedVerdicts.Judgement j : judgements) {
            out.printf(fmt, shown(j), j.row().verdict(), j.met() ? "ok" : "FAIL",
                    j.met() ? j.got() : j.got() + "  (" + j.reason() + ")");
            if (!j.met()) failed++;
        }
        out.printf("%n%d bundled logs, %d got their expected verdict, %d did not.%n",
                judgements.size(), judgements.size() - failed, failed);
    }

    private static String shown(ExpectedVerdicts.Judgement j) {
        Path p = j.row().log();
        return p.getParent().getFileName() + "/" + j.row().file();
    }
}
