package bufspec.replay;

import bufspec.result.Violation;
import bufspec.trace.Event;

import java.util.ArrayList;
import java.util.List;

/** The last few events of one object, for the history of a violation. */
final class EventRing implements java.io.Serializable {
    static final int SIZE = 8;

    private final Event[] ring = new Event[SIZE];
    private int next;
    private int size;

    void add(Event e) {
        if (size > 0 && ring[(next + SIZE - 1) % SIZE] == e) return;
        ring[next] = e;
        next = (next + 1) % SIZE;
        if (size < SIZE) size++;
    }

    /** Oldest first. */
    List<Violation.Step> steps() {
        List<Violation.Step> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Event e = ring[(next - size + i + SIZE) % SIZE];
            out.add(new Violation.Step(e.line(), e.summary()));
        }
        return out;
    }
}
