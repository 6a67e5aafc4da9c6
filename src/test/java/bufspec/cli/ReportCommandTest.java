package bufspec.cli;

import bufspec.report.Fixtures;
import bufspec.report.docs.GeneratedRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bufspec report} end to end: recorded JSON inputs, and real TLC on the mini model. */
class ReportCommandTest {

    @TempDir
    Path tmp;

    private String err;

    private int report(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(prepend("report", args));
        } finally {
            System.setErr(oldErr);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void pagesFromRecordedCheckAndValidateResults() throws Exception {
        Path md = tmp.resolve("out/report.md");
        Path html = tmp.resolve("out/report.html");
        int code = report("--check", Fixtures.dir().resolve("check-bugs.json").toString(),
                "--validate", Fixtures.dir().resolve("validate-examples.json").toString(),
                "--logs-root", Fixtures.logsRoot().toString(), "--md", md.toString(), "--html", html.toString());
        assertEquals(0, code, err);
        assertTrue(err.contains("5 diagrams"), err);
        String m = Files.readString(md);
        assertEquals(5, m.split("```mermaid", -1).length - 1);
        assertTrue(m.contains("| `tla/bugs/MCReleaseDecrefsObj.cfg` | small | violation RefCountCoversReferences length 3 |"), m);
        assertTrue(m.contains("| `NoDanglingView` | invariant | every live view points at allocated memory of its memory's owner"), m);
        String h = Files.readString(html);
        assertEquals(5, h.split("<svg ", -1).length - 1);
        assertFalse(h.contains("<script"), "no script");
        assertFalse(h.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched");
        byte[] again = Files.readAllBytes(html);
        assertEquals(0, report("--check", Fixtures.dir().resolve("check-bugs.json").toString(),
                "--validate", Fixtures.dir().resolve("validate-examples.json").toString(),
                "--logs-root", Fixtures.logsRoot().toString(), "--html", html.toString()));
        assertTrue(java.util.Arrays.equals(again, Files.readAllBytes(html)), "same inputs, same page");
    }

    @Test
    void badInputIsOneLineNamingFileAndField() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"met\": true, \"configs\": [{\"config\": 3}]}");
        assertEquals(2, report("--check", bad.toString(), "--md", tmp.resolve("x.md").toString()));
        assertEquals("bufspec report: " + bad + ": /configs/0/config: expected a string, found the number 3\n", err);
        assertEquals(2, report("--check", tmp.resolve("missing.json").toString(), "--md", tmp.resolve("x.md").toString()));
        assertTrue(err.contains("missing.json: no such file"), err);
        assertEquals(2, report("--check", bad.toString()));
        assertTrue(err.contains("say what to write"), err);
    }

    @Test
    void runCheckDrawsARealTlcCounterexample() throws Exception {
        Path mini = Fixtures.dir().resolve("mini");
        Path md = tmp.resolve("mini.md");
        Path junit = tmp.resolve("mini.xml");
        int code = report("--run-check", mini.resolve("MiniBufferBad.cfg").toString(), mini.resolve("MiniBufferGood.cfg").toString(),
                "--root", mini.toString(), "--md", md.toString());
        assertEquals(0, code, err);
        String m = Files.readString(md);
        assertTrue(m.contains("**All 2 configurations met their expectation.**"), m);
        assertTrue(m.contains("    participant t_c1 as thread c1\n    participant v_c1_1 as view c1.1\n    participant e_std as exporter std\n"), m);
        assertTrue(m.contains("t_c1->>e_std: [2] Acquire: getbuffer into view c1.1 (exports 0\u21921, rc 1\u21922)"), m);
        assertTrue(m.contains("    rect rgb(255, 224, 224)\n        t_c1->>v_c1_1: [3] Release: PyBuffer_Release(view c1.1)"), m);
        assertTrue(m.contains("(exports 1\u21920, rc 2\u21920)"), m);
        assertTrue(m.contains("Note over t_c1,e_std: \u2717 RefCountCoversReferences violated"), m);
        assertTrue(m.contains("| `RefCountCoversReferences` | invariant |") && m.contains("MiniBufferBad, MiniBufferGood"), m);

        PrintStream oldOut = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        int checkCode;
        try {
            checkCode = Main.execute("check", "--format", "junit", "--workers", "1", "--root", mini.toString(),
                    mini.resolve("MiniBufferBad.cfg").toString());
        } finally {
            System.setOut(oldOut);
        }
        assertEquals(0, checkCode);
        Files.writeString(junit, o.toString(StandardCharsets.UTF_8));
        String x = Files.readString(junit);
        assertTrue(x.contains("<testcase classname=\".\" name=\"MiniBufferBad.cfg\""), x);
        assertTrue(x.contains("x State 3: Release"), x);
    }

    @Test
    void checkDocsFailsWithADiffAndUpdateDocsFixesIt() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("tla/bugs"));
        Path mini = Fixtures.dir().resolve("mini");
        Files.copy(mini.resolve("MiniBuffer.tla"), repo.resolve("tla/MiniBuffer.tla"));
        Files.writeString(repo.resolve("tla/MCMiniBuffer.tla"), "---- MODULE MCMiniBuffer ----\nEXTENDS MiniBuffer\n====\n");
        Files.copy(mini.resolve("MiniBufferBad.cfg"), repo.resolve("tla/bugs/MiniBufferBad.cfg"));
        Path page = repo.resolve("model.md");
        Files.writeString(page, "# Model\n\n" + GeneratedRegion.BEGIN + "\nstale\n" + GeneratedRegion.END + "\n");
        assertEquals(1, report("--check-docs", page.toString(), "--root", repo.toString()), err);
        assertTrue(err.contains("differs from what the tool produces") && err.contains("committed: stale"), err);
        assertEquals(0, report("--update-docs", page.toString(), "--root", repo.toString()), err);
        assertTrue(Files.readString(page).contains("#### `MiniBufferBad`: violation RefCountCoversReferences length 3"));
        assertEquals(0, report("--check-docs", page.toString(), "--root", repo.toString()), err);
        assertTrue(err.contains("up to date"), err);
    }
}
