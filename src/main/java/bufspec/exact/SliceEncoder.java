package bufspec.exact;

import bufspec.exact.TlaData.Rec;
import bufspec.exact.Vocabulary.Field;
import bufspec.model.Quirks;
import bufspec.trace.Acquire;
import bufspec.trace.Chain;
import bufspec.trace.Counts;
import bufspec.trace.Dealloc;
import bufspec.trace.Event;
import bufspec.trace.Footer;
import bufspec.trace.Freed;
import bufspec.trace.ObjectId;
import bufspec.trace.Pointers;
import bufspec.trace.Release;
import bufspec.trace.Resize;
import bufspec.trace.ViewFields;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static bufspec.exact.TlaData.of;

/**
 * Turns one {@link Slice} into the TLA+ record {@code tla/TraceBufferProtocol.tla} reads:
 * {@code [midrun, nobj, nst, nptr, ev, bp, nhid, pool, ty, mo]} (the last five: {@link ModelMapping}). Every value becomes a number, a boolean or a
 * {@link Vocabulary} word: objects, structs, pointers and view contents are numbered in order of
 * appearance (only equality matters); buffer addresses are ranked (order-preserving, so range
 * overlap is kept); a type name only selects flags of its known behaviour ({@link Quirks}).
 */
public final class SliceEncoder {

    /** Reference counts above this are shifted down (immortal objects), keeping their deltas. */
    static final long BIG = 1L << 30;

    private final Interner<ObjectId> objects = new Interner<>();
    private final Interner<Long> structs = new Interner<>();
    private final Interner<List<Long>> handed = new Interner<>();
    private final Interner<List<Long>> keys = new Interner<>();
    private final Interner<Long> pointers = new Interner<>();
    private final Map<Long, Integer> ranks = new HashMap<>();
    private ModelMapping.Chains chains;

    private SliceEncoder() {}

    /** The record of {@code slice}; {@code midrun}: the log was attached to a running interpreter. */
    public static Rec encode(Slice slice, boolean midrun) {
        SliceEncoder enc = new SliceEncoder();
        enc.rank(slice.events());
        enc.chains = ModelMapping.chains(slice.events());
        List<Rec> evs = new ArrayList<>(slice.events().size());
        for (Event e : slice.events()) evs.add(enc.event(e));
        Map<Field, TlaData> m = new EnumMap<>(Field.class);
        m.put(Field.midrun, of(midrun));
        m.put(Field.nptr, of(enc.handed.size()));
        // the objects and structs are all numbered by now; the mapping only looks them up
        ModelMapping mm = ModelMapping.read(slice.events(), midrun, enc.objects.size(), enc::obj, enc.structs::id,
                enc.chains);
        m.put(Field.nobj, of(enc.objects.size()));
        m.put(Field.mo, enc.modelObjects());
        m.put(Field.nst, of(enc.structs.size()));
        m.put(Field.bp, of(mm.covered()));
        m.put(Field.nhid, of(mm.hidden()));
        m.put(Field.pool, of(mm.pool()));
        m.put(Field.ty, new TlaData.Tuple(mm.types()));
        m.put(Field.ev, new TlaData.Tuple(evs));
        return new Rec(m);
    }

    /**
     * The model object of each object number (1..nobj): a registered memoryview is its managed
     * buffer's re-exporter ({@link ModelMapping.Chains#modelOf}); every other object is itself.
     */
    private TlaData.Tuple modelObjects() {
        int[] mo = new int[objects.size() + 1];
        for (int i = 1; i < mo.length; i++) mo[i] = i;
        chains.modelOf().forEach((mv, mbuf) -> mo[obj(mv)] = obj(mbuf));
        List<TlaData> out = new ArrayList<>(objects.size());
        for (int i = 1; i < mo.length; i++) out.add(of(mo[i]));
        return new TlaData.Tuple(out);
    }

    /** Ranks every buffer endpoint of the slice (unsigned order) so overlap survives the mapping. */
    private void rank(List<Event> events) {
        TreeSet<Long> ends = new TreeSet<>(Long::compareUnsigned);
        for (Event e : events) {
            if (e instanceof Acquire a && a.ok() && a.fields() != null) {
                ends.add(a.fields().buf());
                ends.add(a.fields().buf() + a.fields().len());
            }
        }
        int r = 1;
        for (long v : ends) ranks.put(v, r++);
    }

    private int obj(ObjectId id) {
        return id == null ? 0 : objects.id(id);
    }

    private static long ptr(Interner<Long> in, long p) {
        return p == Pointers.NULL ? 0 : in.id(p);
    }

    private Rec event(Event e) {
        Map<Field, TlaData> m = new EnumMap<>(Field.class);
        List<TlaData> known = new ArrayList<>();
        // the objects the event makes known: all it names, except a dealloc (which only
        // reads) and a drop (which names its base without creating it)
        if (e instanceof Chain.Drop d) known.add(of(obj(d.holder())));
        else if (!(e instanceof Dealloc)) for (ObjectId id : Slicer.objects(e)) known.add(of(obj(id)));
        m.put(Field.objs, new TlaData.SetOf(known));
        if (e instanceof Acquire a) {
            acquire(a, m);
        } else if (e instanceof Release r) {
            release(r, m);
        } else if (e instanceof Dealloc d) {
            m.put(Field.k, of(Vocabulary.DEALLOC));
            m.put(Field.o, of(obj(d.object())));
            m.put(Field.u, of(Quirks.untracedInternalExports(d.type())));
            m.put(Field.hasEx, of(d.exports() != null));
            m.put(Field.ex, of(d.exports() == null ? 0 : small(d.exports())));
        } else if (e instanceof Resize z) {
            m.put(Field.k, of(Vocabulary.RESIZE));
            m.put(Field.o, of(obj(z.exporter())));
            m.put(Field.u, of(Quirks.untracedInternalExports(z.type())));
            m.put(Field.ok, of(z.ok()));
            m.put(Field.hasEx, of(z.exports() != null));
            m.put(Field.ex, of(z.exports() == null ? 0 : small(z.exports())));
            m.put(Field.hasBuf, of(z.buf() != null));
            m.put(Field.bb, of(z.buf() == null ? 0 : ptr(pointers, z.buf().before())));
            m.put(Field.ba, of(z.buf() == null ? 0 : ptr(pointers, z.buf().after())));
        } else if (e instanceof Freed f) {
            // memory under live views freed or moved: the views' objects (o: the first, whose
            // model object the correct spec's Resize moves when none of them has a live view)
            m.put(Field.k, of(Vocabulary.FREED));
            List<TlaData> os = new ArrayList<>();
            for (Freed.Hit h : f.hits()) os.add(of(obj(h.obj())));
            m.put(Field.o, of(obj(f.hits().get(0).obj())));
            m.put(Field.os, new TlaData.SetOf(os));
        } else if (e instanceof Chain.Hold h) {
            m.put(Field.k, of(Vocabulary.HOLD));
            m.put(Field.holder, of(obj(h.holder())));
            m.put(Field.base, of(obj(h.base())));
            m.put(Field.st, of(structs.id(h.view())));
        } else if (e instanceof Chain.Register g) {
            m.put(Field.k, of(Vocabulary.REGISTER));
            m.put(Field.holder, of(obj(g.holder())));
            m.put(Field.mv, of(obj(g.reexporter())));
        } else if (e instanceof Chain.Unregister g) {
            m.put(Field.k, of(Vocabulary.UNREGISTER));
            m.put(Field.holder, of(obj(g.holder())));
            m.put(Field.mv, of(obj(g.reexporter())));
        } else if (e instanceof Chain.Drop d) {
            m.put(Field.k, of(Vocabulary.DROP));
            m.put(Field.holder, of(obj(d.holder())));
            m.put(Field.base, of(obj(d.base())));
            m.put(Field.st, of(structs.id(d.view())));
        } else if (e instanceof Chain.Refuse r) {
            m.put(Field.k, of(Vocabulary.REFUSE));
            m.put(Field.mv, of(obj(r.reexporter())));
        } else if (e instanceof Footer f) {
            m.put(Field.k, of(Vocabulary.FOOTER));
            m.put(Field.fin, of(f.finalized()));
        } else {
            throw new IllegalArgumentException("not a slice event: " + e.kind());
        }
        return new Rec(m);
    }

    private void acquire(Acquire a, Map<Field, TlaData> m) {
        m.put(Field.k, of(Vocabulary.ACQUIRE));
        m.put(Field.mm, of(obj(chains.masterOf().get(a))));
        m.put(Field.u, of(Quirks.untracedInternalExports(a.type())));
        m.put(Field.sev, of(Quirks.severalBuffers(a.type())));
        m.put(Field.ok, of(a.ok()));
        m.put(Field.exp, of(obj(a.exporter())));
        m.put(Field.o, of(a.ok() ? obj(a.obj()) : 0));
        ObjectId counter = a.ok() ? a.counterOrExporter() : a.counter() != null ? a.counter() : a.exporter();
        m.put(Field.c, of(obj(counter)));
        m.put(Field.st, of(structs.id(a.view())));
        counts(a.rc(), Field.hasRc, Field.rcB, Field.rcA, m);
        counts(a.exports(), Field.hasEx, Field.exB, Field.exA, m);
        m.put(Field.oa, of(ptr(pointers, a.objAfter())));
        m.put(Field.ob, of(ptr(pointers, a.objBefore())));
        ViewFields f = a.fields();
        List<TlaData> ho = new ArrayList<>(2);
        long pv = 0;
        if (a.ok() && a.obj() != null && f != null) {
            m.put(Field.b, of(ranks.get(f.buf())));
            m.put(Field.end, of(ranks.get(f.buf() + f.len())));
            m.put(Field.key, of(key(f)));
            m.put(Field.internal, of(ptr(pointers, f.internal())));
            boolean shapeOut = f.shape() != Pointers.NULL && !ViewFields.pointsInto(f.shape(), a.view());
            boolean stridesOut = f.strides() != Pointers.NULL && !ViewFields.pointsInto(f.strides(), a.view());
            if (shapeOut) ho.add(of(handed(a.obj(), f.shape())));
            if (stridesOut) ho.add(of(handed(a.obj(), f.strides())));
            if (f.internal() == Pointers.NULL) {
                if (shapeOut) pv = handed(a.obj(), f.shape());
                else if (stridesOut) pv = handed(a.obj(), f.strides());
            }
        } else {
            m.put(Field.b, of(0));
            m.put(Field.end, of(0));
            m.put(Field.key, of(0));
            m.put(Field.internal, of(0));
        }
        m.put(Field.pv, of(pv));
        m.put(Field.ho, new TlaData.SetOf(ho));
    }

    private void release(Release r, Map<Field, TlaData> m) {
        m.put(Field.k, of(Vocabulary.RELEASE));
        m.put(Field.u, of(Quirks.untracedInternalExports(r.type())));
        m.put(Field.o, of(obj(r.exporter())));
        m.put(Field.c, of(obj(r.counterOrExporter())));
        m.put(Field.st, of(structs.id(r.view())));
        m.put(Field.key, of(key(r.fields())));
        m.put(Field.internal, of(ptr(pointers, r.fields().internal())));
        m.put(Field.hasRb, of(r.hasReleasebuffer()));
        counts(r.rc(), Field.hasRc, Field.rcB, Field.rcA, m);
        counts(r.exports(), Field.hasEx, Field.exB, Field.exA, m);
    }

    private int handed(ObjectId owner, long pointer) {
        return handed.id(List.of(owner.address(), (long) owner.incarnation(), pointer));
    }

    private int key(ViewFields f) {
        return keys.id(List.of(f.buf(), f.len(), f.internal(), f.shape(), f.strides(), f.suboffsets()));
    }

    /** A [before, after] reading; huge values (immortal refcounts) shifted down, delta kept. */
    private static void counts(Counts c, Field has, Field before, Field after, Map<Field, TlaData> m) {
        m.put(has, of(c != null));
        if (c == null) {
            m.put(before, of(0));
            m.put(after, of(0));
            return;
        }
        long shift = c.before() > BIG ? c.before() - BIG : c.before() < -BIG ? c.before() + BIG : 0;
        m.put(before, of(c.before() - shift));
        m.put(after, of(small(c.after() - shift)));
    }

    private static long small(long v) {
        return Math.max(-BIG * 2, Math.min(BIG * 2, v));
    }

    /** Numbers things in order of first appearance, from 1. */
    private static final class Interner<T> {
        private final Map<T, Integer> ids = new HashMap<>();

        int id(T t) {
            return ids.computeIfAbsent(t, k -> ids.size() + 1);
        }

        int size() {
            return ids.size();
        }
    }
}
