package bufspec.trace;

import java.util.List;

/**
 * First line of a log: format, version and how the tracer was attached; for a free-threaded
 * build ({@code threading: "free"}) the per-version discipline table of the model
 * ({@code MCDiscipline<version>} in tla/MCBufferProtocol.tla) it is to be judged by, null for
 * a build with the GIL.
 */
public record Header(long line, String format, int version, String producer, String python, Long pid,
                     String start, List<String> argv, Attachment attached, String discipline) implements Event {

    public static final String FORMAT = "bufspec-trace";
    public static final int VERSION = 1;

    /** The values of {@code discipline}: {@code FtVersions} of tla/MCBufferProtocol.tla. */
    public static final List<String> DISCIPLINES = List.of("3.13t", "3.14t", "3.15t", "main");

    public Header {
        argv = argv == null ? List.of() : List.copyOf(argv);
    }

    public Header(long line, String format, int version, String producer, String python, Long pid,
                  String start, List<String> argv, Attachment attached) {
        this(line, format, version, producer, python, pid, start, argv, attached, null);
    }

    /** The log is of a free-threaded build: events of one object from several threads interleave. */
    public boolean freeThreaded() {
        return discipline != null;
    }

    @Override public long seq() { return -1; }
    @Override public long tid() { return 0; }
    @Override public String kind() { return "header"; }

    @Override
    public String summary() {
        return "header " + format + " v" + version + " attached " + attached.wireName()
                + (producer == null ? "" : " producer " + producer)
                + (discipline == null ? "" : " free-threaded, discipline " + discipline);
    }
}
