package bufspec.tlc;

import bufspec.model.Property;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A bug variant of {@code tla/BufferProtocol.tla} (a value of its {@code Bug} constant), as its
 * configuration {@code tla/bugs/MCBug<X>.cfg} describes it: the property the variant breaks (the
 * cfg's {@code \* bufspec-expect:} line) and a gloss of its wrong step (the first sentence of the
 * cfg's {@code \* Bug <X>: ...} comment). The configurations are the one table of variants; this
 * only reads it.
 *
 * @param name     the variant, as BufferProtocol's {@code Bugs} spells it
 * @param gloss    what the wrong implementation does, one clause
 * @param property what the variant breaks (the cfg's expected violation)
 * @param cfg      the configuration
 */
public record BugVariant(String name, String gloss, Property property, Path cfg) {

    private static final Pattern BUG_CONSTANT = Pattern.compile("^\\s*Bug\\s*=\\s*\"(\\w+)\"\\s*$");
    private static final Pattern COMMENT = Pattern.compile("^\\s*\\\\\\*\\s?(.*)$");

    /**
     * The variants of {@code tlaDir/bugs/MCBug*.cfg} (not the harm-only twins {@code *Harm.cfg}),
     * by name; a cfg that cannot be read, names no Bug or expects no violation is left out.
     */
    public static Map<String, BugVariant> load(Path tlaDir) {
        Map<String, BugVariant> out = new LinkedHashMap<>();
        Path dir = tlaDir.resolve("bugs");
        if (!Files.isDirectory(dir)) return out;
        List<Path> cfgs;
        try (Stream<Path> s = Files.list(dir)) {
            cfgs = s.filter(p -> p.getFileName().toString().matches("MCBug\\w+\\.cfg"))
                    .filter(p -> !p.getFileName().toString().endsWith("Harm.cfg")).sorted().toList();
        } catch (IOException e) {
            return out;
        }
        for (Path cfg : cfgs) {
            try {
                ModelConfig mc = ModelConfig.load(cfg);
                if (!(mc.expectation() instanceof Expectation.Violation v)) continue;
                List<String> lines = Files.readAllLines(cfg);
                String name = null;
                for (String l : lines) {
                    Matcher m = BUG_CONSTANT.matcher(l);
                    if (m.matches()) name = m.group(1);
                }
                if (name == null) continue;
                out.put(name, new BugVariant(name, gloss(lines, name), v.property(), cfg));
            } catch (ConfigError | IOException e) {
                // not a variant this can describe
            }
        }
        return out;
    }

    /**
     * The first sentence (to the first ". ", ";" or the end of the paragraph, without its
     * parentheticals) after
     * {@code Bug <name>:} or {@code Bug <name> (citation):} in the cfg's leading comment; the name
     * alone when there is none.
     */
    static String gloss(List<String> lines, String name) {
        StringBuilder para = null;
        for (String l : lines) {
            Matcher c = COMMENT.matcher(l);
            if (!c.matches()) {
                if (para != null) break;
                continue;
            }
            String text = c.group(1).strip();
            if (para == null) {
                if (text.startsWith("Bug " + name)) para = new StringBuilder(text);
            } else {
                if (text.isEmpty()) break;
                para.append(' ').append(text);
            }
        }
        if (para == null) return name;
        String p = para.toString();
        Matcher head = Pattern.compile("^Bug " + Pattern.quote(name) + "\\s*(\\([^)]*\\))?\\s*:\\s*").matcher(p);
        if (!head.find()) return name;
        // without its parentheticals (citations, asides): one clause
        String rest = p.substring(head.end());
        for (String prev = null; !rest.equals(prev); ) {
            prev = rest;
            rest = rest.replaceAll("\\s*\\([^()]*\\)", "");
        }
        int end = rest.length();
        Matcher stop = Pattern.compile("\\.(\\s|$)|;").matcher(rest);
        if (stop.find()) end = stop.start();
        String g = rest.substring(0, end).strip();
        return g.isEmpty() ? name : g;
    }

    /** "ReleaseDecrefsObj (bf_releasebuffer decrefs view->obj ...)" */
    public String named() {
        return gloss.equals(name) ? name : name + " (" + gloss + ")";
    }

    /** Names not in the table (a variant of the spec with no cfg) are described by name alone. */
    public static List<BugVariant> of(Map<String, BugVariant> table, List<String> names) {
        List<BugVariant> out = new ArrayList<>();
        for (String n : names) out.add(table.getOrDefault(n, new BugVariant(n, n, null, null)));
        return out;
    }
}
