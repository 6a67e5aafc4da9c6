package bufspec.tlc;

import bufspec.model.Property;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A TLC {@code .cfg} file, the module it configures, and the expectation written next to it:
 * <pre>
 * \* bufspec-expect: pass
 * \* bufspec-expect: violation RefCountCoversReferences length 6
 * \* bufspec-tier: small          (or default, bench; default when absent)
 * </pre>
 * The module is found by these rules, first match wins: {@code Name.tla} for {@code Name.cfg} in
 * the same directory; the longest {@code X.tla} in the same directory with the cfg's name
 * starting with {@code X} ({@code MCBufferProtocolSmall.cfg} configures {@code MCBufferProtocol.tla});
 * the only {@code MC*.tla} (or the one whose name starts all the others') of the same directory, else of the parent directory
 * ({@code tla/bugs/MCBugX.cfg} configures {@code tla/MCBufferProtocol.tla}).
 */
public record ModelConfig(Path cfg, Path module, Expectation expectation, Tier tier,
                          List<String> invariants, List<String> properties) {

    private static final Pattern EXPECT = Pattern.compile("^\\s*\\\\\\*\\s*bufspec-expect:\\s*(.*?)\\s*$");
    private static final Pattern TIER = Pattern.compile("^\\s*\\\\\\*\\s*bufspec-tier:\\s*(.*?)\\s*$");
    private static final Pattern PASS = Pattern.compile("pass");
    private static final Pattern VIOLATION = Pattern.compile("violation\\s+(\\w+)\\s+length\\s+(\\d+)");
    private static final Set<String> CFG_KEYWORDS = Set.of("CONSTANT", "CONSTANTS", "INIT", "NEXT",
            "SPECIFICATION", "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW",
            "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "CHECK_DEADLOCK",
            "POSTCONDITION", "ALIAS");

    public ModelConfig {
        cfg = cfg.toAbsolutePath().normalize();
        module = module.toAbsolutePath().normalize();
        invariants = List.copyOf(invariants);
        properties = List.copyOf(properties);
    }

    /**
     * How many TLC workers to run this configuration with, given the {@code requested} count. A
     * violation's expected length is the length of the SHORTEST counterexample, which only TLC's
     * strictly breadth-first search with one worker guarantees (several workers may report a
     * longer one), so configurations that expect a violation always run with one worker.
     */
    public int workersFor(int requested) {
        return expectation() instanceof Expectation.Violation ? 1 : requested;
    }

    /** Whether the file carries a {@code bufspec-expect} comment at all (discovery skips those that don't). */
    public static boolean hasExpectation(Path cfg) throws IOException {
        try (Stream<String> lines = Files.lines(cfg)) {
            return lines.anyMatch(l -> EXPECT.matcher(l).matches());
        }
    }

    /** Reads {@code cfg}: its expectation, tier, checked invariants and properties, and its module. */
    public static ModelConfig load(Path cfg) throws ConfigError {
        if (!Files.isRegularFile(cfg)) {
            throw new ConfigError(cfg, 0, "no such configuration file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(cfg);
        } catch (IOException e) {
            throw new ConfigError(cfg, 0, "cannot read: " + e.getMessage());
        }
        Expectation expectation = null;
        Tier tier = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher e = EXPECT.matcher(lines.get(i));
            if (e.matches()) {
                if (expectation != null) {
                    throw new ConfigError(cfg, i + 1, "a second bufspec-expect comment");
                }
                expectation = expectation(cfg, i + 1, e.group(1));
            }
            Matcher t = TIER.matcher(lines.get(i));
            if (t.matches()) {
                int line = i + 1;
                tier = Tier.byLabel(t.group(1)).orElseThrow(() -> new ConfigError(cfg, line,
                        "bufspec-tier must be small, default or bench, not '" + t.group(1) + "'"));
            }
        }
        if (expectation == null) {
            throw new ConfigError(cfg, 0, "no '\\* bufspec-expect: pass' or '\\* bufspec-expect: violation <Property> length <N>' comment");
        }
        List<String> invariants = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        sections(lines, invariants, properties);
        if (expectation instanceof Expectation.Violation v) {
            List<String> checked = v.property().kind() == Property.Kind.INVARIANT ? invariants : properties;
            if (!checked.contains(v.property().name())) {
                throw new ConfigError(cfg, 0, "expects a violation of " + v.property().name()
                        + " but the configuration does not check it as "
                        + (v.property().kind() == Property.Kind.INVARIANT ? "an INVARIANT" : "a PROPERTY")
                        + " (it checks " + (checked.isEmpty() ? "none" : String.join(", ", checked)) + ")");
            }
        }
        return new ModelConfig(cfg, findModule(cfg), expectation, tier == null ? Tier.DEFAULT : tier,
                invariants, properties);
    }

    private static Expectation expectation(Path cfg, int line, String text) throws ConfigError {
        if (PASS.matcher(text).matches()) {
            return new Expectation.Pass();
        }
        Matcher v = VIOLATION.matcher(text);
        if (v.matches()) {
            Property p = Property.byName(v.group(1)).orElseThrow(() -> new ConfigError(cfg, line,
                    "unknown property '" + v.group(1) + "' in bufspec-expect (known: "
                            + String.join(", ", Stream.of(Property.values()).map(Enum::name).toList()) + ")"));
            int length = Integer.parseInt(v.group(2));
            if (length < 1) {
                throw new ConfigError(cfg, line, "counterexample length must be at least 1");
            }
            return new Expectation.Violation(p, length);
        }
        throw new ConfigError(cfg, line, "bufspec-expect must be 'pass' or 'violation <Property> length <N>', not '" + text + "'");
    }

    /** Collects the names after INVARIANT(S) and PROPERTY(IES) up to the next keyword. */
    private static void sections(List<String> lines, List<String> invariants, List<String> properties) {
        List<String> current = null;
        boolean inBlockComment = false;
        for (String raw : lines) {
            String line = raw;
            int comment = line.indexOf("\\*");
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            for (String token : line.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                if (inBlockComment) {
                    inBlockComment = !token.endsWith("*)");
                    continue;
                }
                if (token.startsWith("(*")) {
                    inBlockComment = !token.endsWith("*)");
                    continue;
                }
                if (CFG_KEYWORDS.contains(token)) {
                    current = switch (token) {
                        case "INVARIANT", "INVARIANTS" -> invariants;
                        case "PROPERTY", "PROPERTIES" -> properties;
                        default -> null;
                    };
                } else if (current != null) {
                    current.add(token);
                }
            }
        }
    }

    private static Path findModule(Path cfg) throws ConfigError {
        Path dir = cfg.toAbsolutePath().getParent();
        String name = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        Path same = dir.resolve(name + ".tla");
        if (Files.isRegularFile(same)) {
            return same;
        }
        List<Path> modules = modules(dir, cfg);
        Optional<Path> prefix = modules.stream()
                .filter(p -> name.startsWith(baseName(p)))
                .max(Comparator.comparingInt(p -> baseName(p).length()));
        if (prefix.isPresent()) {
            return prefix.get();
        }
        for (Path d : dir.getParent() == null ? List.of(dir) : List.of(dir, dir.getParent())) {
            List<Path> mc = modules(d, cfg).stream().filter(p -> baseName(p).startsWith("MC")).toList();
            if (mc.size() == 1) {
                return mc.get(0);
            }
            // Several: the base one, whose name starts every other's (MCBufferProtocol, MCBufferProtocolLiveness).
            Optional<Path> base = mc.stream()
                    .filter(b -> mc.stream().allMatch(o -> baseName(o).startsWith(baseName(b)))).findFirst();
            if (base.isPresent()) {
                return base.get();
            }
            if (mc.size() > 1) {
                throw new ConfigError(cfg, 0, "cannot tell which module it configures: no " + name
                        + ".tla, and several MC modules in " + d + ": " + mc.stream().map(ModelConfig::baseName).toList());
            }
        }
        throw new ConfigError(cfg, 0, "no module for it: expected " + same.getFileName()
                + ", a module whose name starts the cfg's name, or one MC*.tla in " + dir + " or its parent");
    }

    private static List<Path> modules(Path dir, Path cfg) throws ConfigError {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tla") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ConfigError(cfg, 0, "cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static String baseName(Path p) {
        return p.getFileName().toString().replaceFirst("\\.tla$", "");
    }

    /** Directories TLC must search for EXTENDS/INSTANCE: the module's, the cfg's and the cfg's parent. */
    public List<Path> libraryDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(module.getParent());
        dirs.add(cfg.getParent());
        if (cfg.getParent().getParent() != null) {
            dirs.add(cfg.getParent().getParent());
        }
        return List.copyOf(dirs);
    }

    /** A short name for tables: the path relative to {@code root}. */
    public String displayName(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        return cfg.startsWith(abs) ? abs.relativize(cfg).toString() : cfg.toString();
    }

    /**
     * Every configuration with a {@code bufspec-expect} comment under {@code root/tla}, sorted
     * by path; files without the comment (simulation or trace setups) are not checks.
     */
    public static List<ModelConfig> discover(Path root) throws ConfigError {
        Path tla = root.toAbsolutePath().normalize().resolve("tla");
        if (!Files.isDirectory(tla)) {
            throw new ConfigError(tla, 0, "no such directory (is --root the repository root?)");
        }
        List<Path> cfgs;
        try (Stream<Path> files = Files.walk(tla)) {
            cfgs = files.filter(p -> p.getFileName().toString().endsWith(".cfg")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigError(tla, 0, "cannot list: " + e.getMessage());
        }
        List<ModelConfig> configs = new ArrayList<>();
        for (Path cfg : cfgs) {
            try {
                if (hasExpectation(cfg)) {
                    configs.add(load(cfg));
                }
            } catch (IOException e) {
                throw new ConfigError(cfg, 0, "cannot read: " + e.getMessage());
            }
        }
        return configs;
    }
}
