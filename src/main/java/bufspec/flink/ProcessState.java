package bufspec.flink;

import bufspec.replay.ProcessReplay;

/** What the job keeps per process: the replay, how many of its violations were emitted, when it was last heard of. */
public final class ProcessState {
    final ProcessReplay replay;
    int violationsEmitted;
    long lastSeenMillis;
    boolean quietReported;

    ProcessState(ProcessReplay replay) {
        this.replay = replay;
    }
}
