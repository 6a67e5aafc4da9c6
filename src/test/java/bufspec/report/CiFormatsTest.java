package bufspec.report;

import bufspec.model.Property;
import bufspec.report.ci.CheckJunit;
import bufspec.report.ci.Sarif;
import bufspec.report.ci.ValidateJunit;
import bufspec.report.validate.ValidateJsonReader;
import bufspec.result.FileResult;
import bufspec.result.ValidationResult;
import bufspec.result.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CiFormatsTest {

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void checkJunitHasOneTestcasePerConfiguration() throws Exception {
        Document d = xml(CheckJunit.render(Fixtures.checkBugs()));
        NodeList cases = d.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        assertEquals("MCReleaseDecrefsObj.cfg", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals("tla.bugs", ((Element) cases.item(0)).getAttribute("classname"));
        assertEquals(0, d.getElementsByTagName("failure").getLength(), "both met their expectation");
        assertTrue(d.getElementsByTagName("system-out").item(0).getTextContent().contains("rc[std]: 2 \u2192 0"));
    }

    @Test
    void validateJunitHasOneTestcasePerPropertyPerFile() throws Exception {
        ValidationResult run = Fixtures.validateExamples();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ValidateJunit().render(run, out);
        Document d = xml(out.toString(StandardCharsets.UTF_8));
        assertEquals(3, d.getElementsByTagName("testsuite").getLength());
        assertEquals(3 * Property.values().length, d.getElementsByTagName("testcase").getLength());
        NodeList failures = d.getElementsByTagName("failure");
        assertEquals(run.totalViolations(), failures.getLength());
        Element first = (Element) failures.item(0);
        assertEquals("ReleasedAtMostOnce", first.getAttribute("type"));
        assertTrue(first.getAttribute("message").startsWith("traces/examples/bug-ReleaseOriginalAndCopy.ndjson:4: double release"));
        assertEquals("3", d.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void sarifHasOneResultPerViolationWithRuleLocationAndExplanation() throws Exception {
        byte[] json = Files.readAllBytes(Fixtures.dir().resolve("validate-examples.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Sarif().render(ValidateJsonReader.read(JsonInput.parse("validate-examples.json", new String(json, StandardCharsets.UTF_8))), out);
        JsonNode doc = new ObjectMapper().readTree(out.toByteArray());
        assertEquals("2.1.0", doc.get("version").asText());
        JsonNode run = doc.get("runs").get(0);
        assertEquals(Property.values().length, run.at("/tool/driver/rules").size());
        assertEquals(Property.NoDanglingView.meaning(), run.at("/tool/driver/rules/2/shortDescription/text").asText());
        JsonNode results = run.get("results");
        assertEquals(3, results.size());
        JsonNode r = results.get(0);
        assertEquals("ReleasedAtMostOnce", r.get("ruleId").asText());
        assertEquals(Property.ReleasedAtMostOnce.ordinal(), r.get("ruleIndex").asInt());
        assertEquals("traces/examples/bug-ReleaseOriginalAndCopy.ndjson", r.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals(4, r.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertTrue(r.at("/message/text").asText().startsWith("double release"));
        assertEquals(2, r.get("relatedLocations").size());
        assertEquals(1, run.at("/invocations/0/exitCode").asInt());
    }

    @Test
    void junitTextIsXmlEvenWithControlCharactersAndQuotes() throws Exception {
        ValidationResult run = Fixtures.validateExamples();
        FileResult f = run.files().get(0);
        Violation v = f.violations().get(0);
        Violation odd = new Violation(v.property(), v.file(), v.line(), v.seq(),
                "ev\u0001ent \"x\" <y> & 'z'", "expl\u0007 \"q\"", v.history());
        FileResult f2 = new FileResult(f.file(), f.attached(), f.ending(), f.stats(), f.verdicts(),
                java.util.List.of(odd), f.violationCounts(), f.errors(), f.errorCount(), f.notes());
        xml(ValidateJunit.text(new ValidationResult(run.engine(), java.util.List.of(f2))));
    }

    /** The JSON output read back is the result it was rendered from: every renderer gives the same bytes from either. */
    @Test
    void theJsonOutputReadsBackIntoTheSameResult() throws Exception {
        java.util.List<String> logs = new java.util.ArrayList<>();
        try (var ds = Files.newDirectoryStream(Fixtures.root().resolve("traces/examples"), "*.ndjson")) {
            ds.forEach(p -> logs.add(p.toString()));
        }
        logs.sort(null);
        ValidationResult direct = new bufspec.replay.Replay(bufspec.replay.Replay.Options.defaults()).validate(logs);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonRenderer().render(direct, json);
        ValidationResult back = ValidateJsonReader.read(JsonInput.parse("validate.json", json.toString(StandardCharsets.UTF_8)));
        assertEquals(direct, back);
        for (Format f : Format.values()) {
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            f.renderer().render(direct, a);
            f.renderer().render(back, b);
            assertEquals(a.toString(StandardCharsets.UTF_8), b.toString(StandardCharsets.UTF_8), f.name());
        }
    }
}
