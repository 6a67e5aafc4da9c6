package bufspec.tlc;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A region of a TLA+ module as TLC prints it: {@code line 5, col 9 to line 5, col 27 of module M}. */
public record SourceLocation(String module, int line, int column, int endLine, int endColumn) {

    private static final Pattern PRINTED = Pattern.compile(
            "line (\\d+), col (\\d+) to line (\\d+), col (\\d+) of module (\\w+)");

    /** Finds the first printed location in {@code text}. */
    public static Optional<SourceLocation> find(String text) {
        Matcher m = PRINTED.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new SourceLocation(m.group(5), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
    }

    @Override
    public String toString() {
        return module + ":" + line + ":" + column;
    }
}
