package bufspec.tlc;

import bufspec.model.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelConfigTest {

    @TempDir
    Path root;

    private Path write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsExpectationTierAndCheckedNames() throws Exception {
        write("tla/MCBufferProtocol.tla", "---- MODULE MCBufferProtocol ----\n====\n");
        Path cfg = write("tla/MCBufferProtocolSmall.cfg", """
                \\* bufspec-expect: violation RefCountCoversReferences length 6
                \\* bufspec-tier: small
                SPECIFICATION Spec
                INVARIANTS TypeOK
                   RefCountCoversReferences \\* trailing comment
                PROPERTY EveryViewReleased
                """);
        ModelConfig c = ModelConfig.load(cfg);
        assertEquals(new Expectation.Violation(Property.RefCountCoversReferences, 6), c.expectation());
        assertEquals(Tier.SMALL, c.tier());
        assertEquals(List.of("TypeOK", "RefCountCoversReferences"), c.invariants());
        assertEquals(List.of("EveryViewReleased"), c.properties());
        assertEquals(root.resolve("tla/MCBufferProtocol.tla").toAbsolutePath(), c.module(), "longest-prefix module");
    }

    @Test
    void bugVariantInSubdirectoryUsesTheParentsMcModule() throws Exception {
        write("tla/BufferProtocol.tla", "");
        write("tla/MCBufferProtocol.tla", "");
        write("tla/SIMBufferProtocol.tla", "");
        write("tla/MCBufferProtocolLiveness.tla", "");
        Path bug = write("tla/bugs/MCBugReleaseDecrefsObj.cfg", "\\* bufspec-expect: pass\nINIT Init\n");
        ModelConfig c = ModelConfig.load(bug);
        assertEquals(root.resolve("tla/MCBufferProtocol.tla").toAbsolutePath(), c.module());
        assertEquals(Tier.DEFAULT, c.tier());
        assertTrue(c.libraryDirs().contains(root.resolve("tla").toAbsolutePath()));
    }

    @Test
    void unrelatedMcModulesAreAmbiguous() throws Exception {
        write("tla/MCOne.tla", "");
        write("tla/MCTwo.tla", "");
        Path bug = write("tla/bugs/MCBugY.cfg", "\\* bufspec-expect: pass\n");
        ConfigError e = assertThrows(ConfigError.class, () -> ModelConfig.load(bug));
        assertTrue(e.getMessage().contains("several MC modules"), e.getMessage());
    }

    @Test
    void sameNamedModuleWins() throws Exception {
        write("tla/bugs/MCBugX.tla", "");
        write("tla/MCBufferProtocol.tla", "");
        Path cfg = write("tla/bugs/MCBugX.cfg", "\\* bufspec-expect: pass\n");
        assertEquals(root.resolve("tla/bugs/MCBugX.tla").toAbsolutePath(), ModelConfig.load(cfg).module());
    }

    @Test
    void badExpectationsAreErrorsNamingFileAndLine() throws Exception {
        write("tla/MC.tla", "");
        ConfigError unknown = assertThrows(ConfigError.class, () -> ModelConfig.load(
                write("tla/MCa.cfg", "INIT Init\n\\* bufspec-expect: violation NoSuchThing length 3\n")));
        assertTrue(unknown.getMessage().contains("MCa.cfg:2") && unknown.getMessage().contains("unknown property 'NoSuchThing'"),
                unknown.getMessage());
        ConfigError garbled = assertThrows(ConfigError.class, () -> ModelConfig.load(
                write("tla/MCb.cfg", "\\* bufspec-expect: fails sometimes\n")));
        assertTrue(garbled.getMessage().contains("MCb.cfg:1"), garbled.getMessage());
        ConfigError missing = assertThrows(ConfigError.class, () -> ModelConfig.load(write("tla/MCc.cfg", "INIT Init\n")));
        assertTrue(missing.getMessage().contains("no '\\* bufspec-expect"), missing.getMessage());
        ConfigError tier = assertThrows(ConfigError.class, () -> ModelConfig.load(
                write("tla/MCd.cfg", "\\* bufspec-expect: pass\n\\* bufspec-tier: huge\n")));
        assertTrue(tier.getMessage().contains("MCd.cfg:2"), tier.getMessage());
        ConfigError unchecked = assertThrows(ConfigError.class, () -> ModelConfig.load(
                write("tla/MCe.cfg", "\\* bufspec-expect: violation NoDanglingView length 3\nINVARIANT TypeOK\n")));
        assertTrue(unchecked.getMessage().contains("does not check it"), unchecked.getMessage());
        ConfigError absent = assertThrows(ConfigError.class, () -> ModelConfig.load(root.resolve("tla/none.cfg")));
        assertTrue(absent.getMessage().contains("no such configuration file"), absent.getMessage());
    }

    @Test
    void discoverySkipsConfigsWithoutExpectation() throws Exception {
        write("tla/MCBufferProtocol.tla", "");
        write("tla/MCBufferProtocol.cfg", "\\* bufspec-expect: pass\n");
        write("tla/SIMBufferProtocol.cfg", "INIT Init\n");
        write("tla/bugs/MCBugA.cfg", "\\* bufspec-expect: violation TypeOK length 2\nINVARIANT TypeOK\n");
        List<ModelConfig> found = ModelConfig.discover(root);
        assertEquals(List.of("tla/MCBufferProtocol.cfg", "tla/bugs/MCBugA.cfg"),
                found.stream().map(c -> c.displayName(root)).toList());
    }

    @Test
    void fixtureConfigsAllLoad() throws Exception {
        Path fixtures = Path.of(System.getProperty("bufspec.root", "."), "src/test/resources/tlc");
        try (var files = Files.list(fixtures)) {
            for (Path cfg : files.filter(p -> p.toString().endsWith(".cfg")).toList()) {
                ModelConfig c = ModelConfig.load(cfg);
                assertTrue(Files.isRegularFile(c.module()), cfg + " -> " + c.module());
            }
        }
    }
}
