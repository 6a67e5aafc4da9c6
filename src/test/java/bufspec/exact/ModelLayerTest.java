package bufspec.exact;

import bufspec.result.FileResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLC engine judges logs by tla/BufferProtocol.tla itself (the model layer of
 * tla/TraceBufferProtocol.tla), not only by the observation rules: which example slices the model
 * layer follows, and that changing one action of BufferProtocol.tla changes the engine's verdict.
 */
class ModelLayerTest {

    private static LoadedLog load(String example) {
        return LoadedLog.read("traces/examples/" + example, false, bufspec.trace.TraceReader.DEFAULT_MAX_LINE_BYTES);
    }

    private static boolean covered(String example) {
        LoadedLog log = load(example);
        return Slicer.slice(log.events()).stream().allMatch(s -> ModelMapping.covers(s.events(), log.midrun()));
    }

    private static java.util.Set<ModelMapping.Gap> gaps(String example) {
        LoadedLog log = load(example);
        java.util.Set<ModelMapping.Gap> out = java.util.EnumSet.noneOf(ModelMapping.Gap.class);
        for (Slice s : Slicer.slice(log.events())) {
            ModelMapping.Gap g = ModelMapping.gapOf(s.events(), log.midrun());
            if (g != null) out.add(g);
        }
        return out;
    }

    @Test
    void theModelLayerFollowsPlainRedirectAndMemoryviewLogs() {
        for (String e : List.of("valid-basic.ndjson", "valid-copies.ndjson", "valid-redirect-bytesio.ndjson",
                "valid-memoryview-single.ndjson", "valid-address-reuse.ndjson", "valid-threads.ndjson",
                // two memoryviews on one managed buffer: one re-exporter of the model
                "valid-memoryview-chain.ndjson",
                // a memoryview never exported is never registered: its managed buffer outlives the
                // one that is; the master's release is the one through the master's struct, not a
                // consumer's release of the base over the same memory before it
                "valid-memoryview-unexported-sibling.ndjson")) {
            assertTrue(covered(e), e);
        }
        // mid-run: the model starts from fresh objects
        assertEquals(java.util.Set.of(ModelMapping.Gap.MIDRUN), gaps("valid-midrun.ndjson"));
        // a managed buffer whose base the log does not show (hold with base null)
        assertEquals(java.util.Set.of(ModelMapping.Gap.MANAGED_BUFFER), gaps("valid-tracer-style-fields.ndjson"));
    }

    @Test
    void memoryviewsOverRawMemoryAreBufferProtocolsMemoryviews() {
        // PyMemoryView_FromMemory's managed buffer (no hold: master.obj is NULL) with two
        // memoryviews, the second's dealloc written after its managed buffer's (nested dealloc):
        // every event matched by BufferProtocol's own actions (MemoryviewFromMemory, MemviewRegister,
        // Acquire, Release, MemviewRelease, OwnerDrop, Dealloc)
        String file = "src/test/resources/exact/memoryview-from-memory.ndjson";
        LoadedLog log = LoadedLog.read(file, false, bufspec.trace.TraceReader.DEFAULT_MAX_LINE_BYTES);
        List<Slice> slices = Slicer.slice(log.events());
        assertEquals(1, slices.size());
        ModelMapping.Chains chains = ModelMapping.chains(slices.get(0).events());
        assertEquals(1, chains.raw().size(), chains::toString);
        assertEquals(2, chains.rawOf().size(), chains::toString);
        assertTrue(chains.modelOf().isEmpty(), chains::toString);
        assertTrue(ModelMapping.covers(slices.get(0).events(), false));
        FileResult tlc = new TlcEngine(TlcEngine.Options.defaults(Path.of("tla"))).validate(log);
        assertEquals(0, tlc.errorCount(), tlc::toString);
        assertTrue(tlc.violations().isEmpty(), tlc::toString);
        assertTrue(tlc.notes().stream().anyMatch(n -> n.contains("12 of 12 events (100.0 %) matched")), tlc::toString);

        // a sibling whose registration the tracer writes at its first export, after the last
        // memoryview on the managed buffer was released: MemviewRegister is not enabled any more
        assertEquals(java.util.Set.of(ModelMapping.Gap.RAW_ORDER),
                gapsOf("src/test/resources/exact/memoryview-from-memory-late-sibling.ndjson"));
    }

    private static java.util.Set<ModelMapping.Gap> gapsOf(String file) {
        LoadedLog log = LoadedLog.read(file, false, bufspec.trace.TraceReader.DEFAULT_MAX_LINE_BYTES);
        java.util.Set<ModelMapping.Gap> out = java.util.EnumSet.noneOf(ModelMapping.Gap.class);
        for (Slice s : Slicer.slice(log.events())) {
            ModelMapping.Gap g = ModelMapping.gapOf(s.events(), log.midrun());
            if (g != null) out.add(g);
        }
        return out;
    }

    @Test
    void whatAMemoryviewShowsIsAFactOfItsManagedBuffer() {
        // found by conform (GENBufferProtocolCopies.cfg, seed 13: a mutant with two lines
        // swapped, shrunk): a memoryview refuses before its managed buffer's hold is logged; the
        // refusal makes its model object, the managed buffer, a type that refuses
        String file = "src/test/resources/exact/memoryview-refused-before-hold.ndjson";
        LoadedLog log = LoadedLog.read(file, false, bufspec.trace.TraceReader.DEFAULT_MAX_LINE_BYTES);
        assertTrue(Slicer.slice(log.events()).stream().allMatch(s -> ModelMapping.covers(s.events(), false)));
        FileResult tlc = new TlcEngine(TlcEngine.Options.defaults(Path.of("tla"))).validate(log);
        FileResult replay = new bufspec.replay.Replay(bufspec.replay.Replay.Options.defaults()).validateFile(file);
        assertEquals(0, tlc.errorCount(), tlc::toString);
        assertTrue(Agreement.of(replay, tlc).agrees(), () -> Agreement.of(replay, tlc).toString());
    }

    @Test
    void theVerdictDependsOnBufferProtocolItself(@TempDir Path tmp) throws IOException {
        Path tla = tmp.resolve("tla");
        Files.createDirectories(tla);
        try (Stream<Path> s = Files.list(Path.of("tla"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) Files.copy(p, tla.resolve(p.getFileName()));
        }
        LoadedLog log = load("valid-basic.ndjson");
        FileResult ok = new TlcEngine(TlcEngine.Options.defaults(tla)).validate(log);
        assertEquals(0, ok.errorCount(), ok::toString);
        assertTrue(ok.violations().isEmpty(), ok::toString);

        // a BufferProtocol whose getbuffer takes no reference: the log's rc +1 matches no step
        Path spec = tla.resolve("BufferProtocol.tla");
        String text = Files.readString(spec);
        String incref = "AcquireSetObj(e) == IF Bug = \"GetbufferNoIncref\" THEN rc ELSE RcAdd(rc, e, 1)";
        assertTrue(text.contains(incref), "BufferProtocol.tla's AcquireSetObj changed; update this test");
        Files.writeString(spec, text.replace(incref, "AcquireSetObj(e) == rc"));
        FileResult changed = new TlcEngine(TlcEngine.Options.defaults(tla)).validate(log);
        assertTrue(changed.errorCount() > 0, changed::toString);
        assertTrue(changed.errors().get(0).found().contains("no step matches (EventMatched)"), changed::toString);
        // with the state TLC had reached: the model layer's, the view not yet held
        assertTrue(changed.errors().get(0).found().contains("the state TLC reached: "), changed::toString);
        assertTrue(changed.errors().get(0).found().contains("/\\ follows = FALSE"), changed::toString);
        assertEquals(2, changed.errors().get(0).line(), changed::toString);

        // two slices, each unmatched at its acquire: both reported, from one TLC run (the trace
        // spec's step Unmatched, not a deadlock that would stop TLC and cost a run per slice)
        TlcEngine engine = new TlcEngine(TlcEngine.Options.defaults(tla));
        FileResult two = engine.validate(load("valid-address-reuse.ndjson"));
        assertEquals(List.of(2L, 5L), two.errors().stream().map(e -> e.line()).toList(), two::toString);
        assertEquals(1, engine.runs().size(), two::toString);
        assertTrue(two.violations().isEmpty(), two::toString);
    }
}
