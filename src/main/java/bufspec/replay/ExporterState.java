package bufspec.replay;

import bufspec.trace.ObjectId;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything the validator knows about one object incarnation (parametric slicing: each
 * incarnation is checked on its own; chains link them). One object can play several roles: the
 * exporter in {@code view->obj}, the owner of an export counter (a redirect's counter differs from
 * {@code view->obj}), a managed buffer holding a base, a memoryview registered on one.
 * Memory is proportional to the object's live views plus small bounded histories.
 */
final class ExporterState {
    private static final int RELEASED_KEPT = 8;
    private static final int POINTERS_KEPT = 64;

    final ObjectId id;
    String type;
    final EventRing ring = new EventRing();

    // --- as view->obj ---
    private final Map<ViewKey, ArrayDeque<LiveView>> live = new HashMap<>(4);
    int liveAsObj;
    /** The last views released, newest last (to recognise a second release through a copy). */
    private ReleasedView[] released;
    private int releasedNext;
    /** shape/strides pointers outside the struct, with how many acquisitions were handed each. */
    private LinkedHashMap<Long, Integer> handedOut;

    private static LinkedHashMap<Long, Integer> pointerLru() {
        return new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
                return size() > POINTERS_KEPT;
            }
        };
    }

    // --- as the owner of an export counter ---
    int liveAsCounter;
    boolean baselineFixed;
    /** Exports on the counter not backed by a traced view (views from before a mid-run attach). */
    long baseline;
    /** Buffers of live views counted here: buf start -> [len, live count]; tiny. */
    private final Map<Long, long[]> buffers = new HashMap<>(2);

    // --- chains ---
    /** As a managed buffer: the base export it holds, or null. */
    Hold hold;
    /** As a base: how many holders hold an export of it. */
    int heldAsBase;
    /** As a managed buffer: the memoryviews registered on it. */
    Set<ObjectId> reexporters;

    boolean deallocated;

    record Hold(ObjectId holder, ObjectId base, long view, long line) {}

    ExporterState(ObjectId id, String type) {
        this.id = id;
        this.type = type;
    }

    void addLive(LiveView v) {
        live.computeIfAbsent(v.key(), k -> new ArrayDeque<>(1)).addLast(v);
        liveAsObj++;
    }

    /** Removes this exact view; false if it is not live. */
    boolean removeLive(LiveView v) {
        ArrayDeque<LiveView> q = live.get(v.key());
        if (q == null || !q.remove(v)) return false;
        if (q.isEmpty()) live.remove(v.key());
        liveAsObj--;
        return true;
    }

    /** Any live view with these contents (they are interchangeable), or null. */
    LiveView anyLive(ViewKey key) {
        ArrayDeque<LiveView> q = live.get(key);
        return q == null ? null : q.peekFirst();
    }

    boolean isLive(LiveView v) {
        ArrayDeque<LiveView> q = live.get(v.key());
        return q != null && q.contains(v);
    }

    /** The earliest-acquired live view, for messages; null if none. */
    LiveView oldestLive() {
        LiveView best = null;
        for (ArrayDeque<LiveView> q : live.values()) {
            for (LiveView v : q) {
                if (best == null || v.acquireLine() < best.acquireLine()) best = v;
            }
        }
        return best;
    }

    Iterable<ArrayDeque<LiveView>> liveGroups() {
        return live.values();
    }

    void released(ReleasedView r) {
        if (released == null) released = new ReleasedView[RELEASED_KEPT];
        released[releasedNext] = r;
        releasedNext = (releasedNext + 1) % RELEASED_KEPT;
    }

    /** The most recent released view with these contents, or null. */
    ReleasedView releasedLike(ViewKey key) {
        if (released == null) return null;
        for (int i = 1; i <= RELEASED_KEPT; i++) {
            ReleasedView r = released[(releasedNext - i + RELEASED_KEPT) % RELEASED_KEPT];
            if (r != null && r.view().key().equals(key)) return r;
        }
        return null;
    }

    void handOut(long pointer) {
        if (handedOut == null) handedOut = pointerLru();
        handedOut.merge(pointer, 1, Integer::sum);
    }

    /** How many acquisitions were handed this pointer (0 if unknown / forgotten). */
    int handedOutCount(long pointer) {
        Integer n = handedOut == null ? null : handedOut.get(pointer);
        return n == null ? 0 : n;
    }

    /** A live buffer counted here that does not overlap [buf, buf+len), as {start, len}; or null. */
    long[] disjointBuffer(long buf, long len) {
        if (len <= 0 || buffers.isEmpty()) return null;
        for (Iterator<Map.Entry<Long, long[]>> it = buffers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, long[]> e = it.next();
            long start = e.getKey();
            long l = e.getValue()[0];
            if (l <= 0) continue;
            boolean overlap = Long.compareUnsigned(buf, start + l) < 0 && Long.compareUnsigned(start, buf + len) < 0;
            if (!overlap) return new long[] {start, l};
        }
        return null;
    }

    void addBuffer(long buf, long len) {
        long[] e = buffers.get(buf);
        if (e == null) {
            buffers.put(buf, new long[] {len, 1});
        } else {
            e[0] = Math.max(e[0], len);
            e[1]++;
        }
    }

    void removeBuffer(long buf) {
        long[] e = buffers.get(buf);
        if (e != null && --e[1] <= 0) buffers.remove(buf);
    }

    /** Whether nothing refers to this state any more, so it can be forgotten after a dealloc. */
    boolean idle() {
        return liveAsObj == 0 && liveAsCounter == 0 && hold == null && heldAsBase == 0
                && (reexporters == null || reexporters.isEmpty());
    }

    Set<ObjectId> reexporters() {
        if (reexporters == null) reexporters = new HashSet<>(2);
        return reexporters;
    }
}
