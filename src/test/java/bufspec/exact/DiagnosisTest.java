package bufspec.exact;

import bufspec.gen.BugLogs;
import bufspec.model.Property;
import bufspec.report.JsonRenderer;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Violation;
import bufspec.tlc.BugVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where no step of the correct tla/BufferProtocol.tla matches an event, real TLC names the bug
 * variants whose step does (the trace spec's Diagnosis), with the gloss and the property of the
 * variant's cfg; where none does, or the correct spec's step matches and only the observation
 * rules object, the report says that instead.
 */
class DiagnosisTest {

    private static final Path TLA = Path.of("tla");

    private static FileResult tlc(String file) {
        return new TlcEngine(TlcEngine.Options.defaults(TLA)).validateFile(file);
    }

    private static Violation first(FileResult r) {
        assertFalse(r.violations().isEmpty(), r::toString);
        return r.violations().get(0);
    }

    @Test
    void theVariantTableIsTheBugConfigs() throws IOException {
        Map<String, BugVariant> t = BugVariant.load(TLA);
        // every variant BufferProtocol.tla's Bugs names has its cfg, and no other
        Matcher m = Pattern.compile("Bugs == \\{([^}]*)\\}").matcher(Files.readString(TLA.resolve("BufferProtocol.tla")));
        assertTrue(m.find());
        Set<String> bugs = new TreeSet<>();
        Matcher w = Pattern.compile("\"(\\w+)\"").matcher(m.group(1));
        while (w.find()) if (!w.group(1).equals("none")) bugs.add(w.group(1));
        assertEquals(bugs, new TreeSet<>(t.keySet()));
        BugVariant r = t.get("ReleaseDecrefsObj");
        assertEquals("bf_releasebuffer decrefs view->obj", r.gloss());
        assertEquals(Property.RefCountCoversReferences, r.property());
        assertEquals("GetbufferNoIncref (getbuffer sets view->obj but forgets Py_INCREF)", t.get("GetbufferNoIncref").named());
        for (BugVariant v : t.values()) {
            assertFalse(v.gloss().equals(v.name()) || v.gloss().contains("(") || v.gloss().contains(")"), v::toString);
        }
    }

    @Test
    void theExamplesOfVisibleBugsAreNamedByTheirVariant() {
        for (var c : List.of(
                List.of("bug-ReleaseDecrefsObj", "3", "ReleaseDecrefsObj (bf_releasebuffer decrefs view->obj): RefCountCoversReferences"),
                List.of("bug-GetbufferNoIncref", "2", "GetbufferNoIncref (getbuffer sets view->obj but forgets Py_INCREF): RefCountCoversReferences"),
                List.of("bug-ResizeWhileExported", "3", "ResizeWhileExported (resize does not check the export counter: live views point at moved memory): NoDanglingView"),
                List.of("bug-FailedAcquireCounts", "2", "FailedAcquireCounts (getbuffer counts the export before its check fails and returns -1 without undoing it): FailedAcquireLeavesNoTrace"),
                // the drop of a managed buffer's base while its memoryview has an export
                List.of("bug-ReExporterReleasesBase", "6", "ReExporterReleasesBase (a memoryview-like re-exporter releases its base export while it still has exports of its own): ReExporterHoldsBase"))) {
            FileResult r = tlc("traces/examples/" + c.get(0) + ".ndjson");
            Violation v = first(r);
            assertEquals(Long.parseLong(c.get(1)), v.line(), r::toString);
            assertTrue(v.explanation().startsWith("line " + c.get(1) + " is the behaviour of " + c.get(2) + " "),
                    () -> c.get(0) + ": " + v.explanation());
        }
    }

    @Test
    void theTracersBrokenExportersAreNamedOnEveryVersion() throws IOException {
        // real CPython runs of the tracer's broken C exporters (traces/corpus/cpython-3.X/)
        Map<String, BugVariant> t = BugVariant.load(TLA);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(Path.of("traces/corpus"))) {
            dirs = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("cpython-")).sorted().toList();
        }
        assertTrue(dirs.size() >= 3, dirs::toString);
        Map<String, String> namedBy = new java.util.LinkedHashMap<>();
        for (String v : List.of("ReleaseDecrefsObj", "GetbufferNoIncref", "ResizeWhileExported", "FailedAcquireSetsObj",
                "ReExporterReleasesBase")) namedBy.put(v, v);
        // the exporter of that name returns 0 with view->obj NULL after counting: that is the
        // behaviour of GetbufferIgnoresFillInfoError (python/cpython#126980), not a failure
        namedBy.put("FailedAcquireCounts", "GetbufferIgnoresFillInfoError");
        for (Path d : dirs) {
            for (var e : namedBy.entrySet()) {
                Path log = d.resolve("broken-" + e.getKey() + ".ndjson.gz");
                Violation v = first(tlc(log.toString()));
                BugVariant b = t.get(e.getValue());
                assertTrue(v.explanation().startsWith(String.format("line %,d is the behaviour of %s: %s ", v.line(),
                        b.named(), b.property().name())), () -> log + ": " + v.explanation());
            }
        }
    }

    @Test
    void whereNoVariantHasTheStepTheReportSaysSo() {
        // hand-written: view->obj set by a failed acquire without a reference; the variant
        // FailedAcquireSetsObj takes one (rc + 1), so its step does not match this log either
        Violation v = first(tlc("traces/examples/bug-FailedAcquireSetsObj.ndjson"));
        assertTrue(v.explanation().startsWith("line 2: TLC: no step of tla/BufferProtocol.tla matches this event,"
                + " nor a step of any of its bug variants"), v.explanation());
        // a second release: the consumer's bookkeeping (which struct holds the view) is not in a log
        v = first(tlc("traces/examples/bug-ReleaseAfterFailedAcquire.ndjson"));
        assertTrue(v.explanation().contains("nor a step of any of its bug variants"), v.explanation());
        // what bf_releasebuffer found is not in the log: the correct spec's release matches
        v = first(tlc("traces/examples/bug-TrackByViewAddress.ndjson"));
        assertTrue(v.explanation().startsWith("line 3: TLC: the correct tla/BufferProtocol.tla has a step for this event;"
                + " what the log shows beyond it breaks ReleaseSeesOwnInternal"), v.explanation());
        // after the model layer stopped (the second property of a log) nothing is diagnosed
        FileResult r = tlc("traces/examples/bug-FailedAcquireCounts.ndjson");
        assertEquals(Property.ExportCountsReturnToZero, r.violations().get(1).property(), r::toString);
        assertTrue(r.violations().get(1).explanation().startsWith("TLC: invariant ExportCountsReturnToZero"), r::toString);
    }

    @Test
    void logsSimulatedFromABugVariantAreNamedByIt(@TempDir Path tmp) throws Exception {
        // real TLC simulation of the variant (tla/bugs/MCBugFailedAcquireSetsObj.cfg) rendered as a
        // log: the refused acquire sets view->obj and takes a reference
        for (String bug : List.of("FailedAcquireSetsObj", "ReleaseDecrefsObj")) {
            var b = BugLogs.simulate(TLA, TLA.resolve("bugs/MCBug" + bug + ".cfg"), 5000, 40, 1);
            assertTrue(b.log().isPresent(), () -> bug + ": " + b.skipped());
            Path log = tmp.resolve(bug + ".ndjson");
            Files.write(log, b.log().get().lines());
            FileResult r = tlc(log.toString());
            Violation v = first(r);
            BugVariant variant = BugVariant.load(TLA).get(bug);
            assertTrue(v.explanation().startsWith(String.format("line %,d is the behaviour of %s: %s ", v.line(),
                    variant.named(), variant.property().name())), () -> bug + ": " + v.explanation());
            // and in the JSON report
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new JsonRenderer().render(new ValidationResult(TlcEngine.ENGINE, List.of(r)), out);
            String json = out.toString(StandardCharsets.UTF_8);
            assertTrue(json.contains("is the behaviour of " + variant.named().replace("\"", "\\\"")), json);
        }
    }

    @Test
    void anEventNoCorrectStepMatchesIsDiagnosedToo(@TempDir Path tmp) throws IOException {
        // a BufferProtocol whose correct bf_releasebuffer takes a reference (a release leaves rc
        // as it was) and whose FreeOnEveryRelease does not: valid-basic's releases match no
        // correct step while the observation rules accept them (the step Unmatched), and
        // FreeOnEveryRelease's does
        Path tla = tmp.resolve("tla");
        Files.createDirectories(tla.resolve("bugs"));
        try (Stream<Path> s = Files.list(TLA)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) Files.copy(p, tla.resolve(p.getFileName()));
        }
        try (Stream<Path> s = Files.list(TLA.resolve("bugs"))) {
            for (Path p : s.toList()) Files.copy(p, tla.resolve("bugs").resolve(p.getFileName()));
        }
        Path spec = tla.resolve("BufferProtocol.tla");
        String text = Files.readString(spec);
        String decref = "rc      |-> IF Bug = \"ReleaseDecrefsObj\" THEN RcAdd(rc, o, -1) ELSE rc]";
        assertTrue(text.contains(decref), "BufferProtocol.tla's ReleaseCallReleaseBuffer changed; update this test");
        Files.writeString(spec, text.replace(decref,
                "rc      |-> IF Bug = \"FreeOnEveryRelease\" THEN rc ELSE RcAdd(rc, o, 1)]"));
        FileResult r = new TlcEngine(TlcEngine.Options.defaults(tla)).validateFile("traces/examples/valid-basic.ndjson");
        assertTrue(r.violations().isEmpty(), r::toString);
        assertTrue(r.errorCount() > 0, r::toString);
        String found = r.errors().get(0).found();
        assertTrue(found.startsWith("no step matches (EventMatched): release "), found);
        assertTrue(found.contains("; line " + r.errors().get(0).line() + " is the behaviour of FreeOnEveryRelease ("
                + BugVariant.load(tla).get("FreeOnEveryRelease").gloss() + "): NoDanglingView "), found);
    }

    @Test
    void aDropWithoutAHoldIsOnlyBookkeeping(@TempDir Path tmp) throws IOException {
        // found by ConformanceTest (valid-memoryview-single.ndjson, two lines swapped, shrunk):
        // the drop's guard (ReExportReleaseBase enabled) is for a re-exporter holding its base
        Path log = tmp.resolve("only-drop.ndjson");
        Files.write(log, List.of(
                "{\"kind\":\"header\",\"format\":\"bufspec-trace\",\"version\":1,\"producer\":\"hand-written\",\"python\":\"3.11.7\",\"pid\":4242,\"start\":\"2026-11-21T12:00:00Z\",\"argv\":[\"example.py\"],\"attached\":\"start\"}",
                "{\"seq\":1,\"tid\":1,\"kind\":\"chain\",\"op\":\"drop\",\"holder\":\"0x7f0000001400#0\",\"view\":\"0x7f0000001440\",\"base\":\"0x7f0000001000#0\"}"));
        FileResult r = tlc(log.toString());
        assertEquals(0, r.errorCount(), r::toString);
        assertTrue(r.violations().isEmpty(), r::toString);
    }

    @Test
    void coverageCountsTheEventsNotMatchedPerReason() {
        FileResult ok = tlc("traces/examples/valid-basic.ndjson");
        String note = ok.notes().stream().filter(n -> n.startsWith("judged by TLC")).findFirst().orElseThrow();
        // every event but the header, once (each of the log's two slices has the footer)
        long events = LoadedLog.read("traces/examples/valid-basic.ndjson", false, 1 << 20).events().stream()
                .filter(e -> !(e instanceof bufspec.trace.Header)).count();
        assertEquals(8, events);
        assertTrue(note.contains(String.format("%,d of %,d events (100.0 %%) matched", events, events)), note);
        assertFalse(note.contains("not matched"), note);

        note = tlc("traces/examples/bug-ReleaseDecrefsObj.ndjson").notes().stream()
                .filter(n -> n.startsWith("judged by TLC")).findFirst().orElseThrow();
        // acquire matched; the release (where the model layer stops) and the footer not
        assertTrue(note.contains("1 of 3 events (33.3 %) matched"), note);
        assertTrue(note.contains("not matched, per reason: " + TlcEngine.Coverage.AFTER_VIOLATION + " 2"), note);

        note = tlc("traces/examples/valid-midrun.ndjson").notes().stream()
                .filter(n -> n.startsWith("judged by TLC")).findFirst().orElseThrow();
        assertTrue(note.contains("; not matched, per reason: " + ModelMapping.Gap.MIDRUN.label + " "), note);
        assertTrue(note.contains(" events (0.0 %) matched"), note);
    }
}
