package bufspec.report;

import bufspec.report.ci.Sarif;
import bufspec.report.ci.ValidateJunit;

/** Output formats of {@code validate}: for people (text), machines (json) and CI dashboards (junit, sarif). */
public enum Format {
    text, json, junit, sarif;

    public ResultRenderer renderer() {
        return switch (this) {
            case text -> new TextRenderer();
            case json -> new JsonRenderer();
            case junit -> new ValidateJunit();
            case sarif -> new Sarif();
        };
    }
}
