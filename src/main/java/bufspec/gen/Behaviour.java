package bufspec.gen;

import bufspec.tlc.TlaValue;
import bufspec.tlc.ToolOutputParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One behaviour of the spec, as TLC's simulator writes it with {@code -simulate file=PATH}: a
 * TLA+ module of definitions {@code STATE_1 == /\ v = ... /\ ...}, {@code STATE_2 == ...}, in
 * order. The states carry GENBufferProtocol's {@code step} label.
 */
public record Behaviour(String name, List<ModelState> states) {

    private static final Pattern STATE = Pattern.compile("^STATE_(\\d+) ==\\s*$");

    public Behaviour {
        states = List.copyOf(states);
        if (states.isEmpty()) throw new IllegalArgumentException(name + ": a behaviour has at least one state");
    }

    /** Reads a behaviour module; a malformed one is an {@link IllegalArgumentException} naming file and line. */
    public static Behaviour read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file));
    }

    public static Behaviour parse(String name, List<String> lines) {
        List<ModelState> states = new ArrayList<>();
        List<String> body = null;
        int bodyLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            var m = STATE.matcher(l);
            if (m.matches() || l.startsWith("=====")) {
                if (body != null) states.add(state(name, bodyLine, body));
                if (m.matches()) {
                    if (Integer.parseInt(m.group(1)) != states.size() + 1) {
                        throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected STATE_" + (states.size() + 1)
                                + ", found " + l.strip());
                    }
                    body = new ArrayList<>();
                    bodyLine = i + 1;
                } else {
                    body = null;
                }
            } else if (body != null) {
                body.add(l);
            }
        }
        if (body != null) throw new IllegalArgumentException(name + ": no ==== line after the last state (cut off?)");
        if (states.isEmpty()) throw new IllegalArgumentException(name + ": no STATE_1 definition: not a behaviour module");
        return new Behaviour(name, states);
    }

    private static ModelState state(String name, int line, List<String> body) {
        try {
            var vars = ToolOutputParser.variables(body);
            ModelState s = new ModelState(vars);
            s.step(); // a label that does not parse is reported here, with its line
            return s;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ":" + line + ": " + e.getMessage(), e);
        }
    }

    /** The steps after the initial state. */
    public List<Step> steps() {
        return states.subList(1, states.size()).stream().map(ModelState::step).toList();
    }

    /** The value of one variable in the last state (for tests and messages). */
    public TlaValue last(String var) {
        return states.get(states.size() - 1).vars().get(var);
    }
}
