package bufspec.trace;

/** A line could not be decoded: which field (null for the whole line), what was expected, what was found. */
final class DecodeException extends Exception {
    final String field;
    final String expected;
    final String found;

    DecodeException(String field, String expected, String found) {
        super(expected, null, false, false);
        this.field = field;
        this.expected = expected;
        this.found = found;
    }
}
