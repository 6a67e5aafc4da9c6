package bufspec.report.check;

import bufspec.model.Zoo;
import bufspec.report.diagram.Participant;
import bufspec.tlc.TlaValue;

import java.util.Map;

/**
 * How the buffer-protocol model's variables and constants read in protocol terms: which
 * variables are indexed by exporter, by struct or by consumer, and what each action does; what
 * the exporter zoo's model values stand for comes from {@link Zoo}. This is the one place that
 * knows the variable and action names of {@code tla/BufferProtocol.tla}; if the model renames a
 * variable, only this class changes.
 */
public final class ModelVocabulary {

    private ModelVocabulary() {
    }

    /** Variables {@code [Exporters -> ...]}: a change is a change of that exporter. */
    public static final java.util.Set<String> EXPORTER_VARIABLES =
            java.util.Set.of("alive", "owned", "rc", "exports", "gen", "shared", "master");
    /**
     * The exporter variables that are its life cycle ({@code alive}, {@code owned}: deallocation
     * and owner drop; {@code gen}: its memory moved or freed; {@code master}: a re-exporter's
     * export of its base): in an exporter's own step, the exporter one of these changed for is the
     * one that acted, the others are affected.
     */
    public static final java.util.Set<String> LIFECYCLE_VARIABLES = java.util.Set.of("alive", "owned", "master", "gen");
    public static final String ALIVE = "alive";
    public static final String RC = "rc";
    public static final String EXPORTS = "exports";
    /** The field of a struct ({@code view[s].obj}) that the exporter's fill sets. */
    public static final String OBJ = "obj";
    /** {@code [Structs -> [obj, acq, held]]}: each consumer's Py_buffer structs. */
    public static final String VIEW = "view";
    /** {@code [Consumers -> ...]}: an acquire in flight (free-threaded mode). */
    public static final String PC = "pc";
    /** The ghost of what the last step observed ({@code kind} fail / release). */
    public static final String OBS = "obs";
    /** The acquisition records (ghost history of each successful getbuffer). */
    public static final String ACQ = "acq";
    /** The model value for NULL. */
    public static final String NULL = "Null";
    /** The model value of an object without a buffer interface. */
    public static final String NOT_EXPORTER = Zoo.NOT_EXPORTER;

    /** What each action does, in the protocol's words (the arrow's verb). */
    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("Acquire", "getbuffer"),
            Map.entry("AcquireStart", "getbuffer: check, fill, read counter"),
            Map.entry("AcquireFinish", "getbuffer: write counter, set obj"),
            Map.entry("AcquireRefuse", "getbuffer"),
            Map.entry("Release", "PyBuffer_Release"),
            Map.entry("ReleaseStart", "PyBuffer_Release: read obj, read counter"),
            Map.entry("ReleaseFinish", "releasebuffer: write counter, clear obj"),
            Map.entry("CopyView", "memcpy of the struct"),
            Map.entry("UseView", "reads through the view"),
            Map.entry("DiscardView", "struct goes out of scope"),
            Map.entry("OwnerDrop", "owner drops its reference"),
            Map.entry("Dealloc", "tp_dealloc"),
            Map.entry("Resize", "resize: the memory moves"),
            Map.entry("ResizeRefuse", "resize refused (BufferError)"),
            Map.entry("ReExportAcquireBase", "getbuffer of its base into the managed buffer"),
            Map.entry("ReExportReleaseBase", "release(): releases its base export"),
            Map.entry("ReExportRefuseRelease", "release() refused (BufferError)"),
            Map.entry("MemviewRegister", "memoryview registered on its managed buffer (mbuf_add_view)"),
            Map.entry("MemviewRelease", "memoryview.release(): unregisters (_memory_release)"),
            Map.entry("MemviewRefuseRelease", "memoryview.release() refused (BufferError)"),
            Map.entry("GcClear", "the cyclic GC clears the memoryview (memory_clear): unregisters, drops the managed buffer"),
            Map.entry("Close", "close(): the memory is freed"),
            Map.entry("CloseRefuse", "close() refused (BufferError)"),
            Map.entry("Finished", "the program has ended"));

    public static String verb(String action) {
        return VERBS.getOrDefault(action, action);
    }

    /** Actions a consumer thread performs (the others are an exporter's or its owner's). */
    public static boolean isConsumerAction(String action) {
        return isAcquire(action) || isRelease(action)
                || java.util.List.of("CopyView", "UseView", "DiscardView").contains(action);
    }

    /** The lifeline for a consumer step whose thread the state does not reveal. */
    public static Participant anyConsumer() {
        return new Participant("t_any", "a consumer", Participant.Role.CONSUMER);
    }

    public static boolean isAcquire(String action) {
        return action.startsWith("Acquire");
    }

    public static boolean isRelease(String action) {
        return action.equals("Release") || action.equals("ReleaseStart") || action.equals("ReleaseFinish");
    }

    public static boolean isNull(TlaValue v) {
        return v instanceof TlaValue.ModelValue m && m.name().equals(NULL);
    }

    /** A model value's name, or its TLA+ text for anything else. */
    public static String name(TlaValue v) {
        return v instanceof TlaValue.ModelValue m ? m.name() : v.toTla();
    }

    public static Participant consumer(TlaValue c) {
        return new Participant("t_" + id(name(c)), "thread " + name(c), Participant.Role.CONSUMER);
    }

    /** A struct {@code <<c, i>>}: consumer c's i-th Py_buffer. */
    public static Participant struct(TlaValue s) {
        String owner = structOwner(s) == null ? s.toTla() : name(structOwner(s));
        String slot = s instanceof TlaValue.Seq q && q.elements().size() == 2 ? q.elements().get(1).toTla() : "";
        return new Participant("v_" + id(owner) + "_" + id(slot), "view " + owner + "." + slot, Participant.Role.VIEW);
    }

    public static String structLabel(TlaValue s) {
        return struct(s).label();
    }

    /** The consumer that owns struct {@code <<c, i>>}. */
    public static TlaValue structOwner(TlaValue s) {
        return s instanceof TlaValue.Seq q && q.elements().size() == 2 ? q.elements().get(0) : null;
    }

    public static Participant exporter(TlaValue e) {
        String n = name(e);
        String kind = n.equals(NOT_EXPORTER) ? Zoo.NOT_EXPORTER_LABEL : Zoo.find(n).map(Zoo.Type::label).orElse(null);
        return new Participant("e_" + id(n), kind == null ? n : kind + " " + n, Participant.Role.EXPORTER);
    }

    private static String id(String s) {
        String out = s.replaceAll("[^A-Za-z0-9_]", "_");
        return out.isEmpty() ? "x" : out;
    }
}
