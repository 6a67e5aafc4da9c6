package bufspec.replay;

import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.trace.Event;
import bufspec.trace.TraceError;
import bufspec.trace.TraceListener;
import bufspec.trace.TraceReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay engine: streams each log through a {@link TraceReader} into its own
 * {@link ReplayValidator} (one log per process; logs are independent) and merges the results.
 */
public final class Replay {

    public static final String ENGINE = "replay";

    /** How to read logs: stop at the first bad line or skip it; the line length limit. */
    public record Options(boolean strict, int maxLineBytes) {
        public static Options defaults() {
            return new Options(false, TraceReader.DEFAULT_MAX_LINE_BYTES);
        }
    }

    private final Options options;

    public Replay(Options options) {
        this.options = options;
    }

    public ValidationResult validate(List<String> files) {
        List<FileResult> out = new ArrayList<>();
        for (String f : files) out.add(validateFile(f));
        return new ValidationResult(ENGINE, out);
    }

    /** Validates one file ({@code -} for stdin); never throws for bad input. */
    public FileResult validateFile(String name) {
        String shown = name.equals("-") ? "<stdin>" : name;
        ReplayValidator v = new ReplayValidator(shown);
        Listener l = new Listener(v);
        try (TraceReader r = TraceReader.open(name, options.maxLineBytes(), l)) {
            run(r, v, l);
        } catch (NoSuchFileException e) {
            v.inputError(new TraceError(shown, 0, null, "a readable log file", "no such file"));
            v.stopped("file not found");
        } catch (IOException e) {
            v.inputError(new TraceError(shown, 0, null, "a readable log file (NDJSON, optionally gzip)",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            v.stopped("reading stopped: " + e.getMessage());
        }
        return v.finish();
    }

    /** Validates an already open stream (tests, benchmarks). */
    public FileResult validateStream(String name, InputStream in) {
        ReplayValidator v = new ReplayValidator(name);
        Listener l = new Listener(v);
        try (TraceReader r = new TraceReader(name, in, options.maxLineBytes(), l)) {
            run(r, v, l);
        } catch (IOException e) {
            v.inputError(new TraceError(name, 0, null, "a readable log", e.getMessage()));
            v.stopped("reading stopped: " + e.getMessage());
        }
        return v.finish();
    }

    private void run(TraceReader r, ReplayValidator v, Listener l) throws IOException {
        Event e;
        while ((e = r.next()) != null) {
            if (l.failed && options.strict()) break;
            v.accept(e);
        }
        if (l.failed && options.strict()) {
            v.stopped("--strict: stopped at the first bad line");
        } else if (r.stopped()) {
            v.stopped("stopped: the log cannot be interpreted (see the error)");
        }
    }

    private static final class Listener implements TraceListener {
        private final ReplayValidator v;
        boolean failed;

        Listener(ReplayValidator v) {
            this.v = v;
        }

        @Override
        public void error(TraceError error) {
            failed = true;
            v.inputError(error);
        }

        @Override
        public void truncated(long line, long bytes) {
            v.truncated(line, bytes);
        }
    }
}
