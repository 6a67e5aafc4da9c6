package bufspec.exact;

/**
 * Every word a generated trace module may contain besides numbers and booleans: the event kinds
 * of {@code tla/TraceBufferProtocol.tla} ({@code ev.k}). Fixed here, never taken from a log.
 */
public enum Vocabulary {
    ACQUIRE("acquire"), RELEASE("release"), DEALLOC("dealloc"), RESIZE("resize"), FREED("freed"),
    HOLD("hold"), REGISTER("register"), UNREGISTER("unregister"), DROP("drop"), REFUSE("refuse"),
    FOOTER("footer"),
    // kinds of exporter in BufferProtocol's type records
    PLAIN("plain"), REEXPORT("reexport"), REDIRECT("redirect"), RAWMBUF("rawmbuf"), MEMVIEW("memview");

    private final String tla;

    Vocabulary(String tla) {
        if (!tla.matches("[a-z]+")) throw new IllegalStateException("vocabulary words are lower-case letters: " + tla);
        this.tla = tla;
    }

    public String tla() {
        return tla;
    }

    /** The record fields of a slice and of its events (see the spec's comments for their meaning). */
    public enum Field {
        // slice
        midrun, nobj, nst, nptr, ev,
        // slice: the model layer (see ModelMapping)
        bp, nhid, pool, ty, mo,
        // type records (also base, internal)
        kind, getbuffer, release, shared, resizable, readonly,
        // every event
        k, objs, u,
        // acquire
        ok, exp, o, c, st, hasRc, rcB, rcA, hasEx, exB, exA, b, end, key, internal, pv, ho, sev, oa, ob,
        // release (also o, c, st, key, int, hasRc, ...)
        hasRb,
        // acquire: the memoryview whose master view it fills (0: none)
        mm,
        // dealloc, resize
        ex, hasBuf, bb, ba,
        // freed: the objects whose live views the freed block was under
        os,
        // chains
        holder, base, mv,
        // footer
        fin;

        public String tla() {
            return name();
        }
    }
}
