package bufspec.exact;

import bufspec.model.Property;
import bufspec.tlc.MessageCode;
import bufspec.tlc.TlcListener;
import bufspec.tlc.TlcMessage;
import bufspec.tlc.TlaValue;
import bufspec.tlc.TlaValueParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects what a trace-validation TLC run (with {@code -continue}) reports: every invariant
 * violation with the slice and log index of the violating state; EventMatched (the step
 * Unmatched: an event no step of BufferProtocol matches) and a deadlock (a fault of the trace
 * spec, which gives every state a successor) are reported as unmatched events. Reads only
 * TLC's message codes and the {@code s} and {@code l} lines of printed states.
 */
final class TlcVerdicts implements TlcListener {

    /**
     * A state TLC reported: slice {@code s} (1-based in the run), log index {@code l}, and the
     * trace spec's {@code diag} when the model layer stopped at this state's event (else null).
     */
    record Reported(Property property, boolean unmatched, boolean deadlock, int slice, int index, String state,
                    Diagnosis diag) {}

    /**
     * The trace spec's {@code diag}: at log index {@code at} of the slice the correct spec's step
     * for the event {@code correct}ly exists (only the observation rules broke), or which bug
     * variants of BufferProtocol have a step for it where the correct spec has none.
     */
    record Diagnosis(int at, boolean correct, List<String> variants) {}

    private static final Pattern NAME = Pattern.compile("^Invariant (\\S+) is violated");
    private static final Pattern S = Pattern.compile("(?m)^/\\\\ s = (\\d+)$");
    private static final Pattern L = Pattern.compile("(?m)^/\\\\ l = (\\d+)$");
    private static final Pattern DIAG = Pattern.compile("(?ms)^/\\\\ diag = (.*?)(?=^/\\\\ |\\z)");

    private final List<Reported> reported = new ArrayList<>();
    private Property pending;
    private boolean pendingUnmatched;
    private boolean pendingDeadlock;
    private boolean open;
    private int s = -1, l = -1;
    private String state = "";
    private final List<String> problems = new ArrayList<>();

    @Override
    public synchronized void onMessage(TlcMessage m) {
        switch (m.code()) {
            case MessageCode.TLC_INVARIANT_VIOLATED_BEHAVIOR, MessageCode.TLC_INVARIANT_VIOLATED_INITIAL -> {
                close();
                Matcher n = NAME.matcher(m.text());
                String name = n.find() ? n.group(1) : null;
                pendingUnmatched = TraceModule.EVENT_MATCHED.equals(name);
                pendingDeadlock = false;
                pending = name == null || pendingUnmatched ? null : Property.byName(name).orElse(null);
                if (pending == null && !pendingUnmatched) problems.add("TLC named no known property: " + m.text());
                open = true;
            }
            case MessageCode.TLC_DEADLOCK_REACHED -> {
                close();
                pending = null;
                pendingUnmatched = true;
                pendingDeadlock = true;
                open = true;
            }
            case MessageCode.TLC_STATE_PRINT1, MessageCode.TLC_STATE_PRINT2 -> {
                if (!open) return;
                String t = m.text();
                Matcher sm = S.matcher(t), lm = L.matcher(t);
                if (sm.find()) s = Integer.parseInt(sm.group(1));
                if (lm.find()) l = Integer.parseInt(lm.group(1));
                state = t;
            }
            default -> { }
        }
    }

    private void close() {
        if (open && (pending != null || pendingUnmatched) && s > 0 && l > 0) {
            reported.add(new Reported(pending, pendingUnmatched, pendingDeadlock, s, l, state, diagnosis(state)));
        }
        open = false;
        s = -1;
        l = -1;
        state = "";
    }

    /** The {@code diag} variable of a printed state, or null when absent or unset (at 0). */
    static Diagnosis diagnosis(String state) {
        Matcher m = DIAG.matcher(state);
        if (!m.find()) return null;
        try {
            if (!(TlaValueParser.parse(m.group(1).strip()) instanceof TlaValue.Rec r)) return null;
            Map<String, TlaValue> f = r.fields();
            if (!(f.get("at") instanceof TlaValue.Int at) || !(f.get("correct") instanceof TlaValue.Bool c)
                    || !(f.get("variants") instanceof TlaValue.SetOf vs)) return null;
            if (at.value().signum() == 0) return null;
            List<String> names = new ArrayList<>();
            for (TlaValue v : vs.elements()) if (v instanceof TlaValue.Str str) names.add(str.value());
            java.util.Collections.sort(names);
            return new Diagnosis(at.value().intValueExact(), c.value(), names);
        } catch (RuntimeException e) {
            return null;
        }
    }

    synchronized List<Reported> finish() {
        close();
        return List.copyOf(reported);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
