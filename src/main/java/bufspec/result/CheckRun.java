package bufspec.result;

import bufspec.tlc.CheckResult;
import bufspec.tlc.CounterexampleStep;
import bufspec.tlc.ModelConfig;
import bufspec.tlc.TlcResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code bufspec check} run as the renderers (text pages, JUnit, the generated docs region) take
 * it: built in memory from the run's {@link CheckResult}s by {@link #of}, or from the JSON
 * document another process wrote by {@code bufspec.report.check.CheckJsonReader}. Both give the same record.
 */
public record CheckRun(boolean met, List<ConfigRun> configs) {
    public CheckRun {
        configs = List.copyOf(configs);
    }

    /** {@code configs.get(i)} is the configuration of {@code results.get(i)}. */
    public static CheckRun of(List<CheckResult> results, List<ModelConfig> configs) {
        List<ConfigRun> runs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CheckResult r = results.get(i);
            TlcResult t = r.result();
            List<String> checks = new ArrayList<>();
            if (i < configs.size()) {
                checks.addAll(configs.get(i).invariants());
                checks.addAll(configs.get(i).properties());
            }
            runs.add(new ConfigRun(r.config(), r.expected(), r.tier(), t.outcome().name(), t.violated(),
                    r.verdict().got(), r.verdict().met(), r.verdict().reason(), t.detail(), t.stats().generated(),
                    t.stats().distinct(), t.stats().queue(), t.stats().depth(), t.durationMillis(), checks, trace(t)));
        }
        return new CheckRun(results.stream().allMatch(r -> r.verdict().met()), runs);
    }

    private static Trace trace(TlcResult t) {
        if (t.counterexample() == null || t.counterexample().isEmpty()) {
            return null;
        }
        List<Trace.TraceState> states = new ArrayList<>();
        Trace.Ending ending = new Trace.Ending.Stops();
        for (CounterexampleStep step : t.counterexample().steps()) {
            if (step instanceof CounterexampleStep.State s) {
                states.add(new Trace.TraceState(s.number(), s.action(),
                        s.location() == null ? null : s.location().module() + ":" + s.location().line(), s.variables()));
            } else if (step instanceof CounterexampleStep.BackToState b) {
                ending = new Trace.Ending.BackTo(b.number(), b.action());
            } else if (step instanceof CounterexampleStep.Stuttering) {
                ending = new Trace.Ending.Stutters();
            }
        }
        return new Trace(states, ending);
    }
}
