package bufspec.exact;

import bufspec.exact.TlaData.Rec;
import bufspec.exact.Vocabulary.Field;
import bufspec.model.Zoo.Kind;
import bufspec.trace.Acquire;
import bufspec.trace.Chain;
import bufspec.trace.Event;
import bufspec.trace.Freed;
import bufspec.trace.ObjectId;
import bufspec.trace.Release;
import bufspec.trace.Resize;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import static bufspec.exact.TlaData.of;

/**
 * How one slice is read as a behaviour of {@code tla/BufferProtocol.tla} (the model layer of
 * {@code tla/TraceBufferProtocol.tla}): the type record of each object (BufferProtocol's
 * {@code ExpType}), as the log shows it; how many hidden structs (where an untraced memcpy put a
 * view) and pool entries (simultaneous acquisitions) the slice needs; and whether the mapping
 * covers the slice at all ({@code bp}); the model object of each object ({@link Chains#modelOf}:
 * a managed buffer and its memoryviews are one re-exporter). Not covered ({@link Gap}): a log
 * attached mid-run (the model starts from fresh objects); a managed buffer whose base the log does
 * not show, or that holds twice; a view whose obj is not its exporter; chains the model does not
 * have; events naming an object after its dealloc; {@code _testbuffer} exporters; a slice too large
 * for TLC ({@link #BUDGET}: events x per-state work, from the slice's own sizes).
 *
 * @param gap      why the model layer does not follow this slice, or null when it does
 * @param types    one type record per object number (1..n)
 * @param hidden   hidden structs needed
 * @param pool     BufferProtocol's MaxViews for the slice
 */
record ModelMapping(Gap gap, List<Rec> types, int hidden, int pool) {

    /** The model layer follows this slice. */
    boolean covered() {
        return gap == null;
    }

    /** Why the model layer leaves a slice to the observation rules (the first reason found). */
    enum Gap {
        MIDRUN("logs attached mid-run"),
        MANAGED_BUFFER("managed buffers without a base in the log, or holding twice"),
        RAW_ORDER("memoryviews over raw memory registered after the last one on their managed buffer was"
                + " released (the tracer registers a memoryview at its first export)"),
        OBJ_NOT_EXPORTER("views whose obj is not their exporter"),
        CHAIN("chains the model does not have (over a chain or a redirect, or a redirect over an exporter without a counter)"),
        RELEASE_MIXED("types seen with and without bf_releasebuffer"),
        AFTER_DEALLOC("events naming an object after its dealloc"),
        TESTBUFFER("_testbuffer exporters"),
        SIZE("slices too large for TLC (events x per-state work over " + String.format(java.util.Locale.ROOT, "%,d", BUDGET)
                + ", see ModelMapping.BUDGET)");

        final String label;

        Gap(String label) {
            this.label = label;
        }
    }

    /**
     * The memoryview chains of a slice as BufferProtocol's re-exporters: a managed buffer, with its
     * master view and every memoryview registered on it, is one re-exporter of the model, named by
     * the managed buffer. What the memoryviews do is what the model's re-exporter does: their
     * exports are its exports (the sum of their counters), their releases its releases; their
     * registrations and deallocations are the managed buffer's bookkeeping (it gives up its base
     * when the last memoryview goes, and is deallocated after them). The tracer registers a
     * memoryview when it is first exported, so a managed buffer may show none.
     *
     * @param masterOf the acquire that fills a master view and the release that gives it up ->
     *                 the managed buffer
     * @param baseOf   each managed buffer -> its base
     * @param modelOf  each registered memoryview -> its managed buffer
     * @param covered  every chain of the slice is one the model has
     */
    record Chains(Map<Event, ObjectId> masterOf, Map<ObjectId, ObjectId> baseOf, Map<ObjectId, ObjectId> modelOf,
                  Set<ObjectId> raw, Map<ObjectId, ObjectId> rawOf, Gap gap) {
        boolean covered() {
            return gap == null;
        }
    }

    static Chains chains(List<Event> events) {
        Map<Event, ObjectId> masterOf = new IdentityHashMap<>();
        Map<ObjectId, ObjectId> baseOf = new HashMap<>();
        Map<ObjectId, ObjectId> modelOf = new HashMap<>();
        Map<ObjectId, Chain.Hold> holdOf = new HashMap<>();
        Map<Chain.Hold, Integer> holdAt = new IdentityHashMap<>();
        Map<ObjectId, Set<ObjectId>> mvsOf = new HashMap<>();
        Map<ObjectId, ObjectId> holderOfMv = new HashMap<>();
        boolean covered = true;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e instanceof Chain.Hold h) {
                holdAt.put(h, i);
                if (holdOf.put(h.holder(), h) != null) covered = false;
            } else if (e instanceof Chain.Register g) {
                mvsOf.computeIfAbsent(g.holder(), k -> new HashSet<>()).add(g.reexporter());
                ObjectId prev = holderOfMv.put(g.reexporter(), g.holder());
                if (prev != null && !prev.equals(g.holder())) covered = false;
            }
        }
        // a managed buffer the log shows memoryviews of but no hold: one over raw memory
        // (PyMemoryView_FromMemory / PyMemoryView_FromBuffer: master.obj NULL), or over a base whose
        // getbuffer and release the tracer cannot see; BufferProtocol's "rawmbuf" either way, its
        // memoryviews BufferProtocol's memoryviews on it
        Set<ObjectId> raw = new HashSet<>();
        Map<ObjectId, ObjectId> rawOf = new HashMap<>();
        for (Map.Entry<ObjectId, Set<ObjectId>> m : mvsOf.entrySet()) {
            if (holdOf.containsKey(m.getKey())) continue;
            raw.add(m.getKey());
            for (ObjectId mv : m.getValue()) rawOf.put(mv, m.getKey());
        }
        boolean ordered = rawOrdered(events, raw);
        for (Chain.Hold h : holdOf.values()) {
            if (h.base() == null || h.holder() == null) {
                covered = false;
                continue;
            }
            ObjectId mbuf = h.holder();
            baseOf.put(mbuf, h.base());
            for (ObjectId mv : mvsOf.getOrDefault(mbuf, Set.of())) modelOf.put(mv, mbuf);
            int at = holdAt.get(h);
            Acquire fill = null;
            for (int i = at - 1; i >= 0 && fill == null; i--) {
                if (events.get(i) instanceof Acquire a && a.ok() && a.view() == h.view()
                        && h.base().equals(a.exporter()) && h.base().equals(a.obj())) fill = a;
            }
            if (fill == null) covered = false; else masterOf.put(fill, mbuf);
            // the master view lives inside the managed buffer, so its release names that struct;
            // only when no release does (a generated log's copy of it) is it found by its memory:
            // other views of the base over the same memory are released by contents too
            int rel = releaseOfMaster(events, at, h, null);
            if (rel < 0 && fill != null) rel = releaseOfMaster(events, at, h, fill);
            if (rel >= 0) masterOf.put(events.get(rel), mbuf);
        }
        return new Chains(masterOf, baseOf, modelOf, raw, rawOf,
                !covered ? Gap.MANAGED_BUFFER : !ordered ? Gap.RAW_ORDER : null);
    }

    /**
     * Whether the memoryviews of the raw managed buffers come in an order BufferProtocol's actions
     * can take: the tracer registers a memoryview at its first export, so a sibling made while
     * another was registered may show its registration only after the last one was released (the
     * model's managed buffer has released its master by then: MemviewRegister is not enabled).
     */
    private static boolean rawOrdered(List<Event> events, Set<ObjectId> raw) {
        if (raw.isEmpty()) return true;
        Map<ObjectId, Set<ObjectId>> registered = new HashMap<>();
        for (Event e : events) {
            if (e instanceof Chain.Register g && raw.contains(g.holder())) {
                Set<ObjectId> r = registered.get(g.holder());
                if (r != null && r.isEmpty()) return false;
                if (r == null) registered.put(g.holder(), r = new HashSet<>());
                r.add(g.reexporter());
            } else if (e instanceof Chain.Unregister u && raw.contains(u.holder())) {
                registered.getOrDefault(u.holder(), new HashSet<>()).remove(u.reexporter());
            } else if (e instanceof bufspec.trace.Dealloc d) {
                for (Set<ObjectId> r : registered.values()) r.remove(d.object());
            }
        }
        return true;
    }

    /** The first release of h's base after index at through h's struct, or (fill) over fill's memory. */
    private static int releaseOfMaster(List<Event> events, int at, Chain.Hold h, Acquire fill) {
        for (int i = at + 1; i < events.size(); i++) {
            if (events.get(i) instanceof Release r && h.base().equals(r.exporter())
                    && (fill == null ? r.view() == h.view()
                            : r.fields().buf() == fill.fields().buf() && r.fields().len() == fill.fields().len())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The bound on a slice the model layer follows, derived from the slice. BufferProtocol is
     * instanced with the slice's own sizes (Exporters 1..objects, the structs it names plus the
     * hidden ones it needs, a pool of its peak simultaneous views + 4), and TLC evaluates in every
     * state BufferProtocol's invariants, which quantify over every exporter and, inside,
     * over the exporters and the pool again (RefCountCoversReferences, ExportCountMatchesViews,
     * NoDeallocWhileReferenced), and in every step Collect, which scans the pool against the
     * structs and the exporters: per state about {@link #work} = objects x (objects + pool) +
     * pool x (structs + objects) evaluations, for each of the slice's events. A slice is followed
     * when events x work is within BUDGET. Measured with TLC on this machine (shared, load ~10): a
     * slice of 101 objects and 561 events (thirdparty-zstandard, about 6.4e6) took about 33 s more
     * than the rules alone; BUDGET keeps a followed slice within about 10 s. The slices beyond it
     * in traces/corpus are those of hundreds of objects (real-service: up to 4,001 objects and
     * 21,000 events; real-threads: 801 objects, 4,001 events), which would take hours.
     */
    static final long BUDGET = 2_000_000L;

    /** Evaluations per TLC state for a slice of these sizes (see {@link #BUDGET}). */
    static long work(long objects, long pool, long structs) {
        return objects * (objects + pool) + pool * (structs + objects);
    }

    /** Whether the model layer follows a slice of these events. */
    static boolean covers(List<Event> events, boolean midrun) {
        return gapOf(events, midrun) == null;
    }

    /** Why the model layer does not follow a slice of these events, or null when it does. */
    static Gap gapOf(List<Event> events, boolean midrun) {
        Map<ObjectId, Integer> objs = new HashMap<>();
        Map<Long, Integer> structs = new HashMap<>();
        ToIntFunction<ObjectId> n = id -> id == null ? 0 : objs.computeIfAbsent(id, k -> objs.size() + 1);
        for (Event e : events) for (ObjectId id : Slicer.objects(e)) n.applyAsInt(id);
        return read(events, midrun, objs.size(), n, st -> structs.computeIfAbsent(st, k -> structs.size() + 1),
                chains(events)).gap();
    }

    private static final class TypeFacts {
        Kind kind = Kind.PLAIN;
        int base;                    // redirect: the object whose counter and memory it uses
        boolean releases;            // has bf_releasebuffer (and a counter)
        boolean noReleases;          // a release showed no bf_releasebuffer
        boolean internal;
        boolean resizable;
        boolean freed;               // its memory was freed or moved under a view (memory watch)
        boolean refuses;
    }

    static ModelMapping read(List<Event> events, boolean midrun, int nobj, ToIntFunction<ObjectId> number,
                           Function<Long, Integer> structNumber, Chains chains) {
        Map<Integer, TypeFacts> facts = new HashMap<>();
        Function<Integer, TypeFacts> f = o -> facts.computeIfAbsent(o, k -> new TypeFacts());
        Gap gap = midrun ? Gap.MIDRUN : !chains.covered() ? chains.gap()
                : usedAfterDealloc(events) ? Gap.AFTER_DEALLOC : null;
        // what a memoryview shows is a fact of its model object, its managed buffer
        ToIntFunction<ObjectId> model = id -> id == null ? 0 : number.applyAsInt(chains.modelOf().getOrDefault(id, id));
        for (Map.Entry<ObjectId, ObjectId> c : chains.baseOf().entrySet()) {
            TypeFacts t = f.apply(number.applyAsInt(c.getKey()));
            t.kind = Kind.REEXPORT;
            // the base's model object: a memoryview's is its managed buffer (a chain over a chain)
            t.base = model.applyAsInt(c.getValue());
            t.releases = true;
        }
        for (ObjectId mb : chains.raw()) f.apply(number.applyAsInt(mb)).kind = Kind.RAWMBUF;
        for (Map.Entry<ObjectId, ObjectId> c : chains.rawOf().entrySet()) {
            TypeFacts t = f.apply(number.applyAsInt(c.getKey()));
            t.kind = Kind.MEMVIEW;
            t.base = number.applyAsInt(c.getValue());
            t.releases = true;     // memory_getbuf counts, memory_releasebuf uncounts
        }
        for (Event e : events) {
            if (e instanceof Acquire a) {
                // CPython's test exporters (_testbuffer) hand out buffers the model does not have
                if (a.type() != null && a.type().startsWith("_testbuffer")) gap = first(gap, Gap.TESTBUFFER);
                int exp = number.applyAsInt(a.exporter());
                if (!a.ok()) {
                    f.apply(model.applyAsInt(a.exporter())).refuses = true;
                    if (a.exports() != null) counterHolder(f, model.applyAsInt(a.counter() != null ? a.counter() : a.exporter()));
                    continue;
                }
                if (a.obj() == null) {
                    // success with view->obj NULL: the type's fill failed (a violation, where the
                    // model layer stops; only a variant's Refuse that returns 0 has this step)
                    f.apply(model.applyAsInt(a.exporter())).refuses = true;
                    if (a.exports() != null) counterHolder(f, model.applyAsInt(a.counterOrExporter()));
                    continue;
                }
                int o = number.applyAsInt(a.obj());
                if (o != exp) gap = first(gap, Gap.OBJ_NOT_EXPORTER);
                int c = number.applyAsInt(a.counterOrExporter());
                int mo = model.applyAsInt(a.obj()), mc = model.applyAsInt(a.counterOrExporter());
                if (c != o) {
                    TypeFacts t = f.apply(mo);
                    if (t.kind == Kind.REEXPORT || t.kind == Kind.MEMVIEW || t.kind == Kind.RAWMBUF
                            || (t.kind == Kind.REDIRECT && t.base != mc)) gap = first(gap, Gap.CHAIN);
                    t.kind = Kind.REDIRECT;
                    t.base = mc;
                    t.releases = true;
                    counterHolder(f, mc);
                } else if (a.exports() != null) {
                    counterHolder(f, mo);
                }
                if (a.fields() != null && a.fields().internal() != 0) f.apply(mo).internal = true;
            } else if (e instanceof Release r) {
                TypeFacts t = f.apply(model.applyAsInt(r.exporter()));
                if (r.hasReleasebuffer()) t.releases = true; else t.noReleases = true;
            } else if (e instanceof Resize z) {
                f.apply(model.applyAsInt(z.exporter())).resizable = true;
            } else if (e instanceof Freed m) {
                for (Freed.Hit h : m.hits()) f.apply(model.applyAsInt(h.obj())).freed = true;
            }
        }
        List<Rec> types = new ArrayList<>(nobj);
        for (int o = 1; o <= nobj; o++) {
            TypeFacts t = facts.getOrDefault(o, new TypeFacts());
            // memory freed or moved under a plain exporter's views: BufferProtocol's Resize (the
            // memory moves); a chain's or a redirect's memory is its base's
            if (t.freed && t.kind == Kind.PLAIN) t.resizable = true;
            if (t.releases && t.noReleases) gap = first(gap, Gap.RELEASE_MIXED);
            if (t.kind == Kind.MEMVIEW || t.kind == Kind.RAWMBUF) {
                // a memoryview over raw memory: its memory is its managed buffer's, which it cannot move
                if (t.resizable || t.releases && t.noReleases) gap = first(gap, Gap.CHAIN);
            } else if (t.kind != Kind.PLAIN) {
                // BufferProtocol's ASSUMEs: a chain's base is a plain exporter; a redirect's has a counter
                TypeFacts b = facts.getOrDefault(t.base, new TypeFacts());
                // a re-exporter may hold a redirect (memoryview(BytesIO.getbuffer())'s managed
                // buffer over the bytesiobuf: ReExportAcquireBase acquires Target(b), counted on
                // CounterOf(b)); anything else over a non-plain base is a chain the mapping lacks
                boolean overRedirect = t.kind == Kind.REEXPORT && b.kind == Kind.REDIRECT;
                if (b.kind != Kind.PLAIN && !overRedirect || t.resizable || b.releases && b.noReleases)
                    gap = first(gap, Gap.CHAIN);
                // a redirect counts on its base; a re-exporter's base may have no counter (memoryview(bytes))
                if (t.kind == Kind.REDIRECT && !b.releases) gap = first(gap, Gap.CHAIN);
            }
            types.add(type(t));
        }
        int[] sizes = sizes(events, number, structNumber);
        long structs = sizes[2] + sizes[1] + 1, pool = sizes[0] + 4;
        if ((long) events.size() * work(nobj, pool, structs) > BUDGET) gap = first(gap, Gap.SIZE);
        return new ModelMapping(gap, types, sizes[1] + 1, sizes[0] + 4);
    }

    private static Gap first(Gap found, Gap next) {
        return found != null ? found : next;
    }

    /** An event names an object after its dealloc (a tracer gives a reused address a new incarnation). */
    private static boolean usedAfterDealloc(List<Event> events) {
        Set<ObjectId> dead = new HashSet<>();
        for (Event e : events) {
            for (ObjectId id : Slicer.objects(e)) if (dead.contains(id)) return true;
            if (e instanceof bufspec.trace.Dealloc d) dead.add(d.object());
        }
        return false;
    }

    private static void counterHolder(Function<Integer, TypeFacts> f, int c) {
        f.apply(c).releases = true;
    }

    private static Rec type(TypeFacts t) {
        Map<Field, TlaData> m = new EnumMap<>(Field.class);
        m.put(Field.kind, of(Vocabulary.kind(t.kind)));
        m.put(Field.base, of(t.kind == Kind.PLAIN || t.kind == Kind.RAWMBUF ? 0 : t.base));
        // every object a log shows has a getbuffer (the tracer sees getbuffer calls only) but a
        // managed buffer, which the log names as a memoryview's holder
        m.put(Field.getbuffer, of(t.kind != Kind.RAWMBUF));
        m.put(Field.release, of(t.releases));
        m.put(Field.internal, of(t.internal));
        m.put(Field.shared, of(false));
        m.put(Field.resizable, of(t.resizable));
        m.put(Field.readonly, of(t.refuses));
        return new Rec(m);
    }

    /**
     * Peak simultaneous acquisitions, peak views parked in hidden structs and the number of structs
     * named, replaying only where
     * views are: a release is found by its struct, else by its contents among live views of its obj.
     */
    private static int[] sizes(List<Event> events, ToIntFunction<ObjectId> number, Function<Long, Integer> structNumber) {
        record View(int obj, List<Long> key) {}
        Map<Integer, View> heldAt = new HashMap<>();          // log struct -> view held there
        Deque<View> parked = new ArrayDeque<>();
        Set<View> live = new HashSet<>();
        int peakLive = 0, peakParked = 0, structs = 0;
        int serial = 0;
        for (Event e : events) {
            if (e instanceof Acquire a) {
                int st = structNumber.apply(a.view());
                structs = Math.max(structs, st);
                View prev = heldAt.remove(st);
                if (prev != null) {
                    parked.add(prev);
                    peakParked = Math.max(peakParked, parked.size());
                }
                if (a.ok() && a.obj() != null && a.fields() != null) {
                    View v = new View(number.applyAsInt(a.obj()), List.of(a.fields().buf(), a.fields().len(),
                            a.fields().internal(), (long) serial++));
                    live.add(v);
                    heldAt.put(st, v);
                    peakLive = Math.max(peakLive, live.size());
                }
            } else if (e instanceof Release r) {
                int st = structNumber.apply(r.view());
                structs = Math.max(structs, st);
                int o = number.applyAsInt(r.exporter());
                View v = heldAt.get(st);
                if (v != null && v.obj() == o) {
                    heldAt.remove(st);
                } else {
                    v = parked.stream().filter(x -> x.obj() == o && x.key().get(0) == r.fields().buf()
                            && x.key().get(1) == r.fields().len()).findFirst().orElse(null);
                    if (v == null) v = heldAt.values().stream().filter(x -> x.obj() == o).findFirst().orElse(null);
                    if (v != null) {
                        parked.remove(v);
                        heldAt.values().remove(v);
                    }
                }
                if (v != null) live.remove(v);
            }
        }
        return new int[] {peakLive, peakParked, structs};
    }
}
