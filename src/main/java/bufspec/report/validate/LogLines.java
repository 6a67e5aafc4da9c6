package bufspec.report.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads chosen lines of a log back (plain or gzip), to learn what the validator's one-line
 * renderings leave out, such as the thread of each event. A log that is no longer there (a report
 * made from a CI artifact) simply yields nothing: diagrams then show one "consumer" lifeline.
 */
public final class LogLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogLines() {
    }

    /** What the log says about the lines and objects of a violation. */
    public record Facts(Map<Long, JsonNode> lines, Map<String, String> types) {
        public static final Facts NONE = new Facts(Map.of(), Map.of());
    }

    /**
     * The parsed JSON of each wanted line, and the type name of each of {@code objects} as the
     * lines up to the last wanted one give it; {@link Facts#NONE} when the file cannot be read.
     */
    public static Facts read(Path file, Set<Long> wanted, Set<String> objects) {
        Map<Long, JsonNode> out = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        if (wanted.isEmpty() || !Files.isRegularFile(file)) {
            return Facts.NONE;
        }
        long last = new TreeSet<>(wanted).last();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null && n < last) {
                n++;
                boolean mentions = objects.stream().anyMatch(line::contains);
                if (!wanted.contains(n) && !mentions) {
                    continue;
                }
                JsonNode json;
                try {
                    json = MAPPER.readTree(line);
                } catch (IOException bad) {
                    continue;       // a bad line: the validator reported it already
                }
                if (wanted.contains(n)) {
                    out.put(n, json);
                }
                typeOf(json, "exporter", "type", types);
                typeOf(json, "object", "type", types);
                typeOf(json, "holder", "holder_type", types);
            }
        } catch (IOException e) {
            return Facts.NONE;
        }
        return new Facts(out, types);
    }

    private static void typeOf(JsonNode json, String idField, String typeField, Map<String, String> types) {
        if (json != null && json.path(idField).isTextual() && json.path(typeField).isTextual()) {
            types.putIfAbsent(json.get(idField).asText(), json.get(typeField).asText());
        }
    }
}
