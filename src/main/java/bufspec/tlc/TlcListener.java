package bufspec.tlc;

/** Receives TLC's messages while it runs (called on the runner's reader thread). */
public interface TlcListener {
    TlcListener NONE = new TlcListener() { };

    /** Every complete message, in order. */
    default void onMessage(TlcMessage message) {
    }

    /** Each progress report (TLC prints one about every minute, and one at the end). */
    default void onProgress(TlcProgress progress) {
    }
}
