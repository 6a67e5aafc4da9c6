package bufspec.tlc;

import bufspec.model.Property;

/**
 * Whether a TLC result meets a configuration's expectation. {@code got} is the result in the
 * expectation's own words ({@code pass}, {@code violation P length N}, {@code deadlock length N},
 * {@code parse error at f:l:c}, ...); {@code reason} says why it does not match (empty when met).
 */
public record ExpectationCheck(boolean met, String got, String reason) {

    /** Judges {@code result} against {@code config}'s expectation. */
    public static ExpectationCheck judge(ModelConfig config, TlcResult result) {
        String got = describe(config, result);
        if (config.expectation() instanceof Expectation.Violation v) {
            return judgeViolation(config, result, v, got);
        }
        return result.outcome() == TlcOutcome.SUCCESS
                ? new ExpectationCheck(true, got, "")
                : new ExpectationCheck(false, got, "expected no violation");
    }

    private static ExpectationCheck judgeViolation(ModelConfig config, TlcResult r, Expectation.Violation v, String got) {
        Property p = v.property();
        TlcOutcome wanted = p.kind() == Property.Kind.INVARIANT ? TlcOutcome.INVARIANT_VIOLATED : TlcOutcome.PROPERTY_VIOLATED;
        if (r.outcome() != wanted) {
            return new ExpectationCheck(false, got, "expected " + p.name() + " to be violated");
        }
        String name = violatedName(config, r);
        if (name == null) {
            return new ExpectationCheck(false, got, "TLC does not name the violated temporal property and the configuration checks "
                    + config.properties().size() + " (" + String.join(", ", config.properties())
                    + "): check one PROPERTY per bug configuration");
        }
        if (!name.equals(p.name())) {
            return new ExpectationCheck(false, got, "expected " + p.name() + " to be violated first, not " + name);
        }
        if (r.counterexample().length() != v.length()) {
            return new ExpectationCheck(false, got, "expected a counterexample of " + v.length() + " states, TLC's has "
                    + r.counterexample().length());
        }
        return new ExpectationCheck(true, got, "");
    }

    /**
     * The violated property's name: TLC's own for invariants; for a temporal property TLC 2.18
     * gives none, so it is the configuration's PROPERTY when it checks exactly one.
     */
    public static String violatedName(ModelConfig config, TlcResult r) {
        if (r.violated() != null) {
            return r.violated();
        }
        if (r.outcome() == TlcOutcome.PROPERTY_VIOLATED && config.properties().size() == 1) {
            return config.properties().get(0);
        }
        return null;
    }

    private static String describe(ModelConfig config, TlcResult r) {
        int length = r.counterexample().length();
        return switch (r.outcome()) {
            case SUCCESS -> "pass";
            case INVARIANT_VIOLATED, PROPERTY_VIOLATED -> {
                String name = violatedName(config, r);
                yield "violation " + (name == null ? "(unnamed temporal property)" : name) + " length " + length;
            }
            case DEADLOCK -> "deadlock length " + length;
            case PARSE_ERROR -> "parse error" + at(r);
            case SEMANTIC_ERROR -> "semantic error" + at(r);
            case ASSUMPTION_FAILED -> "assumption false" + at(r);
            case TIMEOUT -> "timeout";
            case OTHER_ERROR -> "TLC error";
            case CRASHED -> "crashed";
        };
    }

    private static String at(TlcResult r) {
        return r.error() == null ? "" : " at " + r.error().file().replaceFirst(".*/", "") + ":" + r.error().line() + ":" + r.error().column();
    }
}
