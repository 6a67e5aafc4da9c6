package bufspec.tlc;

import java.util.List;

/** One {@code @!@!@STARTMSG code:severity @!@!@ ... @!@!@ENDMSG code @!@!@} block of TLC's -tool output. */
public record TlcMessage(int code, int severity, List<String> lines) {
    public TlcMessage {
        lines = List.copyOf(lines);
    }

    /** The body as one string, lines joined by newlines, trailing blank lines dropped. */
    public String text() {
        return String.join("\n", lines).stripTrailing();
    }

    public boolean isError() {
        return severity == MessageCode.SEVERITY_ERROR || severity == MessageCode.SEVERITY_TLCBUG;
    }
}
