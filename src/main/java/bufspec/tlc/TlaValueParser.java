package bufspec.tlc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for values as TLC prints them in states: integers (also negative),
 * {@code TRUE}/{@code FALSE}, strings with TLC's escapes, model values, sets {@code {...}},
 * intervals {@code a..b}, sequences/tuples {@code <<...>>}, records {@code [f |-> v]},
 * functions {@code (k :> v @@ ...)} and unevaluated functions {@code [x \in S |-> e]}.
 * Line breaks and indentation from TLC's pretty printer are plain whitespace.
 */
public final class TlaValueParser {

    /** A value that is not in TLC's printed syntax; {@link #offset()} is 0-based in the input. */
    public static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        SyntaxError(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    private final String text;
    private int pos;

    private TlaValueParser(String text) {
        this.text = text;
    }

    /** Parses one complete value; anything left over after it is an error. */
    public static TlaValue parse(String text) {
        TlaValueParser p = new TlaValueParser(text);
        TlaValue v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    private TlaValue value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a value, found the end of the text");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return string();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (c == '{') {
            pos++;
            return new TlaValue.SetOf(list("}"));
        }
        if (lookingAt("<<")) {
            pos += 2;
            return new TlaValue.Seq(list(">>"));
        }
        if (c == '[') {
            return bracket();
        }
        if (c == '(') {
            return function();
        }
        if (isIdentStart(c)) {
            String id = identifier();
            return switch (id) {
                case "TRUE" -> new TlaValue.Bool(true);
                case "FALSE" -> new TlaValue.Bool(false);
                default -> new TlaValue.ModelValue(id);
            };
        }
        throw error("expected a value, found '" + c + "'");
    }

    private List<TlaValue> list(String close) {
        List<TlaValue> items = new ArrayList<>();
        skipSpace();
        if (lookingAt(close)) {
            pos += close.length();
            return items;
        }
        while (true) {
            items.add(value());
            skipSpace();
            if (lookingAt(close)) {
                pos += close.length();
                return items;
            }
            expect(",");
        }
    }

    private TlaValue number() {
        BigInteger low = integer();
        if (lookingAt("..")) {
            pos += 2;
            skipSpace();
            return new TlaValue.Interval(low, integer());
        }
        return new TlaValue.Int(low);
    }

    private BigInteger integer() {
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            pos = start;
            throw error("expected digits");
        }
        return new BigInteger(text.substring(start, pos));
    }

    private TlaValue string() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return new TlaValue.Str(sb.toString());
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'f' -> sb.append('\f');
                    default -> throw new SyntaxError("unknown string escape '\\" + e + "'", pos - 2);
                }
            } else {
                sb.append(c);
            }
        }
        throw new SyntaxError("unterminated string", start);
    }

    /** {@code [f |-> v, ...]} (record) or {@code [x \in S |-> body]} (unevaluated function). */
    private TlaValue bracket() {
        int open = pos;
        pos++;
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ']') {
            throw error("an empty record '[]' is not a TLA+ value");
        }
        String first = identifier();
        skipSpace();
        if (lookingAt("\\in")) {
            pos += 3;
            TlaValue domain = value();
            skipSpace();
            expect("|->");
            int bodyStart = pos;
            int end = matchingBracket(open);
            String body = text.substring(bodyStart, end).strip();
            pos = end + 1;
            return new TlaValue.Lambda(first, domain, body);
        }
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        String name = first;
        while (true) {
            skipSpace();
            expect("|->");
            if (fields.put(name, value()) != null) {
                throw error("record field '" + name + "' appears twice");
            }
            skipSpace();
            if (lookingAt("]")) {
                pos++;
                return new TlaValue.Rec(fields);
            }
            expect(",");
            skipSpace();
            name = identifier();
        }
    }

    /** Offset of the ']' closing the '[' at {@code open}, skipping nested brackets and strings. */
    private int matchingBracket(int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
                if (depth == 0) {
                    if (c != ']') {
                        throw new SyntaxError("unbalanced brackets in function body", i);
                    }
                    return i;
                }
            }
        }
        throw new SyntaxError("unterminated '['", open);
    }

    /** {@code (k1 :> v1 @@ k2 :> v2 ...)}. */
    private TlaValue function() {
        pos++;
        List<TlaValue.Mapping> mappings = new ArrayList<>();
        while (true) {
            TlaValue key = value();
            skipSpace();
            expect(":>");
            TlaValue val = value();
            mappings.add(new TlaValue.Mapping(key, val));
            skipSpace();
            if (lookingAt(")")) {
                pos++;
                return new TlaValue.Fun(mappings);
            }
            expect("@@");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (isIdentStart(text.charAt(pos)) || Character.isDigit(text.charAt(pos)))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private void expect(String token) {
        skipSpace();
        if (!lookingAt(token)) {
            throw error("expected '" + token + "'");
        }
        pos += token.length();
    }

    private boolean lookingAt(String token) {
        return text.startsWith(token, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SyntaxError error(String message) {
        String near = text.substring(pos, Math.min(text.length(), pos + 20));
        return new SyntaxError(message + " at offset " + pos + (near.isEmpty() ? "" : " near '" + near + "'"), pos);
    }
}
