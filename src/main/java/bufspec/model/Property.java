package bufspec.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The named properties of the buffer protocol. Each constant's {@link #name()} is, letter for
 * letter, the name of the operator in {@code tla/BufferProtocol.tla}, the name the replay
 * validator reports, and the name used in {@code docs/model.md}. There is no other list.
 */
public enum Property {
    TypeOK(Kind.INVARIANT, false, true,
            "every variable of the model holds a value of its declared type"),
    ExportCountMatchesViews(Kind.INVARIANT, false, false,
            "every exporter's export counter equals the number of live views counted on it"),
    NoDanglingView(Kind.INVARIANT, true, false,
            "every live view points at allocated memory of its memory's owner (the root of a chain) that has not been freed or moved by a resize"),
    NoDeallocWhileReferenced(Kind.INVARIANT, true, false,
            "no exporter is deallocated while a view's obj or a chain still references it"),
    RefCountCoversReferences(Kind.INVARIANT, true, false,
            "an exporter's reference count is never below the references really held on it (owner, views' obj, chain holders)"),
    FailedAcquireLeavesNoTrace(Kind.INVARIANT, false, false,
            "a failed acquire leaves view->obj NULL and the exporter's export counter and reference count unchanged"),
    ReleaseSeesOwnInternal(Kind.INVARIANT, false, false,
            "bf_releasebuffer sees the internal value that the matching acquire produced, whichever copy is released"),
    ReleasedAtMostOnce(Kind.INVARIANT, false, false,
            "each successful acquire is released at most once across all copies of its struct, and a failed acquire never"),
    ReExporterHoldsBase(Kind.INVARIANT, false, false,
            "a re-exporter keeps its own export of its base while it has exports of its own"),
    OneHolderPerView(Kind.INVARIANT, false, true,
            "every live view has exactly one holder who will release it (a struct its consumer must release, or a managed buffer), and every struct a consumer must release holds a live view"),
    NoLeakedReference(Kind.INVARIANT, true, true,
            "an exporter's reference count is never above the references some holder will give back (no leaked reference)"),
    NoLeakedViewResource(Kind.INVARIANT, true, true,
            "a per-view resource (what view->internal points to) is allocated only while its view is live"),
    NoUseOfInvalidView(Kind.INVARIANT, true, true,
            "every use of a view is of a valid one: not after its release, not through a copy whose original struct (where PyBuffer_FillInfo points shape and strides) is gone"),
    NoDoubleFree(Kind.ACTION, true, true,
            "no step frees a per-view resource that is not allocated"),
    EveryViewReleased(Kind.LIVENESS, true, false,
            "once the program lets go of everything it holds, every acquired view is eventually released"),
    ExportCountsReturnToZero(Kind.LIVENESS, true, false,
            "once the program lets go of everything it holds, every exporter's export counter eventually returns to zero"),
    DroppedExportersDeallocated(Kind.LIVENESS, true, true,
            "once the program lets go of everything it holds, every exporter is eventually deallocated (no leaks)");

    /**
     * Whether TLC checks the property as an INVARIANT, or as a PROPERTY: an action property
     * ({@code [][A]_vars}, about one step) or a temporal one.
     */
    public enum Kind { INVARIANT, ACTION, LIVENESS }

    private final Kind kind;
    private final boolean harm;
    private final boolean modelOnly;
    private final String meaning;

    Property(Kind kind, boolean harm, boolean modelOnly, String meaning) {
        this.kind = kind;
        this.harm = harm;
        this.modelOnly = modelOnly;
        this.meaning = meaning;
    }

    /**
     * Whether a violation is itself harm done to a program (a dangling view, a dealloc while
     * referenced, a reference count below the references held, a leak, a double free), rather
     * than a broken rule that leads to one. Every bug variant must be refuted by a harm alone
     * (the harm-only twins {@code tla/bugs/MCBug<X>Harm.cfg}).
     */
    public boolean harm() {
        return harm;
    }

    /**
     * Whether only the model checker judges the property: logs do not show what it needs
     * (types, owner drops, consumers' bookkeeping, per-view resources), so neither validator
     * of logs judges it and its verdict on a log is "not observable".
     */
    public boolean modelOnly() {
        return modelOnly;
    }

    public Kind kind() {
        return kind;
    }

    /** One sentence, in the protocol's terms, of what the property demands. */
    public String meaning() {
        return meaning;
    }

    /** The properties a log cannot show ({@link #modelOnly()}): their verdict on a log is "not observable". */
    public static final java.util.Set<Property> NOT_OBSERVABLE_IN_LOGS = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.copyOf(Arrays.stream(values()).filter(Property::modelOnly).toList()));

    /** The note both validators of logs add to each file's result about {@link #NOT_OBSERVABLE_IN_LOGS}. */
    public static final String NOT_OBSERVABLE_NOTE = notObservableNote();

    /** "A, B and C are not observable in logs (...)", naming every {@link #modelOnly()} property. */
    private static String notObservableNote() {
        java.util.List<String> names = Arrays.stream(values()).filter(Property::modelOnly).map(Property::name).toList();
        String list = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return list + " are not observable in logs (logs show no types, owner drops, consumers' bookkeeping"
                + " or per-view resources)";
    }

    /** The property with this exact TLA+ name, if there is one. */
    public static Optional<Property> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
