package bufspec.gen;

import bufspec.exact.Conformance;
import bufspec.replay.Replay;
import bufspec.result.FileResult;
import bufspec.tlc.Expectation;
import bufspec.tlc.ModelConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bug variants simulated through GENBufferProtocol until an invariant breaks, the behaviour
 * rendered as a log: the replay validator names the invariant TLC found broken. (Both engines on
 * these logs: {@code bufspec conform --bugs}.)
 */
class BugLogsTest {

    /**
     * Variants whose violation a log cannot show at the violating step: FreeOnEveryRelease frees
     * shared export memory (no event; visible only when a later acquire hands out moved memory,
     * and the simulation stops at the violation); NonAtomicCounter and the other free-threaded variants
     * (NonAtomicRelease, UnlockedCheckAndCount, ReleaseBaseRacesExport, ResizeRacesAcquire) give
     * free-threaded logs, tested in FreeThreadedLogsTest; ViewNeverReleased leaves a view without a holder (OneHolderPerView),
     * and its harm, a leaked reference, is the model's alone (NoLeakedReference);
     * GetbufferIgnoresFillInfoError's getbuffer returns 0 with the struct unfilled, which the
     * log renderer, reading the model's step as a refusal, cannot write as the tracer would;
     * UseAfterRelease and CopyOutlivesOriginal break a rule at a use of a view (no event), and
     * GcClearWhileExported and CloseWhileExported at the GC's clear of a memoryview and at
     * mmap.close(), which the generator does not take; MemviewGivesUpBase runs on memoryviews and
     * their managed buffer, and WrapperCallsInheritedRelease on a PEP 688 class and its buffer
     * wrapper, which the log renderer does not write (ReplayRulesTest has the wrapper bug's log);
     * RawMemoryFreedUnderView too, and its wrong step, the caller's free of its own memory, is no event.
     */
    static final Set<String> NOT_SHOWN = Set.of("MCBugFreeOnEveryRelease", "MCBugNonAtomicCounter", "MCBugViewNeverReleased",
            "MCBugGetbufferIgnoresFillInfoError", "MCBugUseAfterRelease", "MCBugCopyOutlivesOriginal",
            "MCBugGcClearWhileExported", "MCBugCloseWhileExported", "MCBugMemviewGivesUpBase",
            "MCBugNonAtomicRelease", "MCBugUnlockedCheckAndCount", "MCBugReleaseBaseRacesExport", "MCBugResizeRacesAcquire",
            "MCBugWrapperCallsInheritedRelease", "MCBugRawMemoryFreedUnderView");

    @Test
    void replayNamesTheInvariantEachBugBreaks() throws Exception {
        Path tla = Path.of("tla");
        List<String> misses = new ArrayList<>();
        int logs = 0;
        for (Path variant : BugLogs.configs(tla)) {
            String name = variant.getFileName().toString().replace(".cfg", "");
            if (NOT_SHOWN.contains(name)) continue;
            // a variant first caught by a property logs cannot show runs on to the first one a log
            // can show (BugLogs.derive drops the others)
            Path cfg = variant;
            boolean modelOnly = ModelConfig.load(variant).expectation() instanceof Expectation.Violation v
                    && v.property().modelOnly();
            BugLogs.BugLog b = BugLogs.simulate(tla, cfg, 5000, 25, 11);
            assertTrue(b.log().isPresent(), name + ": " + b.skipped());
            if (!modelOnly) {
                assertEquals(b.expected(), b.tlcViolated(), name + ": the simulation broke another invariant than the cfg expects");
            }
            Conformance.Case c = b.log().get();
            String text = String.join("\n", c.lines()) + "\n";
            FileResult r = new Replay(Replay.Options.defaults()).validateStream(c.name(),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            logs++;
            boolean named = r.violationCounts().keySet().stream().anyMatch(p -> p.name().equals(b.tlcViolated()));
            if (!named) misses.add(name + ": replay " + r.violationCounts().keySet() + "\n    " + String.join("\n    ", c.lines()));
        }
        assertEquals(9, logs, "bug configs rendered");
        assertTrue(misses.isEmpty(), () -> "replay did not name the broken invariant:\n" + String.join("\n", misses));
    }
}
