package bufspec.tlc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A configuration's {@code \* bufspec-tier:}: which job runs it. */
public enum Tier {
    /** Seconds: the quick CI job and the unit tests. */
    SMALL,
    /** The default exhaustive check (about a minute). */
    DEFAULT,
    /** Benchmarks only (e.g. the no-symmetry twin); never run by {@code check --all}. */
    BENCH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tier> byLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
    }
}
