package bufspec.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The named properties of the buffer protocol. Each constant's {@link #name()} is, letter for
 * letter, the name of the operator in {@code tla/BufferProtocol.tla}, the name the replay
 * validator reports, and the name used in {@code docs/model.md}. There is no other list.
 */
public enum Property {
    TypeOK(Kind.INVARIANT,
            "every variable of the model holds a value of its declared type"),
    ExportCountMatchesViews(Kind.INVARIANT,
            "every exporter's export counter equals the number of live views counted on it"),
    NoDanglingView(Kind.INVARIANT,
            "every live view points at allocated exporter memory that has not been freed or moved by a resize"),
    NoDeallocWhileReferenced(Kind.INVARIANT,
            "no exporter is deallocated while a view's obj or a chain still references it"),
    RefCountCoversReferences(Kind.INVARIANT,
            "an exporter's reference count is never below the references really held on it (owner, views' obj, chain holders)"),
    FailedAcquireLeavesNoTrace(Kind.INVARIANT,
            "a failed acquire leaves view->obj NULL and the exporter's export counter and reference count unchanged"),
    ReleaseSeesOwnInternal(Kind.INVARIANT,
            "bf_releasebuffer sees the internal value that the matching acquire produced, whichever copy is released"),
    ReleasedAtMostOnce(Kind.INVARIANT,
            "each successful acquire is released at most once across all copies of its struct, and a failed acquire never"),
    ReExporterHoldsBase(Kind.INVARIANT,
            "a re-exporter keeps its own export of its base while it has exports of its own"),
    EveryViewReleased(Kind.LIVENESS,
            "every acquired view is eventually released"),
    ExportCountsReturnToZero(Kind.LIVENESS,
            "every exporter's export counter eventually returns to zero"),
    DroppedExportersDeallocated(Kind.LIVENESS,
            "every exporter whose owner has dropped it is eventually deallocated (no leaks)");

    /** Whether TLC checks the property as an INVARIANT or as a temporal PROPERTY. */
    public enum Kind { INVARIANT, LIVENESS }

    private final Kind kind;
    private final String meaning;

    Property(Kind kind, String meaning) {
        this.kind = kind;
        this.meaning = meaning;
    }

    public Kind kind() {
        return kind;
    }

    /** One sentence, in the protocol's terms, of what the property demands. */
    public String meaning() {
        return meaning;
    }

    /** The property with this exact TLA+ name, if there is one. */
    public static Optional<Property> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
