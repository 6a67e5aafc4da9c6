package bufspec.trace;

/**
 * A step of a re-export chain (a managed buffer holding one export of its base, memoryviews
 * registered on it). One record per {@code op}.
 */
public sealed interface Chain extends Event {

    @Override default String kind() { return "chain"; }

    /** The wire name of the op. */
    String op();

    /** {@code holder} acquired and keeps the export of {@code base} in the struct at {@code view}. */
    record Hold(long line, long seq, long tid, ObjectId holder, String holderType, long view, ObjectId base)
            implements Chain {
        @Override public String op() { return "hold"; }
        @Override public String summary() {
            return "chain hold: " + holderType + ' ' + holder + " holds base " + base + " in view " + Pointers.format(view);
        }
    }

    /** The re-exporter (a memoryview) was registered on {@code holder} (the managed buffer). */
    record Register(long line, long seq, long tid, ObjectId holder, ObjectId reexporter) implements Chain {
        @Override public String op() { return "register"; }
        @Override public String summary() { return "chain register: " + reexporter + " on " + holder; }
    }

    /** The re-exporter was unregistered from {@code holder}. */
    record Unregister(long line, long seq, long tid, ObjectId holder, ObjectId reexporter) implements Chain {
        @Override public String op() { return "unregister"; }
        @Override public String summary() { return "chain unregister: " + reexporter + " from " + holder; }
    }

    /** {@code holder} released its export of {@code base} (the struct at {@code view}). */
    record Drop(long line, long seq, long tid, ObjectId holder, long view, ObjectId base) implements Chain {
        @Override public String op() { return "drop"; }
        @Override public String summary() {
            return "chain drop: " + holder + " releases base " + base + " in view " + Pointers.format(view);
        }
    }

    /** A {@code release()} of the re-exporter was refused because it has exports. */
    record Refuse(long line, long seq, long tid, ObjectId reexporter, String error) implements Chain {
        @Override public String op() { return "refuse"; }
        @Override public String summary() { return "chain refuse: release of " + reexporter + " refused (" + error + ")"; }
    }
}
