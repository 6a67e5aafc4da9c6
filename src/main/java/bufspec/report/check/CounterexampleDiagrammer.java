package bufspec.report.check;

import bufspec.result.Trace;
import bufspec.result.ConfigRun;
import bufspec.model.Property;
import bufspec.report.Finding;
import bufspec.report.diagram.Item;
import bufspec.report.diagram.SequenceDiagram;
import bufspec.tlc.TlaValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static bufspec.report.check.ModelVocabulary.ACQ;
import static bufspec.report.check.ModelVocabulary.ALIVE;
import static bufspec.report.check.ModelVocabulary.EXPORTS;
import static bufspec.report.check.ModelVocabulary.OBJ;
import static bufspec.report.check.ModelVocabulary.OBS;
import static bufspec.report.check.ModelVocabulary.PC;
import static bufspec.report.check.ModelVocabulary.RC;
import static bufspec.report.check.ModelVocabulary.VIEW;

/**
 * Turns a TLC counterexample into a {@link Finding}: each step's participants are read from TLC's
 * action name and the state's variables (whose struct changed, whose counter, reference count or
 * life cycle changed, what the ghost {@code obs} observed, the consumer's {@code pc}), through
 * {@link ModelVocabulary}, and drawn as arrows labelled in protocol terms
 * ({@code [2] Acquire: getbuffer into view c1.1 (exports 0→1, rc 1→2)}). The violating step (or the
 * loop of a liveness counterexample) is highlighted and the broken property named. Deterministic:
 * the same trace gives the same diagram.
 */
public final class CounterexampleDiagrammer {

    private CounterexampleDiagrammer() {
    }

    public static Optional<Finding> of(ConfigRun run) {
        Trace trace = run.trace();
        if (trace == null || trace.states().isEmpty()) {
            return Optional.empty();
        }
        String property = brokenProperty(run);
        List<Trace.TraceState> states = trace.states();
        int loopFrom = trace.ending() instanceof Trace.Ending.BackTo b ? b.number() : Integer.MAX_VALUE;

        SequenceDiagram.Builder d = new SequenceDiagram.Builder();
        addParticipants(d, states);
        d.noteAcross("[" + states.get(0).number() + "] initial state: " + initialSummary(states.get(0)), false);
        for (int i = 1; i < states.size(); i++) {
            boolean isLast = i == states.size() - 1;
            boolean bad = trace.ending() instanceof Trace.Ending.Stops ? isLast : states.get(i).number() > loopFrom;
            step(d, states.get(i - 1), states.get(i), bad);
        }
        d.noteAcross(verdictNote(run, property, trace), true);

        List<Finding.Step> steps = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            Trace.TraceState s = states.get(i);
            List<String> lines = new ArrayList<>();
            if (i == 0) {
                s.variables().forEach((k, v) -> lines.add(k + " = " + v.toTla()));
            } else {
                StateDiff.between(states.get(i - 1).variables(), s.variables()).forEach(c -> lines.add(c.describe()));
                if (lines.isEmpty()) {
                    lines.add("(no variable changed)");
                }
            }
            boolean bad = trace.ending() instanceof Trace.Ending.Stops ? i == states.size() - 1 : s.number() > loopFrom;
            steps.add(new Finding.Step("State " + s.number() + ": " + s.action()
                    + (s.location() == null ? "" : " (" + s.location() + ")"), lines, bad));
        }
        if (trace.ending() instanceof Trace.Ending.BackTo b) {
            steps.add(new Finding.Step("Back to state " + b.number() + " via " + b.action(),
                    List.of("the behaviour repeats states " + b.number() + ".." + states.get(states.size() - 1).number()
                            + " forever"), true));
        } else if (trace.ending() instanceof Trace.Ending.Stutters) {
            steps.add(new Finding.Step("Stuttering", List.of("the behaviour stays in the last state forever"), true));
        }
        String headline = run.shortName() + ": " + run.got();
        String explanation = property == null ? run.got()
                : Property.byName(property).map(Property::meaning).orElse(property);
        return Optional.of(new Finding(run.shortName(), run.config(), property, headline, explanation, d.build(), steps));
    }

    /** The property the counterexample breaks: TLC's name, else the one in {@code got} ("violation P length N"). */
    static String brokenProperty(ConfigRun run) {
        if (run.violated() != null) {
            return run.violated();
        }
        String[] words = run.got().split(" ");
        if (words.length >= 2 && words[0].equals("violation") && Property.byName(words[1]).isPresent()) {
            return words[1];
        }
        return null;
    }

    private static String verdictNote(ConfigRun run, String property, Trace trace) {
        String what = property != null ? "\u2717 " + property + " violated"
                : run.outcome().equals("DEADLOCK") ? "\u2717 deadlock: no action is enabled" : "\u2717 " + run.got();
        if (trace.ending() instanceof Trace.Ending.BackTo b) {
            return what + ": from here the behaviour loops back to state " + b.number() + " (" + b.action() + ") forever";
        }
        if (trace.ending() instanceof Trace.Ending.Stutters) {
            return what + ": the behaviour stutters in the last state forever";
        }
        return what + " in the last state";
    }

    // ---- participants -------------------------------------------------------------------

    /** Consumers, each followed by its structs, then the exporters, in the order TLC printed their domains. */
    private static void addParticipants(SequenceDiagram.Builder d, List<Trace.TraceState> states) {
        Map<String, TlaValue> init = states.get(0).variables();
        List<TlaValue> consumers = new ArrayList<>();
        List<TlaValue> structs = new ArrayList<>();
        if (init.get(VIEW) instanceof TlaValue.Fun views) {
            for (TlaValue.Mapping m : views.mappings()) {
                structs.add(m.key());
                TlaValue c = ModelVocabulary.structOwner(m.key());
                if (c != null && !consumers.contains(c)) {
                    consumers.add(c);
                }
            }
        }
        if (init.get(PC) instanceof TlaValue.Fun pc) {
            pc.mappings().stream().map(TlaValue.Mapping::key).filter(c -> !consumers.contains(c)).forEach(consumers::add);
        }
        d.participant(ModelVocabulary.anyConsumer());
        for (TlaValue c : consumers) {
            d.participant(ModelVocabulary.consumer(c));
            structs.stream().filter(s -> c.equals(ModelVocabulary.structOwner(s)))
                    .forEach(s -> d.participant(ModelVocabulary.struct(s)));
        }
        exporters(init).forEach(e -> d.participant(ModelVocabulary.exporter(e)));
        d.participant(ModelVocabulary.exporter(new TlaValue.ModelValue(ModelVocabulary.NOT_EXPORTER)));
    }

    private static List<TlaValue> exporters(Map<String, TlaValue> vars) {
        if (vars.get(ALIVE) instanceof TlaValue.Fun alive) {
            return alive.mappings().stream().map(TlaValue.Mapping::key).toList();
        }
        return List.of();
    }

    private static String initialSummary(Trace.TraceState s) {
        List<String> parts = new ArrayList<>();
        for (TlaValue e : exporters(s.variables())) {
            parts.add(ModelVocabulary.name(e) + " rc " + at(s.variables().get(RC), e) + ", exports "
                    + at(s.variables().get(EXPORTS), e));
        }
        return parts.isEmpty() ? s.action() : String.join("; ", parts);
    }

    private static String at(TlaValue fun, TlaValue key) {
        return fun instanceof TlaValue.Fun f ? f.apply(key).map(TlaValue::toTla).orElse("?") : "?";
    }

    // ---- one step -----------------------------------------------------------------------

    private static void step(SequenceDiagram.Builder d, Trace.TraceState before, Trace.TraceState after, boolean bad) {
        String action = after.action();
        String step = Integer.toString(after.number());
        List<StateDiff.Change> changes = StateDiff.between(before.variables(), after.variables());

        Map<TlaValue, List<Part>> exporterParts = new LinkedHashMap<>();
        Map<TlaValue, List<Part>> structParts = new LinkedHashMap<>();
        Set<TlaValue> actors = new LinkedHashSet<>();
        for (StateDiff.Change c : changes) {
            TlaValue key = c.firstKey();
            if (key == null) {
                continue;
            }
            if (ModelVocabulary.EXPORTER_VARIABLES.contains(c.variable())) {
                exporterParts.computeIfAbsent(key, k -> new ArrayList<>()).add(Part.ofExporter(c));
            } else if (c.variable().equals(VIEW)) {
                structParts.computeIfAbsent(key, k -> new ArrayList<>()).add(Part.ofStruct(c));
                TlaValue owner = ModelVocabulary.structOwner(key);
                if (owner != null) {
                    actors.add(owner);
                }
            } else if (c.variable().equals(PC)) {
                actors.add(key);
            }
        }
        exporterParts.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(x -> rank(x.field(), EXPORTER_ORDER))));
        structParts.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(x -> rank(x.field(), STRUCT_ORDER))));
        // the exporter of an exporter's own step: the first whose life cycle changed
        TlaValue lifecycle = exporterParts.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(x -> ModelVocabulary.LIFECYCLE_VARIABLES.contains(x.variable())))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        // the struct a copy was written into: the one whose obj changed
        TlaValue objSet = structParts.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(Part::setsObj))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        Map<TlaValue, List<String>> exporterChanges = texts(exporterParts);
        Map<TlaValue, List<String>> structChanges = texts(structParts);
        Rec obs = Rec.of(after.variables().get(OBS));
        String verb = action + ": " + ModelVocabulary.verb(action);
        String verbOnly = action.equals("AcquireRefuse") ? verb + refusal(obs) : verb;

        TlaValue actor = actors.isEmpty() ? null : actors.iterator().next();
        if (actor != null || ModelVocabulary.isConsumerAction(action)) {
            String c = actor == null ? ModelVocabulary.anyConsumer().id() : ModelVocabulary.consumer(actor).id();
            TlaValue target = target(action, before, after, obs, structChanges);
            TlaValue struct = structChanges.isEmpty() ? null : structChanges.keySet().iterator().next();
            String structLabel = struct == null ? "" : ModelVocabulary.structLabel(struct);
            boolean numbered = false;
            if (ModelVocabulary.isRelease(action) && struct != null && target != null) {
                String s = ModelVocabulary.struct(struct).id();
                d.add(new Item.Message(c, s, step, verb + "(" + structLabel + ")" + paren(structChanges.get(struct)), false, bad));
                String e = ModelVocabulary.exporter(target).id();
                d.add(new Item.Message(s, e, "", releaseVerb(obs, before, after, struct) + paren(exporterChanges.remove(target)),
                        false, bad));
                structChanges.remove(struct);
                numbered = true;
            } else if (ModelVocabulary.isAcquire(action) && target != null) {
                String e = ModelVocabulary.exporter(target).id();
                String outcome = action.equals("AcquireRefuse") || obs.is("kind", "fail") ? refusal(obs) : "";
                boolean counted = exporterParts.getOrDefault(target, List.of()).stream()
                        .anyMatch(x -> x.variable().equals(EXPORTS));
                List<String> own = exporterChanges.remove(target);
                d.add(new Item.Message(c, e, step, verb + (struct == null ? "" : " into " + structLabel) + outcome
                        + (actor == null ? "" : inFlight(action, actor, before, after, target, counted)) + paren(own), false, bad));
                if (struct != null && structChanges.containsKey(struct)) {
                    List<String> filled = structChanges.remove(struct);
                    boolean byExporter = structParts.get(struct).stream().anyMatch(Part::setsObj);
                    // the exporter fills the struct; what else changes is the consumer's own bookkeeping
                    d.add(new Item.Message(byExporter ? e : c, ModelVocabulary.struct(struct).id(), "",
                            (byExporter ? "" : "consumer marks: ") + String.join(", ", filled), byExporter, bad));
                }
                numbered = true;
            } else if (action.equals("ReleaseStart") && target != null && actor != null) {
                // free-threaded: the release's first step only reads (the counter it will write from)
                d.add(new Item.Message(c, ModelVocabulary.exporter(target).id(), step,
                        verb + inFlight(action, actor, before, after, target, false), false, bad));
                numbered = true;
            } else if (action.equals("CopyView") && objSet != null) {
                TlaValue to = objSet;
                TlaValue from = copySource(after, to);
                String toId = ModelVocabulary.struct(to).id();
                String fromId = from == null ? c : ModelVocabulary.struct(from).id();
                d.add(new Item.Message(c, fromId.equals(c) ? toId : fromId, step, verb
                        + (from == null ? "" : " into " + ModelVocabulary.structLabel(to)), false, bad));
                if (from != null) {
                    d.add(new Item.Message(fromId, toId, "", String.join(", ", structChanges.remove(to)), true, bad));
                    List<String> kept = structChanges.remove(from);
                    if (kept != null) {
                        d.add(new Item.Message(c, fromId, "", "original: " + String.join(", ", kept), false, bad));
                    }
                }
                numbered = true;
            }
            for (Map.Entry<TlaValue, List<String>> s : structChanges.entrySet()) {
                d.add(new Item.Message(c, ModelVocabulary.struct(s.getKey()).id(), numbered ? "" : step,
                        (numbered ? "" : verbOnly + ": ") + String.join(", ", s.getValue()), false, bad));
                numbered = true;
            }
            for (Map.Entry<TlaValue, List<String>> e : exporterChanges.entrySet()) {
                if (numbered && target != null && !target.equals(e.getKey())) {   // e.g. a redirect counts on its base
                    d.add(new Item.Message(ModelVocabulary.exporter(target).id(), ModelVocabulary.exporter(e.getKey()).id(), "",
                            "on its base: " + String.join(", ", e.getValue()), false, bad));
                    continue;
                }
                d.add(new Item.Message(c, ModelVocabulary.exporter(e.getKey()).id(), numbered ? "" : step,
                        (numbered ? "" : verbOnly + ": ") + String.join(", ", e.getValue()), false, bad));
                numbered = true;
            }
            if (!numbered) {
                d.add(new Item.Message(c, c, step, verb + " (no change)", false, bad));
            }
            return;
        }
        // an exporter's own step: the one whose life-cycle changed acts, the others are affected
        List<TlaValue> changed = new ArrayList<>(exporterChanges.keySet());
        if (changed.isEmpty()) {
            d.noteAcross("[" + step + "] " + verb + " (no change)", bad);
            return;
        }
        TlaValue primary = lifecycle != null ? lifecycle : changed.get(0);
        String p = ModelVocabulary.exporter(primary).id();
        d.add(new Item.Message(p, p, step, verb + " (" + String.join(", ", exporterChanges.get(primary)) + ")", false, bad));
        for (TlaValue other : changed) {
            if (!other.equals(primary)) {
                d.add(new Item.Message(p, ModelVocabulary.exporter(other).id(), "",
                        String.join(", ", exporterChanges.get(other)), false, bad));
            }
        }
    }

    /**
     * Free-threaded acquires and releases in two steps: what the first one read ({@code reads
     * exports = 0}), and an acquire's second one that did not change the counter (a lost update).
     */
    private static String inFlight(String action, TlaValue consumer, Trace.TraceState before, Trace.TraceState after,
                                   TlaValue target, boolean counted) {
        if (!(after.variables().get(PC) instanceof TlaValue.Fun pcAfter)) {
            return "";
        }
        Rec now = Rec.of(pcAfter.apply(consumer).orElse(null));
        if ((now.is("st", "counting") || now.is("st", "releasing")) && now.get("v") != null) {
            return " (reads exports = " + now.get("v").toTla() + ")";
        }
        Rec was = before.variables().get(PC) instanceof TlaValue.Fun pcBefore
                ? Rec.of(pcBefore.apply(consumer).orElse(null)) : Rec.of(null);
        if (was.is("st", "counting") && !counted && after.variables().get(EXPORTS) instanceof TlaValue.Fun ex) {
            return ex.apply(target).map(v -> " (writes exports = " + v.toTla() + ": unchanged)").orElse("");
        }
        return "";
    }

    /** The order in which an arrow lists an exporter's changes: counters first, then its life cycle. */
    private static final List<String> EXPORTER_ORDER = List.of("exports", "rc", "alive", "owned", "gen", "shared", "master");
    private static final List<String> STRUCT_ORDER = List.of(OBJ, "held", "acq");

    private static int rank(String field, List<String> order) {
        int i = order.indexOf(field);
        return i < 0 ? order.size() : i;
    }

    /**
     * One changed part of an exporter ({@code rc[e]}, {@code master[e].st}) or of a struct
     * ({@code view[s].obj}): the variable, the path after the key, and the arrow's text.
     * {@code field} orders the parts of one object: the variable for an exporter, the struct's
     * first field for a struct.
     */
    private record Part(String variable, String rest, String field, String text) {
        static Part ofExporter(StateDiff.Change c) {
            return new Part(c.variable(), c.rest(), c.variable(),
                    c.variable() + (c.rest().isEmpty() ? "" : "." + c.rest()) + " " + arrow(c));
        }

        static Part ofStruct(StateDiff.Change c) {
            return new Part(c.variable(), c.rest(), c.rest().split("\\.", 2)[0], c.rest() + " " + arrow(c));
        }

        /** {@code view[s].obj} itself changed. */
        boolean setsObj() {
            return rest.equals(OBJ);
        }

        private static String arrow(StateDiff.Change c) {
            return StateDiff.text(c.before()) + "\u2192" + StateDiff.text(c.after());
        }
    }

    private static Map<TlaValue, List<String>> texts(Map<TlaValue, List<Part>> parts) {
        Map<TlaValue, List<String>> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, new ArrayList<>(v.stream().map(Part::text).toList())));
        return out;
    }

    /** The struct a copy was taken from: another struct of the same consumer with the same obj and acquisition. */
    private static TlaValue copySource(Trace.TraceState after, TlaValue target) {
        if (!(after.variables().get(VIEW) instanceof TlaValue.Fun v)) {
            return null;
        }
        Rec t = Rec.of(v.apply(target).orElse(null));
        for (TlaValue.Mapping m : v.mappings()) {
            Rec r = Rec.of(m.value());
            if (!m.key().equals(target) && java.util.Objects.equals(ModelVocabulary.structOwner(m.key()), ModelVocabulary.structOwner(target))
                    && java.util.Objects.equals(r.get("obj"), t.get("obj")) && java.util.Objects.equals(r.get("acq"), t.get("acq"))) {
                return m.key();
            }
        }
        return null;
    }

    /** The exporter a consumer step talks to. */
    private static TlaValue target(String action, Trace.TraceState before, Trace.TraceState after, Rec obs,
                                   Map<TlaValue, List<String>> structChanges) {
        for (TlaValue s : structChanges.keySet()) {
            TlaValue o = ModelVocabulary.isRelease(action) ? objOf(before, s) : objOf(after, s);
            if (o != null && !ModelVocabulary.isNull(o)) {
                return o;
            }
        }
        if (obs.is("kind", "fail") || action.equals("AcquireRefuse")) {
            return firstChangedExporter(before, after);
        }
        for (Trace.TraceState st : List.of(after, before)) {      // free-threaded: the acquire in flight
            if (st.variables().get(PC) instanceof TlaValue.Fun pc) {
                for (TlaValue.Mapping m : pc.mappings()) {
                    TlaValue e = Rec.of(m.value()).get("e");
                    if (e != null && !ModelVocabulary.isNull(e)) {
                        TlaValue other = (st == after ? before : after).variables().get(PC) instanceof TlaValue.Fun f
                                ? f.apply(m.key()).orElse(null) : null;
                        if (!m.value().equals(other)) {
                            return e;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static TlaValue firstChangedExporter(Trace.TraceState before, Trace.TraceState after) {
        for (StateDiff.Change c : StateDiff.between(before.variables(), after.variables())) {
            if (ModelVocabulary.EXPORTER_VARIABLES.contains(c.variable()) && c.firstKey() != null) {
                return c.firstKey();
            }
        }
        return null;
    }

    private static TlaValue objOf(Trace.TraceState st, TlaValue struct) {
        if (st.variables().get(VIEW) instanceof TlaValue.Fun v) {
            return v.apply(struct).map(r -> Rec.of(r).get("obj")).orElse(null);
        }
        return null;
    }

    /**
     * What bf_releasebuffer saw and how often the acquisition has been released: from the
     * acquisition record the struct pointed at ({@code acq[a].rel}, {@code acq[a].seen} vs
     * {@code acq[a].internal}), or from an {@code obs} record of kind release (as in {@code src/test/resources/report/check-bugs.json}).
     */
    private static String releaseVerb(Rec obs, Trace.TraceState before, Trace.TraceState after, TlaValue struct) {
        TlaValue seen = obs.get("seen");
        TlaValue expected = obs.get("expected");
        TlaValue rel = obs.get("rel");
        TlaValue a = obs.get("acq");
        if (!obs.is("kind", "release")) {
            Rec view = before.variables().get(VIEW) instanceof TlaValue.Fun v ? Rec.of(v.apply(struct).orElse(null)) : Rec.of(null);
            a = view.get("acq");
            Rec record = Rec.of(acqRecord(after, a));
            seen = record.get("seen");
            expected = record.get("internal");
            rel = record.is("st", "released") ? record.get("rel") : null;
        }
        if (seen instanceof TlaValue.Int i && i.value().signum() < 0) {
            seen = null;                                          // NotCalled: the type has no releasebuffer to see it
        }
        String internal = seen == null ? "" : ", sees internal " + seen.toTla()
                + (expected != null && !seen.equals(expected) ? " (its acquire set " + expected.toTla() + ")" : "");
        String count = rel instanceof TlaValue.Int r && r.value().intValue() > 1 && a != null
                ? ", release #" + r.value() + " of acquisition " + a.toTla() : "";
        return "bf_releasebuffer + Py_DECREF" + internal + count;
    }

    /** {@code acq[a]} of a state ({@code acq} is a sequence or a function of the acquisition number). */
    private static TlaValue acqRecord(Trace.TraceState st, TlaValue a) {
        TlaValue acq = st.variables().get(ACQ);
        if (a instanceof TlaValue.Int i && acq instanceof TlaValue.Seq seq) {
            int n = i.value().intValue();
            return n >= 1 && n <= seq.elements().size() ? seq.elements().get(n - 1) : null;
        }
        if (a != null && acq instanceof TlaValue.Fun f) {
            return f.apply(a).orElse(null);
        }
        return null;
    }

    /** A refused getbuffer, with what the ghost {@code obs} recorded about the failure, if anything. */
    private static String refusal(Rec obs) {
        List<String> facts = new ArrayList<>();
        for (String f : List.of("objSet", "dExports", "dRc")) {
            if (obs.get(f) != null) {
                facts.add(f + " " + obs.get(f).toTla());
            }
        }
        return " REFUSED" + (facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")");
    }

    private static String text(TlaValue v) {
        return v == null ? "?" : v.toTla();
    }

    private static String paren(List<String> parts) {
        return parts == null || parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** Read access to a TLA+ record that may be absent or something else. */
    record Rec(Map<String, TlaValue> fields) {
        static Rec of(TlaValue v) {
            return new Rec(v instanceof TlaValue.Rec r ? r.fields() : Map.of());
        }

        TlaValue get(String f) {
            return fields.get(f);
        }

        boolean is(String f, String value) {
            return fields.get(f) instanceof TlaValue.Str s && s.value().equals(value);
        }
    }

}
