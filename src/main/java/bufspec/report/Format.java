package bufspec.report;

import bufspec.report.ci.ValidateRenderer;

import java.io.ByteArrayOutputStream;

/** Output formats of {@code validate}: for people (text), machines (json) and CI dashboards (junit, sarif). */
public enum Format {
    text, json, junit, sarif;

    public ResultRenderer renderer() {
        return switch (this) {
            case text -> new TextRenderer();
            case json -> new JsonRenderer();
            // The CI formats are drawn from the engine-neutral JSON, the same document `report` reads.
            case junit, sarif -> (result, out) -> {
                ByteArrayOutputStream json = new ByteArrayOutputStream();
                new JsonRenderer().render(result, json);
                ValidateRenderer.of(name()).renderJson(json.toByteArray(), out);
            };
        };
    }
}
