package bufspec.trace;

import java.io.InputStream;

/**
 * Watches one log being read: the bytes that come through {@link #wrap} and the events decoded.
 * The reader knows nothing of how progress is shown (a bar on a terminal, plain lines in CI).
 */
public interface ReadProgress {

    /** The log's raw (possibly compressed) stream, counted. */
    InputStream wrap(InputStream raw);

    /** One event read. */
    void event();

    /** Reading ended. */
    void finish();

    /** Shows nothing. */
    ReadProgress NONE = new ReadProgress() {
        @Override
        public InputStream wrap(InputStream raw) {
            return raw;
        }

        @Override
        public void event() {
        }

        @Override
        public void finish() {
        }
    };
}
