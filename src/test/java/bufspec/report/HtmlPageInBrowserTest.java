package bufspec.report;

import bufspec.report.page.HtmlPage;
import bufspec.report.page.Report;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The HTML page in a real headless browser (Debian's {@code chromium}), offline: no console
 * message, the diagrams in the DOM, and a screenshot whose diagram is really drawn (the red band
 * of the offending step, the lifeline boxes). Skipped only when chromium is absent and CI is not
 * set; with {@code CI=true} a missing browser is a failure.
 */
class HtmlPageInBrowserTest {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 2000;

    @TempDir
    Path tmp;

    static Optional<Path> chromium() {
        String override = System.getenv("BUFSPEC_CHROMIUM");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private Path browser() {
        Optional<Path> c = chromium();
        if (c.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("chromium is not installed (apt-get install -y chromium); CI=true makes this a failure");
            }
            Assumptions.abort("chromium is not installed (apt-get install -y chromium)");
        }
        return c.get();
    }

    /** Runs headless chromium offline on {@code page}; returns its stderr (chromium logs console messages there). */
    private String run(Path chromium, Path page, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"),
                "--enable-logging=stderr", "--v=0", "--hide-scrollbars", "--window-size=" + WIDTH + "," + HEIGHT));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = tmp.resolve("stdout-" + System.nanoTime());
        Path err = tmp.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8) + "\n--stderr--\n" + Files.readString(err, StandardCharsets.UTF_8);
    }

    private static List<String> consoleLines(String log) {
        return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    @Test
    void theConsoleScanSeesErrorsOnABrokenPage() throws Exception {
        Path chromium = browser();
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><script>console.error('boom'); notDefined();</script></body></html>");
        List<String> console = consoleLines(run(chromium, bad, "--dump-dom"));
        assertEquals(2, console.size(), "the scan must catch console errors, or the test below proves nothing: " + console);
    }

    @Test
    void thePageLoadsOfflineWithoutConsoleMessagesAndTheDiagramIsDrawn() throws Exception {
        Path chromium = browser();
        Report report = Report.of(Fixtures.checkBugs(), Fixtures.validateExamples(), Fixtures.logsRoot());
        Path page = tmp.resolve("report.html");
        Files.writeString(page, HtmlPage.render(report));

        String dom = run(chromium, page, "--dump-dom");
        assertEquals(List.of(), consoleLines(dom), "console messages");
        assertEquals(5, dom.split("<svg ", -1).length - 1, "five diagrams in the DOM");
        assertTrue(dom.contains("RefCountCoversReferences violated"), "the broken property is named in the diagram");

        Path png = tmp.resolve("report.png");
        String log = run(chromium, page, "--screenshot=" + png);
        assertEquals(List.of(), consoleLines(log), "console messages");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null, "chromium wrote a PNG");
        assertEquals(WIDTH, img.getWidth());
        Files.copy(png, Fixtures.root().resolve("target/report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // the first counterexample's diagram sits below the heading and the configuration table
        int band = 0;
        int consumerBox = 0;
        int exporterBox = 0;
        int ink = 0;
        int top = 350;
        int bottom = Math.min(img.getHeight(), 1300);
        for (int y = top; y < bottom; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb == 0xffe0e0) band++;
                if (rgb == 0xe7efff) consumerBox++;
                if (rgb == 0xfff3dc) exporterBox++;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 3 * 160) ink++;      // dark pixels: text, arrows, lifelines
            }
        }
        assertTrue(band > 20_000, "the highlighted step's red band is drawn (" + band + " px)");
        assertTrue(consumerBox > 1_000, "a thread box is drawn (" + consumerBox + " px)");
        assertTrue(exporterBox > 1_000, "an exporter box is drawn (" + exporterBox + " px)");
        assertTrue(ink > 10_000, "text and arrows are drawn (" + ink + " dark px)");
    }
}
