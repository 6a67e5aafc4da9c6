package bufspec.exact;

import bufspec.trace.Acquire;
import bufspec.trace.Chain;
import bufspec.trace.Dealloc;
import bufspec.trace.Event;
import bufspec.trace.Footer;
import bufspec.trace.Header;
import bufspec.trace.ObjectId;
import bufspec.trace.Release;
import bufspec.trace.Freed;
import bufspec.trace.Resize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a log into independent {@link Slice}s: objects named by the same event are in the same
 * slice (union-find over object incarnations). The rules of the trace spec relate only objects an
 * event names together (an acquire's exporter, obj and counter; a chain's holder, base and
 * re-exporter), so a log's verdict is the merge of its slices' verdicts.
 */
public final class Slicer {

    private final Map<ObjectId, ObjectId> parent = new HashMap<>();

    /** The objects an event names (the ones whose state its rule reads or writes). */
    public static List<ObjectId> objects(Event e) {
        List<ObjectId> out = new ArrayList<>(3);
        if (e instanceof Acquire a) {
            add(out, a.exporter()); add(out, a.obj()); add(out, a.counter());
        } else if (e instanceof Release r) {
            add(out, r.exporter()); add(out, r.counter());
        } else if (e instanceof Dealloc d) {
            add(out, d.object());
        } else if (e instanceof Resize z) {
            add(out, z.exporter());
        } else if (e instanceof Freed m) {
            for (Freed.Hit h : m.hits()) add(out, h.obj());
        } else if (e instanceof Chain.Hold h) {
            add(out, h.holder()); add(out, h.base());
        } else if (e instanceof Chain.Register g) {
            add(out, g.holder()); add(out, g.reexporter());
        } else if (e instanceof Chain.Unregister u) {
            add(out, u.holder()); add(out, u.reexporter());
        } else if (e instanceof Chain.Drop d) {
            add(out, d.holder()); add(out, d.base());
        } else if (e instanceof Chain.Refuse r) {
            add(out, r.reexporter());
        }
        return out;
    }

    private static void add(List<ObjectId> out, ObjectId id) {
        if (id != null && !out.contains(id)) out.add(id);
    }

    private ObjectId find(ObjectId x) {
        ObjectId p = parent.get(x);
        if (p == null) {
            parent.put(x, x);
            return x;
        }
        if (p.equals(x)) return x;
        ObjectId root = find(p);
        parent.put(x, root);
        return root;
    }

    private void union(ObjectId a, ObjectId b) {
        ObjectId ra = find(a), rb = find(b);
        if (!ra.equals(rb)) parent.put(ra, rb);
    }

    /** The slices of {@code events} (header excluded), ordered by their first event. */
    public static List<Slice> slice(List<Event> events) {
        Slicer s = new Slicer();
        for (Event e : events) {
            List<ObjectId> ids = objects(e);
            for (int i = 1; i < ids.size(); i++) s.union(ids.get(0), ids.get(i));
            if (!ids.isEmpty()) s.find(ids.get(0));
        }
        Map<ObjectId, List<Event>> byRoot = new LinkedHashMap<>();
        List<Event> footers = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Header) continue;
            if (e instanceof Footer) {
                footers.add(e);
                continue;
            }
            List<ObjectId> ids = objects(e);
            if (ids.isEmpty()) continue;
            byRoot.computeIfAbsent(s.find(ids.get(0)), k -> new ArrayList<>()).add(e);
        }
        List<Slice> out = new ArrayList<>();
        for (List<Event> evs : byRoot.values()) {
            evs.addAll(footers);
            out.add(new Slice(out.size(), evs));
        }
        if (out.isEmpty() && !footers.isEmpty()) out.add(new Slice(0, footers));
        return out;
    }

    /** The whole log as one slice (no slicing). */
    public static List<Slice> whole(List<Event> events) {
        List<Event> evs = new ArrayList<>();
        for (Event e : events) if (!(e instanceof Header)) evs.add(e);
        return evs.isEmpty() ? List.of() : List.of(new Slice(0, evs));
    }
}
