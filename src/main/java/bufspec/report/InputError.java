package bufspec.report;

/**
 * A report input that is not what its producer writes: which file, where in it (a JSON pointer
 * such as {@code /configs/0/result}, or {@code line N} of a log), and what was expected there.
 */
public final class InputError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String where;
    private final String expected;

    public InputError(String file, String where, String expected) {
        super(file + (where.isEmpty() ? "" : ": " + where) + ": " + expected);
        this.file = file;
        this.where = where;
        this.expected = expected;
    }

    public String file() {
        return file;
    }

    public String where() {
        return where;
    }

    public String expected() {
        return expected;
    }
}
