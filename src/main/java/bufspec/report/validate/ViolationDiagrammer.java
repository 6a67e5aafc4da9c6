package bufspec.report.validate;

import bufspec.report.Finding;
import bufspec.report.diagram.Item;
import bufspec.report.diagram.Participant;
import bufspec.report.diagram.SequenceDiagram;
import bufspec.result.Violation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws a log violation: the earlier events of the object (the validator's history) and the
 * offending event, as arrows from the thread that ran each event to the objects it touched
 * (acquire, release, resize, dealloc; chain events between holder and base). The offending event
 * is highlighted and followed by the property and the validator's explanation. Threads come from
 * the log itself when it can still be read; otherwise one "consumer" lifeline stands for them.
 */
public final class ViolationDiagrammer {

    /** An object incarnation as the trace format writes it: {@code 0x7f3a5c0012f0#0}. */
    private static final Pattern OBJECT = Pattern.compile("0x[0-9a-f]+#\\d+");

    private ViolationDiagrammer() {
    }

    /**
     * @param logRoot directory the log paths in the JSON are relative to (where validate ran)
     */
    public static Finding of(Violation v, Path logRoot, int index) {
        List<Violation.Step> events = new ArrayList<>();
        v.history().stream().filter(h -> h.line() != v.line()).forEach(events::add);   // the offending event comes last, once
        events.add(new Violation.Step(v.line(), v.event()));
        Set<Long> wanted = new HashSet<>();
        Set<String> mentioned = new HashSet<>();
        for (Violation.Step e : events) {
            wanted.add(e.line());
            Matcher m = OBJECT.matcher(e.event());
            while (m.find()) {
                mentioned.add(m.group());
            }
        }
        LogLines.Facts facts = LogLines.read(logRoot.resolve(v.file()), wanted, mentioned);
        Map<Long, Long> threads = facts.threads();

        SequenceDiagram.Builder d = new SequenceDiagram.Builder();
        Map<String, Participant> objects = new LinkedHashMap<>();
        List<Finding.Step> steps = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Violation.Step e = events.get(i);
            boolean bad = i == events.size() - 1;
            Long tid = threads.get(e.line());
            Participant thread = tid != null
                    ? new Participant(("t" + tid).replace('-', '_'), "thread " + tid, Participant.Role.CONSUMER)
                    : new Participant("consumer", "consumer", Participant.Role.CONSUMER);
            d.participant(thread);
            List<String> here = new ArrayList<>();
            Matcher m = OBJECT.matcher(e.event());
            while (m.find()) {
                if (!here.contains(m.group())) {
                    here.add(m.group());
                }
            }
            for (String id : here) {
                objects.computeIfAbsent(id, k -> new Participant("o" + (objects.size() + 1),
                        facts.types().containsKey(k) ? facts.types().get(k) + " " + k : typeOf(e.event(), k) + k,
                        Participant.Role.EXPORTER));
            }
            String step = "L" + e.line();
            String label = shorten(e.event(), here.isEmpty() ? null : objects.get(here.get(0)).label(),
                    here.isEmpty() ? null : here.get(0));
            List<String> ids = here;
            String kind = e.event().split("[ :]", 2)[0];
            if (ids.isEmpty()) {
                d.noteAcross("[" + step + "] " + e.event(), bad);
            } else if (kind.equals("chain") && ids.size() >= 2) {
                d.participant(objects.get(ids.get(0))).participant(objects.get(ids.get(1)));
                d.add(new Item.Message(objects.get(ids.get(0)).id(), objects.get(ids.get(1)).id(), step, label, false, bad));
            } else {
                for (String id : ids) {
                    d.participant(objects.get(id));
                }
                d.add(new Item.Message(thread.id(), objects.get(ids.get(0)).id(), step, label, false, bad));
            }
            steps.add(new Finding.Step("line " + e.line() + (tid != null ? " (thread " + tid + ")" : ""),
                    List.of(e.event()), bad));
        }
        String property = v.property().name();
        d.noteAcross("\u2717 " + property + ": " + v.explanation(), true);
        String anchor = "v" + index + "-" + property;
        return new Finding(anchor, v.file() + ":" + v.line(), property,
                property + " at " + v.file() + ":" + v.line(), v.explanation()
                + " (" + property + ": " + v.property().meaning() + ")", d.build(), steps);
    }

    /** The type name written before an object id in a rendering ({@code "bytearray "}), or empty. */
    private static String typeOf(String event, String id) {
        Matcher m = Pattern.compile("([A-Za-z_][\\w.]*) " + Pattern.quote(id)).matcher(event);
        while (m.find()) {
            String word = m.group(1);
            if (!List.of("ok", "FAILED", "REFUSED", "base", "of", "on", "from", "release", "acquire", "dealloc").contains(word)) {
                return word + " ";
            }
        }
        return "";
    }

    /** The rendering without the target's own name (the lifeline shows it). */
    private static String shorten(String event, String targetLabel, String targetId) {
        if (targetLabel == null) {
            return event;
        }
        String s = event.replace(" " + targetLabel, "");
        if (s.equals(event)) {
            s = event.replace(" " + typeOf(event, targetId) + targetId, "");
        }
        return s.replace(" -> ", "\u2192");
    }
}
