package bufspec.report;

import bufspec.report.diagram.SequenceDiagram;

import java.util.List;

/**
 * A finding to draw: one counterexample of the model checker or one violation in a log, with its
 * sequence diagram and the readable list of states (or events) next to it. Both adapters
 * ({@code report.check} and {@code report.validate}) fill this; the pages only read it.
 *
 * @param anchor      a stable identifier for links ({@code MCBugReleaseDecrefsObj})
 * @param source      the configuration or log file it comes from
 * @param property    the name of the broken property, null when none is named (a deadlock)
 * @param headline    one line: what went wrong, where
 * @param explanation the property's meaning or the validator's explanation
 * @param diagram     the sequence diagram, offending step highlighted
 * @param steps       the states or events in order, the offending one highlighted
 */
public record Finding(String anchor, String source, String property, String headline, String explanation,
                      SequenceDiagram diagram, List<Step> steps) {

    public Finding {
        steps = List.copyOf(steps);
    }

    /** One state of a counterexample or one event of a log: a title and detail lines. */
    public record Step(String title, List<String> lines, boolean highlighted) {
        public Step {
            lines = List.copyOf(lines);
        }
    }
}
