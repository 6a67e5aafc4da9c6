package bufspec.gen;

import bufspec.tlc.TlaValue;

import java.util.List;

/**
 * The action a state of a generated behaviour came from: the {@code step} label that
 * {@code tla/GENBufferProtocol.tla} puts on each of BufferProtocol's actions, with its arguments.
 */
public sealed interface Step {

    /** A consumer's {@code Py_buffer} struct: {@code <<thread, slot>>} in the model. */
    record Struct(String consumer, int slot) {}

    record Init() implements Step {}

    record Acquire(String consumer, Struct struct, String exporter, boolean writable) implements Step {}

    /** {@code target} is {@code NotExporter} or an exporter whose check refuses. */
    record AcquireRefuse(String consumer, Struct struct, String target, boolean writable) implements Step {}

    record Release(String consumer, Struct struct) implements Step {}

    record CopyView(String consumer, Struct from, Struct to) implements Step {}

    record DiscardView(String consumer, Struct struct) implements Step {}

    record OwnerDrop(String exporter) implements Step {}

    record Dealloc(String exporter) implements Step {}

    record Resize(String exporter) implements Step {}

    record ResizeRefuse(String exporter) implements Step {}

    record ReExportAcquireBase(String reexporter) implements Step {}

    record ReExportReleaseBase(String reexporter) implements Step {}

    record ReExportRefuseRelease(String reexporter) implements Step {}

    /** Free-threaded getbuffer, up to its count (reads the counter and the memory). */
    record AcquireStart(String consumer, Struct struct, String exporter, boolean writable) implements Step {}

    /** Free-threaded getbuffer's count and return, with what its start read ({@code pc[consumer]}). */
    record AcquireFinish(String consumer) implements Step {}

    /** Free-threaded PyBuffer_Release of a counted view, up to bf_releasebuffer's write. */
    record ReleaseStart(String consumer, Struct struct) implements Step {}

    record ReleaseFinish(String consumer) implements Step {}

    /** Parses the value of the {@code step} variable. */
    static Step parse(TlaValue v) {
        if (!(v instanceof TlaValue.Seq seq) || seq.elements().isEmpty()
                || !(seq.elements().get(0) instanceof TlaValue.Str name)) {
            throw new IllegalArgumentException("step is not <<\"Action\", args...>>: " + v.toTla());
        }
        List<TlaValue> a = seq.elements().subList(1, seq.elements().size());
        try {
            return switch (name.value()) {
                case "Init" -> new Init();
                case "Acquire" -> new Acquire(model(a.get(0)), struct(a.get(1)), model(a.get(2)), bool(a.get(3)));
                case "AcquireRefuse" -> new AcquireRefuse(model(a.get(0)), struct(a.get(1)), model(a.get(2)), bool(a.get(3)));
                case "Release" -> new Release(model(a.get(0)), struct(a.get(1)));
                case "CopyView" -> new CopyView(model(a.get(0)), struct(a.get(1)), struct(a.get(2)));
                case "DiscardView" -> new DiscardView(model(a.get(0)), struct(a.get(1)));
                case "OwnerDrop" -> new OwnerDrop(model(a.get(0)));
                case "Dealloc" -> new Dealloc(model(a.get(0)));
                case "Resize" -> new Resize(model(a.get(0)));
                case "ResizeRefuse" -> new ResizeRefuse(model(a.get(0)));
                case "ReExportAcquireBase" -> new ReExportAcquireBase(model(a.get(0)));
                case "ReExportReleaseBase" -> new ReExportReleaseBase(model(a.get(0)));
                case "ReExportRefuseRelease" -> new ReExportRefuseRelease(model(a.get(0)));
                case "AcquireStart" -> new AcquireStart(model(a.get(0)), struct(a.get(1)), model(a.get(2)), bool(a.get(3)));
                case "AcquireFinish" -> new AcquireFinish(model(a.get(0)));
                case "ReleaseStart" -> new ReleaseStart(model(a.get(0)), struct(a.get(1)));
                case "ReleaseFinish" -> new ReleaseFinish(model(a.get(0)));
                default -> throw new IllegalArgumentException("unknown action " + name.value() + " in step " + v.toTla());
            };
        } catch (IndexOutOfBoundsException | ClassCastException e) {
            throw new IllegalArgumentException("malformed arguments in step " + v.toTla(), e);
        }
    }

    private static String model(TlaValue v) {
        return ((TlaValue.ModelValue) v).name();
    }

    private static boolean bool(TlaValue v) {
        return ((TlaValue.Bool) v).value();
    }

    private static Struct struct(TlaValue v) {
        List<TlaValue> e = ((TlaValue.Seq) v).elements();
        return new Struct(model(e.get(0)), ((TlaValue.Int) e.get(1)).value().intValueExact());
    }
}
