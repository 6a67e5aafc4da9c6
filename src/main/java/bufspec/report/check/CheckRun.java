package bufspec.report.check;

import java.util.List;

/** A {@code bufspec check} run as its JSON output ({@code check --format json}) describes it. */
public record CheckRun(boolean met, List<ConfigRun> configs) {
    public CheckRun {
        configs = List.copyOf(configs);
    }
}
