package bufspec.replay;

import bufspec.bench.ReplayLogGenerator;
import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.Verdict;
import bufspec.result.Violation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules beyond the example files: multisets of copies, quirks, mid-run attach, reports. */
class ReplayRulesTest {

    /** Builds small logs: bytearray-like exporters E{n} = 0x1n00#0, structs S{n} = 0x7ffd0n00. */
    static final class Log {
        final List<String> lines = new ArrayList<>();
        long seq;

        Log(String attached) {
            lines.add("{\"kind\":\"header\",\"format\":\"bufspec-trace\",\"version\":1,\"attached\":\"" + attached + "\"}");
        }

        Log acquire(String type, int e, int s, String buf, long len, long[] rc, long[] exports) {
            return add("acquire", "\"exporter\":\"" + id(e) + "\",\"type\":\"" + type + "\",\"view\":\"" + st(s)
                    + "\",\"flags\":0,\"ok\":true,\"error\":null,\"obj_before\":null,\"obj\":\"" + id(e) + "\",\"buf\":\""
                    + buf + "\",\"len\":" + len + ",\"shape\":null,\"strides\":null,\"suboffsets\":null,\"internal\":null"
                    + counts(e, rc, exports));
        }

        Log release(String type, int e, int s, String buf, long len, long[] rc, long[] exports) {
            return add("release", "\"exporter\":\"" + id(e) + "\",\"type\":\"" + type + "\",\"view\":\"" + st(s)
                    + "\",\"buf\":\"" + buf + "\",\"len\":" + len + ",\"shape\":null,\"strides\":null,\"suboffsets\":null,"
                    + "\"internal\":null,\"has_releasebuffer\":true" + counts(e, rc, exports));
        }

        Log add(String kind, String fields) {
            seq++;
            lines.add("{\"seq\":" + seq + ",\"tid\":1,\"kind\":\"" + kind + "\"," + fields + "}");
            return this;
        }

        Log footer(boolean finalized) {
            return add("footer", "\"events\":" + seq + ",\"finalized\":" + finalized);
        }

        FileResult run() {
            String text = String.join("\n", lines) + "\n";
            return new Replay(Replay.Options.defaults()).validateStream("t.ndjson",
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }

        static String id(int e) {
            return "0x1" + e + "00#0";
        }

        static String st(int s) {
            return "0x7ffd0" + s + "00";
        }

        static String counts(int e, long[] rc, long[] exports) {
            return (rc == null ? "" : ",\"rc\":[" + rc[0] + "," + rc[1] + "]")
                    + (exports == null ? "" : ",\"counter\":\"" + id(e) + "\",\"exports\":[" + exports[0] + "," + exports[1] + "]");
        }
    }

    static long[] p(long a, long b) {
        return new long[] {a, b};
    }

    static Set<Property> violated(FileResult r) {
        return r.violationCounts().keySet();
    }

    @Test
    void identicalViewsAreAMultisetReleasedThroughAnyCopy() {
        Log g = new Log("start");
        for (int i = 1; i <= 3; i++) g.acquire("array.array", 1, i, "0x9000", 8, p(i, i + 1), p(i - 1, i));
        // released through three copies at other addresses, in any order: all fine
        g.release("array.array", 1, 7, "0x9000", 8, p(4, 4), p(3, 2));
        g.release("array.array", 1, 2, "0x9000", 8, p(3, 3), p(2, 1));
        g.release("array.array", 1, 8, "0x9000", 8, p(2, 2), p(1, 0));
        FileResult ok = g.footer(true).run();
        assertEquals(Set.of(), violated(ok), () -> ok.violations().toString());
        assertEquals(Verdict.HOLDS, ok.verdicts().get(Property.ReleasedAtMostOnce));

        // a fourth release of the same contents is one too many
        g.lines.remove(g.lines.size() - 1);
        g.seq--;
        g.release("array.array", 1, 1, "0x9000", 8, p(1, 1), p(0, -1));
        FileResult bad = g.footer(false).run();
        assertEquals(Set.of(Property.ReleasedAtMostOnce), violated(bad), () -> bad.violations().toString());
        assertTrue(bad.violations().get(0).explanation().startsWith("double release"));
    }

    @Test
    void manyLiveViewsOnOneObjectAreIndexed() {
        // past 16 live views an exporter's views move from a scanned list to an index by contents
        Log g = new Log("start");
        for (int i = 0; i < 40; i++) g.acquire("bytes", 1, i % 10, "0x9000", 0, p(1 + i, 2 + i), null);
        for (int i = 0; i < 40; i++) g.release("bytes", 1, 5, "0x9000", 0, p(41 - i, 41 - i), null);
        FileResult ok = g.footer(true).run();
        assertEquals(Set.of(), violated(ok), () -> ok.violations().toString());
        assertEquals(0, ok.stats().viewsLiveAtEnd());
        g.lines.remove(g.lines.size() - 1);
        g.seq--;
        g.release("bytes", 1, 5, "0x9000", 0, p(1, 1), null);
        FileResult bad = g.footer(true).run();
        assertEquals(Set.of(Property.ReleasedAtMostOnce), violated(bad), () -> bad.violations().toString());
    }

    @Test
    void bytearrayMayShowUntracedInternalExportsOtherTypesMayNot() {
        FileResult ba = new Log("start").acquire("bytearray", 1, 1, "0x9000", 8, p(1, 2), p(1, 2))
                .release("bytearray", 1, 1, "0x9000", 8, p(2, 2), p(1, 0)).footer(false).run();
        assertEquals(Set.of(), violated(ba), () -> ba.violations().toString());
        assertEquals(1, ba.stats().toleratedCounterExcess());
        assertTrue(ba.notes().stream().anyMatch(n -> n.contains("tolerated")));

        FileResult arr = new Log("start").acquire("array.array", 1, 1, "0x9000", 8, p(1, 2), p(1, 2))
                .footer(false).run();
        assertEquals(Set.of(Property.ExportCountMatchesViews), violated(arr));

        // below the live views is never tolerated
        FileResult low = new Log("start").acquire("bytearray", 1, 1, "0x9000", 8, p(1, 2), p(0, 1))
                .acquire("bytearray", 1, 2, "0x9000", 8, p(2, 3), p(0, 1)).footer(false).run();
        assertEquals(Set.of(Property.ExportCountMatchesViews), violated(low));
    }

    @Test
    void severalBuffersAreExemptOnlyForTheListedTypes() {
        for (String type : List.of("ndarray", "array.array")) {
            FileResult r = new Log("start").acquire(type, 1, 1, "0x9000", 8, p(1, 2), null)
                    .acquire(type, 1, 2, "0xa000", 8, p(2, 3), null).footer(false).run();
            Set<Property> expected = type.equals("ndarray") ? Set.of() : Set.of(Property.NoDanglingView);
            assertEquals(expected, violated(r), type);
        }
        // overlapping buffers (a longer view of the same memory) are fine for anyone
        FileResult overlap = new Log("start").acquire("array.array", 1, 1, "0x9000", 16, p(1, 2), null)
                .acquire("array.array", 1, 2, "0x9008", 16, p(2, 3), null).footer(false).run();
        assertEquals(Set.of(), violated(overlap));
    }

    @Test
    void aResizeThatKeepsTheBufferInPlaceMovesNothing() {
        String inPlace = "\"exporter\":\"" + Log.id(1) + "\",\"type\":\"bytearray\",\"op\":\"setitem\",\"ok\":true,"
                + "\"exports\":1,\"buf\":[\"0x9000\",\"0x9000\"]";
        FileResult same = new Log("start").acquire("bytearray", 1, 1, "0x9000", 8, p(1, 2), p(0, 1))
                .add("resize", inPlace).footer(false).run();
        assertEquals(Set.of(), violated(same));
        FileResult moved = new Log("start").acquire("bytearray", 1, 1, "0x9000", 8, p(1, 2), p(0, 1))
                .add("resize", inPlace.replace("[\"0x9000\",\"0x9000\"]", "[\"0x9000\",\"0xa000\"]")).footer(false).run();
        assertEquals(Set.of(Property.NoDanglingView), violated(moved));
        FileResult unknown = new Log("start").acquire("bytearray", 1, 1, "0x9000", 8, p(1, 2), p(0, 1))
                .add("resize", inPlace.replace(",\"buf\":[\"0x9000\",\"0x9000\"]", "")).footer(false).run();
        assertEquals(Set.of(Property.NoDanglingView), violated(unknown), "without buf a move cannot be ruled out");
    }

    @Test
    void midrunReleasesOfUnknownViewsAreCountedNotViolations() {
        FileResult r = new Log("midrun").release("array.array", 1, 1, "0x9000", 8, p(2, 2), p(2, 1))
                .release("array.array", 1, 2, "0x9000", 8, p(2, 2), p(1, 0)).footer(true).run();
        assertEquals(Set.of(), violated(r), () -> r.violations().toString());
        assertEquals(2, r.stats().releasesBeforeTracing());
        // once the counter shows no export from before tracing, another unknown release is one too many
        FileResult bad = new Log("midrun").release("array.array", 1, 1, "0x9000", 8, p(2, 2), p(1, 0))
                .release("array.array", 1, 2, "0x9000", 8, p(2, 2), p(0, -1)).footer(false).run();
        assertTrue(violated(bad).contains(Property.ReleasedAtMostOnce), () -> bad.violations().toString());
    }

    @Test
    void aManagedBufferDeallocatedWithRegisteredMemoryviewsIsReferenced() {
        FileResult r = new Log("start")
                .add("chain", "\"op\":\"register\",\"holder\":\"0x1400#0\",\"reexporter\":\"0x1500#0\"")
                .add("dealloc", "\"object\":\"0x1400#0\",\"type\":\"managedbuffer\"").footer(false).run();
        assertEquals(Set.of(Property.NoDeallocWhileReferenced), violated(r));
        assertTrue(r.violations().get(0).explanation().contains("memoryview(s) are still registered"));
    }

    @Test
    void firstViolationInFullLaterOnesCountedWithABoundedHistory() {
        Log g = new Log("start");
        for (int i = 1; i <= 12; i++) {
            g.acquire("array.array", 1, 1, "0x9000", 8, p(2, 2), p(0, 1)); // no incref, every time
            g.release("array.array", 1, 1, "0x9000", 8, p(2, 2), p(1, 0));
        }
        FileResult r = g.footer(false).run();
        assertEquals(Set.of(Property.RefCountCoversReferences), violated(r));
        assertEquals(12L, r.violationCounts().get(Property.RefCountCoversReferences));
        assertEquals(1, r.violations().size());
        Violation v = r.violations().get(0);
        assertEquals(2, v.line());
        assertEquals("getbuffer did not take a reference on view->obj: refcount 2 -> 2 (a successful acquire must add exactly one)",
                v.explanation());
        assertTrue(v.history().isEmpty(), "nothing came before the first event");
    }

    /**
     * CPython 3.12+ immortals (b"", one-byte bytes): the count does not move with references, and
     * from 3.14 it reads 3<<30 plus flag bits. With {@code immortal: true} rc is not judged; the
     * same counts on a mortal exporter are still a violation.
     */
    @Test
    void anImmortalExportersStillCountIsNotABug() {
        long imm = 3L << 30;
        Log mortal = new Log("start").acquire("bytes", 1, 1, "0x9000", 1, p(imm, imm), null)
                .release("bytes", 1, 1, "0x9000", 1, p(imm, imm), null);
        assertEquals(Set.of(Property.RefCountCoversReferences), violated(mortal.footer(true).run()));
        Log immortal = new Log("start");
        immortal.lines.add(mortal.lines.get(1).replace("\"rc\":", "\"immortal\":true,\"rc\":"));
        immortal.lines.add(mortal.lines.get(2).replace("\"rc\":", "\"immortal\":true,\"rc\":"));
        immortal.seq = 2;
        FileResult r = immortal.footer(true).run();
        assertEquals(Set.of(), violated(r), () -> r.violations().toString());
        assertEquals(0, r.errorCount(), () -> r.errors().toString());
    }

    /**
     * PEP 688 classes as the real logs show them (src/tracer/workloads/real.py pep688, CPython
     * 3.13-3.15): the class's acquire is memoryview(self.data)'s master of the bytearray, then the
     * acquire of that memoryview (slot_bf_getbuffer), released through the hidden _buffer_wrapper
     * (bufferwrapper_releasebuf: the memoryview's release, then __release_buffer__ releases it and
     * the master goes back to the bytearray). The model (tla/MCBufferProtocolPep688.cfg) finds no
     * violation for such a class, and neither does the validator.
     */
    @Test
    void realPep688LogsAreValidAsTheModelSays() {
        for (String v : List.of("3.13", "3.14", "3.15")) {
            String f = java.nio.file.Path.of(System.getProperty("bufspec.root", ".")).resolve("traces/corpus/cpython-" + v + "/real-pep688.ndjson.gz").toString();
            FileResult r = new Replay(Replay.Options.defaults()).validateFile(f);
            assertEquals(Set.of(), violated(r), () -> f + ": " + r.violations());
            assertEquals(0, r.errorCount(), () -> f + ": " + r.errors());
        }
    }

    /**
     * WrapperCallsInheritedRelease (gh-104223, before PR #104227): bufferwrapper_releasebuf also
     * calls the class's inherited C bf_releasebuffer, so bytearray_releasebuffer runs twice for
     * the one export the memoryview's managed buffer holds. In the model both calls are one step
     * (ReleaseBufferWrapper), whose first violation is ExportCountMatchesViews
     * (tla/bugs/MCBugWrapperCallsInheritedRelease.cfg). A log shows the two calls as two release
     * events of the same contents: the first reads as a release through a copy, the second, the
     * managed buffer's release of its master, as the double release it is (ReleasedAtMostOnce),
     * with the counter at -1.
     */
    @Test
    void aWrapperThatAlsoCallsTheInheritedReleaseIsADoubleRelease() {
        String hold = "\"op\":\"hold\",\"holder\":\"0x8100#0\",\"holder_type\":\"managedbuffer\","
                + "\"view\":\"" + Log.st(1) + "\",\"base\":\"" + Log.id(1) + "\"";
        String drop = "\"op\":\"drop\",\"holder\":\"0x8100#0\",\"view\":\"" + Log.st(1) + "\",\"base\":\"" + Log.id(1) + "\"";
        FileResult r = new Log("start")
                .acquire("Z", 1, 1, "0x9000", 8, p(2, 3), p(0, 1)).add("chain", hold)
                .acquire("memoryview", 2, 2, "0x9000", 8, p(1, 2), p(0, 1))
                // the wrapper's extra call of the inherited bytearray_releasebuffer, with the consumer's struct
                .release("Z", 1, 2, "0x9000", 8, p(3, 3), p(1, 0))
                .release("memoryview", 2, 2, "0x9000", 8, p(2, 2), p(1, 0))
                .add("chain", drop)
                .release("Z", 1, 1, "0x9000", 8, p(3, 3), p(0, -1)).footer(false).run();
        assertEquals(Set.of(Property.ReleasedAtMostOnce), violated(r), () -> r.violations().toString());
        assertEquals(8, r.violations().get(0).line(), "the managed buffer's release of its master");
    }

    /** CPython 3.13+: the footer counts the acquires the tracer left out; the report says so. */
    @Test
    void unseenAcquiresInTheFooterBecomeANote() {
        Log g = new Log("start").acquire("array.array", 1, 1, "0x9000", 8, p(1, 2), p(0, 1))
                .release("array.array", 1, 1, "0x9000", 8, p(2, 2), p(1, 0));
        g.add("footer", "\"events\":2,\"finalized\":true,\"unseen_acquires\":7");
        FileResult r = g.run();
        assertEquals(Set.of(), violated(r));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("the tracer left out 7 acquire(s)")), r.notes()::toString);
        FileResult none = new Log("start").footer(true).run();
        assertTrue(none.notes().stream().noneMatch(n -> n.contains("left out")), none.notes()::toString);
    }

    @Test
    void verdictsSayWhatALogCanAndCannotShow() {
        FileResult r = new Log("start").acquire("array.array", 1, 1, "0x9000", 8, p(1, 2), p(0, 1))
                .release("array.array", 1, 1, "0x9000", 8, p(2, 2), p(1, 0)).footer(false).run();
        assertEquals(Verdict.NOT_OBSERVABLE, r.verdicts().get(Property.TypeOK));
        assertEquals(Verdict.NOT_OBSERVABLE, r.verdicts().get(Property.DroppedExportersDeallocated));
        assertEquals(Verdict.NOT_EXERCISED, r.verdicts().get(Property.ReExporterHoldsBase));
        assertEquals(Verdict.NOT_EXERCISED, r.verdicts().get(Property.EveryViewReleased), "footer before finalization");
        assertEquals(Verdict.HOLDS, r.verdicts().get(Property.ExportCountMatchesViews));
        assertEquals(Verdict.HOLDS, r.verdicts().get(Property.RefCountCoversReferences));
    }

    @Test
    void openViewsAreLeaksOnlyAfterFinalization() {
        Log g = new Log("start").acquire("array.array", 1, 1, "0x9000", 8, p(1, 2), null);
        assertEquals(Set.of(), violated(g.footer(false).run()));
        g.lines.remove(g.lines.size() - 1);
        g.seq--;
        assertEquals(Set.of(Property.EveryViewReleased), violated(g.footer(true).run()));
    }

    @Test
    void theBenchmarkGeneratorWritesAValidLogThatExercisesTheRules() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = new ReplayLogGenerator(7).write(out, 100_000);
        FileResult r = new Replay(Replay.Options.defaults()).validateStream("gen.ndjson",
                new ByteArrayInputStream(out.toByteArray()));
        assertEquals(0, r.errorCount(), () -> r.errors().toString());
        assertEquals(Set.of(), violated(r), () -> r.violations().toString());
        assertEquals(n, r.stats().events());
        for (Property p : List.of(Property.ExportCountMatchesViews, Property.NoDanglingView, Property.NoDeallocWhileReferenced,
                Property.RefCountCoversReferences, Property.FailedAcquireLeavesNoTrace, Property.ReleaseSeesOwnInternal,
                Property.ReleasedAtMostOnce, Property.ReExporterHoldsBase, Property.EveryViewReleased,
                Property.ExportCountsReturnToZero)) {
            assertEquals(Verdict.HOLDS, r.verdicts().get(p), p.name());
        }
    }

    /** Found by conformance on generated logs: a hold repeated for the same struct holds one export. */
    @Test
    void aRepeatedHoldOfOneStructCountsOnce() {
        String hold = "\"op\":\"hold\",\"holder\":\"0x8100#0\",\"holder_type\":\"managedbuffer\","
                + "\"view\":\"0x8140\",\"base\":\"" + Log.id(1) + "\"";
        FileResult r = new Log("start").add("chain", hold).add("chain", hold)
                .add("chain", "\"op\":\"drop\",\"holder\":\"0x8100#0\",\"view\":\"0x8140\",\"base\":\"" + Log.id(1) + "\"")
                .add("dealloc", "\"object\":\"" + Log.id(1) + "\",\"type\":\"bytearray\"").footer(true).run();
        assertTrue(r.violations().isEmpty(), r.violations().toString());
    }

    @Test
    void memoryFreedUnderALiveViewIsDanglingAtTheFreedLine() {
        String freed = "\"call\":\"PyMem_Realloc\",\"block\":\"0x9000\",\"size\":64,\"new\":\"0xa000\",\"new_size\":4096,"
                + "\"views\":[{\"view\":\"" + Log.st(1) + "\",\"obj\":\"" + Log.id(1) + "\",\"field\":\"buf\"}],"
                + "\"stack\":[\"w.py:7 grow\"]";
        FileResult under = new Log("start").acquire("Grow", 1, 1, "0x9000", 64, p(1, 2), null)
                .add("freed", freed).release("Grow", 1, 1, "0x9000", 64, p(2, 2), null).footer(true).run();
        assertEquals(Set.of(Property.NoDanglingView), violated(under));
        Violation v = under.violations().get(0);
        assertEquals(3, v.line(), "reported at the freed event's line");
        assertTrue(v.explanation().contains("PyMem_Realloc: the block 0x9000 (64 bytes) under the buf of the live view"
                + " acquired on line 2") && v.explanation().contains("moved to 0xa000")
                && v.explanation().contains("w.py:7 grow"), v.explanation());
        assertTrue(v.history().size() == 1 && v.history().get(0).event().contains("acquire ok Grow"), v.history().toString());
        // the validator saw the view released already (the tracer's copy did not): no violation
        FileResult after = new Log("start").acquire("Grow", 1, 1, "0x9000", 64, p(1, 2), null)
                .release("Grow", 1, 1, "0x9000", 64, p(2, 2), null).add("freed", freed).footer(true).run();
        assertEquals(Set.of(), violated(after));
        assertEquals(Verdict.HOLDS, after.verdicts().get(Property.NoDanglingView));
    }
}
