package bufspec.model;

import java.util.List;
import java.util.Map;

/**
 * The exporter zoo of {@code tla/MCBufferProtocol.tla}: for each model value, its static type
 * ({@code TypeOf}) and what it stands for in a program and in a log. {@code tla/MCBufferProtocol.tla}
 * is the source of truth; this is the one Java table of it, and {@code ZooTest} parses the TLA+
 * and checks the two agree type for type.
 */
public final class Zoo {
    private Zoo() {}

    /** The exporter kinds of BufferProtocol's type records ({@code ExpType[e].kind}). */
    public enum Kind {
        PLAIN, REEXPORT, REDIRECT, MBUF, MEMVIEW, PICKLEBUF, RAWMBUF, PYCLASS, BUFWRAPPER;

        /** The TLA+ string of this kind ({@code "plain"}, ...). */
        public String tla() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One exporter type ({@code T(kind, base, getbuffer, release, internal, sh, resizable,
     * readonly)}) plus what it stands for: {@code label} (the real object, in a diagram's words),
     * {@code typeName} (the tp_name a log gives it), {@code resizeOp} (the method that moves its
     * memory, or null).
     */
    public record Type(String name, Kind kind, String base, boolean getbuffer, boolean release, boolean internal,
                       boolean shared, boolean resizable, boolean readonly, String label, String typeName,
                       String resizeOp) {
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
            new Type("std", Kind.PLAIN, null, true, true, true, true, true, false, "exporter", "bufspec_demo.Exporter", "resize"),
            new Type("mv", Kind.REEXPORT, "std", true, true, false, false, false, false, "re-exporter", "memoryview", null),
            new Type("ba", Kind.PLAIN, null, true, true, false, false, true, false, "bytearray", "bytearray", "append"),
            new Type("bio", Kind.PLAIN, null, false, true, false, false, true, false, "BytesIO", "_io.BytesIO", "write"),
            new Type("rd", Kind.REDIRECT, "bio", true, true, false, false, false, false, "bytesiobuf", "_io._BytesIOBuffer", null),
            new Type("ro", Kind.PLAIN, null, true, true, false, false, false, true, "read-only mmap", "mmap.mmap", null),
            new Type("by", Kind.PLAIN, null, true, false, false, false, false, true, "bytes", "bytes", null),
            new Type("mb", Kind.MBUF, "ba", false, false, false, false, false, false, "managed buffer", "managedbuffer", null),
            new Type("m1", Kind.MEMVIEW, "mb", true, true, false, false, false, false, "memoryview", "memoryview", null),
            new Type("m2", Kind.MEMVIEW, "mb", true, true, false, false, false, true, "memoryview", "memoryview", null),
            new Type("np", Kind.REEXPORT, "ba", true, true, false, false, false, false, "NumPy array", "numpy.ndarray", null),
            new Type("nb", Kind.MBUF, "np", false, false, false, false, false, false, "managed buffer", "managedbuffer", null),
            new Type("n1", Kind.MEMVIEW, "nb", true, true, false, false, false, false, "memoryview", "memoryview", null),
            new Type("bb", Kind.MBUF, "rd", false, false, false, false, false, false, "managed buffer", "managedbuffer", null),
            new Type("b1", Kind.MEMVIEW, "bb", true, true, false, false, false, false, "memoryview", "memoryview", null),
            new Type("pb", Kind.PICKLEBUF, "ba", true, false, false, false, false, false, "PickleBuffer", "pickle.PickleBuffer", null),
            new Type("be", Kind.PLAIN, null, true, false, false, false, false, true, "bytes b\"\" (immortal)", "bytes", null),
            new Type("px", Kind.PYCLASS, "ba", true, true, false, false, false, false, "PEP 688 class", "Exporter", null),
            new Type("pw", Kind.BUFWRAPPER, "px", false, true, false, false, false, false, "_buffer_wrapper", "_buffer_wrapper", null),
            new Type("pz", Kind.PYCLASS, "ba", true, false, false, false, false, false, "PEP 688 bytearray subclass", "Z", null),
            new Type("zw", Kind.BUFWRAPPER, "pz", false, true, false, false, false, false, "_buffer_wrapper", "_buffer_wrapper", null));

    /**
     * The free-threaded versions {@code MCBufferProtocol.tla} has a discipline table for
     * ({@code FtVersions}; each {@code v} is {@code MCDiscipline<v>}'s version of {@code DisciplineOf}).
     */
    public static final List<String> FREE_THREADED_VERSIONS = List.of("3.13t", "3.14t", "3.15t", "main");

    /** The model value of an object without a buffer interface, and what it stands for. */
    public static final String NOT_EXPORTER = "NotExporter";
    public static final String NOT_EXPORTER_LABEL = "no buffer interface";

    private static final Map<String, Type> BY_NAME;

    static {
        var m = new java.util.LinkedHashMap<String, Type>();
        TYPES.forEach(t -> m.put(t.name(), t));
        BY_NAME = java.util.Collections.unmodifiableMap(m);
    }

    public static List<Type> all() {
        return TYPES;
    }

    /** The zoo type of this model value, if it is one. */
    public static java.util.Optional<Type> find(String exporter) {
        return java.util.Optional.ofNullable(BY_NAME.get(exporter));
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
