package bufspec.replay;

import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.Stats;
import bufspec.result.Verdict;
import bufspec.trace.Attachment;
import bufspec.trace.Footer;
import bufspec.trace.Header;
import bufspec.trace.TraceError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the replay of one log counts besides the rules' findings (events, objects, views, input
 * errors, notes), and the {@link FileResult} that all of it makes at the end.
 */
final class Tally implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private long events, exporters, views, failedAcquires, releasesBeforeTracing, toleratedExcess;
    private final List<TraceError> errors = new ArrayList<>();
    private long errorCount;
    private final List<String> notes = new ArrayList<>();

    void event() {
        events++;
    }

    long events() {
        return events;
    }

    void exporter() {
        exporters++;
    }

    void view() {
        views++;
    }

    void failedAcquire() {
        failedAcquires++;
    }

    void releaseFromBeforeTracing() {
        releasesBeforeTracing++;
    }

    void toleratedExcess() {
        toleratedExcess++;
    }

    void inputError(TraceError error) {
        if (errorCount++ < FileResult.MAX_ERRORS_KEPT) errors.add(error);
    }

    void note(String note) {
        notes.add(note);
    }

    /**
     * The file's result: how reading ended, the counts, the notes, and the verdicts of
     * {@code findings}.
     *
     * @param open views still live at the end of the log
     */
    FileResult result(String file, Header header, Attachment attached, Footer footer, boolean stopped, long open,
                      Findings findings) {
        List<String> n = new ArrayList<>(notes);
        FileResult.Ending ending;
        if (stopped) {
            ending = FileResult.Ending.STOPPED;
        } else if (footer == null) {
            ending = FileResult.Ending.TRUNCATED;
            n.add(Messages.truncatedLog(open));
        } else if (!footer.finalized()) {
            ending = FileResult.Ending.FOOTER;
            n.add(Messages.footerBeforeFinalization(open));
        } else {
            ending = FileResult.Ending.FOOTER_FINALIZED;
        }
        if (releasesBeforeTracing > 0) n.add(Messages.releasesBeforeTracing(releasesBeforeTracing));
        if (toleratedExcess > 0) n.add(Messages.toleratedExcess(toleratedExcess));
        n.add(Property.NOT_OBSERVABLE_NOTE);
        Map<Property, Verdict> verdicts = findings.verdicts(Property.NOT_OBSERVABLE_IN_LOGS);
        Stats stats = new Stats(events, exporters, views, failedAcquires, open, releasesBeforeTracing, toleratedExcess);
        return new FileResult(file, header == null ? null : attached.wireName(), ending, stats, verdicts,
                findings.firstViolations(), findings.counts(), errors, errorCount, n);
    }
}
