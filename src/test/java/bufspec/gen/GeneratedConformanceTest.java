package bufspec.gen;

import bufspec.exact.Conformance;
import bufspec.exact.TlcEngine;
import bufspec.replay.Replay;
import bufspec.result.ExpectedVerdicts;
import bufspec.result.FileResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs generated from the spec (issue 5, differential conformance). TLC simulates behaviours of
 * the default configuration (Bug "none"), each rendered as a log: valid by construction, so the
 * replay validator must accept every one; then both engines judge the generated logs and mutants
 * of them and must agree on every one. {@code bufspec conform --generated N --cases M} is the
 * longer run.
 */
class GeneratedConformanceTest {

    /** behaviours of tla/GENBufferProtocol.cfg (the default configuration) and of the whole zoo */
    static final int DEFAULT_BEHAVIOURS = 700, ZOO_BEHAVIOURS = 300;
    static final int BEHAVIOURS = DEFAULT_BEHAVIOURS + ZOO_BEHAVIOURS;
    static final int MUTANTS = 1000;
    static List<Conformance.Case> logs;

    @BeforeAll
    static void simulate() throws Exception {
        logs = new ArrayList<>(GeneratedLogs.generate(new Simulation.Options(Path.of("tla/GENBufferProtocol.cfg"),
                DEFAULT_BEHAVIOURS, 30, 20261121L, java.time.Duration.ofMinutes(10))));
        logs.addAll(GeneratedLogs.generate(new Simulation.Options(Path.of("tla/GENBufferProtocolZoo.cfg"), ZOO_BEHAVIOURS,
                50, 20261122L, java.time.Duration.ofMinutes(10))));
    }

    @Test
    void tlcWroteTheBehavioursAskedFor() {
        assertEquals(BEHAVIOURS, logs.size());
    }

    @Test
    void replayAcceptsEveryGeneratedLog() {
        Replay replay = new Replay(Replay.Options.defaults());
        List<String> rejected = new ArrayList<>();
        for (Conformance.Case c : logs) {
            String text = String.join("\n", c.lines()) + "\n";
            FileResult r = replay.validateStream(c.name(), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            if (!r.violations().isEmpty() || !r.errors().isEmpty()) {
                rejected.add(c.name() + ": " + ExpectedVerdicts.describe(r) + " " + r.violations() + " " + r.errors()
                        + "\n    " + String.join("\n    ", c.lines()));
            }
        }
        assertTrue(rejected.isEmpty(), () -> rejected.size() + " generated log(s) rejected by replay; first:\n"
                + rejected.get(0));
    }

    /** The logs exercise every event the default configuration can produce (a walk that never
     *  reaches a chain or a resize would make the conformance run much weaker than it looks). */
    @Test
    void generatedLogsCoverEveryEventOfTheConfiguration() {
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (Conformance.Case c : logs) {
            for (String l : c.lines()) {
                String k = kind(l);
                if (k != null) seen.merge(k, 1, Integer::sum);
            }
            if (!c.lines().get(c.lines().size() - 1).contains("\"footer\"")) seen.merge("truncated", 1, Integer::sum);
        }
        System.out.println("generated logs: " + logs.size() + ", events by kind: " + seen);
        for (String k : List.of("acquire ok", "acquire failed", "release", "dealloc", "resize ok", "resize refused",
                "chain hold", "chain register", "redirect", "no releasebuffer", "chain unregister", "chain drop", "chain refuse",
                "footer finalized", "footer not finalized", "truncated")) {
            assertTrue(seen.getOrDefault(k, 0) > 0, () -> "no " + k + " in " + logs.size() + " generated logs: " + seen);
        }
    }

    @Test
    void enginesAgreeOnGeneratedAndMutatedLogs() {
        List<Conformance.Case> all = new ArrayList<>(logs);
        all.addAll(Conformance.mutantsOf(logs, MUTANTS, 5L));
        Conformance c = new Conformance(new TlcEngine(TlcEngine.Options.defaults(Path.of("tla"))));
        List<Conformance.Disagreement> bad = c.disagreements(all, 30);
        long valid = c.lastValid();
        System.out.println("generated conformance: " + logs.size() + " generated + " + MUTANTS + " mutants, "
                + valid + " valid by replay, " + bad.size() + " disagreement(s)");
        assertTrue(valid >= BEHAVIOURS + MUTANTS / 10 && valid < BEHAVIOURS + MUTANTS * 9 / 10,
                "mutants must be a mix of valid and invalid logs: " + valid + " valid of " + all.size());
        assertTrue(bad.isEmpty(), () -> bad.size() + " disagreement(s):\n" + bad.stream()
                .map(d -> d.original().name() + ": " + String.join("; ", d.agreement().differences())
                        + "\n  shrunk:\n    " + String.join("\n    ", d.shrunk().lines()))
                .collect(Collectors.joining("\n")));
    }

    private static String kind(String line) {
        if (line.contains("\"_io._BytesIOBuffer\"") && line.contains("\"kind\":\"release\"")) return "redirect";
        if (line.contains("\"has_releasebuffer\":false")) return "no releasebuffer";
        if (line.contains("\"kind\":\"acquire\"")) return line.contains("\"ok\":true") ? "acquire ok" : "acquire failed";
        if (line.contains("\"kind\":\"resize\"")) return line.contains("\"ok\":true") ? "resize ok" : "resize refused";
        if (line.contains("\"kind\":\"footer\"")) {
            return line.contains("\"finalized\":true") ? "footer finalized" : "footer not finalized";
        }
        var m = java.util.regex.Pattern.compile("\"kind\":\"chain\",\"op\":\"(\\w+)\"").matcher(line);
        if (m.find()) return "chain " + m.group(1);
        m = java.util.regex.Pattern.compile("\"kind\":\"(\\w+)\"").matcher(line);
        return m.find() ? m.group(1) : null;
    }
}
