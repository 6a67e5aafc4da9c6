package bufspec.replay;

import bufspec.result.FileResult;
import bufspec.result.Violation;
import bufspec.trace.LineDecoder;
import bufspec.trace.TraceError;
import bufspec.trace.TraceListener;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The replay of one process's log fed line by line (a streaming job): a {@link LineDecoder} and a
 * {@link ReplayValidator}, whose result is that of {@link Replay#validateFile} on the same bytes.
 * All of its state is in {@link #snapshot}, so that a checkpoint can hold it.
 */
public final class ProcessReplay implements Serializable, TraceListener {
    private static final long serialVersionUID = 1L;

    private static final ObjectInputFilter SNAPSHOT_CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;bufspec.replay.*;bufspec.trace.*;bufspec.result.*;bufspec.model.*;java.lang.*;java.util.*;!*");

    private final LineDecoder decoder;
    private final ReplayValidator validator;
    private boolean ended;
    private boolean stopNoted;

    public ProcessReplay(String file, int maxLineBytes) {
        this.decoder = new LineDecoder(file, maxLineBytes);
        this.validator = new ReplayValidator(file);
    }

    /** One line of the log (see {@link LineDecoder#line}). */
    public void line(long n, byte[] b, int off, int len, boolean terminated, boolean tooLong, long length) {
        try {
            decoder.line(n, b, off, len, terminated, tooLong, length, validator::accept, this);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a parser over a byte array reads nothing else
        }
        if (decoder.stopped() && !stopNoted) {
            stopNoted = true;
            validator.stopped("stopped: the log cannot be interpreted (see the error)");
        }
    }

    /** The log could not be read on (an unreadable file, a truncated gzip stream), as {@link Replay} reports it. */
    public void unreadable(String exceptionName, String message) {
        if (stopNoted) return;
        stopNoted = true;
        validator.inputError(new TraceError(validator.file(), 0, null, "a readable log file (NDJSON, optionally gzip)",
                exceptionName + ": " + message));
        validator.stopped("reading stopped: " + message);
    }

    /** The log ended: later lines are not expected. */
    public void end() {
        ended = true;
    }

    public boolean ended() {
        return ended;
    }

    public ReplayValidator validator() {
        return validator;
    }

    /** The violations kept in full so far, in the order found. */
    public List<Violation> violationsSoFar() {
        return validator.violationsSoFar();
    }

    /** The result as it stands (the log's end if {@link #end} was called). */
    public FileResult result() {
        return validator.finish();
    }

    @Override
    public void error(TraceError error) {
        validator.inputError(error);
    }

    @Override
    public void truncated(long line, long bytes) {
        validator.truncated(line, bytes);
    }

    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot of the replay of " + validator.file(), e);
        }
        return bytes.toByteArray();
    }

    public static ProcessReplay restore(byte[] snapshot) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(snapshot))) {
            in.setObjectInputFilter(SNAPSHOT_CLASSES);
            return (ProcessReplay) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("not a snapshot of a process replay (" + snapshot.length + " bytes): " + e, e);
        }
    }
}
