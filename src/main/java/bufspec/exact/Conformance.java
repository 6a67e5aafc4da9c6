package bufspec.exact;

import bufspec.replay.Replay;
import bufspec.result.FileResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Differential conformance: mutants of valid and invalid logs (an event dropped, duplicated or
 * swapped with the next; a counter, a reference count, an internal or a struct address changed)
 * judged by both engines; every mutant must get the same verdict. The TLC side checks all mutants
 * of a round in batched TLC runs (each mutant one slice). A disagreement is shrunk (delta debugging
 * over events) to a minimal log.
 */
public final class Conformance {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One mutant: its name (base log and mutation) and its NDJSON lines. */
    public record Case(String name, List<String> lines) {
        public Case {
            lines = List.copyOf(lines);
        }

        String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    /** A case the engines judged differently, with its shrunk form. */
    public record Disagreement(Case original, Agreement agreement, Case shrunk, Agreement shrunkAgreement) {}

    private final TlcEngine tlc;
    private final Replay replay = new Replay(Replay.Options.defaults());

    public Conformance(TlcEngine tlc) {
        this.tlc = tlc;
    }

    // ---- mutants -----------------------------------------------------------------------------

    /** {@code n} mutants of the logs in {@code bases} (the footer and header are kept). */
    public static List<Case> mutants(List<Path> bases, int n, long seed) throws IOException {
        List<Case> logs = new ArrayList<>();
        for (Path p : bases) logs.add(new Case(p.getFileName().toString(), Files.readAllLines(p)));
        return mutantsOf(logs, n, seed);
    }

    /** {@code n} mutants of the logs {@code bases} (generated logs, say); header and footer are kept. */
    public static List<Case> mutantsOf(List<Case> bases, int n, long seed) {
        Random rnd = new Random(seed);
        List<Case> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Case b = bases.get(rnd.nextInt(bases.size()));
            List<String> lines = new ArrayList<>(b.lines());
            String what = mutate(lines, rnd);
            out.add(new Case(b.name() + " #" + i + " " + what, renumber(lines)));
        }
        return out;
    }

    private static String mutate(List<String> lines, Random rnd) {
        int first = 1, last = lines.size() - 1; // keep header (0); footer is last when present
        if (lines.get(last).contains("\"footer\"")) last--;
        if (last < first) return "none";
        int i = first + rnd.nextInt(last - first + 1);
        switch (rnd.nextInt(7)) {
            case 0 -> { lines.remove(i); return "drop line " + (i + 1); }
            case 1 -> { lines.add(i, lines.get(i)); return "duplicate line " + (i + 1); }
            case 2 -> {
                if (i < last) {
                    String x = lines.get(i);
                    lines.set(i, lines.get(i + 1));
                    lines.set(i + 1, x);
                }
                return "swap lines " + (i + 1) + "," + (i + 2);
            }
            case 3 -> { return bump(lines, i, "exports", rnd) ; }
            case 4 -> { return bump(lines, i, "rc", rnd); }
            case 5 -> { return set(lines, i, "internal", "0x7f00deadbe00"); }
            default -> { return set(lines, i, "view", "0x7ffd0000f000"); }
        }
    }

    private static String bump(List<String> lines, int i, String field, Random rnd) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(lines.get(i));
            JsonNode v = o.get(field);
            int d = rnd.nextBoolean() ? 1 : -1;
            if (v instanceof ArrayNode a && a.size() == 2) {
                int k = rnd.nextInt(2);
                a.set(k, a.get(k).asLong() + d);
            } else if (v != null && v.isNumber()) {
                o.put(field, v.asLong() + d);
            } else {
                return "no " + field + " on line " + (i + 1);
            }
            lines.set(i, JSON.writeValueAsString(o));
            return field + " " + (d > 0 ? "+1" : "-1") + " on line " + (i + 1);
        } catch (IOException | ClassCastException e) {
            return "line " + (i + 1) + " is not a JSON object: unchanged";
        }
    }

    private static String set(List<String> lines, int i, String field, String value) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(lines.get(i));
            if (!o.has(field)) return "no " + field + " on line " + (i + 1);
            o.put(field, value);
            lines.set(i, JSON.writeValueAsString(o));
            return field + " changed on line " + (i + 1);
        } catch (IOException | ClassCastException e) {
            return "line " + (i + 1) + " is not a JSON object: unchanged";
        }
    }

    /** Strictly increasing seq again (a mutation may break it; that is not what is tested). */
    static List<String> renumber(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        long seq = 0;
        for (String l : lines) {
            try {
                JsonNode n = JSON.readTree(l);
                if (n instanceof ObjectNode o && o.has("seq")) {
                    o.put("seq", ++seq);
                    out.add(JSON.writeValueAsString(o));
                } else {
                    out.add(l);
                }
            } catch (IOException e) {
                out.add(l);
            }
        }
        return out;
    }

    // ---- judging -----------------------------------------------------------------------------

    /** Both engines on every case; the TLC side in batched runs. */
    public List<Agreement> judge(List<Case> cases) {
        List<LoadedLog> logs = new ArrayList<>();
        List<Slice> slices = new ArrayList<>();
        List<Slice> slicesMid = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            LoadedLog log = load(cases.get(i));
            logs.add(log);
            List<bufspec.trace.Event> evs = Slicer.whole(log.events()).stream().findFirst()
                    .map(Slice::events).orElse(List.of());
            (log.midrun() ? slicesMid : slices).add(new Slice(i, evs));
        }
        List<TlcEngine.Found> found = new ArrayList<>();
        if (!slices.isEmpty()) found.addAll(tlc.check(slices, false, "conformance"));
        if (!slicesMid.isEmpty()) found.addAll(tlc.check(slicesMid, true, "conformance"));
        List<Agreement> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            final int k = i;
            Slice s = new Slice(i, Slicer.whole(logs.get(i).events()).stream().findFirst().map(Slice::events).orElse(List.of()));
            FileResult byTlc = tlc.result(logs.get(i), List.of(s), found.stream().filter(f -> f.sliceIndex() == k).toList());
            FileResult byReplay = replay.validateStream(cases.get(i).name(), stream(cases.get(i)));
            out.add(Agreement.of(byReplay, byTlc));
        }
        return out;
    }

    /** How many of the last judged cases each engine found valid (a test that cannot fail is no test). */
    private long lastValid;

    public long lastValid() {
        return lastValid;
    }

    private List<Agreement> lastAgreements = List.of();

    /** The agreements of the last {@link #disagreements} call, one per case in order. */
    public List<Agreement> lastAgreements() {
        return lastAgreements;
    }

    /** The disagreements among {@code cases}, each shrunk. */
    public List<Disagreement> disagreements(List<Case> cases, int maxShrinkRuns) {
        List<Agreement> a = judge(cases);
        lastAgreements = List.copyOf(a);
        lastValid = a.stream().filter(x -> x.replay().equals("valid")).count();
        List<Disagreement> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (a.get(i).agrees()) continue;
            Case shrunk = shrink(cases.get(i), maxShrinkRuns);
            out.add(new Disagreement(cases.get(i), a.get(i), shrunk, judgeOne(shrunk)));
        }
        return out;
    }

    private Agreement judgeOne(Case c) {
        return judge(List.of(c)).get(0);
    }

    /** ddmin over event lines (header kept): the smallest log found that still disagrees. */
    public Case shrink(Case c, int maxRuns) {
        List<String> cur = new ArrayList<>(c.lines());
        int chunks = 2, runs = 0;
        while (cur.size() > 2 && runs < maxRuns) {
            int body = cur.size() - 1, size = Math.max(1, body / chunks);
            boolean reduced = false;
            for (int start = 1; start < cur.size() && runs < maxRuns; start += size) {
                List<String> cand = new ArrayList<>(cur.subList(0, start));
                cand.addAll(cur.subList(Math.min(cur.size(), start + size), cur.size()));
                runs++;
                if (!judgeOne(new Case(c.name(), renumber(cand))).agrees()) {
                    cur = renumber(cand);
                    chunks = Math.max(chunks - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (size == 1) break;
                chunks = Math.min(body, chunks * 2);
            }
        }
        return new Case(c.name() + " (shrunk)", cur);
    }

    private static LoadedLog load(Case c) {
        return LoadedLog.read(c.name(), stream(c), false, bufspec.trace.TraceReader.DEFAULT_MAX_LINE_BYTES);
    }

    private static ByteArrayInputStream stream(Case c) {
        return new ByteArrayInputStream(c.text().getBytes(StandardCharsets.UTF_8));
    }
}
