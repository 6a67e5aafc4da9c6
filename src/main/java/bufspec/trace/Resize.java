package bufspec.trace;

/** An attempt to resize, close or otherwise move an exporter's memory; {@code buf} may be null. */
public record Resize(long line, long seq, long tid, ObjectId exporter, String type, String op, boolean ok,
                     String error, Long exports, Counts buf) implements Event {

    @Override public String kind() { return "resize"; }

    @Override
    public String summary() {
        return "resize " + op + (ok ? " ok " : " REFUSED ") + type + ' ' + exporter
                + (exports == null ? "" : " exports " + exports) + (!ok && error != null ? " (" + error + ")" : "");
    }
}
