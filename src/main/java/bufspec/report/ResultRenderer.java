package bufspec.report;

import bufspec.result.ValidationResult;

import java.io.IOException;
import java.io.OutputStream;

/** Renders an engine-neutral {@link ValidationResult}; one implementation per output format. */
public interface ResultRenderer {
    void render(ValidationResult result, OutputStream out) throws IOException;
}
