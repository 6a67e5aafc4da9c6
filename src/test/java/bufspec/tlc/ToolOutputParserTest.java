package bufspec.tlc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser on real TLC 2.18 output recorded from the fixtures in src/test/resources/tlc/. */
class ToolOutputParserTest {

    static final Path RECORDED = Path.of(System.getProperty("bufspec.root", "."), "src/test/resources/tlc/recorded");

    private static TlcResult recorded(String name, int exitCode) throws IOException {
        return ToolOutputParser.parse(Files.newBufferedReader(RECORDED.resolve(name + ".out")), exitCode, false);
    }

    @Test
    void success() throws IOException {
        TlcResult r = recorded("CounterPass", 0);
        assertEquals(TlcOutcome.SUCCESS, r.outcome());
        assertEquals(new TlcStats(7, 6, 0, 6), r.stats());
        assertTrue(r.counterexample().isEmpty());
        assertNull(r.violated());
    }

    @Test
    void invariantViolationWithEveryKindOfValue() throws IOException {
        TlcResult r = recorded("ValuesInvariant", 12);
        assertEquals(TlcOutcome.INVARIANT_VIOLATED, r.outcome());
        assertEquals("TypeOK", r.violated());
        assertEquals(4, r.counterexample().length());
        assertEquals(4, r.stats().depth());
        List<CounterexampleStep.State> states = r.counterexample().states();
        assertEquals("Initial predicate", states.get(0).action());
        assertNull(states.get(0).location());
        assertEquals("Next", states.get(1).action());
        assertEquals(new SourceLocation("Values", 13, 9, 18, 41), states.get(1).location());
        assertEquals(List.of("str", "rec", "seq", "step", "set", "fun"), List.copyOf(states.get(0).variables().keySet()));
        assertEquals(TlaValueParser.parse("[name |-> \"v\\\"q\\\\\", n |-> -3, ok |-> TRUE, inner |-> [m |-> A]]"),
                states.get(0).variables().get("rec"));
        assertInstanceOf(TlaValue.Fun.class, states.get(0).variables().get("fun"));
        assertEquals(new TlaValue.Str("tab\tnl"), states.get(3).variables().get("str"));
        assertEquals(TlaValue.Int.of(3), states.get(3).variables().get("step"));
        assertEquals(TlaValue.seq(), states.get(0).variables().get("seq"));
    }

    @Test
    void temporalViolationIsALassoBackToAnEarlierState() throws IOException {
        TlcResult r = recorded("LassoLiveness", 13);
        assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome());
        assertNull(r.violated(), "TLC 2.18 does not name the violated temporal property");
        assertEquals(3, r.counterexample().length());
        assertTrue(r.counterexample().isLasso());
        List<CounterexampleStep> steps = r.counterexample().steps();
        var back = assertInstanceOf(CounterexampleStep.BackToState.class, steps.get(3));
        assertEquals(2, back.number());
        assertEquals("Next", back.action());
        assertEquals(7, back.location().line());
        assertEquals(3, r.stats().distinct());
    }

    @Test
    void temporalViolationByStuttering() throws IOException {
        TlcResult r = recorded("LassoStuttering", 13);
        assertEquals(TlcOutcome.PROPERTY_VIOLATED, r.outcome());
        assertEquals(2, r.counterexample().length());
        assertEquals(new CounterexampleStep.Stuttering(3), r.counterexample().steps().get(2));
    }

    @Test
    void deadlock() throws IOException {
        TlcResult r = recorded("Deadlock", 11);
        assertEquals(TlcOutcome.DEADLOCK, r.outcome());
        assertEquals(4, r.counterexample().length());
        assertEquals(TlaValue.Int.of(3), r.counterexample().states().get(3).variables().get("x"));
    }

    @Test
    void parseErrorHasFileLineAndColumn() throws IOException {
        TlcResult r = recorded("ParseError", 150);
        assertEquals(TlcOutcome.PARSE_ERROR, r.outcome());
        assertTrue(r.error().file().endsWith("ParseError.tla"), r.error().file());
        assertEquals(6, r.error().line());
        assertEquals(1, r.error().column());
        assertTrue(r.error().message().contains("Encountered \"====\""), r.error().message());
    }

    @Test
    void semanticErrorHasFileLineColumnAndSanysMessage() throws IOException {
        TlcResult r = recorded("SemanticError", 150);
        assertEquals(TlcOutcome.SEMANTIC_ERROR, r.outcome());
        assertTrue(r.error().file().endsWith("SemanticError.tla"), r.error().file());
        assertEquals(5, r.error().line());
        assertEquals(14, r.error().column());
        assertEquals("Unknown operator: `y'.", r.error().message());
    }

    @Test
    void falseAssumption() throws IOException {
        TlcResult r = recorded("Assumption", 10);
        assertEquals(TlcOutcome.ASSUMPTION_FAILED, r.outcome());
        assertEquals(4, r.error().line());
        assertEquals(8, r.error().column());
        assertTrue(r.error().file().endsWith("Assumption.tla"));
    }

    @Test
    void killedRunIsATimeoutWithTheProgressSoFar() throws IOException {
        ToolOutputParser p = new ToolOutputParser(TlcListener.NONE, () -> 0L);
        List<TlcProgress> progress = new ArrayList<>();
        ToolOutputParser withListener = new ToolOutputParser(new TlcListener() {
            @Override
            public void onProgress(TlcProgress pr) {
                progress.add(pr);
            }
        }, () -> 42L);
        for (String line : Files.readAllLines(RECORDED.resolve("Forever.out"))) {
            p.accept(line);
            withListener.accept(line);
        }
        TlcResult r = p.finish(143, 5000, true);
        assertEquals(TlcOutcome.TIMEOUT, r.outcome());
        assertEquals(1_791_279, r.stats().distinct());
        assertEquals(new TlcProgress(1893, 3_578_835, 1_791_279, 1_892, 42L), progress.get(0));
        // Without the runner's word that it killed TLC, the same output is a crash.
        assertEquals(TlcOutcome.CRASHED, new ToolOutputParser(TlcListener.NONE, () -> 0L).finish(137, 1, false).outcome());
    }

    @Test
    void unknownErrorMessageIsOtherError() throws IOException {
        String out = """
                @!@!@STARTMSG 2222:1 @!@!@
                The constant parameter N is not assigned a value by the configuration file.
                @!@!@ENDMSG 2222 @!@!@
                @!@!@STARTMSG 2186:0 @!@!@
                Finished in 400ms at (2026-11-21 19:01:05)
                @!@!@ENDMSG 2186 @!@!@
                """;
        TlcResult r = ToolOutputParser.parse(new StringReader(out), 150, false);
        assertEquals(TlcOutcome.OTHER_ERROR, r.outcome());
        assertTrue(r.detail().contains("2222") && r.detail().contains("not assigned"), r.detail());
    }

    @Test
    void unreadableStateIsAWarningNotAnAbort() throws IOException {
        String out = """
                @!@!@STARTMSG 2110:1 @!@!@
                Invariant TypeOK is violated.
                @!@!@ENDMSG 2110 @!@!@
                @!@!@STARTMSG 2217:4 @!@!@
                1: <Initial predicate>
                x = [a |-> 
                @!@!@ENDMSG 2217 @!@!@
                @!@!@STARTMSG 2193:0 @!@!@
                Model checking completed. No error has been found.
                @!@!@ENDMSG 2193 @!@!@
                """;
        TlcResult r = ToolOutputParser.parse(new StringReader(out), 12, false);
        assertEquals(TlcOutcome.INVARIANT_VIOLATED, r.outcome());
        assertEquals(0, r.counterexample().length());
        assertTrue(r.warnings().get(0).contains("could not read TLC message 2217"), r.warnings().toString());
    }

    @Test
    void resultIsJson() throws IOException {
        JsonNode j = new ObjectMapper().valueToTree(recorded("LassoLiveness", 13));
        assertEquals("PROPERTY_VIOLATED", j.get("outcome").asText());
        assertEquals(3, j.get("counterexample").get("length").asInt());
        assertTrue(j.get("counterexample").get("lasso").asBoolean());
        assertEquals("back-to-state", j.get("counterexample").get("steps").get(3).get("step").asText());
        assertEquals(1, j.get("counterexample").get("steps").get(1).get("variables").get("x").asInt());
    }
}
