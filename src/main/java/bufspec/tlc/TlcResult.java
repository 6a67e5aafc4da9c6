package bufspec.tlc;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Everything a TLC run told us. {@code violated} names the violated invariant or property when
 * TLC names it (null otherwise); {@code error} locates a parse/semantic error or a false
 * assumption (null otherwise); {@code detail} is TLC's own text for errors (empty when none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlcResult(
        TlcOutcome outcome,
        String violated,
        SourceError error,
        String detail,
        TlcStats stats,
        long durationMillis,
        Counterexample counterexample,
        int exitCode,
        List<String> warnings) {

    public TlcResult {
        detail = detail == null ? "" : detail;
        warnings = List.copyOf(warnings);
    }

    public boolean isViolation() {
        return outcome == TlcOutcome.INVARIANT_VIOLATED || outcome == TlcOutcome.PROPERTY_VIOLATED
                || outcome == TlcOutcome.DEADLOCK;
    }
}
