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

    public enum Kind { PLAIN, REEXPORT, REDIRECT }

    /**
     * One exporter type ({@code T(kind, base, release, internal, sh, resizable, readonly)}) plus
     * the rendering: {@code typeName} (tp_name), {@code resizeOp} (the method that moves memory).
     */
    public record Type(String name, Kind kind, String base, boolean release, boolean internal, boolean shared,
                       boolean resizable, boolean readonly, String typeName, String resizeOp) {
        public boolean hasCounter() {
            return release;
        }
    }

    private static final List<Type> TYPES = List.of(
            new Type("std", Kind.PLAIN, null, true, true, true, true, false, "bufspec_demo.Exporter", "resize"),
            new Type("mv", Kind.REEXPORT, "std", true, false, false, false, false, "memoryview", null),
            new Type("ba", Kind.PLAIN, null, true, false, false, true, false, "bytearray", "append"),
            new Type("bio", Kind.PLAIN, null, true, false, false, true, false, "_io.BytesIO", "write"),
            new Type("rd", Kind.REDIRECT, "bio", true, false, false, false, false, "_io._BytesIOBuffer", null),
            new Type("ro", Kind.PLAIN, null, true, false, false, false, true, "mmap.mmap", null),
            new Type("by", Kind.PLAIN, null, false, false, false, false, true, "bytes", null));

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

    /** {@code MemoryOf(e)}: whose memory a view of {@code e} points into. */
    public static String memoryOf(String e) {
        Type t = of(e);
        return t.kind() == Kind.PLAIN ? e : t.base();
    }
}
