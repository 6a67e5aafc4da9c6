package bufspec.replay;

import bufspec.model.Property;
import bufspec.result.Verdict;
import bufspec.result.Violation;
import bufspec.trace.Event;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules found in one log: how often each property was checked, its violations (the
 * first in full, the rest counted), and the verdicts that follow. A log with test marks keeps the
 * first violation of each property in full per part (each test, and each stretch between tests),
 * so every test whose code breaks a rule is named.
 */
final class Findings implements java.io.Serializable {
    private final String file;
    private final long[] checks = new long[Property.values().length];
    private final long[] counts = new long[Property.values().length];
    private final List<Violation> first = new ArrayList<>();
    /** Whether the current part of the log already keeps a violation of each property in full. */
    private final boolean[] keptInPart = new boolean[Property.values().length];

    Findings(String file) {
        this.file = file;
    }

    /** The property was evaluated once (it had a chance to fail). */
    void checked(Property p) {
        checks[p.ordinal()]++;
    }

    void violated(Property p, Event at, EventRing history, String explanation) {
        checks[p.ordinal()]++;
        counts[p.ordinal()]++;
        if (!keptInPart[p.ordinal()]) {
            keptInPart[p.ordinal()] = true;
            first.add(new Violation(p, file, at.line(), at.seq(), at.summary(), explanation,
                    history == null ? List.of() : history.steps()));
        }
    }

    /** A test mark: the next part of the log begins. */
    void nextPart() {
        java.util.Arrays.fill(keptInPart, false);
    }

    long violations(Property p) {
        return counts[p.ordinal()];
    }

    /** The violations kept in full, in the order they were found (a view of the live list). */
    List<Violation> inOrderFound() {
        return java.util.Collections.unmodifiableList(first);
    }

    List<Violation> firstViolations() {
        List<Violation> out = new ArrayList<>(first);
        out.sort((a, b) -> Long.compare(a.line(), b.line()));
        return out;
    }

    Map<Property, Long> counts() {
        Map<Property, Long> out = new EnumMap<>(Property.class);
        for (Property p : Property.values()) {
            if (counts[p.ordinal()] > 0) out.put(p, counts[p.ordinal()]);
        }
        return out;
    }

    /** Verdicts; {@code unobservable} lists the properties a log cannot show. */
    Map<Property, Verdict> verdicts(java.util.Set<Property> unobservable) {
        Map<Property, Verdict> out = new EnumMap<>(Property.class);
        for (Property p : Property.values()) {
            Verdict v;
            if (counts[p.ordinal()] > 0) v = Verdict.VIOLATED;
            else if (unobservable.contains(p)) v = Verdict.NOT_OBSERVABLE;
            else if (checks[p.ordinal()] > 0) v = Verdict.HOLDS;
            else v = Verdict.NOT_EXERCISED;
            out.put(p, v);
        }
        return out;
    }
}
