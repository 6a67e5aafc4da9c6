package bufspec.result;

/** The outcome for one property over one or more logs (or model runs). */
public enum Verdict {
    /** The property was checked at least once and never broken. */
    HOLDS("holds"),
    /** At least one violation. */
    VIOLATED("violated"),
    /** The property cannot be judged from this kind of evidence (e.g. TypeOK from a log). */
    NOT_OBSERVABLE("not observable"),
    /** Observable in principle, but nothing in the input exercised it. */
    NOT_EXERCISED("not exercised");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The verdict written as {@code label} (as the JSON output writes it), if there is one. */
    public static java.util.Optional<Verdict> byLabel(String label) {
        return java.util.Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst();
    }

    /** Combines the verdicts of two inputs: violated wins, then holds, then not exercised. */
    public Verdict merge(Verdict other) {
        if (this == VIOLATED || other == VIOLATED) return VIOLATED;
        if (this == HOLDS || other == HOLDS) return HOLDS;
        if (this == NOT_EXERCISED || other == NOT_EXERCISED) return NOT_EXERCISED;
        return NOT_OBSERVABLE;
    }
}
