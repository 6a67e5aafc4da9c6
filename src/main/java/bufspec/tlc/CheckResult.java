package bufspec.tlc;

import java.nio.file.Path;

/**
 * One configuration checked: its name (path relative to the repository root), what it expected,
 * its tier, what TLC found, and whether they agree.
 */
public record CheckResult(String config, String expected, String tier, TlcResult result, ExpectationCheck verdict) {

    public static CheckResult of(Path root, ModelConfig config, TlcResult result) {
        return new CheckResult(config.displayName(root), config.expectation().toString(), config.tier().label(),
                result, ExpectationCheck.judge(config, result));
    }
}
