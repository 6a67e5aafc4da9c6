package bufspec.tlc;

/**
 * One progress report of TLC (message {@link MessageCode#TLC_PROGRESS_STATS}): the search depth
 * reached so far, states generated, distinct states and the queue size, with the child's
 * elapsed time when the report was read (for states/s between two reports).
 */
public record TlcProgress(int depth, long generated, long distinct, long queue, long elapsedMillis) {
}
