"""pytest plugin: ``pytest --bufspec`` traces the session and holds it to the buffer protocol.

Registered through the ``pytest11`` entry point when the package is installed (``pip install``);
from a build directory on PYTHONPATH, load it with ``-p bufspec_tracer.pytest_plugin``.

- The process that runs the tests records its buffer traffic (``bufspec_tracer.start``) from
  pytest's configuration to the end of the session, and writes a ``test`` event at each test's
  start and end (docs/trace-format.md).
- At the end of the session the log is validated by ``bufspec validate --format json`` (the jar
  named by ``--bufspec-jar`` or BUFSPEC_JAR, else ``bufspec`` on PATH, else the bufspec.jar
  installed next to this module).
- Each violation is reported in pytest's terminal summary under the test in which the event that
  breaks the rule happened (its node id, the log line, the property, the explanation); the session
  then fails. ``@pytest.mark.bufspec_violation("Property")`` marks a test whose code is expected to
  break that property: its violations are listed as expected, and a marked test without one fails
  the session.
- With pytest-xdist every worker writes and validates its own log and sends its findings to the
  controller, which reports them.

Options: ``--bufspec``, ``--bufspec-log DIR`` (keep the logs there), ``--bufspec-jar JAR``,
``--bufspec-engine replay|tlc|both``.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

MARKER = "bufspec_violation"
OUTSIDE = "(outside any test: collection, session fixtures or shutdown)"

MISSING_VALIDATOR = """pytest --bufspec needs the bufspec validator (bufspec.jar, Java 17+) and found none.
It looks, in this order, for:
  --bufspec-jar JAR or the environment variable BUFSPEC_JAR=/path/to/bufspec.jar
  the `bufspec` launcher on PATH
  bufspec.jar installed next to the plugin ({here})
Get it by building a bufspec checkout: `mvn -B -ntp -DskipTests package` makes target/bufspec.jar,
the launcher target/bufspec, and target/dist/bufspec_tracer-*.whl, a wheel of this plugin that
carries the jar (pip install it and nothing else is needed)."""


def pytest_addoption(parser):
    group = parser.getgroup("bufspec", "buffer-protocol validation (bufspec)")
    group.addoption("--bufspec", action="store_true", default=False,
                    help="trace the session's buffer-protocol traffic and validate it at the end; "
                         "violations fail the session")
    group.addoption("--bufspec-log", metavar="DIR", default=None,
                    help="write the logs to DIR and keep them (default: a temporary directory, "
                         "kept only when the session fails on its account)")
    group.addoption("--bufspec-jar", metavar="JAR", default=None,
                    help="the bufspec validator jar (default: $BUFSPEC_JAR, `bufspec` on PATH, "
                         "or the jar installed with this plugin)")
    group.addoption("--bufspec-engine", choices=("replay", "tlc", "both"), default="replay",
                    help="validation engine (bufspec validate --engine; default: replay)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", MARKER + "(*properties): this test's code is expected to break the named "
                            "buffer-protocol properties (pytest --bufspec)")
    if not config.getoption("bufspec"):
        return
    validator = find_validator(config.getoption("bufspec_jar"))
    if validator is None:
        raise pytest.UsageError(MISSING_VALIDATOR.format(here=os.path.dirname(os.path.abspath(__file__))))
    session = BufspecSession(config, validator)
    config.pluginmanager.register(session, "bufspec-session")
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(XdistHooks(session), "bufspec-xdist")
    session.start()


def find_validator(explicit=None):
    """The command that runs ``bufspec`` (a list), or None when there is none to be found."""
    jar = explicit or os.environ.get("BUFSPEC_JAR")
    if jar:
        if not os.path.isfile(jar):
            raise pytest.UsageError(f"bufspec validator {jar} (from {'--bufspec-jar' if explicit else 'BUFSPEC_JAR'}):"
                                    " no such file")
        return [_java(), "-jar", os.path.abspath(jar)]
    launcher = shutil.which("bufspec")
    if launcher:
        return [launcher]
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bufspec.jar")
    if os.path.isfile(here):
        return [_java(), "-jar", here]
    return None


def _java():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.isfile(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    java = shutil.which("java")
    if java is None:
        raise pytest.UsageError("pytest --bufspec: the bufspec validator is a Java program and no `java` was"
                                " found (install Java 17 or later, or set JAVA_HOME)")
    return java


class Finding:
    """One violation as the plugin reports it."""

    def __init__(self, test, log, line, prop, explanation, event, expected=False):
        self.test, self.log, self.line, self.prop = test, log, line, prop
        self.explanation, self.event, self.expected = explanation, event, expected

    def as_dict(self):
        return dict(test=self.test, log=self.log, line=self.line, prop=self.prop,
                    explanation=self.explanation, event=self.event, expected=self.expected)

    @classmethod
    def of(cls, d):
        return cls(**d)


class BufspecSession:
    """The tracing and validation of one pytest process (the main process, or one xdist worker)."""

    def __init__(self, config, validator):
        self.config = config
        self.validator = validator
        self.engine = config.getoption("bufspec_engine")
        self.worker = getattr(config, "workerinput", {}).get("workerid")
        # the xdist controller runs no tests: it only gathers what its workers found
        self.controller = self.worker is None and getattr(config.option, "dist", "no") not in ("no", None)
        log_dir = config.getoption("bufspec_log")
        if self.worker is not None:
            log_dir = config.workerinput.get("bufspec_log_dir", log_dir)
        self.keep = log_dir is not None  # a worker keeps its log: the controller decides
        if log_dir is None:
            log_dir = tempfile.mkdtemp(prefix="bufspec-pytest-")
        self.log_dir = os.path.abspath(log_dir)
        os.makedirs(self.log_dir, exist_ok=True)
        self.log = None
        self.expected = {}      # node id -> properties its marker names
        self.outcomes = {}      # node id -> passed / failed / skipped
        self.findings = []      # Finding
        self.problems = []      # validator or input errors: strings
        self.summaries = []     # one line per validated log
        self.properties = None  # every property name, from the validator's verdicts

    # ---- tracing ------------------------------------------------------------------------------

    def start(self):
        if self.controller:
            return
        import bufspec_tracer
        name = f"bufspec-{self.worker or 'main'}-{os.getpid()}.ndjson"
        self.log = os.path.join(self.log_dir, name)
        bufspec_tracer.start(self.log, attached="midrun", argv=sys.argv)

    def stop(self):
        import bufspec_tracer
        bufspec_tracer.stop()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logstart(self, nodeid, location):
        from bufspec_tracer import _tracer
        _tracer.test_mark("start", nodeid)

    def pytest_runtest_setup(self, item):
        props = [p for m in item.iter_markers(MARKER) for p in m.args]
        if props:
            self.expected[item.nodeid] = set(props)

    def pytest_runtest_logreport(self, report):
        was = self.outcomes.get(report.nodeid)
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.skipped and was != "failed":
            self.outcomes[report.nodeid] = "skipped"
        elif was is None:
            self.outcomes[report.nodeid] = "passed"

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logfinish(self, nodeid, location):
        from bufspec_tracer import _tracer
        _tracer.test_mark("end", nodeid, self.outcomes.get(nodeid))

    # ---- validation ---------------------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session, exitstatus):
        if not self.controller and self.log is not None:
            self.stop()
            self.validate()
            if self.worker is not None:
                self.config.workeroutput["bufspec"] = json.dumps(self.export())
        if self.failed() and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if not self.keep and not self.failed():
            shutil.rmtree(self.log_dir, ignore_errors=True)
            self.log_dir = None

    def validate(self):
        cmd = self.validator + ["validate", "--format", "json", "--no-progress", "--engine", self.engine, self.log]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as e:
            self.problems.append(f"could not run {' '.join(cmd)}: {e}")
            return
        try:
            doc = json.loads(proc.stdout)
        except ValueError:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            self.problems.append(f"`{' '.join(cmd)}` exited {proc.returncode} without a JSON report: "
                                 + " / ".join(tail))
            return
        self.properties = sorted(doc.get("verdicts", {}))
        tests = TestSpans(self.log)
        for f in doc.get("files", []):
            stats = f.get("stats", {})
            n = sum(f.get("violation_counts", {}).values())
            self.summaries.append(f"{os.path.basename(f.get('file', self.log))}: {stats.get('events', 0):,} events,"
                                  f" {stats.get('objects', 0):,} objects, {stats.get('views', 0):,} views: "
                                  + ("no violation" if n == 0 else f"{n} violation(s)"))
            for e in f.get("errors", []):
                self.problems.append(f"{os.path.basename(f.get('file', ''))}:{e.get('line')}: "
                                     f"{e.get('message') or json.dumps(e)}")
            for v in f.get("violations", []):
                test = tests.test_of(v["line"], [s["line"] for s in v.get("history", [])])
                prop = v["property"]
                self.findings.append(Finding(test, os.path.basename(v.get("file", self.log)), v["line"], prop,
                                             v.get("explanation", ""), v.get("event", ""),
                                             prop in self.expected.get(test, ())))

    def export(self):
        return dict(findings=[f.as_dict() for f in self.findings], problems=self.problems,
                    summaries=self.summaries, expected={k: sorted(v) for k, v in self.expected.items()},
                    properties=self.properties)

    def merge(self, worker, data):
        self.findings.extend(Finding.of(d) for d in data["findings"])
        self.problems.extend(f"[{worker}] {p}" for p in data["problems"])
        self.summaries.extend(f"[{worker}] {s}" for s in data["summaries"])
        for k, v in data["expected"].items():
            self.expected[k] = set(v)
        self.properties = self.properties or data["properties"]

    def missing_expected(self):
        """(node id, property) of markers whose property no violation in that test showed."""
        seen = {(f.test, f.prop) for f in self.findings}
        return sorted((t, p) for t, props in self.expected.items() for p in props if (t, p) not in seen)

    def unknown_marker_properties(self):
        if not self.properties:
            return []
        known = set(self.properties)
        return sorted((t, p) for t, props in self.expected.items() for p in props if p not in known)

    def failed(self):
        return bool(self.problems or any(not f.expected for f in self.findings) or self.missing_expected()
                    or self.unknown_marker_properties())

    # ---- report -------------------------------------------------------------------------------

    def pytest_terminal_summary(self, terminalreporter):
        tr = terminalreporter
        unexpected = [f for f in self.findings if not f.expected]
        expected = [f for f in self.findings if f.expected]
        missing = self.missing_expected()
        unknown = self.unknown_marker_properties()
        red = bool(unexpected or missing or self.problems)
        tr.write_sep("=", "bufspec: buffer-protocol validation", red=red, green=not red)
        if unexpected:
            tr.write_line(f"{len(unexpected)} violation(s) in {len({f.test for f in unexpected})} test(s):", red=True)
            for test in _ordered(f.test for f in unexpected):
                tr.write_line(test, bold=True)
                for f in (f for f in unexpected if f.test == test):
                    tr.write_line(f"    {f.log}:{f.line}: {f.prop}: {f.explanation}")
        for test, prop in missing:
            tr.write_line(f"{test}: expected a violation of {prop} ({MARKER} marker), the log shows none",
                          red=True)
        for test, prop in unknown:
            tr.write_line(f"{test}: {MARKER}({prop!r}): no such property (known: {', '.join(self.properties)})",
                          red=True)
        if expected:
            tr.write_line(f"{len(expected)} expected violation(s) ({MARKER} marker):")
            for f in expected:
                tr.write_line(f"    {f.test}: {f.log}:{f.line}: {f.prop}")
        for p in self.problems:
            tr.write_line(f"bufspec: {p}", red=True)
        for s in self.summaries:
            tr.write_line(f"validated {s}")
        if self.log_dir is not None:
            tr.write_line(f"logs: {self.log_dir}")
        if unexpected:
            tr.write_line("each violation is named under the test during which its event happened; "
                          "`bufspec validate LOG` shows the events that led there", yellow=True)
        if red:
            failures = len(unexpected) + len(missing) + len(unknown) + len(self.problems)
            tr.stats.setdefault("bufspec failed", []).extend(_Counted() for _ in range(failures))


class _Counted:
    """An entry in pytest's summary statistics ("N bufspec failed" in the final line)."""
    count_towards_summary = True
    when = "bufspec"


def _ordered(items):
    seen = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return seen


class TestSpans:
    """Which test each line of a log belongs to, from its ``test`` events (read when needed)."""

    __test__ = False  # not a test class for pytest

    def __init__(self, log):
        self.log = log
        self.spans = None   # [(start line, end line, node id)]

    def _read(self):
        self.spans = []
        open_at = {}
        with open(self.log, "rb") as f:
            for n, raw in enumerate(f, 1):
                if b'"kind":"test"' not in raw:
                    continue
                try:
                    e = json.loads(raw)
                except ValueError:
                    continue
                if e.get("phase") == "start":
                    open_at[e.get("nodeid")] = n
                elif e.get("phase") == "end" and e.get("nodeid") in open_at:
                    self.spans.append((open_at.pop(e["nodeid"]), n, e["nodeid"]))
        self.spans.extend((start, float("inf"), nodeid) for nodeid, start in open_at.items())

    def _at(self, line):
        for start, end, nodeid in self.spans:
            if start < line < end:
                return nodeid
        return None

    def test_of(self, line, history=()):
        """The test during which ``line`` was written; for a line outside every test (a leak found at
        the footer), the test of the latest earlier event of the violation that lies in one."""
        if self.spans is None:
            self._read()
        t = self._at(line)
        for h in reversed(list(history)):
            if t is not None:
                break
            t = self._at(h)
        return t or OUTSIDE


class XdistHooks:
    """Hooks that exist only with pytest-xdist: the controller hands its workers the log directory
    and gathers their findings."""

    def __init__(self, session):
        self.session = session

    def pytest_configure_node(self, node):
        node.workerinput["bufspec_log_dir"] = self.session.log_dir

    def pytest_testnodedown(self, node, error):
        data = getattr(node, "workeroutput", {}).get("bufspec")
        worker = getattr(node, "gateway", None)
        worker = getattr(worker, "id", "worker")
        if data is None:
            self.session.problems.append(f"worker {worker} sent no bufspec results"
                                         + (f" (it failed: {error})" if error else ""))
            return
        self.session.merge(worker, json.loads(data))
