package bufspec.report.check;

import bufspec.tlc.TlaValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The differences between two TLC states, down to the smallest changed part: a function's value
 * at one key, a record's field, a sequence's element. Paths are written in TLA+ syntax
 * ({@code view[c1, 1].obj}, {@code acq[2].st}, {@code rc[std]}); order follows the later state.
 */
public final class StateDiff {

    private StateDiff() {
    }

    /** One step in a path into a value: a function key, a record field or a sequence index (1-based). */
    public sealed interface Segment {
        record Key(TlaValue key) implements Segment {
        }

        record Field(String name) implements Segment {
        }

        record Index(int index) implements Segment {
        }
    }

    /** One changed part: the variable, the path inside it, the old and the new value (null: absent). */
    public record Change(String variable, List<Segment> path, TlaValue before, TlaValue after) {
        public Change {
            path = List.copyOf(path);
        }

        /** {@code rc[std]}, {@code view[c1, 1].obj}, ... */
        public String where() {
            StringBuilder sb = new StringBuilder(variable);
            for (Segment s : path) {
                if (s instanceof Segment.Key k) {
                    sb.append('[').append(keyText(k.key())).append(']');
                } else if (s instanceof Segment.Field f) {
                    sb.append('.').append(f.name());
                } else {
                    sb.append('[').append(((Segment.Index) s).index()).append(']');
                }
            }
            return sb.toString();
        }

        /** {@code rc[std]: 1 -> 2}. */
        public String describe() {
            return where() + ": " + text(before) + " \u2192 " + text(after);
        }

        /** The key of the first path segment (e.g. the exporter of {@code rc[std]}), null when there is none. */
        public TlaValue firstKey() {
            return !path.isEmpty() && path.get(0) instanceof Segment.Key k ? k.key() : null;
        }

        /** The path after the first segment, as text ({@code obj}, {@code st}), empty when none. */
        public String rest() {
            return path.stream().skip(1).map(s -> s instanceof Segment.Field f ? f.name()
                    : s instanceof Segment.Index i ? "[" + i.index() + "]"
                    : "[" + keyText(((Segment.Key) s).key()) + "]").collect(Collectors.joining("."));
        }
    }

    /** Every change from {@code before} to {@code after}, variables in {@code after}'s order. */
    public static List<Change> between(Map<String, TlaValue> before, Map<String, TlaValue> after) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, TlaValue> e : after.entrySet()) {
            diff(e.getKey(), new ArrayList<>(), before.get(e.getKey()), e.getValue(), out);
        }
        for (String gone : before.keySet()) {
            if (!after.containsKey(gone)) {
                out.add(new Change(gone, List.of(), before.get(gone), null));
            }
        }
        return out;
    }

    private static void diff(String var, List<Segment> path, TlaValue a, TlaValue b, List<Change> out) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a instanceof TlaValue.Fun fa && b instanceof TlaValue.Fun fb) {
            for (TlaValue.Mapping m : fb.mappings()) {
                diff(var, with(path, new Segment.Key(m.key())), fa.apply(m.key()).orElse(null), m.value(), out);
            }
            for (TlaValue.Mapping m : fa.mappings()) {
                if (fb.apply(m.key()).isEmpty()) {
                    out.add(new Change(var, with(path, new Segment.Key(m.key())), m.value(), null));
                }
            }
        } else if (a instanceof TlaValue.Rec ra && b instanceof TlaValue.Rec rb && ra.fields().keySet().equals(rb.fields().keySet())) {
            for (Map.Entry<String, TlaValue> f : rb.fields().entrySet()) {
                diff(var, with(path, new Segment.Field(f.getKey())), ra.fields().get(f.getKey()), f.getValue(), out);
            }
        } else if (a instanceof TlaValue.Seq sa && b instanceof TlaValue.Seq sb && sa.elements().size() == sb.elements().size()
                && sb.elements().stream().anyMatch(x -> x instanceof TlaValue.Rec || x instanceof TlaValue.Fun)) {
            for (int i = 0; i < sb.elements().size(); i++) {
                diff(var, with(path, new Segment.Index(i + 1)), sa.elements().get(i), sb.elements().get(i), out);
            }
        } else {
            out.add(new Change(var, path, a, b));
        }
    }

    private static List<Segment> with(List<Segment> path, Segment s) {
        List<Segment> p = new ArrayList<>(path);
        p.add(s);
        return p;
    }

    /** A function key as it appears between brackets: a tuple's elements without {@code << >>}. */
    static String keyText(TlaValue key) {
        if (key instanceof TlaValue.Seq s) {
            return s.elements().stream().map(TlaValue::toTla).collect(Collectors.joining(", "));
        }
        return key.toTla();
    }

    static String text(TlaValue v) {
        return v == null ? "(absent)" : v.toTla();
    }
}
