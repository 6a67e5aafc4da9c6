package bufspec.gen;

import bufspec.model.Zoo;
import bufspec.trace.Pointers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a behaviour of BufferProtocol as the log a tracer would have written for it
 * (docs/trace-format.md, docs/architecture.md "How events map to the model's actions"): one event
 * per observable step, with the counters and reference counts the model's state holds.
 *
 * <ul>
 *   <li>{@code Acquire} -> acquire ok; {@code AcquireRefuse} of an exporter -> acquire failed
 *       (a refusal of {@code NotExporter} is a TypeError before any getbuffer: no event);</li>
 *   <li>{@code Release} of a non-NULL struct -> release (of NULL: a no-op, not traced);</li>
 *   <li>{@code Resize} / {@code ResizeRefuse} -> resize ok / refused; {@code Dealloc} -> dealloc;</li>
 *   <li>memoryview chains as CPython builds them: {@code ReExportAcquireBase} -> acquire of the base
 *       into {@code &mbuf->master}, chain hold, chain register; {@code ReExportReleaseBase} ->
 *       unregister, drop, release of the master struct; {@code ReExportRefuseRelease} -> refuse;
 *       a memoryview deallocated while holding its base does the release first, and its managed
 *       buffer goes with it;</li>
 *   <li>{@code CopyView}, {@code DiscardView}, {@code OwnerDrop}: invisible to a tracer, no event.</li>
 * </ul>
 *
 * Reference counts are the model's {@code rc} plus {@link #RC_OFFSET} (the caller's reference);
 * export counters are the model's {@code exports}. The footer says {@code finalized: true} only
 * when the behaviour ends with no live view (a finalized footer with live views would be a leak
 * the model's safety properties do not judge at a prefix's end); otherwise the log ends at a
 * normal exit before finalization or is truncated (no footer), alternating by behaviour.
 *
 * <p>A behaviour of the free-threaded spec ({@code FreeThreaded = TRUE}, rendered with the
 * discipline table's version) becomes a free-threaded log (docs/trace-format.md, "Free-threaded
 * logs"): the header says {@code threading: "free"} and the discipline; {@code AcquireStart} and
 * {@code ReleaseStart} take a seq number and write no line; {@code AcquireFinish} and
 * {@code ReleaseFinish} write the acquire or release event with {@code start_seq} (the start's
 * seq), {@code exports} [the value read at the start ({@code pc[c].v}), the value written], and
 * for a getbuffer the memory of the generation read at its start ({@code pc[c].g}).
 */
public final class LogRenderer {

    /** References the rendered process holds on every exporter beyond the model's (a frame's). */
    public static final int RC_OFFSET = 1;
    static final int FLAGS_RO = 284;       // PyBUF_FULL_RO
    static final int FLAGS_WRITABLE = 285; // PyBUF_FULL

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a successful acquire put in the struct (copies carry the same bytes). */
    private record Filled(String obj, long buf, boolean readonly, long internal, long shape, long strides) {}

    /**
     * How exporters with per-view resources find them again. {@code INTERNAL}: through
     * {@code view->internal} (a fresh pointer per acquire, shape/strides in the struct).
     * {@code BY_STRUCT_ADDRESS}: the TrackByViewAddress variant keeps them in a table keyed by the
     * struct's address; it sets no internal and hands out per-view shape/strides arrays.
     */
    public enum PerView { INTERNAL, BY_STRUCT_ADDRESS }

    private final PerView perView;
    /** The discipline table's version of a free-threaded behaviour; null with the GIL. */
    private final String discipline;
    /** Free-threaded calls in flight: the seq of each consumer's start, and what it was called with. */
    private final Map<String, Started> started = new HashMap<>();
    private long eventLines;

    private record Started(long seq, String exporter, boolean writable) {}

    private final Addresses addresses = new Addresses();
    private final Map<Integer, Filled> byAcq = new HashMap<>();
    private final List<String> lines = new ArrayList<>();
    private long seq;

    private LogRenderer(PerView perView, String discipline) {
        this.perView = perView;
        this.discipline = discipline;
    }

    /** The log of {@code b}; {@code ordinal} picks the ending of a log that ends with live views. */
    public static List<String> render(Behaviour b, int ordinal) {
        return render(b, ordinal, PerView.INTERNAL);
    }

    public static List<String> render(Behaviour b, int ordinal, PerView perView) {
        return render(b, ordinal, perView, null);
    }

    /**
     * {@code discipline}: for a behaviour of the free-threaded spec, the version of the discipline
     * table it ran under ({@code 3.13t}, {@code 3.14t}, {@code 3.15t}, {@code main}); null for the GIL.
     */
    public static List<String> render(Behaviour b, int ordinal, PerView perView, String discipline) {
        LogRenderer r = new LogRenderer(perView, discipline);
        r.header(b);
        List<ModelState> s = b.states();
        for (int i = 1; i < s.size(); i++) r.step(s.get(i - 1), s.get(i), s.get(i).step());
        r.flush();
        ModelState last = s.get(s.size() - 1);
        if (!last.anyLive()) r.footer(true);
        else if (ordinal % 2 == 0) r.footer(false);
        return List.copyOf(r.lines);
    }

    private void step(ModelState pre, ModelState post, Step st) {
        if (st instanceof Step.Acquire a) acquire(pre, post, a);
        else if (st instanceof Step.AcquireRefuse a) refuse(pre, post, a);
        else if (st instanceof Step.Release r) release(pre, post, r);
        else if (st instanceof Step.Resize z) resize(pre, z.exporter(), true);
        else if (st instanceof Step.ResizeRefuse z) resize(pre, z.exporter(), false);
        else if (st instanceof Step.Dealloc d) dealloc(pre, post, d.exporter());
        else if (st instanceof Step.ReExportAcquireBase m) reExportAcquire(pre, post, m.reexporter());
        else if (st instanceof Step.ReExportReleaseBase m) releaseBase(pre, post, m.reexporter());
        else if (st instanceof Step.ReExportRefuseRelease m) {
            int n = pre.exports(m.reexporter());
            chain(1, "refuse").put("reexporter", Addresses.id(m.reexporter()))
                    .put("error", "BufferError: memoryview has " + n + " exported buffer" + (n == 1 ? "" : "s"));
        } else if (st instanceof Step.CopyView || st instanceof Step.DiscardView || st instanceof Step.OwnerDrop) {
            // memcpy of a struct, a stack frame returning, a Py_DECREF that does not deallocate:
            // invisible to a tracer
        } else if (st instanceof Step.AcquireStart a) {
            started.put(a.consumer(), new Started(++seq, a.exporter(), a.writable()));
        } else if (st instanceof Step.ReleaseStart r) {
            started.put(r.consumer(), new Started(++seq, null, false));
        } else if (st instanceof Step.AcquireFinish a) {
            acquireFinish(pre, post, a.consumer());
        } else if (st instanceof Step.ReleaseFinish r) {
            releaseFinish(pre, post, r.consumer());
        } else {
            throw new IllegalArgumentException("step " + st + " after the first state");
        }
    }

    // ---- acquire -----------------------------------------------------------------------------

    private void acquire(ModelState pre, ModelState post, Step.Acquire a) {
        long struct = Addresses.struct(a.struct());
        Filled f = fill(post, a.exporter(), post.viewAcq(a.struct()), struct, a.writable());
        ObjectNode o = acquireEvent(Addresses.tid(a.consumer()), pre, post, a.exporter(), struct, a.writable(), true);
        o.put("obj_before", rawPointer(pre.viewObj(a.struct())));
        o.put("obj", Addresses.id(f.obj()));
        fields(o, f);
        counts(o, pre, post, a.exporter(), true);
    }

    /** Free-threaded: the getbuffer that started at {@code started.get(c)} counts and returns. */
    private void acquireFinish(ModelState pre, ModelState post, String c) {
        Started st = started.remove(c);
        ModelState.Call call = pre.pc(c);
        if (st == null || st.exporter() == null) throw new IllegalStateException("AcquireFinish(" + c + ") without its AcquireStart");
        long struct = Addresses.struct(call.struct());
        String e = call.exporter();
        Filled f = fill(post, e, post.viewAcq(call.struct()), struct, st.writable(), call.gen());
        ObjectNode o = acquireEvent(Addresses.tid(c), pre, post, e, struct, st.writable(), true);
        o.put("obj_before", rawPointer(pre.viewObj(call.struct())));
        o.put("obj", Addresses.id(f.obj()));
        fields(o, f);
        counts(o, pre, post, e, true, call.read());
        o.put("start_seq", st.seq());
    }

    /** Free-threaded: the release that started at {@code started.get(c)} writes the counter and clears the struct. */
    private void releaseFinish(ModelState pre, ModelState post, String c) {
        Started st = started.remove(c);
        ModelState.Call call = pre.pc(c);
        if (st == null) throw new IllegalStateException("ReleaseFinish(" + c + ") without its ReleaseStart");
        ObjectNode o = releaseEvent(Addresses.tid(c), pre, post, call.exporter(), pre.viewAcq(call.struct()),
                Addresses.struct(call.struct()), call.read());
        o.put("start_seq", st.seq());
    }

    private Filled fill(ModelState post, String e, int acq, long struct, boolean writable) {
        return fill(post, e, acq, struct, writable, post.gen(Zoo.memoryOf(e)));
    }

    private Filled fill(ModelState post, String e, int acq, long struct, boolean writable, int gen) {
        Zoo.Type t = rendered(e);
        long buf = Addresses.buf(Zoo.memoryOf(e), gen);
        Filled f;
        if (t.internal() && perView == PerView.BY_STRUCT_ADDRESS) {
            long arrays = addresses.freshInternal(); // per-view shape and strides, no internal
            f = new Filled(e, buf, t.readonly(), Pointers.NULL, arrays, arrays + 8);
        } else {
            f = new Filled(e, buf, t.readonly(), t.internal() ? addresses.freshInternal() : Pointers.NULL,
                    struct + 16, struct + 24);
        }
        byAcq.put(acq, f);
        return f;
    }

    private void refuse(ModelState pre, ModelState post, Step.AcquireRefuse a) {
        if (a.target().equals("NotExporter")) return; // TypeError before any bf_getbuffer: nothing to trace
        if (!rendered(a.target()).getbuffer()) return; // BytesIO: no bf_getbuffer, TypeError likewise
        long struct = Addresses.struct(a.struct());
        ObjectNode o = acquireEvent(Addresses.tid(a.consumer()), pre, post, a.target(), struct, a.writable(), false);
        o.put("error", refusal(pre, a.target(), a.writable()));
        o.put("obj_before", rawPointer(pre.viewObj(a.struct())));
        o.put("obj", rawPointer(post.viewObj(a.struct())));
        counts(o, pre, post, a.target(), true);
    }

    private static String refusal(ModelState pre, String e, boolean writable) {
        Zoo.Type t = Zoo.of(e);
        if (writable && t.readonly()) return "BufferError: Object is not writable.";
        if (t.kind() == Zoo.Kind.REEXPORT && !pre.masterState(e).equals("holding")) {
            return "ValueError: operation forbidden on released memoryview object";
        }
        return "BufferError: refused";
    }

    private ObjectNode acquireEvent(int tid, ModelState pre, ModelState post, String e, long struct, boolean writable,
                                    boolean ok) {
        ObjectNode o = event(tid, "acquire");
        o.put("exporter", Addresses.id(e));
        o.put("type", Zoo.of(e).typeName());
        o.put("view", Pointers.format(struct));
        o.put("flags", writable ? FLAGS_WRITABLE : FLAGS_RO);
        o.put("ok", ok);
        o.putNull("error");
        return o;
    }

    // ---- release -----------------------------------------------------------------------------

    private void release(ModelState pre, ModelState post, Step.Release r) {
        String obj = pre.viewObj(r.struct());
        if (obj.equals(ModelState.NULL)) return; // PyBuffer_Release on NULL obj: a no-op, not traced
        releaseEvent(Addresses.tid(r.consumer()), pre, post, obj, pre.viewAcq(r.struct()), Addresses.struct(r.struct()));
    }

    private void releaseEvent(int tid, ModelState pre, ModelState post, String obj, int acq, long struct) {
        releaseEvent(tid, pre, post, obj, acq, struct, null);
    }

    /** {@code read}: free-threaded, the counter's value the release read at its start (else null: pre's). */
    private ObjectNode releaseEvent(int tid, ModelState pre, ModelState post, String obj, int acq, long struct, Integer read) {
        Filled f = byAcq.get(acq);
        if (f == null || !f.obj().equals(obj)) {
            throw new IllegalStateException("release of acquisition " + acq + " on " + obj + " that was never rendered");
        }
        ObjectNode o = event(tid, "release");
        o.put("exporter", Addresses.id(obj));
        o.put("type", Zoo.of(obj).typeName());
        o.put("view", Pointers.format(struct));
        fields(o, f);
        o.put("has_releasebuffer", Zoo.of(obj).release());
        counts(o, pre, post, obj, false, read);
        return o;
    }

    // ---- the struct's fields and the counts around the call ------------------------------------

    private static void fields(ObjectNode o, Filled f) {
        o.put("buf", Pointers.format(f.buf()));
        o.put("len", Addresses.LEN);
        o.put("readonly", f.readonly());
        o.put("itemsize", 1);
        o.put("ndim", 1);
        o.put("format", "B");
        o.putArray("shape").add(Addresses.LEN);
        o.putArray("strides").add(1);
        o.putNull("suboffsets");
        o.put("shape_ptr", Pointers.format(f.shape()));
        o.put("strides_ptr", Pointers.format(f.strides()));
        o.put("internal", f.internal() == Pointers.NULL ? null : Pointers.format(f.internal()));
    }

    /**
     * {@code rc} [before, after] of {@code e} and the export counter of {@code CounterOf(e)} around
     * the call. For a release, "after" is before PyBuffer_Release drops its reference.
     */
    private static void counts(ObjectNode o, ModelState pre, ModelState post, String e, boolean acquire) {
        counts(o, pre, post, e, acquire, null);
    }

    /** {@code read}: free-threaded, the counter's value the call read at its start; null: pre's. */
    private static void counts(ObjectNode o, ModelState pre, ModelState post, String e, boolean acquire, Integer read) {
        int after = post.rc(e) + (acquire ? 0 : 1);
        o.putArray("rc").add(pre.rc(e) + RC_OFFSET).add(after + RC_OFFSET);
        if (Zoo.of(e).hasCounter()) {
            String k = Zoo.counterOf(e);
            o.put("counter", Addresses.id(k));
            o.putArray("exports").add(read != null ? read : pre.exports(k)).add(post.exports(k));
        }
    }

    // ---- exporter life cycle -------------------------------------------------------------------

    private void resize(ModelState pre, String e, boolean ok) {
        ObjectNode o = event(1, "resize");
        o.put("exporter", Addresses.id(e));
        o.put("type", Zoo.of(e).typeName());
        o.put("op", Zoo.of(e).resizeOp());
        o.put("ok", ok);
        if (ok) o.putNull("error");
        else o.put("error", "BufferError: Existing exports of data: object cannot be re-sized");
        o.put("exports", pre.exports(e));
        if (ok) {
            o.putArray("buf").add(Pointers.format(Addresses.buf(e, pre.gen(e))))
                    .add(Pointers.format(Addresses.buf(e, 1 - pre.gen(e))));
        }
    }

    private void dealloc(ModelState pre, ModelState post, String e) {
        Zoo.Type t = rendered(e);
        String ms = t.kind() == Zoo.Kind.REEXPORT ? pre.masterState(e) : "none";
        if (ms.equals("holding")) releaseBase(pre, post, e); // memory_dealloc -> mbuf_release
        ObjectNode o = event(1, "dealloc");
        o.put("object", Addresses.id(e));
        o.put("type", t.typeName());
        if (t.hasCounter()) o.put("exports", pre.exports(e));
        if (ms.equals("holding") || ms.equals("released")) {
            event(1, "dealloc").put("object", Addresses.managedBufferId(e)).put("type", "managedbuffer");
        }
    }

    // ---- memoryview chains ---------------------------------------------------------------------

    private void reExportAcquire(ModelState pre, ModelState post, String m) {
        String b = Zoo.of(m).base();
        long struct = Addresses.masterStruct(m);
        Filled f = fill(post, b, post.masterAcq(m), struct, false);
        ObjectNode o = acquireEvent(1, pre, post, b, struct, false, true);
        o.putNull("obj_before");
        o.put("obj", Addresses.id(f.obj()));
        fields(o, f);
        counts(o, pre, post, b, true);
        chain(1, "hold").put("holder", Addresses.managedBufferId(m)).put("holder_type", "managedbuffer")
                .put("view", Pointers.format(struct)).put("base", Addresses.id(b));
        chain(1, "register").put("holder", Addresses.managedBufferId(m)).put("reexporter", Addresses.id(m));
    }

    /**
     * drop, the release of {@code &mbuf->master}, unregister. The memoryview is still registered
     * when its managed buffer drops the base: a re-exporter that drops its base while it has
     * exports (ReExporterReleasesBase) is visible at the drop.
     */
    private void releaseBase(ModelState pre, ModelState post, String m) {
        String b = Zoo.of(m).base();
        long struct = Addresses.masterStruct(m);
        chain(1, "drop").put("holder", Addresses.managedBufferId(m)).put("view", Pointers.format(struct))
                .put("base", Addresses.id(b));
        releaseEvent(1, pre, post, b, pre.masterAcq(m), struct);
        chain(1, "unregister").put("holder", Addresses.managedBufferId(m)).put("reexporter", Addresses.id(m));
    }

    /** {@code e}'s type, if the renderer can write its events. */
    private static Zoo.Type rendered(String e) {
        Zoo.Type t = Zoo.of(e);
        if (!t.rendered()) {
            throw new IllegalArgumentException(e + " (" + t.typeName() + ", kind " + t.kind()
                    + "): the log renderer writes plain exporters, re-exporters and redirects only");
        }
        return t;
    }

    // ---- lines ---------------------------------------------------------------------------------

    private ObjectNode chain(int tid, String op) {
        ObjectNode o = event(tid, "chain");
        o.put("op", op);
        return o;
    }

    private ObjectNode event(int tid, String kind) {
        ObjectNode o = JSON.createObjectNode();
        o.put("seq", ++seq);
        o.put("tid", tid);
        o.put("kind", kind);
        eventLines++;
        pending.add(o);
        return o;
    }

    /** Events are built in place and serialised when the step is done (see flush). */
    private final List<ObjectNode> pending = new ArrayList<>();

    private void header(Behaviour b) {
        ObjectNode h = JSON.createObjectNode();
        h.put("kind", "header").put("format", "bufspec-trace").put("version", 1)
                .put("producer", "bufspec gen: " + b.name()).put("python", "3.11.7").put("pid", 4242)
                .put("start", "2026-11-21T12:00:00Z");
        h.putArray("argv").add("tla/GENBufferProtocol.tla");
        h.put("attached", "start");
        if (discipline != null) {
            h.put("python", PYTHON.get(discipline)).put("threading", "free").put("discipline", discipline);
        }
        lines.add(write(h));
    }

    /** The interpreter a free-threaded log names for each discipline table (FtVersions). */
    private static final Map<String, String> PYTHON = Map.of("3.13t", "3.13.5t", "3.14t", "3.14.2t", "3.15t", "3.15.0t",
            "main", "3.16.0a0t");

    private void footer(boolean finalized) {
        long events = eventLines;
        ObjectNode f = JSON.createObjectNode();
        f.put("seq", ++seq).put("tid", 1).put("kind", "footer").put("events", events)
                .put("end", "2026-11-21T12:00:01Z").put("finalized", finalized);
        lines.add(write(f));
    }

    private void flush() {
        pending.forEach(o -> lines.add(write(o)));
        pending.clear();
    }

    private static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rawPointer(String obj) {
        return obj.equals(ModelState.NULL) ? null : Pointers.format(Addresses.object(obj));
    }
}
