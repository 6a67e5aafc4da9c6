package bufspec.report.docs;

import bufspec.model.Property;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docs' regions that come from {@link Property}: its constants, in declaration order, with
 * their kind and one-sentence meaning. A property added to the enum appears in every region at the
 * next {@code report --update-docs}; {@code report --check-docs} fails until then.
 */
public final class PropertyDocs {

    /** The property table (README.md, docs/architecture.md, docs/model.md). */
    public static final String TABLE = "property-table";

    /** C identifiers and struct members of the protocol, set in code type in the docs. */
    private static final Pattern CODE = Pattern.compile("\\b(view->\\w+|bf_\\w+|Py\\w+)\\b");

    private PropertyDocs() {
    }

    /** The property table: name, kind, meaning. */
    public static String table() {
        StringBuilder md = new StringBuilder("\n");
        md.append("_Generated from `bufspec.model.Property` by `bufspec report --update-docs`; do not edit by hand._\n\n");
        md.append("| property | kind | meaning |\n|---|---|---|\n");
        for (Property p : Property.values()) {
            md.append("| `").append(p.name()).append("` | ").append(kind(p)).append(" | ").append(code(p.meaning()))
                    .append(" |\n");
        }
        md.append('\n');
        return md.toString();
    }

    static String kind(Property p) {
        return p.kind().name().toLowerCase(Locale.ROOT);
    }

    /** {@code meaning} with the protocol's identifiers in backticks and table pipes escaped. */
    static String code(String meaning) {
        Matcher m = CODE.matcher(meaning.replace("|", "\\|"));
        return m.replaceAll("`$1`");
    }
}
