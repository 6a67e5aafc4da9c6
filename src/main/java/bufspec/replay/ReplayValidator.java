package bufspec.replay;

import bufspec.model.Property;
import bufspec.model.Quirks;
import bufspec.result.FileResult;
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
import java.util.List;

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
 * Replays one log against the model's invariants, one event at a time: the rules. Each event kind
 * has its handler ({@code onAcquire}, {@code onRelease}, ...), which applies the rules of
 * docs/trace-format.md ("Rules") in the order they are written there, each rule a method named
 * {@code check...} that says which property it judges. What the rules learn about each object is
 * kept by its {@link ExporterState} (through its methods), the words of a violation are in
 * {@link Messages}, the counts and the {@link FileResult} in {@link Tally}, the violations and
 * verdicts in {@link Findings}. After a counter or reference-count violation the validator
 * re-anchors to the observed value, so one fault is reported once and not at every later event.
 */
public final class ReplayValidator implements java.io.Serializable {

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
    private final Tally tally = new Tally();

    private Attachment attached = Attachment.START;
    /** Null for a log of a build with the GIL (the header says which). */
    private FreeThreading ft;
    private Header header;
    private Footer footer;
    private boolean stopped;

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
        return tally.events();
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
        tally.event();
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
        tally.inputError(error);
    }

    public void truncated(long line, long bytes) {
        tally.note(Messages.truncatedLine(line, bytes));
    }

    /** Reading stopped early (--strict, unknown version, unreadable file). */
    public void stopped(String why) {
        stopped = true;
        tally.note(why);
    }

    // ---- header and footer -------------------------------------------------------------------

    private void onHeader(Header h) {
        header = h;
        attached = h.attached();
        if (h.freeThreaded()) ft = new FreeThreading(h.discipline());
    }

    /** At the footer: the counts it gives, and after finalization the liveness properties. */
    private void onFooter(Footer f) {
        footer = f;
        long eventLines = tally.events() - (header == null ? 0 : 1) - 1;
        if (f.events() != eventLines) tally.note(Messages.footerCountDiffers(f, eventLines));
        if (f.unseenAcquires() > 0) tally.note(Messages.unseenAcquires(f));
        if (!f.finalized()) return; // only after finalization are open views leaks (see docs)
        for (ExporterState s : states.values()) {
            for (LiveView v : s.liveViews()) {
                findings.violated(EveryViewReleased, f, s.ring, Messages.neverReleased(s, v));
            }
            if (s.liveAsObj() == 0) findings.checked(EveryViewReleased);
            if (s.baselineFixed()) { // only counters the tracer could read
                long count = s.liveAsCounter() + s.baseline();
                if (count != 0) {
                    findings.violated(ExportCountsReturnToZero, f, s.ring, Messages.counterNotZeroAtFooter(s, count));
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

    /**
     * A successful acquire: {@code ex} is the exporter called, the owner {@code os} is
     * {@code view->obj}, the counter {@code cs} the object whose export counter counts it (a
     * redirect's differs from {@code view->obj}).
     */
    private void acquireOk(Acquire a, ExporterState ex) {
        findings.checked(FailedAcquireLeavesNoTrace);
        if (a.obj() == null) {
            findings.violated(FailedAcquireLeavesNoTrace, a, ex.ring, Messages.successWithObjNull(a));
            ExporterState cs = state(a.counterOrExporter(), null);
            if (a.exports() != null) cs.reanchor(a.exports().after());
            return;
        }
        ObjectId owner = a.obj();
        ExporterState os = owner.equals(a.exporter()) ? ex : state(owner, a.type());
        ObjectId cid = a.counterOrExporter();
        ExporterState cs = cid.equals(owner) ? os : state(cid, null);

        if (owner.equals(a.exporter())) {
            checkAcquireRefcount(a, ex, os);
            checkStillHoldsBase(a, ex, os);
        }
        if (a.exports() != null) {
            if (ft != null && a.startSeq() != Acquire.ATOMIC) checkAcquireCountedFreeThreaded(a, cs);
            else checkAcquireCounted(a, cs);
        }
        if (!Quirks.severalBuffers(a.type())) checkBufferNotMoved(a, cs);
        if (ft != null && a.startSeq() != Acquire.ATOMIC) checkNotMovedDuringGetbuffer(a, ex, os, cs);
        recordAcquire(a, ex, os, cs);
        if (ft != null && a.exports() != null) ft.wrote(cs.id, a.line(), a.seq(), a.tid(), a.exports().after());
    }

    /**
     * ExportCountMatchesViews, free-threaded: the value this getbuffer wrote is the counter's
     * value when it wrote (the views counted so far, by every thread) plus one. The value it read
     * at its start may be older (another thread counted in between, fine for an atomic or locked
     * update); written as that stale value + 1, the other thread's update is lost.
     */
    private void checkAcquireCountedFreeThreaded(Acquire a, ExporterState cs) {
        checkWritten(a, cs, a.exports(), +1, a.startSeq(), "getbuffer");
    }

    /** ExportCountMatchesViews, free-threaded, for a getbuffer ({@code delta} +1) or a releasebuffer (-1 or 0). */
    private void checkWritten(Event at, ExporterState cs, Counts x, int delta, long startSeq, String call) {
        long tracked = cs.liveAsCounter();
        if (!cs.baselineFixed()) cs.fixBaseline(attached == Attachment.MIDRUN ? Math.max(0, x.after() - delta - tracked) : 0);
        long expected = tracked + cs.baseline() + delta;
        findings.checked(ExportCountMatchesViews);
        if (x.after() == expected) return;
        FreeThreading.Mark other = ft.wroteSince(cs.id, startSeq, at.tid());
        // the stale value read, moved by this call, over another thread's write: a lost update,
        // not an export the type made without a Py_buffer (the bytearray quirk)
        boolean lost = other != null && x.after() == x.before() + delta;
        if (!lost && x.after() > expected && Quirks.untracedInternalExports(cs.type())) {
            tally.toleratedExcess();
            return;
        }
        findings.violated(ExportCountMatchesViews, at, cs.ring,
                Messages.counterWrittenWrong(cs, call, x, expected, startSeq, other));
        cs.fixBaseline(x.after() - delta - tracked);
    }

    /**
     * NoDanglingView, free-threaded: the memory this getbuffer filled its view with was moved
     * (a resize, write, close) after the getbuffer started and before it counted the export:
     * the resize found no export and the new view points into the memory it moved.
     */
    private void checkNotMovedDuringGetbuffer(Acquire a, ExporterState ex, ExporterState os, ExporterState cs) {
        FreeThreading.Mark m = ft.movedSince(cs.id, a.startSeq());
        if (m == null && os != cs) m = ft.movedSince(os.id, a.startSeq());
        if (m == null && ex != os && ex != cs) m = ft.movedSince(ex.id, a.startSeq());
        if (m == null) return;
        if (m.value() != Pointers.NULL && m.value() != a.fields().buf()) return; // filled after the move
        findings.violated(NoDanglingView, a, cs.ring, Messages.movedDuringGetbuffer(a, m));
    }

    /** RefCountCoversReferences: the acquire took one reference, on top of those its live views hold. */
    private void checkAcquireRefcount(Acquire a, ExporterState ex, ExporterState os) {
        Counts rc = a.rc();
        if (rc == null) return;
        findings.checked(RefCountCoversReferences);
        if (rc.after() != rc.before() + 1) {
            findings.violated(RefCountCoversReferences, a, ex.ring, Messages.acquireTookNoReference(rc));
        } else if (rc.before() < os.liveAsObj()) {
            findings.violated(RefCountCoversReferences, a, ex.ring, Messages.refcountBelowViewsAtAcquire(os, rc));
        }
    }

    /** ReExporterHoldsBase: a re-exporter that was released, or whose holder dropped its base, exports nothing. */
    private void checkStillHoldsBase(Acquire a, ExporterState ex, ExporterState os) {
        ExporterState holder = os.registeredOn() == null ? null : states.get(os.registeredOn());
        String gone = Messages.baseGivenUp(os, holder);
        if (gone != null) {
            findings.checked(ReExporterHoldsBase);
            findings.violated(ReExporterHoldsBase, a, ex.ring, Messages.exportedAfterGivingUpBase(a, a.obj(), gone));
        }
    }

    /** ExportCountMatchesViews: the counter read before the call, and moved by exactly one. */
    private void checkAcquireCounted(Acquire a, ExporterState cs) {
        Counts x = a.exports();
        counterBefore(a, cs, x.before(), a.type());
        if (x.delta() != 1) {
            findings.violated(ExportCountMatchesViews, a, cs.ring, Messages.acquireMovedCounter(cs, x));
            cs.reanchor(x.after() - 1);
        }
    }

    /** NoDanglingView: a new view's buffer overlaps those of the live views counted on the same counter. */
    private void checkBufferNotMoved(Acquire a, ExporterState cs) {
        findings.checked(NoDanglingView);
        ViewFields f = a.fields();
        long[] other = cs.disjointBuffer(f.buf(), f.len());
        if (other != null) {
            findings.violated(NoDanglingView, a, cs.ring, Messages.bufferDisjointFromLiveView(cs, f, other));
        }
    }

    /** The acquire's view becomes live: on its owner, its counter, and by struct address. */
    private void recordAcquire(Acquire a, ExporterState ex, ExporterState os, ExporterState cs) {
        ViewFields f = a.fields();
        long perView = Pointers.NULL;
        if (f.internal() == Pointers.NULL) {
            if (f.shape() != Pointers.NULL && !ViewFields.pointsInto(f.shape(), a.view())) perView = f.shape();
            else if (f.strides() != Pointers.NULL && !ViewFields.pointsInto(f.strides(), a.view())) perView = f.strides();
        }
        if (f.shape() != Pointers.NULL && !ViewFields.pointsInto(f.shape(), a.view())) os.handOut(f.shape());
        if (f.strides() != Pointers.NULL && !ViewFields.pointsInto(f.strides(), a.view())) os.handOut(f.strides());

        if (cs != os && !os.redirects()) os.redirectTo(cs); // a redirect (bytesiobuf) holds a reference to its root
        LiveView v = new LiveView(ViewKey.of(a.obj(), f), a.view(), a.line(), a.seq(), cs.id, perView);
        os.addLive(v);
        cs.countView(f.buf(), f.len());
        byStruct.put(a.view(), v);
        Acquire stale = failedStructs.get(a.view());
        if (stale != null) failedStructs.remove(a.view(), stale);
        tally.view();
        if (os != ex) os.ring.add(a);
        if (cs != os) cs.ring.add(a);
    }

    /** FailedAcquireLeavesNoTrace: a refused export sets no obj, moves no counter, takes no reference. */
    private void acquireFailed(Acquire a, ExporterState ex) {
        tally.failedAcquire();
        findings.checked(FailedAcquireLeavesNoTrace);
        ExporterState cs = a.counter() != null ? state(a.counter(), null) : ex;
        if (a.exports() != null) counterBefore(a, cs, a.exports().before(), a.type());
        if (a.objAfter() != Pointers.NULL && a.objAfter() != a.objBefore()) {
            findings.violated(FailedAcquireLeavesNoTrace, a, ex.ring, Messages.failedAcquireSetObj(a));
        } else if (a.exports() != null && a.exports().delta() != 0) {
            findings.violated(FailedAcquireLeavesNoTrace, a, cs.ring, Messages.failedAcquireCounted(cs, a));
            cs.reanchor(a.exports().after());
        } else if (a.rc() != null && a.rc().delta() != 0) {
            findings.violated(FailedAcquireLeavesNoTrace, a, ex.ring, Messages.failedAcquireTookReference(ex, a));
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

    /**
     * A release names its view by struct address, or (a copy of the struct) by contents: the
     * matched live view is released; none matched is a second release, a release of a failed
     * acquire, or of a view from before tracing.
     */
    private void onRelease(Release r) {
        ExporterState os = state(r.exporter(), r.type());
        LiveView v = byStruct.get(r.view());
        boolean byAddress = v != null && v.obj().equals(r.exporter()) && os.isLive(v);
        // the contents are compared without a key, and each key is made where it is used: no
        // garbage per release (escape analysis removes a key only used in one place)
        if (byAddress && !v.key().is(r.exporter(), r.fields())) {
            // The struct was acquired into, its view handed to a copy, and the struct then
            // overwritten by a copy of another live view: the contents name that view. Contents
            // that match no live view stay with the address: an internal changed in place.
            LiveView other = os.anyLive(ViewKey.of(r.exporter(), r.fields()));
            if (other != null) {
                v = other;
                byAddress = false;
            }
        }
        if (!byAddress) v = os.anyLive(ViewKey.of(r.exporter(), r.fields()));
        ExporterState cs = r.counter() == null || r.counter().equals(r.exporter()) ? os : state(r.counter(), null);

        checkReleaseRefcount(r, os);
        if (v != null) {
            releaseMatched(r, os, cs, v, byAddress);
        } else {
            releaseUnmatched(r, os, cs);
        }
        os.ring.add(r);
        if (cs != os) cs.ring.add(r);
    }

    /** RefCountCoversReferences: bf_releasebuffer keeps the view's reference, which covers the live views. */
    private void checkReleaseRefcount(Release r, ExporterState os) {
        Counts rc = r.rc();
        if (rc == null) return;
        findings.checked(RefCountCoversReferences);
        if (rc.after() < rc.before()) {
            findings.violated(RefCountCoversReferences, r, os.ring, Messages.releasebufferDroppedReference(rc));
        } else if (rc.before() < os.liveAsObj()) {
            findings.violated(RefCountCoversReferences, r, os.ring, Messages.refcountBelowViewsAtRelease(os, rc));
        }
    }

    private void releaseMatched(Release r, ExporterState os, ExporterState cs, LiveView v, boolean byAddress) {
        if (r.exports() != null) {
            if (ft != null && r.startSeq() != Acquire.ATOMIC) {
                checkWritten(r, cs, r.exports(), r.hasReleasebuffer() ? -1 : 0, r.startSeq(), "releasebuffer");
            } else {
                checkReleaseCounted(r, cs);
            }
        }
        checkReleaseInternal(r, os, v, byAddress);
        checkHeldBase(r, v.struct(), r.exporter());
        recordRelease(r, os, cs, v);
        findings.checked(ReleasedAtMostOnce);
        if (ft != null && r.exports() != null) ft.wrote(cs.id, r.line(), r.seq(), r.tid(), r.exports().after());
    }

    /** ExportCountMatchesViews: one live view less after the call (when the type counts in bf_releasebuffer). */
    private void checkReleaseCounted(Release r, ExporterState cs) {
        Counts x = r.exports();
        counterBefore(r, cs, x.before(), r.type());
        long expected = r.hasReleasebuffer() ? -1 : 0;
        if (x.delta() != expected) {
            findings.violated(ExportCountMatchesViews, r, cs.ring, Messages.releaseMovedCounter(cs, x, expected));
            cs.reanchor(x.after() + 1);
        }
    }

    /**
     * ReleaseSeesOwnInternal: released by its struct, the view carries the internal of its acquire;
     * released through a copy, per-view shape/strides must be findable without the struct.
     */
    private void checkReleaseInternal(Release r, ExporterState os, LiveView v, boolean byAddress) {
        findings.checked(ReleaseSeesOwnInternal);
        if (byAddress && r.fields().internal() != v.key().internal()) {
            findings.violated(ReleaseSeesOwnInternal, r, os.ring, Messages.internalChanged(r, v));
        } else if (!byAddress && r.hasReleasebuffer() && v.perViewPointer() != Pointers.NULL
                && os.handedOutCount(v.perViewPointer()) == 1) {
            findings.violated(ReleaseSeesOwnInternal, r, os.ring, Messages.perViewResourcesLostThroughCopy(r, v));
        }
    }

    /** The released view is no longer live: on its owner, its counter and by struct; it is remembered as released. */
    private void recordRelease(Release r, ExporterState os, ExporterState cs, LiveView v) {
        os.removeLive(v);
        byStruct.remove(v.struct(), v);
        ExporterState counted = v.counter().equals(cs.id) ? cs : state(v.counter(), null);
        counted.uncountView(v.key().buf());
        os.released(new ReleasedView(v, r.line(), r.view()));
    }

    /** ReleasedAtMostOnce: a release that matches no live view. */
    private void releaseUnmatched(Release r, ExporterState os, ExporterState cs) {
        if (r.exports() != null) counterBefore(r, cs, r.exports().before(), r.type());
        boolean fromBeforeTracing = attached == Attachment.MIDRUN
                && (!cs.baselineFixed() || cs.baseline() > 0 || r.exports() == null);
        ReleasedView twice = os.releasedLike(ViewKey.of(r.exporter(), r.fields()));
        Acquire failed = failedStructs.get(r.view());
        if (fromBeforeTracing) {
            tally.releaseFromBeforeTracing();
        } else if (twice != null) {
            findings.violated(ReleasedAtMostOnce, r, os.ring, Messages.doubleRelease(r, twice));
        } else if (failed != null) {
            findings.violated(ReleasedAtMostOnce, r, os.ring, Messages.releaseOfFailedAcquire(r, failed));
            failedStructs.remove(r.view(), failed);
        } else {
            findings.violated(ReleasedAtMostOnce, r, os.ring, Messages.releaseNeverAcquired(r, cs, attached));
        }
        if (r.exports() != null) {
            if (fromBeforeTracing && cs.baseline() > 0 && r.exports().delta() == -1) cs.releaseBaselineExport();
            else cs.reanchor(r.exports().after());
        }
    }

    // ---- dealloc, resize, freed --------------------------------------------------------------

    /** NoDeallocWhileReferenced: nothing refers to an object when it is deallocated. */
    private void onDealloc(Dealloc d) {
        ExporterState s = states.get(d.object());
        if (s == null) {
            findings.checked(NoDeallocWhileReferenced);
            return;
        }
        s.ring.add(d);
        if (d.exports() != null) counterBefore(d, s, d.exports(), d.type());
        String why = Messages.stillReferenced(s);
        if (why != null) {
            findings.violated(NoDeallocWhileReferenced, d, s.ring, Messages.deallocatedWhile(s, why));
        } else {
            findings.checked(NoDeallocWhileReferenced);
        }
        s.deallocate(states);
        if (s.idle()) states.remove(d.object());
        if (ft != null) ft.forget(d.object());
    }

    /** NoDanglingView: an operation that moves or frees the buffer completes only while nothing is exported. */
    private void onResize(Resize z) {
        ExporterState s = state(z.exporter(), z.type());
        if (z.exports() != null) counterBefore(z, s, z.exports(), z.type());
        findings.checked(NoDanglingView);
        // A successful operation that kept the buffer where it was (a same-size slice assignment
        // on an exported bytearray) moved nothing; without "buf" the move cannot be ruled out.
        boolean moved = z.buf() == null || z.buf().before() != z.buf().after();
        if (z.ok() && moved) {
            long liveViews = Math.max(s.liveAsObj(), s.liveAsCounter());
            if (liveViews > 0) {
                findings.violated(NoDanglingView, z, s.ring, Messages.resizedUnderLiveViews(s, z, liveViews, s.oldestLive()));
            } else if (z.exports() != null && z.exports() > 0) {
                findings.violated(NoDanglingView, z, s.ring, Messages.resizedUnderViewsFromBeforeTracing(s, z));
            }
            if (ft != null) ft.moved(s.id, z.line(), z.seq(), z.tid(), z.buf() == null ? Pointers.NULL : z.buf().before());
        }
        s.ring.add(z);
    }

    /**
     * NoDanglingView: the memory watch saw a block freed or moved under views it considered live:
     * a violation for the first named view this validator also has live (by struct, else any live
     * view of that obj), reported with the exporter's earlier events.
     */
    private void onFreed(Freed m) {
        findings.checked(NoDanglingView);
        for (Freed.Hit h : m.hits()) {
            ExporterState os = states.get(h.obj());
            if (os == null || os.liveAsObj() == 0) continue;
            LiveView v = byStruct.get(h.view());
            if (v == null || !v.obj().equals(h.obj()) || !os.isLive(v)) v = os.oldestLive();
            findings.violated(NoDanglingView, m, os.ring, Messages.freedUnderLiveView(m, h, os, v));
            os.ring.add(m);
            return;
        }
    }

    // ---- chains ------------------------------------------------------------------------------

    private void onChain(Chain c) {
        if (c instanceof Chain.Hold h) onHold(h);
        else if (c instanceof Chain.Register g) onRegister(g);
        else if (c instanceof Chain.Unregister u) onUnregister(u);
        else if (c instanceof Chain.Drop d) {
            state(d.holder(), null).ring.add(d);
            checkHeldBase(d, d.view(), d.base());
        } else if (c instanceof Chain.Refuse r) {
            state(r.reexporter(), null).ring.add(r);
        }
    }

    /** A holder (managed buffer) takes an export of its base into a struct. */
    private void onHold(Chain.Hold h) {
        ExporterState holder = state(h.holder(), h.holderType());
        ExporterState.Hold hold = new ExporterState.Hold(h.holder(), h.base(), h.view(), h.line());
        holder.holds(hold);
        // one struct holds one export: a second hold of the same struct replaces the first
        // (counting both would make the base look held after the struct's one drop)
        ExporterState.Hold previous = heldViews.put(h.view(), hold);
        if (previous != null && previous.base() != null) {
            ExporterState pb = states.get(previous.base());
            if (pb != null) pb.droppedByHolder();
        }
        holder.ring.add(h);
        if (h.base() != null) { // null: the held struct's obj is NULL (a legacy static export)
            ExporterState base = state(h.base(), null);
            base.heldByHolder();
            base.ring.add(h);
        }
    }

    /** A re-exporter (memoryview) is registered on its holder. */
    private void onRegister(Chain.Register g) {
        ExporterState holder = state(g.holder(), null);
        holder.register(g.reexporter());
        holder.ring.add(g);
        ExporterState r = state(g.reexporter(), null);
        r.registeredOn(g.holder());
        r.ring.add(g);
    }

    /** ReExporterHoldsBase: a re-exporter is released (unregistered) only without live exports. */
    private void onUnregister(Chain.Unregister u) {
        ExporterState holder = state(u.holder(), null);
        holder.unregister(u.reexporter());
        holder.ring.add(u);
        ExporterState r = state(u.reexporter(), null);
        if (u.holder().equals(r.registeredOn())) {
            r.unregistered(u.line());
            findings.checked(ReExporterHoldsBase);
            if (r.liveAsObj() > 0) {
                findings.violated(ReExporterHoldsBase, u, r.ring, Messages.releasedWithLiveExports(r, u));
            }
        }
        r.ring.add(u);
    }

    /**
     * ReExporterHoldsBase: the holder of the base export in struct {@code view} gives it up (a
     * chain drop, or the release of that struct): its re-exporters and the holder itself must have
     * no live exports.
     */
    private void checkHeldBase(Event at, long view, ObjectId base) {
        ExporterState.Hold hold = heldViews.get(view);
        if (hold == null || !java.util.Objects.equals(hold.base(), base)) return;
        heldViews.remove(view, hold);
        ExporterState holder = state(hold.holder(), null);
        holder.gaveUp(hold);
        ExporterState b = states.get(base);
        if (b != null) b.droppedByHolder();
        findings.checked(ReExporterHoldsBase);
        String who = null;
        if (holder.liveAsObj() > 0) {
            who = Messages.holderHasLiveExports(holder);
        } else if (!holder.reexporters().isEmpty()) { // no iterator when there is none
            for (ObjectId r : holder.reexporters()) {
                ExporterState rs = states.get(r);
                if (rs != null && rs.liveAsObj() > 0) {
                    who = Messages.reexporterHasLiveExports(r, rs);
                    break;
                }
            }
        }
        if (who != null) {
            findings.violated(ReExporterHoldsBase, at, holder.ring, Messages.gaveUpBaseWhile(holder, hold, base, view, who));
        }
        if (holder.deallocated() && holder.idle()) states.remove(holder.id);
    }

    // ---- the export counter ------------------------------------------------------------------

    /**
     * ExportCountMatchesViews: a counter reading taken before the event equals the views tracked
     * on it plus the baseline (exports from before tracing, fixed at first sight, allowed only
     * mid-run). After a violation the observed value is taken as the truth, so one fault is
     * reported once.
     */
    private void counterBefore(Event at, ExporterState cs, long observed, String type) {
        long tracked = cs.liveAsCounter();
        if (!cs.baselineFixed()) {
            if (attached == Attachment.MIDRUN) {
                cs.fixBaseline(observed - tracked);
                findings.checked(ExportCountMatchesViews);
                if (cs.baseline() < 0) {
                    findings.violated(ExportCountMatchesViews, at, cs.ring,
                            Messages.counterBelowViewsAtFirstSight(cs, observed, tracked));
                    cs.fixBaseline(0);
                }
                return;
            }
            cs.fixBaseline(0);
        }
        long expected = tracked + cs.baseline();
        findings.checked(ExportCountMatchesViews);
        if (observed == expected) return;
        if (observed > expected && Quirks.untracedInternalExports(type != null ? type : cs.type())) {
            tally.toleratedExcess();
            return;
        }
        findings.violated(ExportCountMatchesViews, at, cs.ring, Messages.counterDiffers(cs, observed, tracked, attached));
        cs.fixBaseline(observed - tracked);
    }

    private ExporterState state(ObjectId id, String type) {
        ExporterState s = states.get(id);
        if (s == null) {
            s = new ExporterState(id, type);
            states.put(id, s);
            tally.exporter();
        } else if (type != null) {
            s.learnType(type);
        }
        return s;
    }

    // ---- result ------------------------------------------------------------------------------

    public FileResult finish() {
        long open = 0;
        for (ExporterState s : states.values()) open += s.liveAsObj();
        return tally.result(file, header, attached, footer, stopped, open, findings);
    }
}
