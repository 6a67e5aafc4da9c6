package bufspec.tlc;

/** A parse or semantic error of a spec: file (path as TLC parsed it, or module name), 1-based line and column, message. */
public record SourceError(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
