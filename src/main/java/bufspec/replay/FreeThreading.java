package bufspec.replay;

import bufspec.trace.ObjectId;

import java.util.HashMap;
import java.util.Map;

/**
 * What the replay of a free-threaded log (header {@code threading: "free"}) remembers beyond a
 * GIL log's state: per export counter, the last write to it (which thread, at which line and
 * seq, which value), and per exporter the last operation that moved its memory. A call that
 * started at {@code start_seq} and wrote at its own {@code seq} raced every write and every move
 * with a seq in between. docs/trace-format.md, "Free-threaded logs".
 */
final class FreeThreading implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** One event: its line, seq and thread, and a value (the counter written; the buffer moved from). */
    record Mark(long line, long seq, long tid, long value) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final String discipline;
    private final Map<ObjectId, Mark> lastWrite = new HashMap<>();
    private final Map<ObjectId, Mark> lastMove = new HashMap<>();

    FreeThreading(String discipline) {
        this.discipline = discipline;
    }

    String discipline() {
        return discipline;
    }

    void wrote(ObjectId counter, long line, long seq, long tid, long value) {
        lastWrite.put(counter, new Mark(line, seq, tid, value));
    }

    /** The last write to {@code counter} after {@code startSeq} by another thread than {@code tid}, or null. */
    Mark wroteSince(ObjectId counter, long startSeq, long tid) {
        Mark m = lastWrite.get(counter);
        return m != null && m.seq() > startSeq && m.tid() != tid ? m : null;
    }

    void moved(ObjectId exporter, long line, long seq, long tid, long bufBefore) {
        lastMove.put(exporter, new Mark(line, seq, tid, bufBefore));
    }

    /** The last move of {@code exporter}'s memory after {@code startSeq}, or null. */
    Mark movedSince(ObjectId exporter, long startSeq) {
        Mark m = lastMove.get(exporter);
        return m != null && m.seq() > startSeq ? m : null;
    }

    /** An object incarnation is gone (deallocated): nothing of it is raced any more. */
    void forget(ObjectId id) {
        lastWrite.remove(id);
        lastMove.remove(id);
    }
}
