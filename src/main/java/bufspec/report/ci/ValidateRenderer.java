package bufspec.report.ci;

import bufspec.report.InputError;
import bufspec.report.JsonInput;
import bufspec.report.validate.ValidateJsonReader;
import bufspec.report.validate.ValidateRun;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A CI format of {@code validate}, rendered from the engine-neutral JSON shape that
 * {@code validate --format json} prints. {@code ValidateCommand --format junit|sarif} wires in by
 * rendering its result as JSON into a buffer and passing the bytes to {@link #renderJson}.
 */
public interface ValidateRenderer {

    void render(ValidateRun run, OutputStream out) throws IOException;

    /** Renders from the bytes of a {@code validate --format json} document. */
    default void renderJson(byte[] validateJson, OutputStream out) throws IOException {
        ValidateRun run;
        try {
            run = ValidateJsonReader.read(JsonInput.parse("<validate json>", new String(validateJson, StandardCharsets.UTF_8)));
        } catch (InputError e) {
            throw new IllegalStateException("validate wrote JSON that its CI renderers cannot read: " + e.getMessage(), e);
        }
        render(run, out);
    }

    /** The renderer of a format name: {@code junit} or {@code sarif}. */
    static ValidateRenderer of(String format) {
        return switch (format) {
            case "junit" -> new ValidateJunit();
            case "sarif" -> new Sarif();
            default -> throw new IllegalArgumentException("no CI renderer for format " + format);
        };
    }
}
