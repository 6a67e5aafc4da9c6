package bufspec.report.check;

import bufspec.result.CheckRun;
import bufspec.tlc.CheckResult;
import bufspec.tlc.ModelConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The JSON document of a check run ({@code check --format json}): {@code met} and one object per
 * configuration, each {@link CheckResult} as Jackson writes it plus {@code checks}, the invariants
 * and properties the configuration lists. It is written only for another process to read (CI artifacts, {@code report
 * --check}); in one process the renderers take {@link CheckRun#of}.
 */
public final class CheckJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckJson() {
    }

    /** {@code configs.get(i)} is the configuration of {@code results.get(i)}. */
    public static ObjectNode document(List<CheckResult> results, List<ModelConfig> configs) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("met", results.stream().allMatch(r -> r.verdict().met()));
        ArrayNode list = doc.putArray("configs");
        for (int i = 0; i < results.size(); i++) {
            ObjectNode c = MAPPER.valueToTree(results.get(i));
            ArrayNode checks = c.putArray("checks");
            if (i < configs.size()) {
                configs.get(i).invariants().forEach(checks::add);
                configs.get(i).properties().forEach(checks::add);
            }
            list.add(c);
        }
        return doc;
    }

    public static String text(ObjectNode doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write results as JSON", e);
        }
    }
}
