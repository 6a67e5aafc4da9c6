package bufspec.replay;

import bufspec.model.Quirks;
import bufspec.trace.Acquire;
import bufspec.trace.Attachment;
import bufspec.trace.Chain;
import bufspec.trace.Counts;
import bufspec.trace.Footer;
import bufspec.trace.Freed;
import bufspec.trace.ObjectId;
import bufspec.trace.Release;
import bufspec.trace.Resize;
import bufspec.trace.ViewFields;

import static bufspec.trace.Pointers.format;

/**
 * The explanations the replay validator gives, one method per way a rule is broken, grouped by
 * the property they explain (the order of {@code bufspec.model.Property}), and the notes it
 * attaches to a file's result. A user reads these words in every output format; the rules that
 * decide when they apply are in {@link ReplayValidator}.
 */
final class Messages {
    private Messages() {
    }

    // ---- ExportCountMatchesViews -------------------------------------------------------------

    static String acquireMovedCounter(ExporterState counter, Counts exports) {
        return "getbuffer succeeded but moved the export counter of " + counter.id + " by " + exports.delta() + " ("
                + exports + "): each export must be counted exactly once";
    }

    static String releaseMovedCounter(ExporterState counter, Counts exports, long expected) {
        return "releasing one view moved the export counter of " + counter.id + " by " + exports.delta() + " (" + exports
                + "); expected " + expected;
    }

    static String counterBelowViewsAtFirstSight(ExporterState counter, long observed, long tracked) {
        return "the export counter of " + counter.id + " was " + observed + " at first sight, below the " + tracked
                + " live views counted on it";
    }

    /** Free-threaded: a getbuffer or releasebuffer wrote a counter value other than the views make it. */
    static String counterWrittenWrong(ExporterState counter, String call, Counts x, long expected, long startSeq,
                                      FreeThreading.Mark other) {
        StringBuilder s = new StringBuilder();
        s.append(call).append(" read the export counter of ").append(counter.id).append(" as ").append(x.before())
                .append(" at its start (seq ").append(startSeq).append(") and wrote ").append(x.after())
                .append(", but the views counted on it make it ").append(expected);
        if (other != null) {
            s.append(": lost update, thread ").append(other.tid()).append(" wrote ").append(other.value())
                    .append(" at line ").append(other.line()).append(" (seq ").append(other.seq())
                    .append(") in between, and this write undid it");
        }
        if (x.after() < 0) s.append("; the counter went negative");
        return s.toString();
    }

    /** Free-threaded: the memory under a new view was moved between the getbuffer's start and its count. */
    static String movedDuringGetbuffer(Acquire a, FreeThreading.Mark move) {
        return "getbuffer started at seq " + a.startSeq() + " and handed out buf " + format(a.fields().buf())
                + ", but thread " + move.tid() + " moved that memory at line " + move.line() + " (seq " + move.seq()
                + ") before the export was counted: the check and the count are not in one critical section with"
                + " the resize, and the new view points into moved memory";
    }

    static String counterDiffers(ExporterState counter, long observed, long tracked, Attachment attached) {
        return "the export counter of " + counter.id + " was " + observed + " but " + tracked + " live view(s) are counted on it"
                + (counter.baseline() != 0 ? " plus " + counter.baseline() + " from before tracing" : "")
                + (attached == Attachment.START && tracked == 0 && counter.baseline() == 0
                ? " (attached at start: no export can predate the log)" : "");
    }

    // ---- NoDanglingView ----------------------------------------------------------------------

    static String bufferDisjointFromLiveView(ExporterState counter, ViewFields f, long[] other) {
        return "getbuffer handed out buf " + format(f.buf()) + " (len " + f.len() + ") while a live view of "
                + counter.id + " still points at " + format(other[0]) + " (len " + other[1]
                + "), which does not overlap it: the memory under the live view was freed or moved";
    }

    static String resizedUnderLiveViews(ExporterState s, Resize z, long liveViews, LiveView oldest) {
        return s.type() + " " + s.id + " completed " + z.op() + " while " + liveViews + " view(s) of it are live"
                + (oldest == null ? "" : " (the first acquired on line " + oldest.acquireLine() + ")")
                + (z.buf() == null ? "" : ", moving its buffer " + format(z.buf().before()) + " -> "
                + format(z.buf().after()))
                + ": their buf now points at freed or moved memory";
    }

    static String resizedUnderViewsFromBeforeTracing(ExporterState s, Resize z) {
        return s.type() + " " + s.id + " completed " + z.op() + " while its export counter was " + z.exports()
                + ": views exported before tracing now point at freed or moved memory";
    }

    static String freedUnderLiveView(Freed m, Freed.Hit h, ExporterState owner, LiveView v) {
        return m.call() + ": the block " + format(m.block()) + " (" + m.size() + " bytes) under the "
                + h.field() + " of the live view acquired on line " + (v == null ? "?" : v.acquireLine())
                + " into struct " + format(h.view()) + " on " + owner.type() + " " + owner.id + " was "
                + m.what() + ": the view now points at freed memory"
                + (m.stack().isEmpty() ? "" : " (Python stack: " + m.stack().get(0) + ")");
    }

    // ---- NoDeallocWhileReferenced ------------------------------------------------------------

    static String deallocatedWhile(ExporterState s, String why) {
        return s.type() + " " + s.id + " was deallocated while " + why;
    }

    /** Why an object may not be deallocated yet, or null when nothing refers to it. */
    static String stillReferenced(ExporterState s) {
        if (s.liveAsObj() > 0) {
            LiveView v = s.oldestLive();
            return s.liveAsObj() + " live view(s) still hold it in view->obj (the first acquired on line "
                    + (v == null ? "?" : v.acquireLine()) + ")";
        } else if (s.liveAsCounter() > 0) {
            return s.liveAsCounter() + " live view(s) are still counted on it through a redirect";
        } else if (s.heldAsBase() > 0) {
            return "a managed buffer still holds an export of it";
        } else if (s.otherReexporters() > 0) {
            return s.otherReexporters() + " memoryview(s) are still registered on it";
        } else if (s.redirectedFrom() > 0) {
            return s.redirectedFrom() + " redirect object(s) using its memory and counter (a BytesIO's bytesiobuf)"
                    + " are still alive and hold a reference to it";
        }
        return null;
    }

    // ---- RefCountCoversReferences ------------------------------------------------------------

    static String acquireTookNoReference(Counts rc) {
        return "getbuffer did not take a reference on view->obj: refcount " + rc
                + " (a successful acquire must add exactly one)";
    }

    static String refcountBelowViewsAtAcquire(ExporterState owner, Counts rc) {
        return "the reference count of " + owner.id + " was " + rc.before() + " before getbuffer, below the "
                + owner.liveAsObj() + " references held by its live views";
    }

    static String releasebufferDroppedReference(Counts rc) {
        return "releasebuffer dropped the reference on view->obj: refcount " + rc.before() + " -> " + rc.after()
                + " inside bf_releasebuffer; PyBuffer_Release drops it again";
    }

    static String refcountBelowViewsAtRelease(ExporterState owner, Counts rc) {
        return "the reference count of " + owner.id + " was " + rc.before() + " when a view was released, below the "
                + owner.liveAsObj() + " references held by its live views";
    }

    // ---- FailedAcquireLeavesNoTrace ----------------------------------------------------------

    static String successWithObjNull(Acquire a) {
        return "bf_getbuffer reported success but left view->obj NULL: the view was never filled"
                + (a.exports() != null && a.exports().delta() != 0
                ? ", yet the export counter moved " + a.exports() : "")
                + " (python/cpython#126980)";
    }

    static String failedAcquireSetObj(Acquire a) {
        return "the failed getbuffer set view->obj to " + format(a.objAfter()) + " (it was "
                + format(a.objBefore()) + "): a refused export must leave view->obj NULL, or a"
                + " consumer's cleanup drops a reference it never got (numpy/numpy#18672)";
    }

    static String failedAcquireCounted(ExporterState counter, Acquire a) {
        return "the failed getbuffer moved the export counter of " + counter.id + " (" + a.exports()
                + "): a refused export must not be counted";
    }

    static String failedAcquireTookReference(ExporterState exporter, Acquire a) {
        return "the failed getbuffer changed the reference count of " + exporter.id + " (" + a.rc()
                + "): a refused export must take no reference";
    }

    // ---- ReleaseSeesOwnInternal --------------------------------------------------------------

    static String internalChanged(Release r, LiveView v) {
        return "bf_releasebuffer got internal " + format(r.fields().internal()) + " but the acquire on line "
                + v.acquireLine() + " produced " + format(v.key().internal())
                + ": internal must stay constant for the exporter to find its per-view resources";
    }

    static String perViewResourcesLostThroughCopy(Release r, LiveView v) {
        return "the view acquired on line " + v.acquireLine() + " into struct " + format(v.struct())
                + " is released through a copy at " + format(r.view()) + "; its per-view shape/strides at "
                + format(v.perViewPointer()) + " came with internal NULL, so an exporter that finds them by"
                + " the struct's address cannot find them";
    }

    // ---- ReleasedAtMostOnce ------------------------------------------------------------------

    static String doubleRelease(Release r, ReleasedView twice) {
        LiveView v = twice.view();
        return "double release: the view acquired on line " + v.acquireLine() + " into struct "
                + format(v.struct()) + " was released on line " + twice.releaseLine() + " via "
                + format(twice.releaseStruct()) + " and is released again here via "
                + format(r.view()) + " (a copy whose obj was still set)";
    }

    static String releaseOfFailedAcquire(Release r, Acquire failed) {
        return "PyBuffer_Release on the struct " + format(r.view()) + " of the failed acquire on line "
                + failed.line() + ": a failed acquire must never be released (swig/swig#1640)";
    }

    static String releaseNeverAcquired(Release r, ExporterState counter, Attachment attached) {
        return "release of a view that was never acquired in this log: no live view at " + format(r.view())
                + " or with these contents, and "
                + (attached == Attachment.START ? "the tracer was attached at interpreter start"
                : "the export counter of " + counter.id + " shows no export from before tracing");
    }

    // ---- ReExporterHoldsBase -----------------------------------------------------------------

    static String exportedAfterGivingUpBase(Acquire a, ObjectId owner, String gone) {
        return a.type() + " " + owner + " exported a view " + gone + ": it no longer holds its base, so the"
                + " view points into memory the base may free or move";
    }

    /** How a re-exporter gave up its base before exporting, or null while it holds it. */
    static String baseGivenUp(ExporterState reexporter, ExporterState holder) {
        return reexporter.releasedAt() > 0 ? "after it was released (unregistered from its managed buffer at line "
                + reexporter.releasedAt() + ")"
                : holder != null && holder.droppedBase() ? "after its managed buffer " + holder.id + " dropped its base"
                : null;
    }

    static String releasedWithLiveExports(ExporterState r, Chain.Unregister u) {
        return "memoryview " + r.id
                + " was released (unregistered from its managed buffer " + u.holder() + ") while it has "
                + r.liveAsObj() + " live export(s): their views point into the base it gives up"
                + " (CPython refuses: \"memoryview has N exported buffers\")";
    }

    static String holderHasLiveExports(ExporterState holder) {
        return "the holder itself has " + holder.liveAsObj() + " live export(s)";
    }

    static String reexporterHasLiveExports(ObjectId r, ExporterState rs) {
        return "its re-exporter " + r + " has " + rs.liveAsObj() + " live export(s)";
    }

    static String gaveUpBaseWhile(ExporterState holder, ExporterState.Hold hold, ObjectId base, long view, String who) {
        return holder.type() + " " + hold.holder() + " gave up its export of base " + base + " (struct "
                + format(view) + ", held since line " + hold.line() + ") while " + who
                + ": their views now point into memory the base may free or move";
    }

    // ---- EveryViewReleased, ExportCountsReturnToZero -----------------------------------------

    static String neverReleased(ExporterState s, LiveView v) {
        return "the view acquired on line " + v.acquireLine() + " into struct " + format(v.struct())
                + " on " + s.type() + " " + s.id + " was never released: it is still live at the footer,"
                + " after interpreter finalization";
    }

    static String counterNotZeroAtFooter(ExporterState s, long count) {
        return "the export counter of " + s.type() + " " + s.id + " is " + count + " at the footer, after"
                + " interpreter finalization: it never returned to zero";
    }

    // ---- notes on the file -------------------------------------------------------------------

    static String truncatedLine(long line, long bytes) {
        return "truncated last line " + line + " (" + bytes + " bytes, no newline): the log was cut off mid-write;"
                + " everything before it was validated";
    }

    static String footerCountDiffers(Footer f, long eventLines) {
        return "footer says " + f.events() + " events; the log holds " + eventLines
                + " event lines between header and footer (lines lost or skipped?)";
    }

    static String unseenAcquires(Footer f) {
        return "the tracer left out " + f.unseenAcquires() + " acquire(s), and their releases, of exporters without"
                + " bf_releasebuffer (bytes, NumPy arrays, ...): from CPython 3.13 their releases cannot be seen,"
                + " so that traffic is not judged (src/tracer/README.md)";
    }

    static String truncatedLog(long open) {
        return "truncated log (no footer): " + open + " view(s) open at the end; not judged as leaks";
    }

    static String footerBeforeFinalization(long open) {
        return "footer written before interpreter finalization: " + open + " view(s) open at exit are not judged"
                + " as leaks (module globals may still hold them)";
    }

    static String releasesBeforeTracing(long n) {
        return n + " release(s) of views acquired before tracing began (attached: midrun)";
    }

    static String toleratedExcess(long n) {
        return n + " export counter reading(s) above the live views tolerated for types that export"
                + " internally without a Py_buffer (" + String.join(", ", Quirks.UNTRACED_INTERNAL_EXPORTS) + ")";
    }
}
