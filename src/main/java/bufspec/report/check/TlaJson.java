package bufspec.report.check;

import bufspec.tlc.TlaValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the JSON that {@link TlaValue}'s {@code @JsonValue} methods write: scalars as JSON
 * scalars, sequences as arrays, records as objects, and the kinds JSON has no shape for as
 * one-key objects ({@code {"model": "c1"}}, {@code {"set": [...]}}, {@code {"function": [[k, v], ...]}},
 * {@code {"interval": [lo, hi]}}, {@code {"lambda": {...}}}). A record with exactly one field named
 * like one of those keys would read back as that kind; the buffer-protocol model has none.
 */
public final class TlaJson {

    private TlaJson() {
    }

    public static TlaValue decode(JsonNode n) {
        if (n.isIntegralNumber()) {
            return new TlaValue.Int(n.bigIntegerValue());
        }
        if (n.isBoolean()) {
            return new TlaValue.Bool(n.booleanValue());
        }
        if (n.isTextual()) {
            return new TlaValue.Str(n.textValue());
        }
        if (n.isArray()) {
            return new TlaValue.Seq(list(n));
        }
        if (n.isObject()) {
            if (n.size() == 1) {
                String key = n.fieldNames().next();
                JsonNode v = n.get(key);
                switch (key) {
                    case "model" -> {
                        if (v.isTextual()) return new TlaValue.ModelValue(v.textValue());
                    }
                    case "set" -> {
                        if (v.isArray()) return new TlaValue.SetOf(list(v));
                    }
                    case "interval" -> {
                        if (v.isArray() && v.size() == 2 && v.get(0).isIntegralNumber() && v.get(1).isIntegralNumber()) {
                            return new TlaValue.Interval(v.get(0).bigIntegerValue(), v.get(1).bigIntegerValue());
                        }
                    }
                    case "function" -> {
                        if (v.isArray() && allPairs(v)) {
                            List<TlaValue.Mapping> m = new ArrayList<>();
                            for (JsonNode pair : v) {
                                m.add(new TlaValue.Mapping(decode(pair.get(0)), decode(pair.get(1))));
                            }
                            return new TlaValue.Fun(m);
                        }
                    }
                    case "lambda" -> {
                        if (v.isObject() && v.has("variable") && v.has("domain") && v.has("body")) {
                            return new TlaValue.Lambda(v.get("variable").asText(), decode(v.get("domain")),
                                    v.get("body").asText());
                        }
                    }
                    default -> { }
                }
            }
            Map<String, TlaValue> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), decode(e.getValue()));
            }
            return new TlaValue.Rec(fields);
        }
        if (n.isNumber()) {
            throw new IllegalArgumentException("TLA+ values are integers, not " + n.asText());
        }
        throw new IllegalArgumentException("not a TLA+ value: " + n);
    }

    private static boolean allPairs(JsonNode v) {
        for (JsonNode p : v) {
            if (!p.isArray() || p.size() != 2) return false;
        }
        return true;
    }

    private static List<TlaValue> list(JsonNode n) {
        List<TlaValue> out = new ArrayList<>();
        n.forEach(e -> out.add(decode(e)));
        return out;
    }

}
