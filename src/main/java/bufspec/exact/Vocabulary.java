package bufspec.exact;

import bufspec.model.Zoo;

/**
 * Every word a generated trace module may contain besides numbers and booleans: the event kinds
 * of {@code tla/TraceBufferProtocol.tla} ({@code ev.k}). Fixed here, never taken from a log.
 */
public enum Vocabulary {
    ACQUIRE("acquire"), RELEASE("release"), DEALLOC("dealloc"), RESIZE("resize"), FREED("freed"),
    HOLD("hold"), REGISTER("register"), UNREGISTER("unregister"), DROP("drop"), REFUSE("refuse"),
    FOOTER("footer"),
    // the kinds of exporter a log's model layer has ({@link Zoo.Kind})
    PLAIN(Zoo.Kind.PLAIN.tla()), REEXPORT(Zoo.Kind.REEXPORT.tla()), REDIRECT(Zoo.Kind.REDIRECT.tla()),
    RAWMBUF(Zoo.Kind.RAWMBUF.tla()), MEMVIEW(Zoo.Kind.MEMVIEW.tla());

    private final String tla;

    Vocabulary(String tla) {
        if (!tla.matches("[a-z]+")) throw new IllegalStateException("vocabulary words are lower-case letters: " + tla);
        this.tla = tla;
    }

    public String tla() {
        return tla;
    }

    /** The word of an exporter kind the model layer gives a log's objects. */
    static Vocabulary kind(Zoo.Kind k) {
        return switch (k) {
            case PLAIN -> PLAIN;
            case REEXPORT -> REEXPORT;
            case REDIRECT -> REDIRECT;
            case RAWMBUF -> RAWMBUF;
            case MEMVIEW -> MEMVIEW;
            default -> throw new IllegalArgumentException("the model layer has no objects of kind " + k.tla());
        };
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
