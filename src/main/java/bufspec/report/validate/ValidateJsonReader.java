package bufspec.report.validate;

import bufspec.report.InputError;
import bufspec.report.JsonInput;
import bufspec.report.JsonInput.Type;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the document {@code bufspec validate --format json} prints into a {@link ValidateRun}. */
public final class ValidateJsonReader {

    private ValidateJsonReader() {
    }

    public static ValidateRun read(JsonInput in) throws InputError {
        JsonNode root = in.root();
        if (!root.isObject()) {
            throw new InputError(in.file(), "/", "expected the object 'validate --format json' prints, found "
                    + JsonInput.describe(root));
        }
        JsonNode files = in.field(root, "", "files", Type.ARRAY);
        List<ValidateRun.FileRun> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            out.add(file(in, files.get(i), "/files/" + i));
        }
        return new ValidateRun(in.text(root, "", "engine"), (int) in.number(root, "", "exit_code"),
                in.number(root, "", "violations"), in.number(root, "", "errors"),
                strings(in, in.field(root, "", "verdicts", Type.OBJECT), "/verdicts"), out);
    }

    private static ValidateRun.FileRun file(JsonInput in, JsonNode f, String at) throws InputError {
        if (!f.isObject()) {
            throw new InputError(in.file(), at, "expected an object, found " + JsonInput.describe(f));
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        JsonNode s = in.field(f, at, "stats", Type.OBJECT);
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            stats.put(k, in.number(s, at + "/stats", k));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonNode c = in.field(f, at, "violation_counts", Type.OBJECT);
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            counts.put(k, in.number(c, at + "/violation_counts", k));
        }
        List<ValidateRun.ViolationRec> violations = new ArrayList<>();
        JsonNode vs = in.field(f, at, "violations", Type.ARRAY);
        for (int i = 0; i < vs.size(); i++) {
            String vat = at + "/violations/" + i;
            JsonNode v = vs.get(i);
            List<ValidateRun.HistoryStep> history = new ArrayList<>();
            JsonNode h = in.field(v, vat, "history", Type.ARRAY);
            for (int j = 0; j < h.size(); j++) {
                history.add(new ValidateRun.HistoryStep(in.number(h.get(j), vat + "/history/" + j, "line"),
                        in.text(h.get(j), vat + "/history/" + j, "event")));
            }
            violations.add(new ValidateRun.ViolationRec(in.text(v, vat, "property"), in.text(v, vat, "file"),
                    in.number(v, vat, "line"), in.number(v, vat, "seq"), in.text(v, vat, "event"),
                    in.text(v, vat, "explanation"), history));
        }
        List<ValidateRun.ErrorRec> errors = new ArrayList<>();
        JsonNode es = in.field(f, at, "errors", Type.ARRAY);
        for (int i = 0; i < es.size(); i++) {
            String eat = at + "/errors/" + i;
            JsonNode e = es.get(i);
            errors.add(new ValidateRun.ErrorRec(in.optText(e, eat, "file"), in.number(e, eat, "line"),
                    in.optText(e, eat, "field"), in.optText(e, eat, "expected"), in.optText(e, eat, "found"),
                    in.text(e, eat, "message")));
        }
        List<String> notes = new ArrayList<>();
        for (JsonNode n : in.field(f, at, "notes", Type.ARRAY)) {
            notes.add(n.asText());
        }
        return new ValidateRun.FileRun(in.text(f, at, "file"), in.optText(f, at, "attached"), in.text(f, at, "ending"),
                stats, strings(in, in.field(f, at, "verdicts", Type.OBJECT), at + "/verdicts"), counts, violations,
                in.number(f, at, "error_count"), errors, notes);
    }

    private static Map<String, String> strings(JsonInput in, JsonNode obj, String at) throws InputError {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            out.put(k, in.text(obj, at, k));
        }
        return out;
    }
}
