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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
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
        return validate(files, 1);
    }

    /**
     * Validates the files on up to {@code jobs} threads. Logs are independent, so they are spread
     * over the threads; when there are threads to spare (at least two per file) each log is also
     * read on a thread of its own, ahead of its validator ({@link #validateFilePipelined}). The
     * result is the same as the sequential run's, in the order of {@code files}.
     */
    public ValidationResult validate(List<String> files, int jobs) {
        if (jobs <= 1 || files.isEmpty()) {
            List<FileResult> out = new ArrayList<>();
            for (String f : files) out.add(validateFile(f));
            return new ValidationResult(ENGINE, out);
        }
        boolean pipelined = jobs >= 2 * files.size();
        int workers = Math.min(jobs, files.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemon("bufspec-validate"));
        try {
            List<Future<FileResult>> futures = new ArrayList<>();
            for (String f : files) {
                futures.add(pool.submit(() -> pipelined ? validateFilePipelined(f) : validateFile(f)));
            }
            List<FileResult> out = new ArrayList<>();
            for (Future<FileResult> fu : futures) out.add(join(fu));
            return new ValidationResult(ENGINE, out);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Validates one file ({@code -} for stdin); never throws for bad input. */
    public FileResult validateFile(String name) {
        ReplayValidator v = new ReplayValidator(shown(name));
        read(name, new Direct(v));
        return v.finish();
    }

    /**
     * As {@link #validateFile}, on two threads: a reader thread decodes the log into batches of
     * events (and the reader's findings, in their place between the events) handed over through a
     * bounded queue, and this thread runs the rules on them in the same order.
     */
    public FileResult validateFilePipelined(String name) {
        ReplayValidator v = new ReplayValidator(shown(name));
        BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        Batcher batcher = new Batcher(queue);
        Thread reader = daemon("bufspec-read").newThread(() -> {
            try {
                read(name, batcher);
            } catch (RuntimeException | Error e) {
                batcher.add(e);
            } finally {
                batcher.add(END);
                batcher.flush();
            }
        });
        reader.start();
        try {
            while (true) {
                Object[] batch = queue.take();
                for (Object o : batch) {
                    if (o == null) break;
                    if (o == END) return v.finish();
                    if (o instanceof Event e) v.accept(e);
                    else if (o instanceof TraceError err) v.inputError(err);
                    else if (o instanceof Truncation t) v.truncated(t.line(), t.bytes());
                    else if (o instanceof Stop st) v.stopped(st.why());
                    else if (o instanceof RuntimeException x) throw x;
                    else if (o instanceof Error x) throw x;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("validation of " + name + " interrupted", e);
        } finally {
            reader.interrupt(); // done already after END; otherwise it must not block on the queue
        }
    }

    /** Validates an already open stream (tests, benchmarks). */
    public FileResult validateStream(String name, InputStream in) {
        ReplayValidator v = new ReplayValidator(name);
        Direct sink = new Direct(v);
        try (TraceReader r = new TraceReader(name, in, options.maxLineBytes(), sink)) {
            run(r, sink, ReadProgress.NONE);
        } catch (IOException e) {
            sink.error(new TraceError(name, 0, null, "a readable log", e.getMessage()));
            sink.stopped("reading stopped: " + e.getMessage());
        }
        return v.finish();
    }

    private static String shown(String name) {
        return name.equals("-") ? "<stdin>" : name;
    }

    /** Reads one file ({@code -} for stdin) into the sink; never throws for bad input. */
    private void read(String name, Sink sink) {
        String shown = shown(name);
        ReadProgress progress = options.progress().apply(shown, sizeOf(name));
        try (TraceReader r = TraceReader.open(name, options.maxLineBytes(), sink, progress)) {
            run(r, sink, progress);
        } catch (NoSuchFileException e) {
            sink.error(new TraceError(shown, 0, null, "a readable log file", "no such file"));
            sink.stopped("file not found");
        } catch (IOException e) {
            sink.error(new TraceError(shown, 0, null, "a readable log file (NDJSON, optionally gzip)",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            sink.stopped("reading stopped: " + e.getMessage());
        }
    }

    private static long sizeOf(String name) {
        if (name.equals("-")) return -1;
        try {
            return Files.size(Path.of(name));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void run(TraceReader r, Sink sink, ReadProgress progress) throws IOException {
        Event e;
        while ((e = r.next()) != null) {
            if (sink.failed && options.strict()) break;
            sink.event(e);
            progress.event();
        }
        progress.finish();
        if (sink.failed && options.strict()) {
            sink.stopped("--strict: stopped at the first bad line");
        } else if (r.stopped()) {
            sink.stopped("stopped: the log cannot be interpreted (see the error)");
        }
    }

    /** Where a read log goes: its events and what the reader found besides, in log order. */
    private abstract static class Sink implements TraceListener {
        /** Whether a bad line was seen (--strict stops there). */
        boolean failed;

        abstract void event(Event e);

        abstract void stopped(String why);
    }

    /** Straight into a validator on the reading thread. */
    private static final class Direct extends Sink {
        private final ReplayValidator v;

        Direct(ReplayValidator v) {
            this.v = v;
        }

        @Override void event(Event e) { v.accept(e); }
        @Override void stopped(String why) { v.stopped(why); }
        @Override public void truncated(long line, long bytes) { v.truncated(line, bytes); }

        @Override
        public void error(TraceError error) {
            failed = true;
            v.inputError(error);
        }
    }

    private static final int BATCH = 1024;
    private static final int QUEUED_BATCHES = 32;
    private static final Object END = new Object();

    private record Truncation(long line, long bytes) {}

    private record Stop(String why) {}

    /** Into batches for the validating thread; the queue's bound holds the reader back. */
    private static final class Batcher extends Sink {
        private final BlockingQueue<Object[]> queue;
        private Object[] batch = new Object[BATCH];
        private int size;

        Batcher(BlockingQueue<Object[]> queue) {
            this.queue = queue;
        }

        void add(Object o) {
            batch[size++] = o;
            if (size == BATCH) flush();
        }

        void flush() {
            if (size == 0) return;
            try {
                queue.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("reader interrupted", e);
            }
            batch = new Object[BATCH];
            size = 0;
        }

        @Override void event(Event e) { add(e); }
        @Override void stopped(String why) { add(new Stop(why)); }
        @Override public void truncated(long line, long bytes) { add(new Truncation(line, bytes)); }

        @Override
        public void error(TraceError error) {
            failed = true;
            add(error);
        }
    }

    private static FileResult join(Future<FileResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("validation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
