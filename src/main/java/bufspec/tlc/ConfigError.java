package bufspec.tlc;

import java.nio.file.Path;

/** A configuration that cannot be checked as given: the file, the line (0 when none) and what was expected. */
public final class ConfigError extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigError(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
