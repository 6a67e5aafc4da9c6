package bufspec.report;

/** Output formats of {@code validate}; junit and sarif come with issue 6. */
public enum Format {
    text, json;

    public ResultRenderer renderer() {
        return switch (this) {
            case text -> new TextRenderer();
            case json -> new JsonRenderer();
        };
    }
}
