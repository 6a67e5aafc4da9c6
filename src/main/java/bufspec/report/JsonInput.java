package bufspec.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Typed access to a JSON document that names the file and the JSON pointer of whatever is missing
 * or mistyped, so that a bad input gives one clear line instead of a stack trace.
 */
public record JsonInput(String file, JsonNode root) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static JsonInput read(Path path) throws InputError {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new InputError(name, "", "no such file");
        }
        try {
            return parse(name, Files.readString(path));
        } catch (IOException e) {
            throw new InputError(name, "", "cannot read: " + e.getMessage());
        }
    }

    public static JsonInput parse(String name, String text) throws InputError {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InputError(name, "", "expected a JSON document, found an empty file");
            }
            return new JsonInput(name, node);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InputError(name, loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr(),
                    "not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** A member that must be there with the given JSON type. */
    public JsonNode field(JsonNode parent, String at, String name, Type type) throws InputError {
        JsonNode v = parent.get(name);
        String where = at + "/" + name;
        if (v == null || v.isNull()) {
            throw new InputError(file, where, "expected " + type.label + ", the field is missing");
        }
        if (!type.matches(v)) {
            throw new InputError(file, where, "expected " + type.label + ", found " + describe(v));
        }
        return v;
    }

    /** A member that may be absent or null. */
    public JsonNode optional(JsonNode parent, String at, String name, Type type) throws InputError {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!type.matches(v)) {
            throw new InputError(file, at + "/" + name, "expected " + type.label + ", found " + describe(v));
        }
        return v;
    }

    public String text(JsonNode parent, String at, String name) throws InputError {
        return field(parent, at, name, Type.STRING).asText();
    }

    public String optText(JsonNode parent, String at, String name) throws InputError {
        JsonNode v = optional(parent, at, name, Type.STRING);
        return v == null ? null : v.asText();
    }

    public long number(JsonNode parent, String at, String name) throws InputError {
        return field(parent, at, name, Type.INTEGER).asLong();
    }

    public boolean bool(JsonNode parent, String at, String name) throws InputError {
        return field(parent, at, name, Type.BOOLEAN).asBoolean();
    }

    public static String describe(JsonNode v) {
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        if (v.isTextual()) return "the string \"" + v.asText() + "\"";
        if (v.isBoolean()) return v.asText();
        if (v.isNumber()) return "the number " + v.asText();
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The JSON types a field may be required to have. */
    public enum Type {
        OBJECT("an object"), ARRAY("an array"), STRING("a string"), INTEGER("an integer"), BOOLEAN("true or false");

        final String label;

        Type(String label) {
            this.label = label;
        }

        boolean matches(JsonNode v) {
            return switch (this) {
                case OBJECT -> v.isObject();
                case ARRAY -> v.isArray();
                case STRING -> v.isTextual();
                case INTEGER -> v.isIntegralNumber();
                case BOOLEAN -> v.isBoolean();
            };
        }
    }
}
