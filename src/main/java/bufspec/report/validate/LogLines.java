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

    /** The parsed JSON of each wanted line that exists and parses; empty when the file cannot be read. */
    public static Map<Long, JsonNode> read(Path file, Set<Long> wanted) {
        Map<Long, JsonNode> out = new HashMap<>();
        if (wanted.isEmpty() || !Files.isRegularFile(file)) {
            return out;
        }
        long last = new TreeSet<>(wanted).last();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null && n < last) {
                n++;
                if (wanted.contains(n)) {
                    try {
                        out.put(n, MAPPER.readTree(line));
                    } catch (IOException bad) {
                        // a bad line: the validator reported it already; draw it without a thread
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }
}
