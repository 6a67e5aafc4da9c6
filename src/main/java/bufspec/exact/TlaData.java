package bufspec.exact;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * TLA+ data built only from integers, booleans and words of the fixed {@link Vocabulary}: the
 * only things a log may contribute to a generated module. No constructor takes a free string,
 * so no text from a log (type names, error messages, pointers) can reach TLC, whatever it holds.
 */
public sealed interface TlaData {

    /** Appends this value as TLA+ text. */
    void render(StringBuilder out);

    /**
     * Writes this value in the binary form {@link LogsData} reads back as TLC values in the TLC
     * JVM (a tag byte, then the payload): the same value as the text, without SANY parsing it.
     */
    void write(DataOutputStream out) throws IOException;

    /** Tags of the binary form. */
    byte INT = 1, BOOL = 2, WORD = 3, REC = 4, TUPLE = 5, SET = 6;

    default String render() {
        StringBuilder b = new StringBuilder();
        render(b);
        return b.toString();
    }

    /** An integer; TLC's integers are 32-bit, so larger values are refused. */
    record Int(long value) implements TlaData {
        public Int {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("TLC integers are 32-bit: " + value);
            }
        }

        @Override public void render(StringBuilder out) { out.append(value); }

        @Override public void write(DataOutputStream out) throws IOException {
            out.writeByte(INT);
            out.writeInt((int) value);
        }
    }

    record Bool(boolean value) implements TlaData {
        @Override public void render(StringBuilder out) { out.append(value ? "TRUE" : "FALSE"); }

        @Override public void write(DataOutputStream out) throws IOException {
            out.writeByte(BOOL);
            out.writeBoolean(value);
        }
    }

    /** A string from the fixed vocabulary (its spelling is checked when the vocabulary loads). */
    record Word(Vocabulary word) implements TlaData {
        @Override public void render(StringBuilder out) { out.append('"').append(word.tla()).append('"'); }

        @Override public void write(DataOutputStream out) throws IOException {
            out.writeByte(WORD);
            out.writeShort(word.ordinal());
        }
    }

    /** A record; field names come from the vocabulary of fields. */
    record Rec(Map<Vocabulary.Field, TlaData> fields) implements TlaData {
        public Rec {
            fields = Map.copyOf(fields);
        }

        @Override
        public void render(StringBuilder out) {
            out.append('[');
            boolean first = true;
            for (Vocabulary.Field f : Vocabulary.Field.values()) { // fixed order: reproducible text
                TlaData v = fields.get(f);
                if (v == null) continue;
                if (!first) out.append(", ");
                first = false;
                out.append(f.tla()).append(" |-> ");
                v.render(out);
            }
            out.append(']');
        }

        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte(REC);
            out.writeShort(fields.size());
            for (Vocabulary.Field f : Vocabulary.Field.values()) {
                TlaData v = fields.get(f);
                if (v == null) continue;
                out.writeShort(f.ordinal());
                v.write(out);
            }
        }
    }

    /** A tuple (sequence). */
    record Tuple(List<? extends TlaData> items) implements TlaData {
        public Tuple {
            items = List.copyOf(items);
        }

        @Override
        public void render(StringBuilder out) {
            renderAll(items, "<<", ",\n  ", ">>", out);
        }

        @Override
        public void write(DataOutputStream out) throws IOException {
            writeAll(TUPLE, items, out);
        }
    }

    /** A finite set. */
    record SetOf(List<? extends TlaData> items) implements TlaData {
        public SetOf {
            items = List.copyOf(items);
        }

        @Override
        public void render(StringBuilder out) {
            renderAll(items, "{", ", ", "}", out);
        }

        @Override
        public void write(DataOutputStream out) throws IOException {
            writeAll(SET, items, out);
        }
    }

    static Int of(long v) { return new Int(v); }
    static Bool of(boolean v) { return new Bool(v); }
    static Word of(Vocabulary w) { return new Word(w); }

    private static void writeAll(byte tag, List<? extends TlaData> items, DataOutputStream out) throws IOException {
        out.writeByte(tag);
        out.writeInt(items.size());
        for (TlaData d : items) d.write(out);
    }

    /** Renders {@code items} between {@code open} and {@code close}, separated by {@code sep}. */
    private static void renderAll(List<? extends TlaData> items, String open, String sep, String close, StringBuilder out) {
        out.append(open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(sep);
            items.get(i).render(out);
        }
        out.append(close);
    }
}
