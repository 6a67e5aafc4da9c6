package bufspec.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bufspec.model} depends on no other package of ours: the other packages ask it, not the reverse. */
class ModelDependsOnNothingTest {

    private static final Pattern OWN = Pattern.compile("(?m)^import\\s+(?:static\\s+)?(bufspec\\.[\\w.]+)|\\b(bufspec\\.(?!model\\b)[a-z]+\\.[A-Z]\\w*)");

    @Test
    void modelImportsNothingOfOurs() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("src/main/java/bufspec/model"))) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() >= 3, "model sources: " + files);
        for (Path f : files) {
            Matcher m = OWN.matcher(Files.readString(f));
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (!name.startsWith("bufspec.model.")) found.add(f.getFileName() + ": " + name);
            }
        }
        assertEquals(List.of(), found);
    }
}
