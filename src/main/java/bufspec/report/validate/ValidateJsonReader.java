package bufspec.report.validate;

import bufspec.model.Property;
import bufspec.report.InputError;
import bufspec.report.JsonInput;
import bufspec.report.JsonInput.Type;
import bufspec.result.FileResult;
import bufspec.result.Stats;
import bufspec.result.ValidationResult;
import bufspec.result.Verdict;
import bufspec.result.Violation;
import bufspec.trace.TraceError;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the document {@code bufspec validate --format json} prints (a file another process wrote,
 * such as a CI artifact) back into the {@link ValidationResult} it was rendered from. The totals
 * and merged verdicts of the document are checked for presence but not kept: the result derives
 * them from its files. A property missing from a file's verdicts is not exercised there.
 */
public final class ValidateJsonReader {

    private ValidateJsonReader() {
    }

    public static ValidationResult read(JsonInput in) throws InputError {
        JsonNode root = in.root();
        if (!root.isObject()) {
            throw new InputError(in.file(), "/", "expected the object 'validate --format json' prints, found "
                    + JsonInput.describe(root));
        }
        JsonNode files = in.field(root, "", "files", Type.ARRAY);
        List<FileResult> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            out.add(file(in, files.get(i), "/files/" + i));
        }
        String engine = in.text(root, "", "engine");
        in.number(root, "", "exit_code");
        in.number(root, "", "violations");
        in.number(root, "", "errors");
        in.field(root, "", "verdicts", Type.OBJECT);
        return new ValidationResult(engine, out);
    }

    private static FileResult file(JsonInput in, JsonNode f, String at) throws InputError {
        if (!f.isObject()) {
            throw new InputError(in.file(), at, "expected an object, found " + JsonInput.describe(f));
        }
        JsonNode s = in.field(f, at, "stats", Type.OBJECT);
        String sat = at + "/stats";
        Stats stats = new Stats(stat(in, s, sat, "events"), stat(in, s, sat, "objects"), stat(in, s, sat, "views"),
                stat(in, s, sat, "failed_acquires"), stat(in, s, sat, "views_live_at_end"),
                stat(in, s, sat, "releases_before_tracing"), stat(in, s, sat, "tolerated_counter_excess"));
        Map<Property, Long> counts = new EnumMap<>(Property.class);
        JsonNode c = in.field(f, at, "violation_counts", Type.OBJECT);
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            counts.put(property(in, at + "/violation_counts/" + k, k), in.number(c, at + "/violation_counts", k));
        }
        List<Violation> violations = new ArrayList<>();
        JsonNode vs = in.field(f, at, "violations", Type.ARRAY);
        for (int i = 0; i < vs.size(); i++) {
            String vat = at + "/violations/" + i;
            JsonNode v = vs.get(i);
            List<Violation.Step> history = new ArrayList<>();
            JsonNode h = in.field(v, vat, "history", Type.ARRAY);
            for (int j = 0; j < h.size(); j++) {
                history.add(new Violation.Step(in.number(h.get(j), vat + "/history/" + j, "line"),
                        in.text(h.get(j), vat + "/history/" + j, "event")));
            }
            violations.add(new Violation(property(in, vat + "/property", in.text(v, vat, "property")), in.text(v, vat, "file"),
                    in.number(v, vat, "line"), in.number(v, vat, "seq"), in.text(v, vat, "event"),
                    in.text(v, vat, "explanation"), history));
        }
        List<TraceError> errors = new ArrayList<>();
        JsonNode es = in.field(f, at, "errors", Type.ARRAY);
        for (int i = 0; i < es.size(); i++) {
            String eat = at + "/errors/" + i;
            JsonNode e = es.get(i);
            in.text(e, eat, "message");
            errors.add(new TraceError(in.optText(e, eat, "file"), in.number(e, eat, "line"),
                    in.optText(e, eat, "field"), in.optText(e, eat, "expected"), in.optText(e, eat, "found")));
        }
        List<String> notes = new ArrayList<>();
        for (JsonNode n : in.field(f, at, "notes", Type.ARRAY)) {
            notes.add(n.asText());
        }
        Map<Property, Verdict> verdicts = new EnumMap<>(Property.class);
        for (Property p : Property.values()) {
            verdicts.put(p, Verdict.NOT_EXERCISED);
        }
        JsonNode vd = in.field(f, at, "verdicts", Type.OBJECT);
        for (Iterator<String> it = vd.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            String label = in.text(vd, at + "/verdicts", k);
            Verdict verdict = Verdict.byLabel(label).orElseThrow(() -> new InputError(in.file(), at + "/verdicts/" + k,
                    "expected one of " + Arrays.stream(Verdict.values()).map(x -> "\"" + x.label() + "\"").toList()
                            + ", found \"" + label + "\""));
            verdicts.put(property(in, at + "/verdicts/" + k, k), verdict);
        }
        return new FileResult(in.text(f, at, "file"), in.optText(f, at, "attached"), ending(in, f, at), stats, verdicts,
                violations, counts, errors, in.number(f, at, "error_count"), notes);
    }

    private static long stat(JsonInput in, JsonNode stats, String at, String name) throws InputError {
        return stats.has(name) ? in.number(stats, at, name) : -1;
    }

    private static Property property(JsonInput in, String at, String name) throws InputError {
        return Property.byName(name).orElseThrow(() -> new InputError(in.file(), at,
                "expected a property of the model (" + String.join(", ", Arrays.stream(Property.values()).map(Property::name).toList())
                        + "), found \"" + name + "\""));
    }

    private static FileResult.Ending ending(JsonInput in, JsonNode f, String at) throws InputError {
        String e = in.text(f, at, "ending");
        for (FileResult.Ending x : FileResult.Ending.values()) {
            if (x.name().toLowerCase(Locale.ROOT).equals(e)) {
                return x;
            }
        }
        throw new InputError(in.file(), at + "/ending", "expected one of "
                + Arrays.stream(FileResult.Ending.values()).map(x -> "\"" + x.name().toLowerCase(Locale.ROOT) + "\"").toList()
                + ", found \"" + e + "\"");
    }
}
