package bufspec.replay;

import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.Stats;
import bufspec.result.Verdict;
import bufspec.trace.Acquire;
import bufspec.trace.Attachment;
import bufspec.trace.Chain;
import bufspec.trace.Counts;
import bufspec.trace.Dealloc;
import bufspec.trace.Event;
import bufspec.trace.Footer;
import bufspec.trace.Freed;
import bufspec.trace.Header;
import bufspec.trace.ObjectId;
import bufspec.trace.Pointers;
import bufspec.trace.Release;
import bufspec.trace.Resize;
import bufspec.trace.TestMark;
import bufspec.trace.TraceError;
import bufspec.trace.ViewFields;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static bufspec.model.Property.EveryViewReleased;
import static bufspec.model.Property.ExportCountMatchesViews;
import static bufspec.model.Property.ExportCountsReturnToZero;
import static bufspec.model.Property.FailedAcquireLeavesNoTrace;
import static bufspec.model.Property.NoDanglingView;
import static bufspec.model.Property.NoDeallocWhileReferenced;
import static bufspec.model.Property.ReExporterHoldsBase;
import static bufspec.model.Property.RefCountCoversReferences;
import static bufspec.model.Property.ReleaseSeesOwnInternal;
import static bufspec.model.Property.ReleasedAtMostOnce;

/**
 * Replays one log against the model's invariants, one event at a time. Each event kind has its
 * handler; each handler applies the rules of docs/trace-format.md ("Rules") in the order they are
 * written there. After a counter or reference-count violation the validator re-anchors to the
 * observed value, so one fault is reported once and not at every later event.
 */
public final class ReplayValidator implements java.io.Serializable {

    /** Properties a log cannot show ({@link Property#modelOnly()}). */
    public static final Set<Property> NOT_OBSERVABLE_IN_LOGS = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.copyOf(java.util.Arrays.stream(Property.values()).filter(Property::modelOnly).toList()));

    private static final int FAILED_STRUCTS_KEPT = 4096;

    private final String file;
    private final Findings findings;
    private final States states = new States();
    private final LongMap<LiveView> byStruct = new LongMap<>();
    /** Structs of recent failed acquires (bounded: the oldest are forgotten first). */
    private final LongMap<Acquire> failedStructs = new LongMap<>();
    private final long[] failedOrder = new long[FAILED_STRUCTS_KEPT];
    private int failedNext;
    private final LongMap<ExporterState.Hold> heldViews = new LongMap<>();
    private final List<TraceError> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long errorCount;

    private Attachment attached = Attachment.START;
    private Header header;
    private Footer footer;
    private boolean stopped;
    private long truncatedAt = -1;

    private long events, exporters, views, failedAcquires, releasesBeforeTracing, toleratedExcess;

    public ReplayValidator(String file) {
        this.file = file;
        this.findings = new Findings(file);
    }

    // ---- snapshot and restore ----------------------------------------------------------------

    private static final long serialVersionUID = 1L;

    /** Only the validator's own classes and the JDK types its state is made of are read back. */
    private static final ObjectInputFilter SNAPSHOT_CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;bufspec.replay.*;bufspec.trace.*;bufspec.result.*;bufspec.model.*;java.lang.*;java.util.*;!*");

    /**
     * The validator's whole state (everything it has learned from the events so far) as bytes:
     * {@link #restore} of them gives a validator that goes on exactly as this one would.
     */
    public byte[] snapshot() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot of the validator of " + file, e);
        }
        return bytes.toByteArray();
    }

    /** The validator whose {@link #snapshot} these bytes are. */
    public static ReplayValidator restore(byte[] snapshot) {
        try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(snapshot))) {
            in.setObjectInputFilter(SNAPSHOT_CLASSES);
            return (ReplayValidator) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("not a snapshot of a replay validator (" + snapshot.length + " bytes): " + e, e);
        }
    }

    /** The file name violations and errors are reported under. */
    public String file() {
        return file;
    }

    /** Events accepted so far. */
    public long events() {
        return events;
    }

    /** The header, once seen; null before (or if the log has none). */
    public Header header() {
        return header;
    }

    /** The violations kept in full so far, in the order they were found. */
    public List<bufspec.result.Violation> violationsSoFar() {
        return findings.inOrderFound();
    }

    // ---- input -------------------------------------------------------------------------------

    public void accept(Event e) {
        events++;
        if (e instanceof Acquire a) onAcquire(a);
        else if (e instanceof Release r) onRelease(r);
        else if (e instanceof Dealloc d) onDealloc(d);
        else if (e instanceof Resize z) onResize(z);
        else if (e instanceof Freed m) onFreed(m);
        else if (e instanceof Chain c) onChain(c);
        else if (e instanceof Header h) onHeader(h);
        else if (e instanceof Footer f) onFooter(f);
        else if (e instanceof TestMark) findings.nextPart(); // no rule reads test marks
    }

    public void inputError(TraceError error) {
        if (errorCount++ < FileResult.MAX_ERRORS_KEPT) errors.add(error);
    }

    public void truncated(long line, long bytes) {
        truncatedAt = line;
        notes.add("truncated last line " + line + " (" + bytes + " bytes, no newline): the log was cut off mid-write;"
                + " everything before it was validated");
    }

    /** Reading stopped early (--strict, unknown version, unreadable file). */
    public void stopped(String why) {
        stopped = true;
        notes.add(why);
    }

    // ---- header and footer -------------------------------------------------------------------

    private void onHeader(Header h) {
        header = h;
        attached = h.attached();
    }

    private void onFooter(Footer f) {
        footer = f;
        if (f.events() != events - (header == null ? 0 : 1) - 1) {
            notes.add("footer says " + f.events() + " events; the log holds " + (events - (header == null ? 0 : 1) - 1)
                    + " event lines between header and footer (lines lost or skipped?)");
        }
        if (f.unseenAcquires() > 0) {
            notes.add("the tracer left out " + f.unseenAcquires() + " acquire(s), and their releases, of exporters without"
                    + " bf_releasebuffer (bytes, NumPy arrays, ...): from CPython 3.13 their releases cannot be seen,"
                    + " so that traffic is not judged (src/tracer/README.md)");
        }
        if (!f.finalized()) return; // only after finalization are open views leaks (see docs)
        for (ExporterState s : states.values()) {
            for (LiveView v : s.liveViews()) {
                findings.violated(EveryViewReleased, f, s.ring,
                        "the view acquired on line " + v.acquireLine() + " into struct " + Pointers.format(v.struct())
                                + " on " + s.type + " " + s.id + " was never released: it is still live at the footer,"
                                + " after interpreter finalization");
            }
            if (s.liveAsObj == 0) findings.checked(EveryViewReleased);
            if (s.baselineFixed) { // only counters the tracer could read
                long count = s.liveAsCounter + s.baseline;
                if (count != 0) {
                    findings.violated(ExportCountsReturnToZero, f, s.ring,
                            "the export counter of " + s.type + " " + s.id + " is " + count + " at the footer, after"
                                    + " interpreter finalization: it never returned to zero");
                } else {
                    findings.checked(ExportCountsReturnToZero);
                }
            }
        }
        findings.checked(EveryViewReleased);
        findings.checked(ExportCountsReturnToZero);
    }

    // ---- acquire -----------------------------------------------------------------------------

    private void onAcquire(Acquire a) {
        ExporterState ex = state(a.exporter(), a.type());
        if (a.ok()) {
            acquireOk(a, ex);
        } else {
            acquireFailed(a, ex);
        }
        ex.ring.add(a);
    }

    private void acquireOk(Acquire a, ExporterState ex) {
        findings.checked(FailedAcquireLeavesNoTrace);
        if (a.obj() == null) {
            findings.violated(FailedAcquireLeavesNoTrace, a, ex.ring,
                    "bf_getbuffer reported success but left view->obj NULL: the view was never filled"
                            + (a.exports() != null && a.exports().delta() != 0
                            ? ", yet the export counter moved " + a.exports() : "")
                            + " (python/cpython#126980)");
            ExporterState cs = state(a.counterOrExporter(), null);
            if (a.exports() != null) reanchor(cs, a.exports().after());
            return;
        }
        ObjectId owner = a.obj();
        ExporterState os = owner.equals(a.exporter()) ? ex : state(owner, a.type());
        ObjectId cid = a.counterOrExporter();
        ExporterState cs = cid.equals(owner) ? os : state(cid, null);

        Counts rc = a.rc();
        if (rc != null && owner.equals(a.exporter())) {
            findings.checked(RefCountCoversReferences);
            if (rc.after() != rc.before() + 1) {
                findings.violated(RefCountCoversReferences, a, ex.ring,
                        "getbuffer did not take a reference on view->obj: refcount " + rc
                                + " (a successful acquire must add exactly one)");
            } else if (rc.before() < os.liveAsObj) {
                findings.violated(RefCountCoversReferences, a, ex.ring,
                        "the reference count of " + os.id + " was " + rc.before() + " before getbuffer, below the "
                                + os.liveAsObj + " references held by its live views");
            }
        }

        if (owner.equals(a.exporter())) {
            ExporterState holder = os.registeredOn == null ? null : states.get(os.registeredOn);
            String gone = os.releasedAt > 0 ? "after it was released (unregistered from its managed buffer at line "
                    + os.releasedAt + ")"
                    : holder != null && holder.droppedBase ? "after its managed buffer " + holder.id + " dropped its base"
                    : null;
            if (gone != null) {
                findings.checked(ReExporterHoldsBase);
                findings.violated(ReExporterHoldsBase, a, ex.ring,
                        a.type() + " " + owner + " exported a view " + gone + ": it no longer holds its base, so the"
                                + " view points into memory the base may free or move");
            }
        }

        if (a.exports() != null) {
            Counts x = a.exports();
            counterBefore(a, cs, x.before(), a.type());
            if (x.delta() != 1) {
                findings.violated(ExportCountMatchesViews, a, cs.ring,
                        "getbuffer succeeded but moved the export counter of " + cs.id + " by " + x.delta() + " ("
                                + x + "): each export must be counted exactly once");
                reanchor(cs, x.after() - 1);
            }
        }

        ViewFields f = a.fields();
        if (!Quirks.severalBuffers(a.type())) {
            findings.checked(NoDanglingView);
            long[] other = cs.disjointBuffer(f.buf(), f.len());
            if (other != null) {
                findings.violated(NoDanglingView, a, cs.ring,
                        "getbuffer handed out buf " + Pointers.format(f.buf()) + " (len " + f.len() + ") while a live view of "
                                + cs.id + " still points at " + Pointers.format(other[0]) + " (len " + other[1]
                                + "), which does not overlap it: the memory under the live view was freed or moved");
            }
        }

        long perView = Pointers.NULL;
        if (f.internal() == Pointers.NULL) {
            if (f.shape() != Pointers.NULL && !ViewFields.pointsInto(f.shape(), a.view())) perView = f.shape();
            else if (f.strides() != Pointers.NULL && !ViewFields.pointsInto(f.strides(), a.view())) perView = f.strides();
        }
        if (f.shape() != Pointers.NULL && !ViewFields.pointsInto(f.shape(), a.view())) os.handOut(f.shape());
        if (f.strides() != Pointers.NULL && !ViewFields.pointsInto(f.strides(), a.view())) os.handOut(f.strides());

        if (cs != os && os.redirectsTo == null) { // a redirect (bytesiobuf) holds a reference to its root
            os.redirectsTo = cid;
            cs.redirectedFrom++;
        }
        LiveView v = new LiveView(ViewKey.of(owner, f), a.view(), a.line(), a.seq(), cid, perView);
        os.addLive(v);
        cs.liveAsCounter++;
        cs.addBuffer(f.buf(), f.len());
        byStruct.put(a.view(), v);
        Acquire stale = failedStructs.get(a.view());
        if (stale != null) failedStructs.remove(a.view(), stale);
        views++;
        if (os != ex) os.ring.add(a);
        if (cs != os) cs.ring.add(a);
    }

    private void acquireFailed(Acquire a, ExporterState ex) {
        failedAcquires++;
        findings.checked(FailedAcquireLeavesNoTrace);
        ExporterState cs = a.counter() != null ? state(a.counter(), null) : ex;
        if (a.exports() != null) counterBefore(a, cs, a.exports().before(), a.type());
        if (a.objAfter() != Pointers.NULL && a.objAfter() != a.objBefore()) {
            findings.violated(FailedAcquireLeavesNoTrace, a, ex.ring,
                    "the failed getbuffer set view->obj to " + Pointers.format(a.objAfter()) + " (it was "
                            + Pointers.format(a.objBefore()) + "): a refused export must leave view->obj NULL, or a"
                            + " consumer's cleanup drops a reference it never got (numpy/numpy#18672)");
        } else if (a.exports() != null && a.exports().delta() != 0) {
            findings.violated(FailedAcquireLeavesNoTrace, a, cs.ring,
                    "the failed getbuffer moved the export counter of " + cs.id + " (" + a.exports()
                            + "): a refused export must not be counted");
            reanchor(cs, a.exports().after());
        } else if (a.rc() != null && a.rc().delta() != 0) {
            findings.violated(FailedAcquireLeavesNoTrace, a, ex.ring,
                    "the failed getbuffer changed the reference count of " + ex.id + " (" + a.rc()
                            + "): a refused export must take no reference");
        }
        rememberFailed(a);
    }

    private void rememberFailed(Acquire a) {
        long evict = failedOrder[failedNext];
        if (evict != 0) {
            Acquire old = failedStructs.get(evict);
            if (old != null && failedStructs.size() >= FAILED_STRUCTS_KEPT) failedStructs.remove(evict, old);
        }
        failedOrder[failedNext] = a.view();
        failedNext = (failedNext + 1) % FAILED_STRUCTS_KEPT;
        failedStructs.put(a.view(), a);
    }

    // ---- release -----------------------------------------------------------------------------

    private void onRelease(Release r) {
        ExporterState os = state(r.exporter(), r.type());
        ViewKey key = ViewKey.of(r.exporter(), r.fields());
        LiveView v = byStruct.get(r.view());
        boolean byAddress = v != null && v.obj().equals(r.exporter()) && os.isLive(v);
        if (byAddress && !v.key().equals(key)) {
            // The struct was acquired into, its view handed to a copy, and the struct then
            // overwritten by a copy of another live view: the contents name that view. (Found
            // by logs generated from the spec with three structs per consumer.) Contents that
            // match no live view stay with the address: an internal changed in place.
            LiveView other = os.anyLive(key);
            if (other != null) {
                v = other;
                byAddress = false;
            }
        }
        if (!byAddress) v = os.anyLive(key);
        ExporterState cs = r.counter() == null || r.counter().equals(r.exporter()) ? os : state(r.counter(), null);

        checkReleaseRefcount(r, os);
        if (v != null) {
            releaseMatched(r, os, cs, v, byAddress);
        } else {
            releaseUnmatched(r, os, cs, key);
        }
        os.ring.add(r);
        if (cs != os) cs.ring.add(r);
    }

    private void checkReleaseRefcount(Release r, ExporterState os) {
        Counts rc = r.rc();
        if (rc == null) return;
        findings.checked(RefCountCoversReferences);
        if (rc.after() < rc.before()) {
            findings.violated(RefCountCoversReferences, r, os.ring,
                    "releasebuffer dropped the reference on view->obj: refcount " + rc.before() + " -> " + rc.after()
                            + " inside bf_releasebuffer; PyBuffer_Release drops it again");
        } else if (rc.before() < os.liveAsObj) {
            findings.violated(RefCountCoversReferences, r, os.ring,
                    "the reference count of " + os.id + " was " + rc.before() + " when a view was released, below the "
                            + os.liveAsObj + " references held by its live views");
        }
    }

    private void releaseMatched(Release r, ExporterState os, ExporterState cs, LiveView v, boolean byAddress) {
        // The counter: one live view less after this call.
        if (r.exports() != null) {
            Counts x = r.exports();
            counterBefore(r, cs, x.before(), r.type());
            long expected = r.hasReleasebuffer() ? -1 : 0;
            if (x.delta() != expected) {
                findings.violated(ExportCountMatchesViews, r, cs.ring,
                        "releasing one view moved the export counter of " + cs.id + " by " + x.delta() + " (" + x
                                + "); expected " + expected);
                reanchor(cs, x.after() + 1);
            }
        }

        findings.checked(ReleaseSeesOwnInternal);
        if (byAddress && r.fields().internal() != v.key().internal()) {
            findings.violated(ReleaseSeesOwnInternal, r, os.ring,
                    "bf_releasebuffer got internal " + Pointers.format(r.fields().internal()) + " but the acquire on line "
                            + v.acquireLine() + " produced " + Pointers.format(v.key().internal())
                            + ": internal must stay constant for the exporter to find its per-view resources");
        } else if (!byAddress && r.hasReleasebuffer() && v.perViewPointer() != Pointers.NULL
                && os.handedOutCount(v.perViewPointer()) == 1) {
            findings.violated(ReleaseSeesOwnInternal, r, os.ring,
                    "the view acquired on line " + v.acquireLine() + " into struct " + Pointers.format(v.struct())
                            + " is released through a copy at " + Pointers.format(r.view()) + "; its per-view shape/strides at "
                            + Pointers.format(v.perViewPointer()) + " came with internal NULL, so an exporter that finds them by"
                            + " the struct's address cannot find them");
        }

        checkHeldBase(r, v.struct(), r.exporter());

        os.removeLive(v);
        byStruct.remove(v.struct(), v);
        ExporterState counted = v.counter().equals(cs.id) ? cs : state(v.counter(), null);
        counted.liveAsCounter--;
        counted.removeBuffer(v.key().buf());
        os.released(new ReleasedView(v, r.line(), r.view()));
        findings.checked(ReleasedAtMostOnce);
    }

    private void releaseUnmatched(Release r, ExporterState os, ExporterState cs, ViewKey key) {
        if (r.exports() != null) counterBefore(r, cs, r.exports().before(), r.type());
        boolean fromBeforeTracing = attached == Attachment.MIDRUN
                && (!cs.baselineFixed || cs.baseline > 0 || r.exports() == null);
        ReleasedView twice = os.releasedLike(key);
        Acquire failed = failedStructs.get(r.view());
        if (fromBeforeTracing) {
            releasesBeforeTracing++;
        } else if (twice != null) {
            LiveView v = twice.view();
            findings.violated(ReleasedAtMostOnce, r, os.ring,
                    "double release: the view acquired on line " + v.acquireLine() + " into struct "
                            + Pointers.format(v.struct()) + " was released on line " + twice.releaseLine() + " via "
                            + Pointers.format(twice.releaseStruct()) + " and is released again here via "
                            + Pointers.format(r.view()) + " (a copy whose obj was still set)");
        } else if (failed != null) {
            findings.violated(ReleasedAtMostOnce, r, os.ring,
                    "PyBuffer_Release on the struct " + Pointers.format(r.view()) + " of the failed acquire on line "
                            + failed.line() + ": a failed acquire must never be released (swig/swig#1640)");
            failedStructs.remove(r.view(), failed);
        } else {
            findings.violated(ReleasedAtMostOnce, r, os.ring,
                    "release of a view that was never acquired in this log: no live view at " + Pointers.format(r.view())
                            + " or with these contents, and "
                            + (attached == Attachment.START ? "the tracer was attached at interpreter start"
                            : "the export counter of " + cs.id + " shows no export from before tracing"));
        }
        if (r.exports() != null) {
            if (fromBeforeTracing && cs.baseline > 0 && r.exports().delta() == -1) cs.baseline--;
            else reanchor(cs, r.exports().after());
        }
    }

    // ---- dealloc, resize ---------------------------------------------------------------------

    private void onDealloc(Dealloc d) {
        ExporterState s = states.get(d.object());
        if (s == null) {
            findings.checked(NoDeallocWhileReferenced);
            return;
        }
        s.ring.add(d);
        if (d.exports() != null) counterBefore(d, s, d.exports(), d.type());
        String why = null;
        if (s.liveAsObj > 0) {
            LiveView v = s.oldestLive();
            why = s.liveAsObj + " live view(s) still hold it in view->obj (the first acquired on line "
                    + (v == null ? "?" : v.acquireLine()) + ")";
        } else if (s.liveAsCounter > 0) {
            why = s.liveAsCounter + " live view(s) are still counted on it through a redirect";
        } else if (s.heldAsBase > 0) {
            why = "a managed buffer still holds an export of it";
        } else if (s.otherReexporters() > 0) {
            why = s.otherReexporters() + " memoryview(s) are still registered on it";
        } else if (s.redirectedFrom > 0) {
            why = s.redirectedFrom + " redirect object(s) using its memory and counter (a BytesIO's bytesiobuf)"
                    + " are still alive and hold a reference to it";
        }
        if (why != null) {
            findings.violated(NoDeallocWhileReferenced, d, s.ring, s.type + " " + s.id + " was deallocated while " + why);
        } else {
            findings.checked(NoDeallocWhileReferenced);
        }
        s.deallocated = true;
        if (s.redirectsTo != null) { // a redirect that dies drops its reference to its root
            ExporterState root = states.get(s.redirectsTo);
            if (root != null) {
                root.redirectedFrom--;
                if (root.deallocated && root.idle()) states.remove(root.id);
            }
            s.redirectsTo = null;
        }
        if (s.registeredOn != null) { // a re-exporter that dies is no longer registered anywhere
            ExporterState holder = states.get(s.registeredOn);
            if (holder != null && holder.reexporters != null) holder.reexporters.remove(s.id);
            s.registeredOn = null;
        }
        if (s.reexporters != null) s.reexporters.remove(s.id);
        if (s.idle()) states.remove(d.object());
    }

    private void onResize(Resize z) {
        ExporterState s = state(z.exporter(), z.type());
        if (z.exports() != null) counterBefore(z, s, z.exports(), z.type());
        findings.checked(NoDanglingView);
        // A successful operation that kept the buffer where it was (a same-size slice assignment
        // on an exported bytearray) moved nothing; without "buf" the move cannot be ruled out.
        boolean moved = z.buf() == null || z.buf().before() != z.buf().after();
        if (z.ok() && moved) {
            long liveViews = Math.max(s.liveAsObj, s.liveAsCounter);
            if (liveViews > 0) {
                LiveView v = s.oldestLive();
                findings.violated(NoDanglingView, z, s.ring,
                        s.type + " " + s.id + " completed " + z.op() + " while " + liveViews + " view(s) of it are live"
                                + (v == null ? "" : " (the first acquired on line " + v.acquireLine() + ")")
                                + (z.buf() == null ? "" : ", moving its buffer " + Pointers.format(z.buf().before()) + " -> "
                                + Pointers.format(z.buf().after()))
                                + ": their buf now points at freed or moved memory");
            } else if (z.exports() != null && z.exports() > 0) {
                findings.violated(NoDanglingView, z, s.ring,
                        s.type + " " + s.id + " completed " + z.op() + " while its export counter was " + z.exports()
                                + ": views exported before tracing now point at freed or moved memory");
            }
        }
        s.ring.add(z);
    }

    /**
     * The memory watch saw a block freed or moved under views it considered live: a violation for
     * each named view this validator also has live (by struct, else any live view of that obj);
     * the first one is reported with the exporter's earlier events.
     */
    private void onFreed(Freed m) {
        findings.checked(NoDanglingView);
        for (Freed.Hit h : m.hits()) {
            ExporterState os = states.get(h.obj());
            if (os == null || os.liveAsObj == 0) continue;
            LiveView v = byStruct.get(h.view());
            if (v == null || !v.obj().equals(h.obj()) || !os.isLive(v)) v = os.oldestLive();
            findings.violated(NoDanglingView, m, os.ring,
                    m.call() + ": the block " + Pointers.format(m.block()) + " (" + m.size() + " bytes) under the "
                            + h.field() + " of the live view acquired on line " + (v == null ? "?" : v.acquireLine())
                            + " into struct " + Pointers.format(h.view()) + " on " + os.type + " " + os.id + " was "
                            + m.what() + ": the view now points at freed memory"
                            + (m.stack().isEmpty() ? "" : " (Python stack: " + m.stack().get(0) + ")"));
            os.ring.add(m);
            return;
        }
    }

    // ---- chains ------------------------------------------------------------------------------

    private void onChain(Chain c) {
        if (c instanceof Chain.Hold h) {
                ExporterState holder = state(h.holder(), h.holderType());
                ExporterState.Hold hold = new ExporterState.Hold(h.holder(), h.base(), h.view(), h.line());
                holder.hold = hold;
                // one struct holds one export: a second hold of the same struct replaces the first
                // (found by differential conformance on generated logs: counting both made the base
                // look held after the struct's one drop, a NoDeallocWhileReferenced the spec has not)
                ExporterState.Hold previous = heldViews.put(h.view(), hold);
                if (previous != null && previous.base() != null) {
                    ExporterState pb = states.get(previous.base());
                    if (pb != null) pb.heldAsBase--;
                }
                holder.ring.add(h);
                if (h.base() != null) { // null: the held struct's obj is NULL (a legacy static export)
                    ExporterState base = state(h.base(), null);
                    base.heldAsBase++;
                    base.ring.add(h);
                }
        } else if (c instanceof Chain.Register g) {
                ExporterState holder = state(g.holder(), null);
                holder.reexporters().add(g.reexporter());
                holder.ring.add(g);
                ExporterState r = state(g.reexporter(), null);
                r.registeredOn = g.holder();
                r.releasedAt = 0;
                r.ring.add(g);
        } else if (c instanceof Chain.Unregister u) {
                ExporterState holder = state(u.holder(), null);
                holder.reexporters().remove(u.reexporter());
                holder.ring.add(u);
                ExporterState r = state(u.reexporter(), null);
                if (u.holder().equals(r.registeredOn)) {
                    r.registeredOn = null;
                    r.releasedAt = u.line();
                    findings.checked(ReExporterHoldsBase);
                    if (r.liveAsObj > 0) {
                        findings.violated(ReExporterHoldsBase, u, r.ring, "memoryview " + r.id
                                + " was released (unregistered from its managed buffer " + u.holder() + ") while it has "
                                + r.liveAsObj + " live export(s): their views point into the base it gives up"
                                + " (CPython refuses: \"memoryview has N exported buffers\")");
                    }
                }
                r.ring.add(u);
        } else if (c instanceof Chain.Drop d) {
                state(d.holder(), null).ring.add(d);
                checkHeldBase(d, d.view(), d.base());
        } else if (c instanceof Chain.Refuse r) {
            state(r.reexporter(), null).ring.add(r);
        }
    }

    /**
     * The holder of the base export in struct {@code view} gives it up (a chain drop, or the release
     * of that struct): its re-exporters and the holder itself must have no live exports.
     */
    private void checkHeldBase(Event at, long view, ObjectId base) {
        ExporterState.Hold hold = heldViews.get(view);
        if (hold == null || !java.util.Objects.equals(hold.base(), base)) return;
        heldViews.remove(view, hold);
        ExporterState holder = state(hold.holder(), null);
        if (holder.hold == hold) holder.hold = null;
        holder.droppedBase = true;
        ExporterState b = states.get(base);
        if (b != null) b.heldAsBase--;
        findings.checked(ReExporterHoldsBase);
        String who = null;
        if (holder.liveAsObj > 0) {
            who = "the holder itself has " + holder.liveAsObj + " live export(s)";
        } else if (holder.reexporters != null) {
            for (ObjectId r : holder.reexporters) {
                ExporterState rs = states.get(r);
                if (rs != null && rs.liveAsObj > 0) {
                    who = "its re-exporter " + r + " has " + rs.liveAsObj + " live export(s)";
                    break;
                }
            }
        }
        if (who != null) {
            findings.violated(ReExporterHoldsBase, at, holder.ring,
                    holder.type + " " + hold.holder() + " gave up its export of base " + base + " (struct "
                            + Pointers.format(view) + ", held since line " + hold.line() + ") while " + who
                            + ": their views now point into memory the base may free or move");
        }
        if (holder.deallocated && holder.idle()) states.remove(holder.id);
    }

    // ---- the export counter ------------------------------------------------------------------

    /**
     * Checks a counter reading taken before the event against the views tracked on it plus the
     * baseline (exports from before tracing, fixed at first sight, allowed only mid-run).
     */
    private void counterBefore(Event at, ExporterState cs, long observed, String type) {
        long tracked = cs.liveAsCounter;
        if (!cs.baselineFixed) {
            cs.baselineFixed = true;
            if (attached == Attachment.MIDRUN) {
                cs.baseline = observed - tracked;
                findings.checked(ExportCountMatchesViews);
                if (cs.baseline < 0) {
                    findings.violated(ExportCountMatchesViews, at, cs.ring,
                            "the export counter of " + cs.id + " was " + observed + " at first sight, below the " + tracked
                                    + " live views counted on it");
                    cs.baseline = 0;
                }
                return;
            }
            cs.baseline = 0;
        }
        long expected = tracked + cs.baseline;
        findings.checked(ExportCountMatchesViews);
        if (observed == expected) return;
        if (observed > expected && Quirks.untracedInternalExports(type != null ? type : cs.type)) {
            toleratedExcess++;
            return;
        }
        findings.violated(ExportCountMatchesViews, at, cs.ring,
                "the export counter of " + cs.id + " was " + observed + " but " + tracked + " live view(s) are counted on it"
                        + (cs.baseline != 0 ? " plus " + cs.baseline + " from before tracing" : "")
                        + (attached == Attachment.START && tracked == 0 && cs.baseline == 0
                        ? " (attached at start: no export can predate the log)" : ""));
        cs.baseline = observed - tracked;
    }

    /** After a violation: take the observed counter value as the truth from here on. */
    private void reanchor(ExporterState cs, long observedAfter) {
        cs.baselineFixed = true;
        cs.baseline = observedAfter - cs.liveAsCounter;
    }

    private ExporterState state(ObjectId id, String type) {
        ExporterState s = states.get(id);
        if (s == null) {
            s = new ExporterState(id, type);
            states.put(id, s);
            exporters++;
        } else if (s.type == null && type != null) {
            s.type = type;
        }
        return s;
    }

    // ---- result ------------------------------------------------------------------------------

    public FileResult finish() {
        long open = 0;
        for (ExporterState s : states.values()) open += s.liveAsObj;
        List<String> n = new ArrayList<>(notes);
        FileResult.Ending ending;
        if (stopped) {
            ending = FileResult.Ending.STOPPED;
        } else if (footer == null) {
            ending = FileResult.Ending.TRUNCATED;
            n.add("truncated log (no footer): " + open + " view(s) open at the end; not judged as leaks");
        } else if (!footer.finalized()) {
            ending = FileResult.Ending.FOOTER;
            n.add("footer written before interpreter finalization: " + open + " view(s) open at exit are not judged"
                    + " as leaks (module globals may still hold them)");
        } else {
            ending = FileResult.Ending.FOOTER_FINALIZED;
        }
        if (releasesBeforeTracing > 0) {
            n.add(releasesBeforeTracing + " release(s) of views acquired before tracing began (attached: midrun)");
        }
        if (toleratedExcess > 0) {
            n.add(toleratedExcess + " export counter reading(s) above the live views tolerated for types that export"
                    + " internally without a Py_buffer (" + String.join(", ", Quirks.UNTRACED_INTERNAL_EXPORTS) + ")");
        }
        n.add("TypeOK and DroppedExportersDeallocated are not observable in logs (no types, no owner drops traced)");
        Map<Property, Verdict> verdicts = findings.verdicts(NOT_OBSERVABLE_IN_LOGS);
        Stats stats = new Stats(events, exporters, views, failedAcquires, open, releasesBeforeTracing, toleratedExcess);
        return new FileResult(file, header == null ? null : attached.wireName(), ending, stats, verdicts,
                findings.firstViolations(), findings.counts(), errors, errorCount, n);
    }
}
