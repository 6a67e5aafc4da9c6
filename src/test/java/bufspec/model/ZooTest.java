package bufspec.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Zoo}, the one Java table of the exporter zoo, is the one of tla/MCBufferProtocol.tla (TypeOf), type for type. */
class ZooTest {

    private static final Pattern CASE = Pattern.compile(
            "x = (\\w+)\\s*-> T\\(\"(\\w+)\",\\s*(\\w+),\\s*(\\w+),\\s*(\\w+),\\s*(\\w+),\\s*(\\w+),\\s*(\\w+),\\s*(\\w+)\\)");

    @Test
    void zooMatchesTheModel() throws IOException {
        String tla = Files.readString(Path.of("tla/MCBufferProtocol.tla"));
        Map<String, String> model = new HashMap<>();
        var m = CASE.matcher(tla);
        while (m.find()) {
            model.put(m.group(1), String.join(",", m.group(2), m.group(3), m.group(4), m.group(5), m.group(6),
                    m.group(7), m.group(8), m.group(9)));
        }
        assertEquals(Zoo.all().size(), model.size(), "exporters in TypeOf: " + model.keySet());
        for (Zoo.Type t : Zoo.all()) {
            String mine = String.join(",", t.kind().tla(), t.base() == null ? "Null" : t.base(),
                    up(t.getbuffer()), up(t.release()), up(t.internal()), up(t.shared()), up(t.resizable()), up(t.readonly()));
            assertEquals(model.get(t.name()), mine, t.name());
        }
    }

    @Test
    void freeThreadedVersionsAreTheModelsFtVersions() throws IOException {
        String tla = Files.readString(Path.of("tla/MCBufferProtocol.tla"));
        var m = Pattern.compile("(?m)^FtVersions == \\{([^}]*)\\}").matcher(tla);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "FtVersions in tla/MCBufferProtocol.tla");
        java.util.Set<String> model = new java.util.TreeSet<>();
        for (String v : m.group(1).split(",")) model.add(v.strip().replace("\"", ""));
        assertEquals(model, new java.util.TreeSet<>(Zoo.FREE_THREADED_VERSIONS));
    }

    private static String up(boolean b) {
        return b ? "TRUE" : "FALSE";
    }
}
