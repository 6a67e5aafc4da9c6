package bufspec.report.ci;

import bufspec.model.Property;
import bufspec.report.ResultRenderer;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Violation;
import bufspec.trace.TraceError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * SARIF 2.1.0 for a validate run: one rule per property (id = the property's name, description =
 * its meaning), one result per violation reported (ruleId = the property, location = the log file
 * and line, message = the validator's explanation, related locations = the earlier events of the
 * object), unreadable lines as tool execution notifications.
 */
public final class Sarif implements ResultRenderer {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void render(ValidationResult run, OutputStream out) throws IOException {
        MAPPER.writeValue(new NonClosing(out), document(run));
        out.write('\n');
        out.flush();
    }

    public static ObjectNode document(ValidationResult run) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("$schema", SCHEMA);
        doc.put("version", "2.1.0");
        ObjectNode r = doc.putArray("runs").addObject();
        ObjectNode driver = r.putObject("tool").putObject("driver");
        driver.put("name", "bufspec");
        driver.put("version", "0.1.0");
        driver.put("informationUri", "https://peps.python.org/pep-3118/");
        ArrayNode rules = driver.putArray("rules");
        for (Property p : Property.values()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", p.name());
            rule.put("name", p.name());
            rule.putObject("shortDescription").put("text", p.meaning());
            rule.putObject("fullDescription").put("text", p.name() + " (" + p.kind().name().toLowerCase(Locale.ROOT)
                    + " of the buffer-protocol model): " + p.meaning());
            rule.putObject("defaultConfiguration").put("level", "error");
            rule.putObject("properties").put("kind", p.kind().name().toLowerCase(Locale.ROOT));
        }
        ArrayNode results = r.putArray("results");
        ArrayNode notifications = null;
        for (FileResult f : run.files()) {
            for (Violation v : f.violations()) {
                ObjectNode res = results.addObject();
                res.put("ruleId", v.property().name());
                res.put("ruleIndex", v.property().ordinal());
                res.put("level", "error");
                res.putObject("message").put("text", v.explanation());
                location(res.putArray("locations").addObject(), v.file(), v.line(), null);
                if (!v.history().isEmpty()) {
                    ArrayNode related = res.putArray("relatedLocations");
                    int id = 1;
                    for (Violation.Step h : v.history()) {
                        ObjectNode loc = related.addObject();
                        loc.put("id", id++);
                        location(loc, v.file(), h.line(), h.event());
                    }
                }
                ObjectNode props = res.putObject("properties");
                props.put("seq", v.seq());
                props.put("event", v.event());
                props.put("occurrencesInLog", f.violationCounts().getOrDefault(v.property(), 1L));
            }
            for (TraceError e : f.errors()) {
                if (notifications == null) {
                    notifications = MAPPER.createArrayNode();
                }
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", e.message());
                location(n.putArray("locations").addObject(), e.file() == null ? f.file() : e.file(), e.line(), null);
            }
        }
        ObjectNode inv = r.putArray("invocations").addObject();
        inv.put("executionSuccessful", run.totalErrors() == 0);
        inv.put("exitCode", run.exitCode());
        if (notifications != null) {
            inv.set("toolExecutionNotifications", notifications);
        }
        r.putObject("properties").put("engine", run.engine());
        return doc;
    }

    private static void location(ObjectNode loc, String file, long line, String message) {
        ObjectNode phys = loc.putObject("physicalLocation");
        phys.putObject("artifactLocation").put("uri", uri(file));
        if (line > 0) {
            phys.putObject("region").put("startLine", line);
        }
        if (message != null) {
            loc.putObject("message").put("text", message);
        }
    }

    /** A relative path stays relative (to the repository, as code-scanning tools expect); an absolute one becomes a file URI. */
    static String uri(String file) {
        if (file.startsWith("/")) {
            return Path.of(file).toUri().toString();
        }
        try {
            return new java.net.URI(null, null, file.replace('\\', '/'), null).toASCIIString();   // spaces etc. percent-encoded
        } catch (java.net.URISyntaxException e) {
            return file.replace('\\', '/');
        }
    }

    /** Jackson closes the stream it writes to; the caller's stream must stay open. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
