package bufspec.report;

import bufspec.report.check.CheckJsonReader;
import bufspec.report.validate.ValidateJsonReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputErrorsTest {

    @Test
    void invalidJsonNamesTheFileLineAndColumn() {
        InputError e = assertThrows(InputError.class, () -> JsonInput.parse("c.json", "{\n  \"met\": tru\n}"));
        assertEquals("c.json", e.file());
        assertTrue(e.where().startsWith("line 2"), e.getMessage());
    }

    @Test
    void aMissingOrMistypedFieldNamesItsJsonPointer() throws Exception {
        InputError missing = assertThrows(InputError.class,
                () -> CheckJsonReader.read(JsonInput.parse("c.json", "{\"met\": true}")));
        assertEquals("c.json: /configs: expected an array, the field is missing", missing.getMessage());
        InputError typed = assertThrows(InputError.class, () -> CheckJsonReader.read(JsonInput.parse("c.json",
                "{\"met\": true, \"configs\": [{\"config\": \"a.cfg\", \"expected\": \"pass\", \"result\": {\"outcome\": \"SUCCESS\","
                        + " \"stats\": {\"generated\": \"many\"}}, \"verdict\": {\"met\": true, \"got\": \"pass\"}}]}")));
        assertEquals("c.json: /configs/0/result/stats/generated: expected an integer, found the string \"many\"", typed.getMessage());
    }

    @Test
    void aValidateDocumentGivenAsCheckInputIsRecognisedAsWrong() {
        InputError e = assertThrows(InputError.class, () -> CheckJsonReader.read(
                JsonInput.read(Fixtures.dir().resolve("validate-examples.json"))));
        assertTrue(e.getMessage().contains("/met: expected true or false, the field is missing"), e.getMessage());
        InputError v = assertThrows(InputError.class, () -> ValidateJsonReader.read(
                JsonInput.read(Fixtures.dir().resolve("check-bugs.json"))));
        assertTrue(v.getMessage().contains("/files: expected an array"), v.getMessage());
    }
}
