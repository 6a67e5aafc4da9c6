package bufspec.exact;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential conformance in CI: mutants of the example logs judged by both engines (the TLC
 * side batched: all mutants of the run in a few TLC runs) must agree, disagreements shrunk and
 * printed. {@code bufspec conform --cases N} is the longer run.
 */
class ConformanceTest {

    static final int CASES = 1000;

    @Test
    void enginesAgreeOnMutatedLogs() throws IOException {
        List<Path> bases;
        try (Stream<Path> s = Files.list(Path.of("traces/examples"))) {
            // (ft-*: free-threaded logs, which the TLC engine refuses)
            bases = s.filter(p -> p.toString().endsWith(".ndjson") && !p.getFileName().toString().startsWith("bad-")
                    && !p.getFileName().toString().startsWith("ft-"))
                    .sorted().toList();
        }
        Conformance c = new Conformance(new TlcEngine(TlcEngine.Options.defaults(Path.of("tla"))));
        List<Conformance.Case> cases = Conformance.mutants(bases, CASES, 20261121L);
        assertEquals(CASES, cases.size());
        List<Conformance.Disagreement> bad = c.disagreements(cases, 30);
        assertTrue(c.lastValid() > CASES / 10 && c.lastValid() < CASES * 9 / 10,
                "mutants must be a mix of valid and invalid logs: " + c.lastValid() + " valid of " + CASES);
        assertTrue(bad.isEmpty(), () -> bad.size() + " disagreement(s):\n" + bad.stream()
                .map(d -> d.original().name() + ": " + String.join("; ", d.agreement().differences())
                        + "\n  shrunk:\n    " + String.join("\n    ", d.shrunk().lines()))
                .collect(Collectors.joining("\n")));
    }

    @Test
    void mutantsRenumberSeq() throws IOException {
        List<Conformance.Case> cases = Conformance.mutants(List.of(Path.of("traces/examples/valid-basic.ndjson")), 50, 7);
        for (Conformance.Case k : cases) {
            long last = 0;
            for (String l : k.lines()) {
                var m = java.util.regex.Pattern.compile("\"seq\":(\\d+)").matcher(l);
                if (m.find()) {
                    long s = Long.parseLong(m.group(1));
                    assertTrue(s > last, k.name());
                    last = s;
                }
            }
        }
    }
}
