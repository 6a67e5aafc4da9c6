package bufspec.gen;

import java.util.List;
import java.util.Map;

/**
 * The exporter zoo of {@code tla/MCBufferProtocol.tla} ({@code TypeOf}) as a log shows it: the
 * static type of each model value, the CPython type name the rendered log gives it, and where its
 * views are counted and point. Kept in one table next to the TLA+ one; {@code ZooTest} checks the
 * two agree.
 */
public final class Zoo {
    private Zoo() {}

    /** BufferProtocol's kinds; the log renderer renders PLAIN, REEXPORT and REDIRECT only. */
    public enum Kind { PLAIN, REEXPORT, REDIRECT, MBUF, MEMVIEW, PICKLEBUF, PYCLASS, BUFWRAPPER }

    /**
     * One exporter type ({@code T(kind, base, getbuffer, release, internal, sh, resizable,
     * readonly)}) plus the rendering: {@code typeName} (tp_name), {@code resizeOp} (the method
     * that moves memory).
     */
    public record Type(String name, Kind kind, String base, boolean getbuffer, boolean release, boolean internal,
                       boolean shared, boolean resizable, boolean readonly, String typeName, String resizeOp) {
        /** {@code HasCounter}: a PEP 688 class's release says it has {@code __release_buffer__}, not a counter. */
        public boolean hasCounter() {
            return release && kind != Kind.PYCLASS;
        }

        /**
         * The log renderer can write this type's events (a managed buffer, memoryview, PickleBuffer,
         * PEP 688 class or its buffer wrapper: not yet).
         */
        public boolean rendered() {
            return kind == Kind.PLAIN || kind == Kind.REEXPORT || kind == Kind.REDIRECT;
        }
    }

    private static final List<Type> TYPES = List.of(
            new Type("std", Kind.PLAIN, null, true, true, true, true, true, false, "bufspec_demo.Exporter", "resize"),
            new Type("mv", Kind.REEXPORT, "std", true, true, false, false, false, false, "memoryview", null),
            new Type("ba", Kind.PLAIN, null, true, true, false, false, true, false, "bytearray", "append"),
            new Type("bio", Kind.PLAIN, null, false, true, false, false, true, false, "_io.BytesIO", "write"),
            new Type("rd", Kind.REDIRECT, "bio", true, true, false, false, false, false, "_io._BytesIOBuffer", null),
            new Type("ro", Kind.PLAIN, null, true, true, false, false, false, true, "mmap.mmap", null),
            new Type("by", Kind.PLAIN, null, true, false, false, false, false, true, "bytes", null),
            new Type("mb", Kind.MBUF, "ba", false, false, false, false, false, false, "managedbuffer", null),
            new Type("m1", Kind.MEMVIEW, "mb", true, true, false, false, false, false, "memoryview", null),
            new Type("m2", Kind.MEMVIEW, "mb", true, true, false, false, false, true, "memoryview", null),
            new Type("np", Kind.REEXPORT, "ba", true, true, false, false, false, false, "numpy.ndarray", null),
            new Type("nb", Kind.MBUF, "np", false, false, false, false, false, false, "managedbuffer", null),
            new Type("n1", Kind.MEMVIEW, "nb", true, true, false, false, false, false, "memoryview", null),
            new Type("bb", Kind.MBUF, "rd", false, false, false, false, false, false, "managedbuffer", null),
            new Type("b1", Kind.MEMVIEW, "bb", true, true, false, false, false, false, "memoryview", null),
            new Type("pb", Kind.PICKLEBUF, "ba", true, false, false, false, false, false, "pickle.PickleBuffer", null),
            new Type("be", Kind.PLAIN, null, true, false, false, false, false, true, "bytes", null),
            new Type("px", Kind.PYCLASS, "ba", true, true, false, false, false, false, "Exporter", null),
            new Type("pw", Kind.BUFWRAPPER, "px", false, true, false, false, false, false, "_buffer_wrapper", null),
            new Type("pz", Kind.PYCLASS, "ba", true, false, false, false, false, false, "Z", null),
            new Type("zw", Kind.BUFWRAPPER, "pz", false, true, false, false, false, false, "_buffer_wrapper", null));

    private static final Map<String, Type> BY_NAME;

    static {
        var m = new java.util.LinkedHashMap<String, Type>();
        TYPES.forEach(t -> m.put(t.name(), t));
        BY_NAME = java.util.Collections.unmodifiableMap(m);
    }

    public static List<Type> all() {
        return TYPES;
    }

    public static Type of(String exporter) {
        Type t = BY_NAME.get(exporter);
        if (t == null) throw new IllegalArgumentException("exporter " + exporter + " is not in the zoo " + BY_NAME.keySet());
        return t;
    }

    /** Position in the zoo: the renderer's addresses are laid out by it. */
    public static int index(String exporter) {
        return TYPES.indexOf(of(exporter));
    }

    /** {@code CounterOf(e)}: whose export counter a view of {@code e} is counted on. */
    public static String counterOf(String e) {
        Type t = of(e);
        return t.kind() == Kind.REDIRECT ? t.base() : e;
    }

    /** {@code MemoryOf(e)}: whose memory a view of {@code e} points into (the root of its chain). */
    public static String memoryOf(String e) {
        Type t = of(e);
        return t.kind() == Kind.PLAIN ? e : memoryOf(t.base());
    }
}
