package bufspec.tlc;

import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A TLA+ value as TLC prints it in a counterexample state. Parsed by {@link TlaValueParser};
 * {@link #toTla()} prints it back in TLC's syntax. Each kind serialises to JSON through its
 * {@code @JsonValue} method: integers, booleans and strings as JSON scalars, records as objects,
 * sequences as arrays, and the kinds JSON has no shape for as one-key objects
 * ({@code {"set": [...]}}, {@code {"function": [[k, v], ...]}}, {@code {"model": "a1"}}, ...).
 */
public sealed interface TlaValue {

    /** The value in TLC's own printed syntax. */
    String toTla();

    /** An integer (TLC's are 32-bit, but nothing here depends on that). */
    record Int(BigInteger value) implements TlaValue {
        public static Int of(long v) {
            return new Int(BigInteger.valueOf(v));
        }

        @JsonValue
        public BigInteger json() {
            return value;
        }

        @Override
        public String toTla() {
            return value.toString();
        }
    }

    /** {@code TRUE} or {@code FALSE}. */
    record Bool(boolean value) implements TlaValue {
        @JsonValue
        public boolean json() {
            return value;
        }

        @Override
        public String toTla() {
            return value ? "TRUE" : "FALSE";
        }
    }

    /** A string, unescaped. */
    record Str(String value) implements TlaValue {
        @JsonValue
        public String json() {
            return value;
        }

        @Override
        public String toTla() {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    case '\f' -> sb.append("\\f");
                    default -> sb.append(c);
                }
            }
            return sb.append('"').toString();
        }
    }

    /** A model value (a constant bound to itself in the .cfg, e.g. {@code c1}). */
    record ModelValue(String name) implements TlaValue {
        @JsonValue
        public Map<String, String> json() {
            return Map.of("model", name);
        }

        @Override
        public String toTla() {
            return name;
        }
    }

    /** A finite set, elements in TLC's printed order. */
    record SetOf(List<TlaValue> elements) implements TlaValue {
        public SetOf {
            elements = List.copyOf(elements);
        }

        @JsonValue
        public Map<String, List<TlaValue>> json() {
            return Map.of("set", elements);
        }

        @Override
        public String toTla() {
            return elements.stream().map(TlaValue::toTla).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** An integer interval {@code lo..hi}, as TLC prints one it has not enumerated. */
    record Interval(BigInteger low, BigInteger high) implements TlaValue {
        @JsonValue
        public Map<String, List<BigInteger>> json() {
            return Map.of("interval", List.of(low, high));
        }

        @Override
        public String toTla() {
            return low + ".." + high;
        }
    }

    /** A sequence or tuple {@code <<a, b>>} (also a function whose domain is {@code 1..n}). */
    record Seq(List<TlaValue> elements) implements TlaValue {
        public Seq {
            elements = List.copyOf(elements);
        }

        @JsonValue
        public List<TlaValue> json() {
            return elements;
        }

        @Override
        public String toTla() {
            return elements.stream().map(TlaValue::toTla).collect(Collectors.joining(", ", "<<", ">>"));
        }
    }

    /** A record {@code [f |-> v, ...]}, fields in printed order. */
    record Rec(Map<String, TlaValue> fields) implements TlaValue {
        public Rec {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @JsonValue
        public Map<String, TlaValue> json() {
            return fields;
        }

        @Override
        public String toTla() {
            return fields.entrySet().stream()
                    .map(e -> e.getKey() + " |-> " + e.getValue().toTla())
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** One pair {@code k :> v} of a function. */
    record Mapping(TlaValue key, TlaValue value) {
        @JsonValue
        public List<TlaValue> json() {
            return List.of(key, value);
        }
    }

    /** A function printed as {@code (k1 :> v1 @@ k2 :> v2)}. */
    record Fun(List<Mapping> mappings) implements TlaValue {
        public Fun {
            mappings = List.copyOf(mappings);
        }

        /** The value at {@code key}, if the key is in the domain. */
        public java.util.Optional<TlaValue> apply(TlaValue key) {
            return mappings.stream().filter(m -> m.key().equals(key)).map(Mapping::value).findFirst();
        }

        @JsonValue
        public Map<String, List<Mapping>> json() {
            return Map.of("function", mappings);
        }

        @Override
        public String toTla() {
            return mappings.stream().map(m -> m.key().toTla() + " :> " + m.value().toTla())
                    .collect(Collectors.joining(" @@ ", "(", ")"));
        }
    }

    /**
     * A function TLC printed unevaluated, {@code [x \in S |-> body]}: the bound variable, the
     * parsed domain and the body's text as printed (it is an expression, not a value).
     */
    record Lambda(String variable, TlaValue domain, String body) implements TlaValue {
        @JsonValue
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", variable);
            m.put("domain", domain);
            m.put("body", body);
            return Map.of("lambda", m);
        }

        @Override
        public String toTla() {
            return "[" + variable + " \\in " + domain.toTla() + " |-> " + body + "]";
        }
    }

    static Seq seq(TlaValue... elements) {
        return new Seq(List.of(elements));
    }

    static SetOf set(TlaValue... elements) {
        return new SetOf(List.of(elements));
    }

    static Rec rec(Object... namesAndValues) {
        Map<String, TlaValue> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (TlaValue) namesAndValues[i + 1]);
        }
        return new Rec(m);
    }

    static Fun fun(TlaValue... keysAndValues) {
        List<Mapping> m = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.add(new Mapping(keysAndValues[i], keysAndValues[i + 1]));
        }
        return new Fun(m);
    }
}
