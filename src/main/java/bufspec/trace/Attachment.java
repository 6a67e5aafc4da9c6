package bufspec.trace;

/** When the tracer started watching, from the header's {@code attached} field. */
public enum Attachment {
    /** Traced from interpreter start: no view can predate the log. */
    START,
    /** Attached to a running interpreter: views acquired before tracing may be released in the log. */
    MIDRUN;

    public String wireName() {
        return this == START ? "start" : "midrun";
    }
}
