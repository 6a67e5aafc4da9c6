package bufspec.gen;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the modules TLC's simulator writes; bad input is a clear error with file and line. */
class BehaviourTest {

    static List<String> state(int n, String step) {
        return List.of("STATE_" + n + " == ",
                "/\\ alive = (std :> TRUE)",
                "/\\ rc = (std :> 1)",
                "/\\ exports = (std :> 0)",
                "/\\ gen = (std :> 0)",
                "/\\ master = (std :> [st |-> \"none\", a |-> 0])",
                "/\\ view = ( <<c1, 1>> :> [acq |-> 0, obj |-> Null, held |-> FALSE] )",
                "/\\ acq = << [st |-> \"free\", obj |-> Null] >>",
                "/\\ step = " + step,
                "");
    }

    static List<String> module(List<List<String>> states) {
        List<String> l = new java.util.ArrayList<>(List.of("---- MODULE beh_0_0 ----"));
        states.forEach(l::addAll);
        l.add("=================================================");
        return l;
    }

    @Test
    void readsStatesAndSteps() {
        Behaviour b = Behaviour.parse("beh_0_0", module(List.of(state(1, "<<\"Init\">>"),
                state(2, "<<\"Acquire\", c1, <<c1, 1>>, std, TRUE>>"), state(3, "<<\"OwnerDrop\", std>>"))));
        assertEquals(3, b.states().size());
        assertEquals(List.of(new Step.Acquire("c1", new Step.Struct("c1", 1), "std", true), new Step.OwnerDrop("std")),
                b.steps());
        assertEquals(1, b.states().get(1).rc("std"));
        assertEquals("Null", b.states().get(1).viewObj(new Step.Struct("c1", 1)));
    }

    @Test
    void anUnknownActionNamesFileAndLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> Behaviour.parse("beh_0_7",
                module(List.of(state(1, "<<\"Init\">>"), state(2, "<<\"Teleport\", std>>")))));
        assertTrue(e.getMessage().startsWith("beh_0_7:12: ") && e.getMessage().contains("unknown action Teleport"),
                e.getMessage());
    }

    @Test
    void aMissingVariableAndACutOffModuleAreReported() {
        List<String> noStep = new java.util.ArrayList<>(state(1, "<<\"Init\">>"));
        noStep.remove(8);
        var e = assertThrows(IllegalArgumentException.class, () -> Behaviour.parse("b", module(List.of(noStep))));
        assertTrue(e.getMessage().contains("state has no variable step"), e.getMessage());
        List<String> cut = module(List.of(state(1, "<<\"Init\">>")));
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Behaviour.parse("b", cut.subList(0, cut.size() - 1)));
        assertTrue(e2.getMessage().contains("cut off"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Behaviour.parse("b", List.of("hello")));
        assertTrue(e3.getMessage().contains("not a behaviour module"), e3.getMessage());
    }
}
