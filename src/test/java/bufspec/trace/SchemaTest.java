package bufspec.trace;

import bufspec.replay.Examples;
import bufspec.result.ExpectedVerdicts;
import bufspec.replay.Replay;
import bufspec.result.FileResult;
import bufspec.trace.TraceError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Schema and the validator agree on every line of every example: lines the validator
 * accepts are valid against docs/trace-format.schema.json, and lines it rejects for their content
 * are rejected by the schema too (seq order, start_seq below seq, and the header's place are
 * beyond a per-line schema).
 */
class SchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void load() throws IOException {
        JsonNode node = JSON.readTree(Examples.root().resolve("docs/trace-format.schema.json").toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    }

    static List<ExpectedVerdicts.Row> rows() {
        return Examples.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void linesAgreeWithTheSchema(ExpectedVerdicts.Row row) throws IOException {
        FileResult r = new Replay(Replay.Options.defaults()).validateFile(row.log().toString());
        Set<Long> rejected = r.errors().stream()
                .filter(e -> !"seq".equals(e.field()) && !"start_seq".equals(e.field()))
                .filter(e -> !e.expected().startsWith("a header line first"))
                .map(TraceError::line).collect(Collectors.toSet());
        List<String> lines = Files.readAllLines(row.log());
        boolean cut = !Files.readString(row.log()).endsWith("\n");
        for (int i = 0; i < lines.size(); i++) {
            long n = i + 1;
            if (cut && i == lines.size() - 1) continue; // the truncated last line is not JSON
            Set<ValidationMessage> problems = validate(lines.get(i));
            if (rejected.contains(n)) {
                assertFalse(problems.isEmpty(), row.file() + ":" + n + " is rejected by the validator but valid per the schema");
            } else {
                assertEquals(Set.of(), problems, row.file() + ":" + n);
            }
        }
    }

    @Test
    void schemaRejectsNumericPointersAndUpperCaseHex() {
        assertFalse(validate("{\"seq\":1,\"tid\":1,\"kind\":\"dealloc\",\"object\":140737488355328,\"type\":\"bytes\"}").isEmpty());
        assertFalse(validate("{\"seq\":1,\"tid\":1,\"kind\":\"dealloc\",\"object\":\"0x7F00#0\",\"type\":\"bytes\"}").isEmpty());
        assertTrue(validate("{\"seq\":1,\"tid\":1,\"kind\":\"dealloc\",\"object\":\"0x7f00#0\",\"type\":\"bytes\"}").isEmpty());
    }

    @Test
    void schemaDescribesFreeThreadedFields() {
        String h = "{\"kind\":\"header\",\"format\":\"bufspec-trace\",\"version\":1";
        assertTrue(validate(h + ",\"threading\":\"free\",\"discipline\":\"3.14t\"}").isEmpty());
        assertFalse(validate(h + ",\"threading\":\"free\"}").isEmpty(), "free without discipline");
        assertFalse(validate(h + ",\"discipline\":\"3.14t\"}").isEmpty(), "discipline without free");
        assertFalse(validate(h + ",\"threading\":\"free\",\"discipline\":\"3.12t\"}").isEmpty());
        assertTrue(validate(h + ",\"threading\":\"gil\"}").isEmpty());
    }

    @Test
    void schemaDescribesTestMarks() {
        assertTrue(validate("{\"seq\":1,\"tid\":1,\"kind\":\"test\",\"phase\":\"start\",\"nodeid\":\"t.py::f[x]\"}").isEmpty());
        assertTrue(validate("{\"seq\":2,\"tid\":1,\"kind\":\"test\",\"phase\":\"end\",\"nodeid\":\"t.py::f\",\"outcome\":\"passed\"}").isEmpty());
        assertFalse(validate("{\"seq\":3,\"tid\":1,\"kind\":\"test\",\"phase\":\"middle\",\"nodeid\":\"t.py::f\"}").isEmpty());
        assertFalse(validate("{\"seq\":4,\"tid\":1,\"kind\":\"test\",\"phase\":\"start\"}").isEmpty());
    }

    private static Set<ValidationMessage> validate(String line) {
        try {
            return schema.validate(JSON.readTree(line));
        } catch (IOException e) {
            return Set.of(ValidationMessage.builder().message("not JSON: " + e.getMessage()).build());
        }
    }
}
