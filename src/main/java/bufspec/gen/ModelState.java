package bufspec.gen;

import bufspec.tlc.TlaValue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One state of a generated behaviour: BufferProtocol's variables as TLC printed them, read
 * through the names of the spec ({@code rc[e]}, {@code view[s].obj}, {@code acq[a].st}, ...).
 */
public record ModelState(Map<String, TlaValue> vars) {

    /** The model's NULL ({@code Null} in every configuration). */
    public static final String NULL = "Null";

    public ModelState {
        vars = Map.copyOf(vars);
        for (String v : List.of("alive", "rc", "exports", "gen", "master", "view", "acq", "step")) {
            if (!vars.containsKey(v)) throw new IllegalArgumentException("state has no variable " + v);
        }
    }

    public Step step() {
        return Step.parse(vars.get("step"));
    }

    public int rc(String e) {
        return integer(at("rc", new TlaValue.ModelValue(e)));
    }

    public int exports(String e) {
        return integer(at("exports", new TlaValue.ModelValue(e)));
    }

    public int gen(String e) {
        return integer(at("gen", new TlaValue.ModelValue(e)));
    }

    public boolean alive(String e) {
        return ((TlaValue.Bool) at("alive", new TlaValue.ModelValue(e))).value();
    }

    /** {@code master[m].st}: none, new, holding, released. */
    public String masterState(String m) {
        return string(field(at("master", new TlaValue.ModelValue(m)), "st"));
    }

    /** {@code master[m].a}: the acquisition the managed buffer holds (0: none). */
    public int masterAcq(String m) {
        return integer(field(at("master", new TlaValue.ModelValue(m)), "a"));
    }

    /** {@code view[s].obj}: an exporter's name or {@link #NULL}. */
    public String viewObj(Step.Struct s) {
        return ((TlaValue.ModelValue) field(at("view", key(s)), "obj")).name();
    }

    /** {@code view[s].acq} (GHOST): the acquisition the struct's bytes came from, 0 for none. */
    public int viewAcq(Step.Struct s) {
        return integer(field(at("view", key(s)), "acq"));
    }

    /**
     * Free-threaded: {@code pc[c]}, the call consumer {@code c} is in the middle of (between
     * AcquireStart and AcquireFinish, or ReleaseStart and ReleaseFinish).
     *
     * @param struct   {@code pc[c].s}
     * @param exporter {@code pc[c].e} (the getbuffer's target; the released struct's obj)
     * @param read     {@code pc[c].v}: the counter's value read at the start
     * @param gen      {@code pc[c].g}: the memory's generation read at a getbuffer's start
     */
    public record Call(String state, Step.Struct struct, String exporter, int read, int gen) {}

    public Call pc(String consumer) {
        TlaValue r = at("pc", new TlaValue.ModelValue(consumer));
        List<TlaValue> s = ((TlaValue.Seq) field(r, "s")).elements();
        Step.Struct struct = s.size() == 2 && s.get(0) instanceof TlaValue.ModelValue c && s.get(1) instanceof TlaValue.Int i
                ? new Step.Struct(c.name(), i.value().intValueExact()) : null;
        TlaValue e = field(r, "e");
        return new Call(string(field(r, "st")), struct, e instanceof TlaValue.ModelValue m ? m.name() : NULL,
                integer(field(r, "v")), integer(field(r, "g")));
    }

    /** Whether some acquisition is live ({@code LiveAcqs # {}}). */
    public boolean anyLive() {
        for (TlaValue r : ((TlaValue.Seq) vars.get("acq")).elements()) {
            if (string(field(r, "st")).equals("live") || string(field(r, "st")).equals("counting")) return true;
        }
        return false;
    }

    private TlaValue at(String var, TlaValue key) {
        TlaValue f = vars.get(var);
        if (f instanceof TlaValue.Fun fun) {
            return fun.apply(key).orElseThrow(() -> new IllegalArgumentException(var + " has no entry " + key.toTla()));
        }
        if (f instanceof TlaValue.Rec rec && key instanceof TlaValue.ModelValue m && rec.fields().containsKey(m.name())) {
            return rec.fields().get(m.name());
        }
        throw new IllegalArgumentException(var + " is not a function: " + f.toTla());
    }

    private static TlaValue key(Step.Struct s) {
        return new TlaValue.Seq(List.of(new TlaValue.ModelValue(s.consumer()), TlaValue.Int.of(s.slot())));
    }

    private static TlaValue field(TlaValue rec, String name) {
        TlaValue v = ((TlaValue.Rec) rec).fields().get(name);
        if (v == null) throw new IllegalArgumentException("record has no field " + name + ": " + rec.toTla());
        return v;
    }

    private static int integer(TlaValue v) {
        BigInteger i = ((TlaValue.Int) v).value();
        return i.intValueExact();
    }

    private static String string(TlaValue v) {
        return ((TlaValue.Str) v).value();
    }
}
