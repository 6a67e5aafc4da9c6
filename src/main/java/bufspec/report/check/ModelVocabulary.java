package bufspec.report.check;

import bufspec.report.diagram.Participant;
import bufspec.tlc.TlaValue;

import java.util.Map;

/**
 * How the buffer-protocol model's variables and constants read in protocol terms: which
 * variables are indexed by exporter, by struct or by consumer, what the exporter zoo's model
 * values stand for, and what each action does. This is the one place that knows the names used
 * in {@code tla/BufferProtocol.tla} and {@code tla/MCBufferProtocol.tla}; if the model renames a
 * variable, only this class changes.
 */
public final class ModelVocabulary {

    private ModelVocabulary() {
    }

    /** Variables {@code [Exporters -> ...]}: a change is a change of that exporter. */
    public static final java.util.Set<String> EXPORTER_VARIABLES =
            java.util.Set.of("alive", "owned", "rc", "exports", "gen", "shared", "master");
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
    public static final String NOT_EXPORTER = "NotExporter";

    /** The exporter zoo of {@code MCBufferProtocol.tla}: model value -> the real exporter it stands for. */
    private static final Map<String, String> ZOO = Map.ofEntries(
            Map.entry("std", "exporter"),
            Map.entry("mv", "re-exporter"),
            Map.entry("ba", "bytearray"),
            Map.entry("bio", "BytesIO"),
            Map.entry("rd", "bytesiobuf"),
            Map.entry("ro", "read-only mmap"),
            Map.entry("by", "bytes"),
            Map.entry("mb", "managed buffer"),
            Map.entry("m1", "memoryview"),
            Map.entry("m2", "memoryview"),
            Map.entry("np", "NumPy array"),
            Map.entry("nb", "managed buffer"),
            Map.entry("n1", "memoryview"),
            Map.entry("bb", "managed buffer"),
            Map.entry("b1", "memoryview"),
            Map.entry("pb", "PickleBuffer"),
            Map.entry("be", "bytes b\"\" (immortal)"),
            Map.entry("px", "PEP 688 class"),
            Map.entry("pw", "_buffer_wrapper"),
            Map.entry("pz", "PEP 688 bytearray subclass"),
            Map.entry("zw", "_buffer_wrapper"),
            Map.entry(NOT_EXPORTER, "no buffer interface"));

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
            Map.entry("AcquireBufferWrapper", "getbuffer: __buffer__, memoryview getbuffer, _buffer_wrapper"),
            Map.entry("ReleaseBufferWrapper", "PyBuffer_Release: bufferwrapper_releasebuf, __release_buffer__"),
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
        return action.equals("Release") || action.equals("ReleaseStart") || action.equals("ReleaseFinish")
                || action.equals("ReleaseBufferWrapper");
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
        String kind = ZOO.get(n);
        return new Participant("e_" + id(n), kind == null ? n : kind + " " + n, Participant.Role.EXPORTER);
    }

    private static String id(String s) {
        String out = s.replaceAll("[^A-Za-z0-9_]", "_");
        return out.isEmpty() ? "x" : out;
    }
}
