package bufspec.trace;

/**
 * Interns short strings (type names, ops, formats, kinds) straight from the parser's character
 * buffer: a log repeats a handful of them millions of times, so after the first sight no String is
 * allocated. Bounded: past {@link #MAX} distinct strings, new ones are returned uninterned.
 */
final class Interner {
    private static final int MAX = 4096;

    private String[] table = new String[256];
    private int size;

    String intern(char[] c, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) h = 31 * h + c[i];
        int mask = table.length - 1;
        int i = (h ^ (h >>> 16)) & mask;
        while (true) {
            String s = table[i];
            if (s == null) break;
            if (s.length() == len && s.hashCode() == h && same(s, c, off, len)) return s;
            i = (i + 1) & mask;
        }
        String s = new String(c, off, len);
        if (size >= MAX) return s;
        table[i] = s;
        if (++size * 2 > table.length) grow();
        return s;
    }

    String intern(String s) {
        char[] c = s.toCharArray();
        return intern(c, 0, c.length);
    }

    private static boolean same(String s, char[] c, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != c[off + i]) return false;
        }
        return true;
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String s : old) {
            if (s == null) continue;
            int h = s.hashCode();
            int i = (h ^ (h >>> 16)) & mask;
            while (table[i] != null) i = (i + 1) & mask;
            table[i] = s;
        }
    }
}
