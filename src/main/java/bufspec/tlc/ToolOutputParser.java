package bufspec.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Incremental parser of TLC's {@code -tool} output. It recognises messages by their codes
 * ({@link MessageCode}) and reads a message's text only where the code says what the text is
 * (a progress report, the name of the violated invariant, a printed state). The one exception is
 * SANY's error report, which TLC 2.18 prints as plain lines between {@code TLC_SANY_START} and
 * {@code TLC_SANY_END}; those lines are read only when {@code TLC_PARSING_FAILED} follows.
 *
 * <p>Feed it lines with {@link #accept(String)}, then call {@link #finish} once the process
 * has ended. Not thread-safe: one reader thread feeds it.
 */
public final class ToolOutputParser {

    private static final Pattern START = Pattern.compile("^@!@!@STARTMSG (\\d+):(\\d+) @!@!@$");
    private static final Pattern END = Pattern.compile("^@!@!@ENDMSG (\\d+) @!@!@$");
    private static final Pattern PROGRESS_DEPTH = Pattern.compile("Progress\\((\\d+)\\)");
    private static final Pattern GENERATED = Pattern.compile("([\\d,]+) states generated");
    private static final Pattern DISTINCT = Pattern.compile("([\\d,]+) distinct states found");
    private static final Pattern QUEUE = Pattern.compile("([\\d,]+) states left on queue");
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)\\D*$");
    private static final Pattern INVARIANT_NAME = Pattern.compile("^Invariant (\\S+) is violated");
    private static final Pattern PROPERTY_NAME = Pattern.compile("^(?:Action property|Property) (\\S+) ");
    private static final Pattern STEP_HEADER = Pattern.compile("^(\\d+): (.*)$");
    private static final Pattern SANY_PARSING_FILE = Pattern.compile("^Parsing file (.+)$");
    private static final Pattern SANY_PARSE_POSITION = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(\\w+) = (.*)$", Pattern.DOTALL);

    private final TlcListener listener;
    private final LongSupplier elapsedMillis;

    private Integer openCode;
    private int openSeverity;
    private final List<String> openLines = new ArrayList<>();

    private boolean inSany;
    private final List<String> sanyLines = new ArrayList<>();
    private final List<String> strayLines = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private TlcOutcome verdict;
    private String violated;
    private SourceError error;
    private String detail = "";
    private TlcMessage firstError;
    private boolean success;
    private boolean finished;
    private long generated = -1;
    /** A simulation's progress was reported: the run was {@code -simulate}. */
    private boolean simulated;
    private long distinct = -1;
    private long queue = -1;
    private int depth = -1;
    private final List<CounterexampleStep> steps = new ArrayList<>();

    public ToolOutputParser(TlcListener listener, LongSupplier elapsedMillis) {
        this.listener = listener;
        this.elapsedMillis = elapsedMillis;
    }

    /** Parses a complete recorded output (tests, re-analysis of a saved run). */
    public static TlcResult parse(Reader recorded, int exitCode, boolean timedOut) throws IOException {
        ToolOutputParser p = new ToolOutputParser(TlcListener.NONE, () -> 0L);
        try (BufferedReader r = new BufferedReader(recorded)) {
            for (String line; (line = r.readLine()) != null; ) {
                p.accept(line);
            }
        }
        return p.finish(exitCode, 0, timedOut);
    }

    /** One line of TLC's standard output, without its line terminator. */
    public void accept(String line) {
        Matcher start = START.matcher(line);
        if (openCode == null && start.matches()) {
            openCode = Integer.parseInt(start.group(1));
            openSeverity = Integer.parseInt(start.group(2));
            openLines.clear();
            return;
        }
        Matcher end = END.matcher(line);
        if (openCode != null && end.matches() && Integer.parseInt(end.group(1)) == openCode) {
            TlcMessage message = new TlcMessage(openCode, openSeverity, openLines);
            openCode = null;
            try {
                handle(message);
            } catch (RuntimeException e) {
                // Keep reading (TLC must not block on a full pipe); the problem is reported.
                warnings.add("bufspec could not read TLC message " + message.code() + ": " + e.getMessage());
            }
            return;
        }
        if (openCode != null) {
            openLines.add(line);
        } else if (inSany) {
            sanyLines.add(line);
        } else if (!line.isBlank()) {
            strayLines.add(line);
        }
    }

    private void handle(TlcMessage m) {
        switch (m.code()) {
            case MessageCode.TLC_SANY_START -> inSany = true;
            case MessageCode.TLC_SANY_END -> inSany = false;
            case MessageCode.TLC_PROGRESS_STATS -> progress(m);
            case MessageCode.TLC_PROGRESS_SIMU -> {
                simulated = true;
                progress(m);
            }
            case MessageCode.TLC_STATS -> counts(m.text());
            case MessageCode.TLC_SEARCH_DEPTH -> depth = lastNumber(m.text()).orElse(depth);
            case MessageCode.TLC_SUCCESS -> success = true;
            case MessageCode.TLC_FINISHED -> finished = true;
            case MessageCode.TLC_INVARIANT_VIOLATED_BEHAVIOR, MessageCode.TLC_INVARIANT_VIOLATED_INITIAL ->
                    verdict(TlcOutcome.INVARIANT_VIOLATED, group(INVARIANT_NAME, m.text()), m);
            case MessageCode.TLC_PROPERTY_VIOLATED_INITIAL, MessageCode.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR ->
                    verdict(TlcOutcome.PROPERTY_VIOLATED, group(PROPERTY_NAME, m.text()), m);
            case MessageCode.TLC_TEMPORAL_PROPERTY_VIOLATED -> verdict(TlcOutcome.PROPERTY_VIOLATED, null, m);
            case MessageCode.TLC_DEADLOCK_REACHED -> verdict(TlcOutcome.DEADLOCK, null, m);
            case MessageCode.TLC_ASSUMPTION_FALSE -> {
                verdict(TlcOutcome.ASSUMPTION_FAILED, null, m);
                SourceLocation.find(m.text()).ifPresent(loc ->
                        error = new SourceError(fileOf(loc.module()), loc.line(), loc.column(), m.text()));
            }
            case MessageCode.TLC_PARSING_FAILED -> sanyFailed(m);
            case MessageCode.TLC_STATE_PRINT1, MessageCode.TLC_STATE_PRINT2 -> steps.add(state(m));
            case MessageCode.TLC_STATE_PRINT3 -> steps.add(new CounterexampleStep.Stuttering(stepNumber(m)));
            case MessageCode.TLC_BACK_TO_STATE -> steps.add(backToState(m));
            case MessageCode.TLC_BEHAVIOR_UP_TO_THIS_POINT, MessageCode.TLC_COUNTER_EXAMPLE -> { }
            default -> {
                if (m.isError() && firstError == null) {
                    firstError = m;
                } else if (m.severity() == MessageCode.SEVERITY_WARNING) {
                    warnings.add(m.text());
                }
            }
        }
        listener.onMessage(m);
    }

    private void verdict(TlcOutcome outcome, String name, TlcMessage m) {
        if (verdict == null) {
            verdict = outcome;
            violated = name;
            detail = m.text();
        }
    }

    private void progress(TlcMessage m) {
        String text = m.text();
        counts(text);
        int level = group(PROGRESS_DEPTH, text) == null ? -1 : Integer.parseInt(group(PROGRESS_DEPTH, text));
        if (level > depth) {
            depth = level;
        }
        listener.onProgress(new TlcProgress(level, generated, distinct, queue, elapsedMillis.getAsLong()));
    }

    private void counts(String text) {
        generated = count(GENERATED, text, generated);
        distinct = count(DISTINCT, text, distinct);
        queue = count(QUEUE, text, queue);
    }

    private static long count(Pattern p, String text, long otherwise) {
        String g = group(p, text);
        return g == null ? otherwise : Long.parseLong(g.replace(",", ""));
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static Optional<Integer> lastNumber(String text) {
        Matcher m = LAST_NUMBER.matcher(text);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static int stepNumber(TlcMessage m) {
        Matcher h = STEP_HEADER.matcher(m.lines().isEmpty() ? "" : m.lines().get(0));
        return h.matches() ? Integer.parseInt(h.group(1)) : -1;
    }

    /** {@code N: <Action line .. of module M>} or {@code N: <Initial predicate>}, then the variables. */
    private CounterexampleStep.State state(TlcMessage m) {
        List<String> lines = m.lines();
        Matcher h = STEP_HEADER.matcher(lines.isEmpty() ? "" : lines.get(0));
        if (!h.matches()) {
            throw new IllegalStateException("TLC state message " + m.code() + " without a 'N: <action>' header: " + m.text());
        }
        String label = h.group(2);
        return new CounterexampleStep.State(Integer.parseInt(h.group(1)), actionName(label),
                SourceLocation.find(label).orElse(null), variables(lines.subList(1, lines.size())));
    }

    private CounterexampleStep.BackToState backToState(TlcMessage m) {
        Matcher h = STEP_HEADER.matcher(m.lines().isEmpty() ? "" : m.lines().get(0));
        if (!h.matches()) {
            throw new IllegalStateException("TLC back-to-state message without a 'N: ...' header: " + m.text());
        }
        String label = h.group(2).replaceFirst("^Back to state:\\s*", "");
        return new CounterexampleStep.BackToState(Integer.parseInt(h.group(1)), actionName(label),
                SourceLocation.find(label).orElse(null));
    }

    /** {@code <Next line 7, col 9 ... of module M>} -> {@code Next}; {@code <Initial predicate>} as is. */
    private static String actionName(String label) {
        String s = label.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        int at = s.indexOf(" line ");
        return (at >= 0 ? s.substring(0, at) : s).strip();
    }

    /**
     * The state's assignments: {@code /\ v = value} per variable (or a single {@code v = value}
     * when the spec has one variable). TLC's pretty printer may continue a value on indented lines.
     * Public for other readers of TLC's state syntax (the behaviour modules of {@code -simulate file=}).
     *
     * @throws IllegalStateException when a line is not an assignment or a value does not parse
     */
    public static Map<String, TlaValue> variables(List<String> body) {
        List<String> assignments = new ArrayList<>();
        StringBuilder current = null;
        for (String line : body) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("/\\ ")) {
                if (current != null) {
                    assignments.add(current.toString());
                }
                current = new StringBuilder(line.substring(3));
            } else if (current == null) {
                current = new StringBuilder(line);
            } else {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            assignments.add(current.toString());
        }
        Map<String, TlaValue> vars = new LinkedHashMap<>();
        for (String a : assignments) {
            Matcher m = ASSIGNMENT.matcher(a.strip());
            if (!m.matches()) {
                throw new IllegalStateException("TLC state line is not 'variable = value': " + a);
            }
            try {
                vars.put(m.group(1), TlaValueParser.parse(m.group(2)));
            } catch (TlaValueParser.SyntaxError e) {
                throw new IllegalStateException("value of variable " + m.group(1) + ": " + e.getMessage(), e);
            }
        }
        return vars;
    }

    /** SANY failed: classify by SANY's report and locate its first error. */
    private void sanyFailed(TlcMessage m) {
        int parseAt = indexOfPrefix("***Parse Error***");
        int lexical = indexOfContaining("Lexical error");
        int semantic = indexOfPrefix("Semantic errors:");
        if (parseAt >= 0 || lexical >= 0) {
            int at = parseAt >= 0 ? parseAt : lexical;
            String file = lastParsedFileBefore(at);
            String message = parseAt >= 0 && at + 1 < sanyLines.size() ? sanyLines.get(at + 1).strip() : sanyLines.get(at).strip();
            Matcher pos = SANY_PARSE_POSITION.matcher(message);
            error = pos.find()
                    ? new SourceError(file, Integer.parseInt(pos.group(1)), Integer.parseInt(pos.group(2)), message)
                    : new SourceError(file, 0, 0, message);
            verdict(TlcOutcome.PARSE_ERROR, null, m);
        } else if (semantic >= 0) {
            for (int i = semantic + 1; i < sanyLines.size(); i++) {
                Optional<SourceLocation> loc = SourceLocation.find(sanyLines.get(i));
                if (loc.isPresent()) {
                    StringBuilder msg = new StringBuilder();
                    for (int j = i + 1; j < sanyLines.size() && (msg.length() == 0 || !sanyLines.get(j).isBlank()); j++) {
                        if (!sanyLines.get(j).isBlank()) {
                            msg.append(msg.length() == 0 ? "" : " ").append(sanyLines.get(j).strip());
                        }
                    }
                    error = new SourceError(fileOf(loc.get().module()), loc.get().line(), loc.get().column(), msg.toString());
                    break;
                }
            }
            verdict(TlcOutcome.SEMANTIC_ERROR, null, m);
        } else {
            // e.g. a module that cannot be found: SANY aborts without a position.
            String message = sanyLines.stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("Parsing file") && !l.startsWith("Semantic processing"))
                    .reduce((a, b) -> a + " " + b).orElse(m.text());
            error = new SourceError(lastParsedFileBefore(sanyLines.size()), 0, 0, message);
            verdict(TlcOutcome.PARSE_ERROR, null, m);
        }
        detail = String.join("\n", sanyLines).strip();
    }

    private int indexOfPrefix(String prefix) {
        for (int i = 0; i < sanyLines.size(); i++) {
            if (sanyLines.get(i).strip().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOfContaining(String s) {
        for (int i = 0; i < sanyLines.size(); i++) {
            if (sanyLines.get(i).contains(s)) {
                return i;
            }
        }
        return -1;
    }

    private String lastParsedFileBefore(int index) {
        String file = "?";
        for (int i = 0; i < Math.min(index, sanyLines.size()); i++) {
            Matcher m = SANY_PARSING_FILE.matcher(sanyLines.get(i));
            if (m.matches()) {
                file = m.group(1).strip();
            }
        }
        return file;
    }

    /** The file SANY parsed for {@code module} (from its "Parsing file" lines), else the module name. */
    private String fileOf(String module) {
        for (String line : sanyLines) {
            Matcher m = SANY_PARSING_FILE.matcher(line);
            if (m.matches() && (m.group(1).endsWith("/" + module + ".tla") || m.group(1).equals(module + ".tla"))) {
                return m.group(1).strip();
            }
        }
        return module + ".tla";
    }

    /**
     * The result, once the process has ended. {@code timedOut}: the runner killed TLC at its
     * time limit (that verdict wins over anything partial TLC printed before).
     */
    public TlcResult finish(int exitCode, long durationMillis, boolean timedOut) {
        TlcOutcome outcome;
        String text = detail;
        if (timedOut) {
            outcome = TlcOutcome.TIMEOUT;
            text = "killed after the time limit";
        } else if (verdict != null) {
            outcome = verdict;
        } else if (success) {
            outcome = TlcOutcome.SUCCESS;
        } else if (simulated && finished && exitCode == 0 && firstError == null) {
            // -simulate num=N: TLC generated its N behaviours, checking every state, and stopped
            // without a violation; it prints no "No error has been found" for a simulation
            outcome = TlcOutcome.SUCCESS;
        } else if (firstError != null) {
            outcome = TlcOutcome.OTHER_ERROR;
            text = "TLC error " + firstError.code() + ": " + firstError.text();
        } else {
            outcome = TlcOutcome.CRASHED;
            List<String> tail = strayLines.subList(Math.max(0, strayLines.size() - 20), strayLines.size());
            text = "TLC ended without a verdict (exit code " + exitCode + (finished ? "" : ", no 'finished' message")
                    + ")" + (tail.isEmpty() ? "" : ":\n" + String.join("\n", tail));
        }
        return new TlcResult(outcome, violated, error, text, new TlcStats(generated, distinct, queue, depth),
                durationMillis, new Counterexample(steps), exitCode, warnings);
    }
}
