package bufspec.report;

import bufspec.model.Property;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Verdict;
import bufspec.result.Violation;
import bufspec.trace.TraceError;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Machine-readable report (one JSON document); property names are the model's. */
public final class JsonRenderer implements ResultRenderer {

    @Override
    public void render(ValidationResult result, OutputStream out) throws IOException {
        JsonFactory f = new JsonFactory();
        try (JsonGenerator g = f.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("engine", result.engine());
            g.writeNumberField("exit_code", result.exitCode());
            g.writeNumberField("violations", result.totalViolations());
            g.writeNumberField("errors", result.totalErrors());
            g.writeObjectFieldStart("verdicts");
            for (Map.Entry<Property, Verdict> e : result.verdicts().entrySet()) {
                g.writeStringField(e.getKey().name(), e.getValue().label());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("files");
            for (FileResult fr : result.files()) file(g, fr);
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void file(JsonGenerator g, FileResult f) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", f.file());
        g.writeStringField("attached", f.attached());
        g.writeStringField("ending", f.ending().name().toLowerCase(java.util.Locale.ROOT));
        var s = f.stats();
        g.writeObjectFieldStart("stats");
        g.writeNumberField("events", s.events());
        g.writeNumberField("objects", s.exporters());
        g.writeNumberField("views", s.views());
        g.writeNumberField("failed_acquires", s.failedAcquires());
        g.writeNumberField("views_live_at_end", s.viewsLiveAtEnd());
        g.writeNumberField("releases_before_tracing", s.releasesBeforeTracing());
        g.writeNumberField("tolerated_counter_excess", s.toleratedCounterExcess());
        g.writeEndObject();
        g.writeObjectFieldStart("verdicts");
        for (Map.Entry<Property, Verdict> e : new java.util.TreeMap<>(f.verdicts()).entrySet()) {
            g.writeStringField(e.getKey().name(), e.getValue().label());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("violation_counts");
        for (Map.Entry<Property, Long> e : new java.util.TreeMap<>(f.violationCounts()).entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("violations");
        for (Violation v : f.violations()) {
            g.writeStartObject();
            g.writeStringField("property", v.property().name());
            g.writeStringField("file", v.file());
            g.writeNumberField("line", v.line());
            g.writeNumberField("seq", v.seq());
            g.writeStringField("event", v.event());
            g.writeStringField("explanation", v.explanation());
            g.writeArrayFieldStart("history");
            for (Violation.Step st : v.history()) {
                g.writeStartObject();
                g.writeNumberField("line", st.line());
                g.writeStringField("event", st.event());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("error_count", f.errorCount());
        g.writeArrayFieldStart("errors");
        for (TraceError e : f.errors()) {
            g.writeStartObject();
            g.writeStringField("file", e.file());
            g.writeNumberField("line", e.line());
            g.writeStringField("field", e.field());
            g.writeStringField("expected", e.expected());
            g.writeStringField("found", e.found());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notes");
        for (String n : f.notes()) g.writeString(n);
        g.writeEndArray();
        g.writeEndObject();
    }
}
