package bufspec.report.check;

import bufspec.result.Trace;
import bufspec.result.ConfigRun;
import bufspec.result.CheckRun;
import bufspec.report.InputError;
import bufspec.report.JsonInput;
import bufspec.report.JsonInput.Type;
import bufspec.tlc.TlaValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the document {@code bufspec check --format json} prints into a {@link CheckRun}. */
public final class CheckJsonReader {

    private CheckJsonReader() {
    }

    public static CheckRun read(JsonInput in) throws InputError {
        JsonNode root = in.root();
        if (!root.isObject()) {
            throw new InputError(in.file(), "/", "expected the object 'check --format json' prints, found " + JsonInput.describe(root));
        }
        boolean met = in.bool(root, "", "met");
        JsonNode configs = in.field(root, "", "configs", Type.ARRAY);
        List<ConfigRun> runs = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            runs.add(config(in, configs.get(i), "/configs/" + i));
        }
        return new CheckRun(met, runs);
    }

    private static ConfigRun config(JsonInput in, JsonNode c, String at) throws InputError {
        if (!c.isObject()) {
            throw new InputError(in.file(), at, "expected an object, found " + JsonInput.describe(c));
        }
        String name = in.text(c, at, "config");
        String expected = in.text(c, at, "expected");
        String r = at + "/result";
        JsonNode result = in.field(c, at, "result", Type.OBJECT);
        JsonNode verdict = in.field(c, at, "verdict", Type.OBJECT);
        JsonNode stats = in.field(result, r, "stats", Type.OBJECT);
        String s = r + "/stats";
        List<String> checks = new ArrayList<>();
        JsonNode list = in.optional(c, at, "checks", Type.ARRAY);
        if (list != null) {
            for (JsonNode n : list) {
                checks.add(n.asText());
            }
        }
        return new ConfigRun(
                name,
                expected,
                in.optText(c, at, "tier"),
                in.text(result, r, "outcome"),
                in.optText(result, r, "violated"),
                in.text(verdict, at + "/verdict", "got"),
                in.bool(verdict, at + "/verdict", "met"),
                in.optText(verdict, at + "/verdict", "reason"),
                in.optText(result, r, "detail"),
                in.number(stats, s, "generated"),
                in.number(stats, s, "distinct"),
                in.number(stats, s, "queue"),
                (int) in.number(stats, s, "depth"),
                in.number(result, r, "durationMillis"),
                checks,
                trace(in, result, r));
    }

    private static Trace trace(JsonInput in, JsonNode result, String r) throws InputError {
        JsonNode cx = in.optional(result, r, "counterexample", Type.OBJECT);
        if (cx == null) {
            return null;
        }
        String at = r + "/counterexample";
        JsonNode steps = in.field(cx, at, "steps", Type.ARRAY);
        if (steps.isEmpty()) {
            return null;
        }
        List<Trace.TraceState> states = new ArrayList<>();
        Trace.Ending ending = new Trace.Ending.Stops();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String sat = at + "/steps/" + i;
            String kind = in.text(step, sat, "step");
            int number = (int) in.number(step, sat, "number");
            switch (kind) {
                case "state" -> {
                    Map<String, TlaValue> vars = new LinkedHashMap<>();
                    JsonNode v = in.field(step, sat, "variables", Type.OBJECT);
                    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        try {
                            vars.put(e.getKey(), TlaJson.decode(e.getValue()));
                        } catch (IllegalArgumentException ex) {
                            throw new InputError(in.file(), sat + "/variables/" + e.getKey(), ex.getMessage());
                        }
                    }
                    states.add(new Trace.TraceState(number, in.text(step, sat, "action"), location(in, step, sat), vars));
                }
                case "back-to-state" -> ending = new Trace.Ending.BackTo(number, in.text(step, sat, "action"));
                case "stuttering" -> ending = new Trace.Ending.Stutters();
                default -> throw new InputError(in.file(), sat + "/step",
                        "expected \"state\", \"back-to-state\" or \"stuttering\", found \"" + kind + "\"");
            }
        }
        return new Trace(states, ending);
    }

    private static String location(JsonInput in, JsonNode step, String at) throws InputError {
        JsonNode loc = in.optional(step, at, "location", Type.OBJECT);
        if (loc == null) {
            return null;
        }
        return in.text(loc, at + "/location", "module") + ":" + in.number(loc, at + "/location", "line");
    }
}
