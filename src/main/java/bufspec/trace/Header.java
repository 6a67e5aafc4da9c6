package bufspec.trace;

import java.util.List;

/** First line of a log: format, version and how the tracer was attached. */
public record Header(long line, String format, int version, String producer, String python, Long pid,
                     String start, List<String> argv, Attachment attached) implements Event {

    public static final String FORMAT = "bufspec-trace";
    public static final int VERSION = 1;

    public Header {
        argv = argv == null ? List.of() : List.copyOf(argv);
    }

    @Override public long seq() { return -1; }
    @Override public long tid() { return 0; }
    @Override public String kind() { return "header"; }

    @Override
    public String summary() {
        return "header " + format + " v" + version + " attached " + attached.wireName()
                + (producer == null ? "" : " producer " + producer);
    }
}
