package bufspec.replay;

import bufspec.trace.ObjectId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything the validator knows about one object incarnation, its exporter state (each
 * incarnation is checked on its own; chains link them). One object can play several roles: the
 * exporter in {@code view->obj}, the owner of an export counter (a redirect's counter differs from
 * {@code view->obj}), a managed buffer holding a base, a memoryview registered on one.
 * Memory is proportional to the object's live views plus small bounded histories.
 */
final class ExporterState implements java.io.Serializable {
    private static final int RELEASED_KEPT = 8;
    private static final int POINTERS_KEPT = 64;

    final ObjectId id;
    private String type;
    final EventRing ring = new EventRing();

    // --- as view->obj ---
    // Live views: a small array scanned linearly (an object rarely has more than a few), replaced
    // by an index by contents past LIST_MAX (the empty-bytes singleton can have thousands).
    private static final int LIST_MAX = 16;
    private LiveView[] list;
    private int listSize;
    private LinkedHashMap<ViewKey, ArrayDeque<LiveView>> index;
    private int liveAsObj;
    /** The last views released, newest last (to recognise a second release through a copy). */
    private ReleasedView[] released;
    private int releasedNext;
    /** shape/strides pointers outside the struct, with how many acquisitions were handed each. */
    private PointerLru handedOut;

    /** At most {@link #POINTERS_KEPT} pointers, the least recently handed out forgotten first. */
    private static final class PointerLru extends LinkedHashMap<Long, Integer> {
        PointerLru() {
            super(4, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > POINTERS_KEPT;
        }
    }

    // --- as the owner of an export counter ---
    private int liveAsCounter;
    private boolean baselineFixed;
    /** Exports on the counter not backed by a traced view (views from before a mid-run attach). */
    private long baseline;
    /**
     * Buffers of live views counted here, in the order first seen: start, longest len and live
     * count at the same index; nearly always one or two, so arrays scanned linearly (no boxing,
     * no map entries).
     */
    private long[] bufStart;
    private long[] bufLen;
    private long[] bufLive;
    private int buffers;

    // --- chains ---
    /** As a managed buffer: the base export it holds, or null. */
    private Hold hold;
    /** As a base: how many holders hold an export of it. */
    private int heldAsBase;
    /** As a managed buffer: the memoryviews registered on it. */
    private Set<ObjectId> reexporters;
    /** As a re-exporter: the holder it is registered on, or null. */
    private ObjectId registeredOn;
    /** As a re-exporter: the line where it was unregistered (released), 0 while it is not. */
    private long releasedAt;
    /** As a redirect (a view's obj counted on another object): the object it holds a reference to. */
    private ObjectId redirectsTo;
    /** As a managed buffer: it gave up the base export it held. */
    private boolean droppedBase;
    /** As the root of redirects: how many live redirect objects hold a reference to it. */
    private int redirectedFrom;

    private boolean deallocated;

    /** Another tracked incarnation at the same address (see {@link States}), or null. */
    ExporterState sameAddress;

    record Hold(ObjectId holder, ObjectId base, long view, long line) implements java.io.Serializable {}

    ExporterState(ObjectId id, String type) {
        this.id = id;
        this.type = type;
    }

    void addLive(LiveView v) {
        liveAsObj++;
        if (index == null) {
            if (list == null) list = new LiveView[4];
            if (listSize < LIST_MAX) {
                if (listSize == list.length) list = Arrays.copyOf(list, list.length * 2);
                list[listSize++] = v;
                return;
            }
            index = new LinkedHashMap<>();
            for (int i = 0; i < listSize; i++) indexAdd(list[i]);
            list = null;
            listSize = 0;
        }
        indexAdd(v);
    }

    private void indexAdd(LiveView v) {
        index.computeIfAbsent(v.key(), k -> new ArrayDeque<>(2)).addLast(v);
    }

    /** Removes this exact view; false if it is not live. */
    boolean removeLive(LiveView v) {
        if (index != null) {
            ArrayDeque<LiveView> q = index.get(v.key());
            if (q == null || !q.remove(v)) return false;
            if (q.isEmpty()) index.remove(v.key());
        } else {
            int i = find(v);
            if (i < 0) return false;
            list[i] = list[--listSize];
            list[listSize] = null;
        }
        liveAsObj--;
        return true;
    }

    private int find(LiveView v) {
        for (int i = 0; i < listSize; i++) {
            if (list[i] == v) return i;
        }
        return -1;
    }

    /** Any live view with these contents (they are interchangeable), or null. */
    LiveView anyLive(ViewKey key) {
        if (index != null) {
            ArrayDeque<LiveView> q = index.get(key);
            return q == null ? null : q.peekFirst();
        }
        for (int i = 0; i < listSize; i++) {
            if (list[i].key().equals(key)) return list[i];
        }
        return null;
    }

    boolean isLive(LiveView v) {
        if (index != null) {
            ArrayDeque<LiveView> q = index.get(v.key());
            return q != null && q.contains(v);
        }
        return find(v) >= 0;
    }

    /** The earliest-acquired live view, for messages; null if none. */
    LiveView oldestLive() {
        LiveView best = null;
        for (LiveView v : liveViews()) {
            if (best == null || v.acquireLine() < best.acquireLine()) best = v;
        }
        return best;
    }

    /** All live views (a copy; for reports at the footer and dealloc). */
    List<LiveView> liveViews() {
        List<LiveView> out = new ArrayList<>(liveAsObj);
        if (index != null) {
            for (ArrayDeque<LiveView> q : index.values()) out.addAll(q);
        } else {
            for (int i = 0; i < listSize; i++) out.add(list[i]);
        }
        return out;
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
        if (handedOut == null) handedOut = new PointerLru();
        handedOut.merge(pointer, 1, Integer::sum);
    }

    /** How many acquisitions were handed this pointer (0 if unknown / forgotten). */
    int handedOutCount(long pointer) {
        Integer n = handedOut == null ? null : handedOut.get(pointer);
        return n == null ? 0 : n;
    }

    /** A live buffer counted here that does not overlap [buf, buf+len), as {start, len}; or null. */
    long[] disjointBuffer(long buf, long len) {
        if (len <= 0 || buffers == 0) return null;
        for (int i = 0; i < buffers; i++) {
            long start = bufStart[i];
            long l = bufLen[i];
            if (l <= 0) continue;
            boolean overlap = Long.compareUnsigned(buf, start + l) < 0 && Long.compareUnsigned(start, buf + len) < 0;
            if (!overlap) return new long[] {start, l};
        }
        return null;
    }

    private int bufferIndex(long buf) {
        for (int i = 0; i < buffers; i++) {
            if (bufStart[i] == buf) return i;
        }
        return -1;
    }

    private void addBuffer(long buf, long len) {
        int i = bufferIndex(buf);
        if (i >= 0) {
            bufLen[i] = Math.max(bufLen[i], len);
            bufLive[i]++;
            return;
        }
        if (bufStart == null) {
            bufStart = new long[2];
            bufLen = new long[2];
            bufLive = new long[2];
        } else if (buffers == bufStart.length) {
            bufStart = Arrays.copyOf(bufStart, buffers * 2);
            bufLen = Arrays.copyOf(bufLen, buffers * 2);
            bufLive = Arrays.copyOf(bufLive, buffers * 2);
        }
        bufStart[buffers] = buf;
        bufLen[buffers] = len;
        bufLive[buffers] = 1;
        buffers++;
    }

    private void removeBuffer(long buf) {
        int i = bufferIndex(buf);
        if (i < 0 || --bufLive[i] > 0) return;
        int tail = buffers - i - 1; // keep the order of the others
        System.arraycopy(bufStart, i + 1, bufStart, i, tail);
        System.arraycopy(bufLen, i + 1, bufLen, i, tail);
        System.arraycopy(bufLive, i + 1, bufLive, i, tail);
        buffers--;
    }

    /**
     * Re-exporters registered on this holder other than itself (an extension type registered with
     * the tracer as its own holder and re-exporter registers on itself).
     */
    int otherReexporters() {
        if (reexporters == null) return 0;
        return reexporters.size() - (reexporters.contains(id) ? 1 : 0);
    }

    /** Whether nothing refers to this state any more, so it can be forgotten after a dealloc. */
    boolean idle() {
        return liveAsObj == 0 && liveAsCounter == 0 && hold == null && heldAsBase == 0
                && otherReexporters() == 0 && redirectedFrom == 0;
    }

    // --- what the validator reads ---

    /** The type name, once an event has named it; null before. */
    String type() {
        return type;
    }

    /** Live views whose {@code view->obj} is this object. */
    int liveAsObj() {
        return liveAsObj;
    }

    /** Live views counted on this object's export counter (its own, and those of redirects to it). */
    int liveAsCounter() {
        return liveAsCounter;
    }

    /** Whether the counter's baseline is fixed (at its first reading, or after a violation). */
    boolean baselineFixed() {
        return baselineFixed;
    }

    /** Exports on the counter from before tracing (mid-run attach), as far as the log tells. */
    long baseline() {
        return baseline;
    }

    Hold hold() {
        return hold;
    }

    int heldAsBase() {
        return heldAsBase;
    }

    /** As a managed buffer: the memoryviews registered on it (none: empty). */
    Set<ObjectId> reexporters() {
        return reexporters == null ? Set.of() : reexporters;
    }

    ObjectId registeredOn() {
        return registeredOn;
    }

    long releasedAt() {
        return releasedAt;
    }

    boolean droppedBase() {
        return droppedBase;
    }

    int redirectedFrom() {
        return redirectedFrom;
    }

    boolean deallocated() {
        return deallocated;
    }

    // --- what an event changes ---

    /** An event names the type: kept if none was known. */
    void learnType(String name) {
        if (type == null) type = name;
    }

    /** A live view is counted on this counter, with its buffer. */
    void countView(long buf, long len) {
        liveAsCounter++;
        addBuffer(buf, len);
    }

    /** A view counted here was released. */
    void uncountView(long buf) {
        liveAsCounter--;
        removeBuffer(buf);
    }

    /** The baseline is fixed at this value (first reading of the counter). */
    void fixBaseline(long exportsFromBeforeTracing) {
        baselineFixed = true;
        baseline = exportsFromBeforeTracing;
    }

    /** After a violation: the observed counter value is the truth from here on. */
    void reanchor(long observedAfter) {
        fixBaseline(observedAfter - liveAsCounter);
    }

    /** A view from before tracing was released: one export of the baseline less. */
    void releaseBaselineExport() {
        baseline--;
    }

    /** A redirect (this object) counts its views on {@code root}'s counter and holds a reference to it. */
    void redirectTo(ExporterState root) {
        redirectsTo = root.id;
        root.redirectedFrom++;
    }

    /** Whether this object is a redirect to another object's counter. */
    boolean redirects() {
        return redirectsTo != null;
    }

    /** As a managed buffer: it now holds {@code h}'s export of its base. */
    void holds(Hold h) {
        hold = h;
    }

    /** As a managed buffer: it gave up the base export of {@code h}. */
    void gaveUp(Hold h) {
        if (hold == h) hold = null;
        droppedBase = true;
    }

    /** As a base: a holder took an export of it. */
    void heldByHolder() {
        heldAsBase++;
    }

    /** As a base: a holder gave up its export of it. */
    void droppedByHolder() {
        heldAsBase--;
    }

    /** As a managed buffer: a memoryview registered on it. */
    void register(ObjectId reexporter) {
        if (reexporters == null) reexporters = new LinkedHashSet<>(2);
        reexporters.add(reexporter);
    }

    /** As a managed buffer: a memoryview is no longer registered on it. */
    void unregister(ObjectId reexporter) {
        if (reexporters != null) reexporters.remove(reexporter);
    }

    /** As a re-exporter: registered on {@code holder} (again live: not released). */
    void registeredOn(ObjectId holder) {
        registeredOn = holder;
        releasedAt = 0;
    }

    /** As a re-exporter: released, unregistered from its holder on {@code line}. */
    void unregistered(long line) {
        registeredOn = null;
        releasedAt = line;
    }

    /**
     * The object was deallocated: it leaves the holder it was registered on and the root it
     * redirected to ({@code states} gives those, and forgets a root that was only kept for it).
     */
    void deallocate(States states) {
        deallocated = true;
        if (redirectsTo != null) { // a redirect that dies drops its reference to its root
            ExporterState root = states.get(redirectsTo);
            if (root != null) {
                root.redirectedFrom--;
                if (root.deallocated && root.idle()) states.remove(root.id);
            }
            redirectsTo = null;
        }
        if (registeredOn != null) { // a re-exporter that dies is no longer registered anywhere
            ExporterState holder = states.get(registeredOn);
            if (holder != null) holder.unregister(id);
            registeredOn = null;
        }
        unregister(id);
    }
}
