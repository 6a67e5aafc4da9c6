package bufspec.exact;

import bufspec.trace.Event;

import java.util.List;

/**
 * Events of one log that can be judged independently of the rest: an exporter incarnation with
 * the objects it shares events with (a memoryview with its base and managed buffer, a bytesiobuf
 * with its BytesIO), in log order. The footer belongs to every slice.
 */
public record Slice(int index, List<Event> events) {
    public Slice {
        events = List.copyOf(events);
    }
}
