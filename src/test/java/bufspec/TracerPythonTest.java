package bufspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the tracer's own pytest suite (src/tracer/tests: real child interpreters, real exporters)
 * as part of {@code mvn verify}: the transparency check (CPython's buffer test suites give the same
 * results traced and untraced), the pytest plugin on src/broken's exporters, with xdist and from a
 * fresh venv (pip install ./src/tracer), and CPython's and NumPy's buffer suites under
 * {@code pytest --bufspec} (the validator is this build's classes, through a launcher on PATH).
 */
class TracerPythonTest {

    @BeforeAll
    static void built() {
        TracerProcesses.requireBuiltTracer();
    }

    @Test
    void tracerPytestSuitePasses() throws Exception {
        TracerProcesses.Run run = TracerProcesses.python(2400, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "src/tracer/tests");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().matches("(?s).*\\b\\d+ passed.*"),
                run.output());
    }
}
