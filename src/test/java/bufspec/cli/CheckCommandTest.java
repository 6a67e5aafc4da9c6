package bufspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bufspec check} end to end on a small repository layout, with real TLC. */
class CheckCommandTest {

    @TempDir
    Path root;

    private String out;
    private String err;

    private static final String MODULE = """
            ---- MODULE MCCounter ----
            EXTENDS Naturals
            CONSTANTS Max, Bug
            VARIABLE x
            TypeOK == x \\in 0..Max
            Init == x = 0
            Next == x' = IF Bug THEN x + 1 ELSE (x + 1) % (Max + 1)
            ====
            """;

    private static String cfg(String expect, String tier, boolean bug) {
        return "\\* bufspec-expect: " + expect + "\n" + (tier == null ? "" : "\\* bufspec-tier: " + tier + "\n")
                + "CONSTANTS Max = 5\n          Bug = " + (bug ? "TRUE" : "FALSE") + "\nINIT Init\nNEXT Next\nINVARIANT TypeOK\n";
    }

    private Path write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @BeforeEach
    void layout() throws IOException {
        write("tla/MCCounter.tla", MODULE);
        write("tla/MCCounter.cfg", cfg("pass", "small", false));
        write("tla/MCCounterBench.cfg", cfg("pass", "bench", false));
        write("tla/SIMCounter.cfg", "INIT Init\nNEXT Next\n");
        // x runs 0..5 and then 6 breaks TypeOK: 7 states; the module is the parent's MC module.
        write("tla/bugs/MCBugOverflow.cfg", cfg("violation TypeOK length 7", "small", true));
    }

    private int check(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            String[] full = new String[args.length + 5];
            full[0] = "check";
            System.arraycopy(new String[]{"--workers", "1", "--heap", "256m"}, 0, full, 1, 4);
            System.arraycopy(args, 0, full, 5, args.length);
            return Main.execute(full);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void allRunsEveryExpectationButBenchAndMeetsThem() {
        assertEquals(0, check("--all", "--root", root.toString()), out + err);
        assertTrue(out.contains("tla/MCCounter.cfg") && out.contains("tla/bugs/MCBugOverflow.cfg"), out);
        assertFalse(out.contains("MCCounterBench") || out.contains("SIMCounter"), out);
        assertTrue(out.contains("violation TypeOK length 7") && out.contains("2 of 2 configurations met"), out);
        assertTrue(err.contains("states/s"), "progress lines: " + err);
    }

    @Test
    void jsonHasTheStructuredResultsAndTheCounterexample() throws Exception {
        assertEquals(0, check("--json", "--tier", "small", "--root", root.toString()), out + err);
        JsonNode doc = new ObjectMapper().readTree(out);
        assertTrue(doc.get("met").asBoolean());
        JsonNode bug = doc.get("configs").get(1);
        assertEquals("tla/bugs/MCBugOverflow.cfg", bug.get("config").asText());
        assertEquals("INVARIANT_VIOLATED", bug.get("result").get("outcome").asText());
        assertEquals(7, bug.get("result").get("counterexample").get("length").asInt());
        assertEquals(6, bug.get("result").get("counterexample").get("steps").get(6).get("variables").get("x").asInt());
        assertTrue(bug.get("verdict").get("met").asBoolean());
    }

    @Test
    void unmetExpectationExitsOneWithTheReasonAndVerboseStates() throws Exception {
        Path wrong = write("tla/bugs/MCBugWrongLength.cfg", cfg("violation TypeOK length 3", null, true));
        Path passWanted = write("tla/MCCounterBroken.cfg", cfg("pass", null, true));
        assertEquals(1, check("-v", wrong.toString(), passWanted.toString()), out + err);
        assertTrue(out.contains("expected a counterexample of 3 states, TLC's has 7"), out);
        assertTrue(out.contains("expected no violation"), out);
        assertTrue(out.contains("7: Next (MCCounter:7:9)") && out.contains("x = 6"), out);
        assertTrue(out.contains("0 of 2 configurations met"), out);
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() throws Exception {
        assertEquals(2, check("--root", root.toString()));
        assertTrue(err.contains("use --all or --tier"), err);

        assertEquals(2, check(root.resolve("tla/nope.cfg").toString()));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("nope.cfg: no such configuration file"), err);

        write("tla/bugs/MCBugTypo.cfg", "\\* bufspec-expect: violation RefcountCoversReferences length 6\nINVARIANT TypeOK\n");
        assertEquals(2, check("--all", "--root", root.toString()));
        assertTrue(err.contains("MCBugTypo.cfg:1: unknown property 'RefcountCoversReferences'"), err);
        assertFalse(err.contains("Exception"), err);

        assertEquals(2, check("--tier", "huge", "--root", root.toString()));
        Path empty = Files.createDirectories(root.resolve("empty/tla"));
        assertEquals(2, check("--all", "--root", empty.getParent().toString()));
        assertTrue(err.contains("no configuration with a '\\* bufspec-expect:' comment"), err);
        assertEquals(2, check("--all", "--root", root.resolve("missing").toString()));
        assertTrue(err.contains("no such directory"), err);
    }
}
