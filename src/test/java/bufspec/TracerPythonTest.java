package bufspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the tracer's own pytest suite (src/tracer/tests: real child interpreters, real exporters)
 * as part of {@code mvn verify}: the transparency check (CPython's buffer test suites give the same
 * results traced and untraced), the pytest plugin on src/broken's exporters, with xdist and from a
 * fresh venv (pip install ./src/tracer), and CPython's and NumPy's buffer suites under
 * {@code pytest --bufspec} (the validator is this build's classes, through a launcher on PATH).
 * On the host's python3 and on each CPython of .ci/versions (chroots of .ci/pythons.sh).
 */
class TracerPythonTest {

    static Stream<TracerProcesses.Py> pythons() {
        return TracerProcesses.pythons().stream();
    }

    @ParameterizedTest(name = "{0}: the tracer's pytest suite passes")
    @MethodSource("pythons")
    void tracerPytestSuitePasses(TracerProcesses.Py py) throws Exception {
        TracerProcesses.require(py);
        TracerProcesses.Run run = TracerProcesses.python(py, 2400, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "-rs", "src/tracer/tests");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().matches("(?s).*\\b\\d+ passed.*"),
                run.output());
    }
}
