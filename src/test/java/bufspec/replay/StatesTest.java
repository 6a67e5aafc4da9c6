package bufspec.replay;

import bufspec.trace.ObjectId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class StatesTest {

    private static ExporterState add(States states, long address, int incarnation) {
        ObjectId id = new ObjectId(address, incarnation);
        ExporterState s = new ExporterState(id, "bytearray");
        states.put(id, s);
        return s;
    }

    @Test
    void incarnationsAtOneAddressAreFoundAndForgottenApart() {
        States states = new States();
        ExporterState a0 = add(states, 0x7f00L, 0);
        ExporterState a1 = add(states, 0x7f00L, 1);
        ExporterState a2 = add(states, 0x7f00L, 2);
        ExporterState b0 = add(states, 0x8f00L, 0);
        assertSame(a0, states.get(new ObjectId(0x7f00L, 0)));
        assertSame(a1, states.get(new ObjectId(0x7f00L, 1)));
        assertSame(a2, states.get(new ObjectId(0x7f00L, 2)));
        assertSame(b0, states.get(new ObjectId(0x8f00L, 0)));
        assertNull(states.get(new ObjectId(0x7f00L, 3)));

        states.remove(new ObjectId(0x7f00L, 1)); // from the middle of the list
        assertNull(states.get(new ObjectId(0x7f00L, 1)));
        assertSame(a0, states.get(new ObjectId(0x7f00L, 0)));
        assertSame(a2, states.get(new ObjectId(0x7f00L, 2)));

        states.remove(new ObjectId(0x7f00L, 2)); // the head
        assertNull(states.get(new ObjectId(0x7f00L, 2)));
        assertSame(a0, states.get(new ObjectId(0x7f00L, 0)));

        states.remove(new ObjectId(0x7f00L, 0)); // the last one
        assertNull(states.get(new ObjectId(0x7f00L, 0)));
        states.remove(new ObjectId(0x7f00L, 0)); // twice: nothing happens
        assertSame(b0, states.get(new ObjectId(0x8f00L, 0)));
        assertEquals(1, states.values().size());

        ExporterState again = add(states, 0x7f00L, 0);
        assertSame(again, states.get(new ObjectId(0x7f00L, 0)));
    }
}
