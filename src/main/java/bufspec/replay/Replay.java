package bufspec.replay;

import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.trace.Event;
import bufspec.trace.ReadProgress;
import bufspec.trace.TraceError;
import bufspec.trace.TraceListener;
import bufspec.trace.TraceReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The replay engine: streams each log through a {@link TraceReader} into its own
 * {@link ReplayValidator} (one log per process; logs are independent) and merges the results.
 */
public final class Replay {

    public static final String ENGINE = "replay";

    /**
     * How to read logs: stop at the first bad line or skip it; the line length limit; how to show
     * progress for a file (its shown name and size in bytes, -1 for standard input).
     */
    public record Options(boolean strict, int maxLineBytes, BiFunction<String, Long, ReadProgress> progress) {
        public Options(boolean strict, int maxLineBytes) {
            this(strict, maxLineBytes, (name, size) -> ReadProgress.NONE);
        }

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
        ReadProgress progress = options.progress().apply(shown, sizeOf(name));
        try (TraceReader r = TraceReader.open(name, options.maxLineBytes(), l, progress)) {
            run(r, v, l, progress);
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
            run(r, v, l, ReadProgress.NONE);
        } catch (IOException e) {
            v.inputError(new TraceError(name, 0, null, "a readable log", e.getMessage()));
            v.stopped("reading stopped: " + e.getMessage());
        }
        return v.finish();
    }

    private static long sizeOf(String name) {
        if (name.equals("-")) return -1;
        try {
            return Files.size(Path.of(name));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void run(TraceReader r, ReplayValidator v, Listener l, ReadProgress progress) throws IOException {
        Event e;
        while ((e = r.next()) != null) {
            if (l.failed && options.strict()) break;
            v.accept(e);
            progress.event();
        }
        progress.finish();
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
