package bufspec.report;

import bufspec.report.check.TlaJson;
import bufspec.tlc.TlaValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TlaJsonTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static TlaValue roundTrip(TlaValue v) throws Exception {
        return TlaJson.decode(M.readTree(M.writeValueAsString(v)));
    }

    @Test
    void everyKindReadsBackAsWritten() throws Exception {
        TlaValue c1 = new TlaValue.ModelValue("c1");
        TlaValue value = TlaValue.rec(
                "i", TlaValue.Int.of(-3),
                "b", new TlaValue.Bool(true),
                "s", new TlaValue.Str("a \"q\""),
                "set", TlaValue.set(TlaValue.Int.of(1), TlaValue.Int.of(2)),
                "seq", TlaValue.seq(c1, TlaValue.Int.of(1)),
                "fun", TlaValue.fun(TlaValue.seq(c1, TlaValue.Int.of(1)), TlaValue.rec("obj", new TlaValue.ModelValue("Null"))),
                "iv", new TlaValue.Interval(BigInteger.ONE, BigInteger.TEN),
                "lam", new TlaValue.Lambda("x", TlaValue.set(c1), "x + 1"),
                "empty", TlaValue.seq());
        assertEquals(value, roundTrip(value));
        assertEquals(value.toTla(), roundTrip(value).toTla());
    }
}
