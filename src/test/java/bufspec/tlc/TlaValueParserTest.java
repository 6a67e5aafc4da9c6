package bufspec.tlc;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static bufspec.tlc.TlaValue.fun;
import static bufspec.tlc.TlaValue.rec;
import static bufspec.tlc.TlaValue.seq;
import static bufspec.tlc.TlaValue.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlaValueParserTest {

    private static TlaValue p(String s) {
        return TlaValueParser.parse(s);
    }

    private static TlaValue.Int i(long v) {
        return TlaValue.Int.of(v);
    }

    private static TlaValue.Str s(String v) {
        return new TlaValue.Str(v);
    }

    private static TlaValue.ModelValue m(String v) {
        return new TlaValue.ModelValue(v);
    }

    @Test
    void scalars() {
        assertEquals(i(0), p("0"));
        assertEquals(i(-3), p("-3"));
        assertEquals(new TlaValue.Int(new BigInteger("123456789012345678901")), p("123456789012345678901"));
        assertEquals(new TlaValue.Bool(true), p("TRUE"));
        assertEquals(new TlaValue.Bool(false), p(" FALSE "));
        assertEquals(m("c1"), p("c1"));
        assertEquals(m("NULL_obj"), p("NULL_obj"));
    }

    @Test
    void stringsWithQuotesBackslashesAndControlEscapes() {
        assertEquals(s(""), p("\"\""));
        assertEquals(s("v\"q\\"), p("\"v\\\"q\\\\\""));
        assertEquals(s("tab\tnl\n"), p("\"tab\\tnl\\n\""));
        assertEquals(s("a, b |-> c ]"), p("\"a, b |-> c ]\""));
        // printing back gives TLC's syntax
        assertEquals("\"v\\\"q\\\\\"", s("v\"q\\").toTla());
    }

    @Test
    void emptySetAndSequence() {
        assertEquals(set(), p("{}"));
        assertEquals(seq(), p("<<>>"));
        assertEquals(set(set(), seq()), p("{{}, <<>>}"));
    }

    @Test
    void nestedRecordsAndSequences() {
        TlaValue v = p("[name |-> \"v\\\"q\\\\\", n |-> -3, ok |-> TRUE, inner |-> [m |-> A, s |-> <<1, <<2>>>>]]");
        assertEquals(rec("name", s("v\"q\\"), "n", i(-3), "ok", new TlaValue.Bool(true),
                "inner", rec("m", m("A"), "s", seq(i(1), seq(i(2))))), v);
        assertEquals(List.of("name", "n", "ok", "inner"), List.copyOf(((TlaValue.Rec) v).fields().keySet()));
    }

    @Test
    void functionsOfRecordsAndModelValueKeys() {
        TlaValue v = p("(c1 :> [obj |-> e1, len |-> 4] @@ c2 :> [obj |-> NULL, len |-> 0])");
        assertEquals(fun(m("c1"), rec("obj", m("e1"), "len", i(4)), m("c2"), rec("obj", m("NULL"), "len", i(0))), v);
        assertEquals(rec("obj", m("e1"), "len", i(4)), ((TlaValue.Fun) v).apply(m("c1")).orElseThrow());
        assertEquals(fun(i(1), set(m("A")), s("k"), seq(s("a"), m("B"))), p("(1 :> {A} @@ \"k\" :> <<\"a\", B>>)"));
    }

    @Test
    void setsOfRecordsAndIntervals() {
        assertEquals(set(rec("a", i(1)), rec("a", i(2))), p("{[a |-> 1], [a |-> 2]}"));
        assertEquals(new TlaValue.Interval(BigInteger.ONE, BigInteger.valueOf(3)), p("1..3"));
        assertEquals(new TlaValue.Interval(BigInteger.valueOf(-1), BigInteger.ONE), p("-1..1"));
    }

    @Test
    void unevaluatedFunctionKeepsItsBodyText() {
        TlaValue v = p("[x \\in {1, 2} |-> [y |-> x, s |-> \"]\"]]");
        TlaValue.Lambda l = (TlaValue.Lambda) v;
        assertEquals("x", l.variable());
        assertEquals(set(i(1), i(2)), l.domain());
        assertEquals("[y |-> x, s |-> \"]\"]", l.body());
    }

    @Test
    void prettyPrinterLineBreaksAreWhitespace() {
        String printed = "( c1 :>\n      [ obj |-> e1,\n        len |-> 4 ] @@\n  c2 :> [obj |-> NULL, len |-> 0] )";
        assertEquals(2, ((TlaValue.Fun) p(printed)).mappings().size());
    }

    @Test
    void roundTripThroughToTla() {
        for (String text : List.of("[a |-> 1, b |-> <<\"x\", {}>>]", "(1 :> TRUE @@ 2 :> FALSE)", "{c1, c2}", "<<>>", "-7")) {
            assertEquals(p(text), p(p(text).toTla()));
        }
    }

    @Test
    void malformedValuesAreClearErrors() {
        var e = assertThrows(TlaValueParser.SyntaxError.class, () -> p("[a |-> 1"));
        assertTrue(e.getMessage().contains("expected ','"), e.getMessage());
        assertThrows(TlaValueParser.SyntaxError.class, () -> p("\"open"));
        assertThrows(TlaValueParser.SyntaxError.class, () -> p("{1, 2} extra"));
        assertThrows(TlaValueParser.SyntaxError.class, () -> p("(1 :> 2 @@ )"));
        assertThrows(TlaValueParser.SyntaxError.class, () -> p(""));
        assertThrows(TlaValueParser.SyntaxError.class, () -> p("[a |-> 1, a |-> 2]"));
        assertThrows(TlaValueParser.SyntaxError.class, () -> p("\"bad \\q escape\""));
    }

    @Test
    void jacksonWritesValuesAsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TlaValue v = p("[s |-> \"q\\\"\", n |-> -1, b |-> TRUE, m |-> c1, set |-> {1}, seq |-> <<2>>, f |-> (c1 :> 0)]");
        assertEquals("{\"s\":\"q\\\"\",\"n\":-1,\"b\":true,\"m\":{\"model\":\"c1\"},\"set\":{\"set\":[1]},"
                + "\"seq\":[2],\"f\":{\"function\":[[{\"model\":\"c1\"},0]]}}", json.writeValueAsString(v));
    }
}
