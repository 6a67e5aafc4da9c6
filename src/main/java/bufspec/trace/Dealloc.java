package bufspec.trace;

/** An object was deallocated; its address may be reused by a later incarnation. */
public record Dealloc(long line, long seq, long tid, ObjectId object, String type, Long exports) implements Event {

    @Override public String kind() { return "dealloc"; }

    @Override
    public String summary() {
        return "dealloc " + type + ' ' + object + (exports == null ? "" : " exports " + exports);
    }
}
