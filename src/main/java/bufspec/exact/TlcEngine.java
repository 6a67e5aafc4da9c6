package bufspec.exact;

import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.Stats;
import bufspec.result.ValidationResult;
import bufspec.result.Verdict;
import bufspec.result.Violation;
import bufspec.trace.Acquire;
import bufspec.trace.Event;
import bufspec.trace.Footer;
import bufspec.trace.Header;
import bufspec.trace.ObjectId;
import bufspec.trace.TraceError;
import bufspec.tlc.BugVariant;
import bufspec.tlc.TlcOutcome;
import bufspec.tlc.TlcResult;
import bufspec.tlc.TlcRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The TLC engine: TLC itself replays a log through {@code tla/TraceBufferProtocol.tla} and names
 * the properties it breaks. A log is split into independent slices ({@link Slicer}); slices are
 * batched (one TLC run checks many, one initial state each) and batches run in parallel child
 * JVMs, bounded by the cores. The result has the same shape as the replay engine's.
 */
public final class TlcEngine {

    public static final String ENGINE = "tlc";

    /**
     * @param tlaDir      the directory holding TraceBufferProtocol.tla
     * @param slicing     split logs into independent slices (false: one slice per log)
     * @param parallel    TLC runs at once
     * @param batchEvents about how many events one TLC run checks (slices are never split)
     * @param progress    where progress lines go, or null
     */
    public record Options(Path tlaDir, boolean slicing, int parallel, int batchEvents, boolean strict,
                          int maxLineBytes, String heap, Duration timeout, PrintStream progress) {
        public static Options defaults(Path tlaDir) {
            return new Options(tlaDir, true, Runtime.getRuntime().availableProcessors(), 60_000, false,
                    bufspec.trace.TraceReader.DEFAULT_MAX_LINE_BYTES, "1500m", Duration.ofMinutes(30), null);
        }

        public Options withSlicing(boolean s) {
            return new Options(tlaDir, s, parallel, batchEvents, strict, maxLineBytes, heap, timeout, progress);
        }

        public Options withProgress(PrintStream p) {
            return new Options(tlaDir, slicing, parallel, batchEvents, strict, maxLineBytes, heap, timeout, p);
        }

        public Options withHeap(String h) {
            return new Options(tlaDir, slicing, parallel, batchEvents, strict, maxLineBytes, h, timeout, progress);
        }

        public Options withBatchEvents(int n) {
            return new Options(tlaDir, slicing, parallel, n, strict, maxLineBytes, heap, timeout, progress);
        }

        public Options withStrict(boolean s, int maxLine) {
            return new Options(tlaDir, slicing, parallel, batchEvents, s, maxLine, heap, timeout, progress);
        }
    }

    /** TLC could not judge (the spec failed to parse, TLC crashed, timed out, a free-threaded log): not a verdict. */
    public static final class EngineFailure extends RuntimeException {
        public EngineFailure(String message) {
            super(message);
        }
    }

    /**
     * One TLC run of the last {@link #validate(LoadedLog)}: how many slices and events it checked,
     * its wall time as seen from here (JVM start to exit) and the distinct states TLC reported.
     */
    public record Run(int slices, long events, long millis, long distinct) {}

    private final List<Run> runs = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The TLC runs of the last {@link #validate(LoadedLog)}, in the order they ended. */
    public List<Run> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    /**
     * What TLC found in one slice; {@code diag}: the trace spec's diagnosis when the model layer
     * stopped at this event (which bug variants have a step for it), else null.
     */
    record Found(Property property, Event event, int sliceIndex, String state, boolean unmatched,
                 TlcVerdicts.Diagnosis diag) {}

    private final Options options;
    private final TlcRunner runner;
    /** The bug variants, from tla/bugs/MCBug*.cfg: their glosses and the properties they break. */
    private final Map<String, BugVariant> variants;

    public TlcEngine(Options options) {
        this(options, null);
    }

    /** {@code runner}: the TLC runner of every run, or null to pick one per run ({@link #runnerFor}). */
    public TlcEngine(Options options, TlcRunner runner) {
        this.options = options;
        this.runner = runner;
        if (!Files.isRegularFile(options.tlaDir().resolve("TraceBufferProtocol.tla"))) {
            throw new EngineFailure("no TraceBufferProtocol.tla in " + options.tlaDir()
                    + " (run from the repository root, or pass --root)");
        }
        this.variants = BugVariant.load(options.tlaDir());
    }

    public ValidationResult validate(List<String> files) {
        List<FileResult> out = new ArrayList<>();
        for (String f : files) out.add(validateFile(f));
        return new ValidationResult(ENGINE, out);
    }

    public FileResult validateFile(String name) {
        return validate(LoadedLog.read(name, options.strict(), options.maxLineBytes()));
    }

    public FileResult validate(LoadedLog log) {
        refuseFreeThreaded(log);
        runs.clear();
        List<Slice> slices = options.slicing() ? Slicer.slice(log.events()) : Slicer.whole(log.events());
        List<Found> found = check(slices, log.midrun(), log.file());
        return result(log, slices, found);
    }

    /**
     * A free-threaded log (header {@code threading: "free"}) is refused: the trace spec takes each
     * event as one of BufferProtocol's GIL actions, and does not yet map a call with a
     * {@code start_seq} onto AcquireStart/AcquireFinish or ReleaseStart/ReleaseFinish of the
     * free-threaded spec under the header's discipline table. The replay engine judges such logs.
     */
    static void refuseFreeThreaded(LoadedLog log) {
        bufspec.trace.Header h = log.header();
        if (h != null && h.freeThreaded()) {
            throw new EngineFailure(log.file() + ": a free-threaded log (header threading \"free\", discipline "
                    + h.discipline() + "): the TLC engine does not judge free-threaded logs yet (it does not map a call"
                    + " with start_seq onto AcquireStart/AcquireFinish, ReleaseStart/ReleaseFinish of the free-threaded"
                    + " spec); validate it with --engine replay");
        }
    }

    // ---- running TLC -------------------------------------------------------------------------

    /** Checks the slices in batches, in parallel; every violation and unmatched event found. */
    List<Found> check(List<Slice> slices, boolean midrun, String file) {
        List<List<Slice>> batches = batches(slices);
        if (batches.isEmpty()) return List.of();
        int threads = Math.max(1, Math.min(options.parallel(), batches.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Found>>> futures = new ArrayList<>();
            for (List<Slice> b : batches) futures.add(pool.submit(() -> runBatch(b, midrun)));
            List<Found> all = new ArrayList<>();
            int done = 0;
            for (Future<List<Found>> f : futures) {
                all.addAll(f.get());
                done++;
                if (options.progress() != null) {
                    options.progress().println("tlc: " + file + ": batch " + done + "/" + batches.size() + " checked");
                }
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailure("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof EngineFailure ef) throw ef;
            throw new EngineFailure("TLC run failed: " + c);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The slices in as few TLC runs as keep every core busy, none much above {@code batchEvents}:
     * each TLC run costs about 2-3 s of CPU before its first state (JVM, JIT, parsing the spec), so
     * fewer, larger runs are faster (measured on 99,896 events: 13 runs of up to 10,000 events took
     * 72.9 s of TLC CPU, 3 runs 27.2 s). Largest slice first into the least loaded batch, so the
     * batches end at about the same time; each batch keeps its slices in log order.
     */
    /** Below this many events per run, one more parallel TLC JVM costs more than it saves. */
    static final long MIN_PARALLEL_EVENTS = 5_000;

    List<List<Slice>> batches(List<Slice> slices) {
        if (slices.isEmpty()) return List.of();
        long total = slices.stream().mapToLong(s -> s.events().size()).sum();
        long bySize = (total + options.batchEvents() - 1) / options.batchEvents();
        // a second JVM pays off only when it has more to check than its start costs
        long worthParallel = Math.min(options.parallel(), (total + MIN_PARALLEL_EVENTS - 1) / MIN_PARALLEL_EVENTS);
        int n = (int) Math.min(slices.size(), Math.max(worthParallel, bySize));
        List<List<Slice>> bins = new ArrayList<>();
        long[] load = new long[n];
        for (int i = 0; i < n; i++) bins.add(new ArrayList<>());
        List<Slice> bySizeDesc = new ArrayList<>(slices);
        bySizeDesc.sort(Comparator.comparingInt((Slice s) -> s.events().size()).reversed()
                .thenComparingInt(Slice::index));
        for (Slice s : bySizeDesc) {
            int least = 0;
            for (int i = 1; i < n; i++) if (load[i] < load[least]) least = i;
            bins.get(least).add(s);
            load[least] += s.events().size();
        }
        for (List<Slice> b : bins) b.sort(Comparator.comparingInt(Slice::index));
        bins.removeIf(List::isEmpty);
        return bins;
    }

    /** Slices longer than this are one long behaviour whose states TLC works hard on: full JIT. */
    static final int LONG_SLICE_EVENTS = 20_000;

    /**
     * The quick JIT (C1 only) for runs of short slices, where C2 compiles more than it saves
     * (an 8,899-event slice: 2.7 s of CPU instead of 4.5 s; a batch of 69,001 events in 3,700
     * slices: 7.6 s instead of 11.8 s); TLC's full JIT for a long slice, whose states grow with
     * the objects it names (the 99,896-event log unsliced: 109 s of CPU with C2, over 140 s
     * with C1 only). Measured with {@code bench tlc} on traces/corpus/real-service.ndjson.gz.
     */
    private TlcRunner runnerFor(List<Slice> batch) {
        if (runner != null) return runner;
        boolean long_ = batch.stream().anyMatch(s -> s.events().size() > LONG_SLICE_EVENTS);
        return long_ ? new TlcRunner() : new TlcRunner(TlcRunner.locateTlaTools(), TlcRunner.QUICK_JIT);
    }

    /**
     * One TLC run over a batch. An event no step of BufferProtocol matches is the trace spec's
     * step Unmatched (EventMatched), and TLC goes on; were TLC to deadlock instead, the stuck
     * slice is reported and the rest run again.
     */
    private List<Found> runBatch(List<Slice> batch, boolean midrun) throws IOException, InterruptedException {
        List<Found> out = new ArrayList<>();
        List<Slice> todo = new ArrayList<>(batch);
        while (!todo.isEmpty()) {
            List<TlaData.Rec> recs = new ArrayList<>();
            for (Slice s : todo) recs.add(SliceEncoder.encode(s, midrun));
            Path dir = Files.createTempDirectory("bufspec-exact-");
            try {
                TraceModule m = TraceModule.write(options.tlaDir(), dir, recs);
                TlcVerdicts verdicts = new TlcVerdicts();
                TlcRunner.Options o = new TlcRunner.Options(1, options.heap(), options.timeout(), false, 0)
                        .continuingAfterViolations();
                TlcResult r = runnerFor(todo).run(m.module(), m.cfg(), List.of(dir), o, verdicts);
                runs.add(new Run(todo.size(), todo.stream().mapToLong(x -> x.events().size()).sum(),
                        r.durationMillis(), r.stats() == null ? 0 : r.stats().distinct()));
                if (!judged(r)) {
                    throw new EngineFailure("TLC did not judge the log: " + r.outcome()
                            + (r.error() != null ? " " + r.error() : "") + (r.detail().isEmpty() ? "" : ": " + r.detail())
                            + (r.stats() != null && r.stats().distinct() > 0
                                    ? " (" + r.stats().distinct() + " distinct states reached, about one per event)" : ""));
                }
                Slice stuck = null;
                List<Found> got = new ArrayList<>();
                for (TlcVerdicts.Reported rep : verdicts.finish()) {
                    Slice s = todo.get(rep.slice() - 1);
                    if (rep.unmatched()) {
                        int i = Math.min(rep.index(), s.events().size()) - 1;
                        got.add(new Found(null, s.events().get(i), s.index(), rep.state(), true, diagAt(rep, i)));
                        if (rep.deadlock()) stuck = s;
                    } else {
                        int i = rep.index() - 2;
                        got.add(new Found(rep.property(), s.events().get(i), s.index(), rep.state(), false, diagAt(rep, i)));
                    }
                }
                if (stuck == null) {
                    out.addAll(got);
                    return out;
                }
                // a deadlock (the trace spec's fault: Unmatched should have taken the step) stops
                // TLC: keep the stuck slice's findings, check the others again
                final Slice st = stuck;
                got.stream().filter(f -> f.sliceIndex() == st.index()).forEach(out::add);
                todo.remove(stuck);
            } finally {
                deleteTree(dir);
            }
        }
        return out;
    }

    /** The reported state's diagnosis when it is of the event at (0-based) index i of the slice. */
    private static TlcVerdicts.Diagnosis diagAt(TlcVerdicts.Reported rep, int i) {
        return rep.diag() != null && rep.diag().at() == i + 1 ? rep.diag() : null;
    }

    private static boolean judged(TlcResult r) {
        return r.outcome() == TlcOutcome.SUCCESS || r.outcome() == TlcOutcome.INVARIANT_VIOLATED
                || r.outcome() == TlcOutcome.DEADLOCK;
    }

    private static void deleteTree(Path dir) {
        try (var w = Files.walk(dir)) {
            w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    // ---- the result --------------------------------------------------------------------------

    /**
     * How much of a log BufferProtocol's own actions match (the model layer of
     * tla/TraceBufferProtocol.tla, see {@link ModelMapping}): events matched step by step, and the
     * others counted per reason: the {@link ModelMapping.Gap} of a slice the model layer does not
     * follow (all its events), or, in a slice it follows, the event where it stopped and those
     * after it (the rules broke a property there, or no step matched).
     *
     * @param total    events of the log's slices (each once: a footer is in every slice)
     * @param matched  events matched by BufferProtocol's actions
     * @param slices   slices, and how many of them the model layer follows
     * @param left     events not matched, per reason, in the order of {@link #REASONS}
     */
    public record Coverage(long total, long matched, long slices, long followed, Map<String, Long> left) {

        /** The reason of the events from a violation on, in a slice the model layer follows. */
        public static final String AFTER_VIOLATION = "from a property's first violation in a slice on (the model layer stops there)";
        /** The reason of the events from one no step matches on. */
        public static final String AFTER_UNMATCHED = "from an event no step of tla/BufferProtocol.tla matches on";

        /** "E of N events (P %) matched by ...; not matched, per reason: ..." */
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(java.util.Locale.ROOT, "%,d of %,d events (%s) matched step by step by"
                    + " tla/BufferProtocol.tla's own actions, in %,d of %,d slice(s)", matched, total, percent(matched, total),
                    followed, slices));
            if (!left.isEmpty()) {
                b.append("; not matched, per reason: ");
                b.append(String.join("; ", left.entrySet().stream()
                        .map(e -> String.format(java.util.Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).toList()));
                b.append(", judged by the observation rules alone");
            }
            return b.toString();
        }

        static String percent(long k, long n) {
            if (n == 0) return "-";
            double p = 100.0 * k / n;
            // never round up to 100 % what is not all
            if (k < n && p > 99.9) return "99.9 %";
            return String.format(java.util.Locale.ROOT, "%.1f %%", p);
        }
    }

    /** The coverage of slices before TLC has run: only the gaps of the mapping are known. */
    public static Coverage modelLayerCoverage(List<Slice> slices, boolean midrun) {
        return modelLayerCoverage(slices, midrun, List.of());
    }

    /** The coverage of slices after TLC found {@code found} in them. */
    static Coverage modelLayerCoverage(List<Slice> slices, boolean midrun, List<Found> found) {
        long followed = 0;
        // where the model layer stopped in each slice: its first finding (the event where follows
        // became FALSE: every such event is reported, as a violation or as unmatched)
        Map<Integer, Found> firstOf = new java.util.HashMap<>();
        for (Found f : found) {
            firstOf.merge(f.sliceIndex(), f, (x, y) -> y.event().line() < x.event().line() ? y : x);
        }
        // each event of the log once (every slice has its own copy of the footer): matched when
        // every slice that has it matched it, else the reason of the first slice that did not
        final String matchedMark = "";
        Map<Event, String> reasonOf = new java.util.IdentityHashMap<>();
        List<Event> order = new ArrayList<>();
        for (Slice s : slices) {
            int n = s.events().size();
            ModelMapping.Gap g = ModelMapping.gapOf(s.events(), midrun);
            Found f = g == null ? firstOf.get(s.index()) : null;
            int stop = g != null ? 0 : f == null ? n : s.events().indexOf(f.event());
            if (stop < 0) stop = n;
            if (g == null) followed++;
            String after = f != null && f.unmatched() ? Coverage.AFTER_UNMATCHED : Coverage.AFTER_VIOLATION;
            for (int i = 0; i < n; i++) {
                Event e = s.events().get(i);
                String r = i < stop ? matchedMark : g != null ? g.label : after;
                String had = reasonOf.get(e);
                if (had == null) order.add(e);
                if (had == null || (had.isEmpty() && !r.isEmpty())) reasonOf.put(e, r);
            }
        }
        long matched = 0;
        Map<String, Long> counts = new java.util.HashMap<>();
        for (Event e : order) {
            String r = reasonOf.get(e);
            if (r.isEmpty()) matched++;
            else counts.merge(r, 1L, Long::sum);
        }
        Map<String, Long> left = new LinkedHashMap<>();
        for (ModelMapping.Gap g : ModelMapping.Gap.values()) if (counts.containsKey(g.label)) left.put(g.label, counts.get(g.label));
        for (String r : List.of(Coverage.AFTER_VIOLATION, Coverage.AFTER_UNMATCHED)) if (counts.containsKey(r)) left.put(r, counts.get(r));
        return new Coverage(order.size(), matched, slices.size(), followed, left);
    }

    FileResult result(LoadedLog log, List<Slice> slices, List<Found> found) {
        List<Found> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingLong((Found f) -> f.event().line()));
        Map<Property, Violation> first = new LinkedHashMap<>();
        Map<Property, Long> counts = new EnumMap<>(Property.class);
        List<TraceError> errors = new ArrayList<>(log.errors());
        long errorCount = log.errorCount();
        for (Found f : sorted) {
            if (f.unmatched()) {
                errorCount++;
                if (errors.size() < FileResult.MAX_ERRORS_KEPT) {
                    String d = f.diag() == null ? "" : diagnosis(f.event().line(), f.diag(), null) + "; ";
                    errors.add(new TraceError(log.file(), f.event().line(), "kind",
                            "an event a step of tla/BufferProtocol.tla matches (through tla/TraceBufferProtocol.tla)",
                            "no step matches (" + TraceModule.EVENT_MATCHED + "): " + f.event().summary()
                                    + "; " + d + "the state TLC reached: " + compact(f.state())));
                }
                continue;
            }
            counts.merge(f.property(), 1L, Long::sum);
            first.computeIfAbsent(f.property(), p -> violation(log, slices, f, variants));
        }
        List<Violation> violations = new ArrayList<>(first.values());
        violations.sort(Comparator.comparingLong(Violation::line));

        Map<Property, Verdict> verdicts = new EnumMap<>(Property.class);
        boolean anyEvent = slices.stream().anyMatch(s -> s.events().stream().anyMatch(e -> !(e instanceof Footer)));
        boolean finalized = log.footer() != null && log.footer().finalized();
        for (Property p : Property.values()) {
            Verdict v;
            if (counts.containsKey(p)) v = Verdict.VIOLATED;
            else if (Property.NOT_OBSERVABLE_IN_LOGS.contains(p)) v = Verdict.NOT_OBSERVABLE;
            else if (p.kind() == Property.Kind.LIVENESS) v = finalized ? Verdict.HOLDS : Verdict.NOT_EXERCISED;
            else v = anyEvent ? Verdict.HOLDS : Verdict.NOT_EXERCISED;
            verdicts.put(p, v);
        }

        Set<ObjectId> objects = new HashSet<>();
        long views = 0, failed = 0;
        for (Event e : log.events()) {
            objects.addAll(Slicer.objects(e));
            if (e instanceof Acquire a) {
                if (a.ok()) views++;
                else failed++;
            }
        }
        List<String> notes = new ArrayList<>(log.notes());
        FileResult.Ending ending;
        if (log.stopped()) ending = FileResult.Ending.STOPPED;
        else if (log.footer() == null) ending = FileResult.Ending.TRUNCATED;
        else if (!log.footer().finalized()) ending = FileResult.Ending.FOOTER;
        else ending = FileResult.Ending.FOOTER_FINALIZED;
        if (ending == FileResult.Ending.TRUNCATED) notes.add("truncated log (no footer): open views are not judged as leaks");
        notes.add("judged by TLC (tla/TraceBufferProtocol.tla): " + modelLayerCoverage(slices, log.midrun(), found).describe()
                + "; each property reported at the first event of each slice that breaks it");
        notes.add(Property.NOT_OBSERVABLE_NOTE);
        Stats stats = new Stats(log.events().size(), objects.size(), views, failed, 0, 0, 0);
        Header h = log.header();
        return new FileResult(log.file(), h == null ? null : h.attached().wireName(), ending, stats, verdicts,
                violations, counts, errors, errorCount, notes);
    }

    private static Violation violation(LoadedLog log, List<Slice> slices, Found f, Map<String, BugVariant> variants) {
        Slice s = slices.stream().filter(x -> x.index() == f.sliceIndex()).findFirst().orElseThrow();
        List<Violation.Step> history = new ArrayList<>();
        int at = s.events().indexOf(f.event());
        for (int i = Math.max(0, at - 8); i < at; i++) {
            Event e = s.events().get(i);
            history.add(new Violation.Step(e.line(), e.summary()));
        }
        return new Violation(f.property(), log.file(), f.event().line(), f.event().seq(), f.event().summary(),
                (f.diag() == null ? "" : diagnosis(f.event().line(), f.diag(), f.property(), variants) + "; ")
                        + "TLC: invariant " + f.property().name() + " of tla/TraceBufferProtocol.tla is violated by this event ("
                        + f.property().meaning() + "); the state TLC reached: " + compact(f.state()),
                history);
    }

    private String diagnosis(long line, TlcVerdicts.Diagnosis d, Property broken) {
        return diagnosis(line, d, broken, variants);
    }

    /**
     * The diagnosis of an event where the model layer stopped, in the words of the replay
     * engine's reports: "line 1,204 is the behaviour of ReleaseDecrefsObj (bf_releasebuffer
     * decrefs view->obj): RefCountCoversReferences", the property being the one the variant's
     * cfg expects it to break; or that the correct spec's step matches and only the observation
     * rules find the event wrong ({@code broken}: what they found, null for an unmatched event);
     * or that no variant's step matches either.
     */
    static String diagnosis(long line, TlcVerdicts.Diagnosis d, Property broken, Map<String, BugVariant> table) {
        String at = String.format(java.util.Locale.ROOT, "line %,d", line);
        if (!d.variants().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (BugVariant v : BugVariant.of(table, d.variants())) {
                parts.add(v.named() + (v.property() == null ? "" : ": " + v.property().name()));
            }
            return at + " is the behaviour of " + String.join(", or of ", parts)
                    + " (TLC: no step of the correct tla/BufferProtocol.tla matches it; the bug variant's step does)";
        }
        if (d.correct()) {
            return at + ": TLC: the correct tla/BufferProtocol.tla has a step for this event; "
                    + (broken == null ? "the trace spec could not take it"
                       : "what the log shows beyond it breaks " + broken.name()
                         + " (the observation rules of tla/TraceBufferProtocol.tla), and no bug variant is named");
        }
        return at + ": TLC: no step of tla/BufferProtocol.tla matches this event, nor a step of any of its bug variants"
                + " (a variant whose wrong step leaves nothing in a log, such as a consumer's bookkeeping, a copy or a"
                + " use of a view, cannot be named from one event)";
    }

    /** The printed TLC state on one line, without the action header, bounded. */
    static String compact(String state) {
        String t = state.replaceFirst("^\\d+: <[^>]*>\\s*", "").replaceAll("\\s+", " ").trim();
        return t.length() > 700 ? t.substring(0, 700) + " ..." : t;
    }
}
