import json
import shutil
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PYDIR = Path(os.environ.get("BUFSPEC_PYTHONPATH", ROOT / "target" / "python"))
PYTHON = os.environ.get("BUFSPEC_PYTHON", sys.executable)
sys.path.insert(0, str(PYDIR))  # for bufspec_tracer.check in this process (nothing is traced here)


TRACER_C = ROOT / "src/tracer/bufspec_tracer/_tracer.c"


def run_tracer_region(tmp_path, name, harness, start, end, flags=(), timeout=120):
    """Cuts _tracer.c from the text `start` up to the text `end` after it, puts the region into
    `harness` (at its one %s), compiles that with gcc -O2 and runs it; returns the process.
    Skips the test when there is no gcc."""
    if not shutil.which("gcc"):
        pytest.skip("gcc not found")
    src = TRACER_C.read_text()
    begin = src.index(start)
    body = src[begin:src.index(end, begin)]
    c = tmp_path / f"{name}.c"
    c.write_text(harness % body)
    subprocess.run(["gcc", "-O2", *flags, "-o", str(tmp_path / name), str(c)], check=True)
    return subprocess.run([str(tmp_path / name)], capture_output=True, text=True, timeout=timeout)


def env():
    e = dict(os.environ)
    e["PYTHONPATH"] = str(PYDIR) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def read_log(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


class Traced:
    def __init__(self, tmp_path):
        self.tmp = tmp_path

    def run(self, code, name="t", args=(), expect_rc=0, timeout=120):
        script = self.tmp / f"{name}.py"
        script.write_text(code)
        out = self.tmp / f"{name}.ndjson"
        p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", str(out), str(script), *args],
                           env=env(), capture_output=True, text=True, timeout=timeout, cwd=self.tmp)
        if expect_rc is not None:
            assert p.returncode == expect_rc, p.stderr
        self.proc = p
        return read_log(out) if out.exists() else None


@pytest.fixture
def traced(tmp_path):
    if not (PYDIR / "bufspec_tracer").is_dir():
        pytest.fail(f"tracer not built in {PYDIR}: run mvn generate-test-resources "
                    "or python3 src/tracer/setup.py build --build-lib target/python")
    return Traced(tmp_path)


def validator_env(extra=None):
    """The environment for a child pytest that validates with bufspec: the validator must be
    reachable (BUFSPEC_JAR, or `bufspec` on PATH: the JUnit runner puts a launcher there)."""
    e = env()
    if not e.get("BUFSPEC_JAR") and shutil.which("bufspec", path=e.get("PATH")) is None:
        pytest.fail("no bufspec validator: set BUFSPEC_JAR=target/bufspec.jar (mvn -DskipTests package) "
                    "or put the bufspec launcher on PATH")
    e.update(extra or {})
    return e


def run_pytest(cwd, *args, extra_env=None, timeout=900, plugin=True):
    """A child pytest in cwd (the plugin loaded from the build directory); returns the process."""
    cmd = [PYTHON, "-m", "pytest", "-p", "no:cacheprovider"]
    if plugin:
        cmd += ["-p", "bufspec_tracer.pytest_plugin"]
    return subprocess.run(cmd + list(args), env=validator_env(extra_env), capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)


def named_violations(output):
    """{(node id, property)} from the plugin's section of pytest's terminal summary."""
    found, test, inside = set(), None, False
    for line in output.splitlines():
        if "bufspec: buffer-protocol validation" in line:
            inside = True
            continue
        if not inside:
            continue
        if line.startswith("    "):   # a violation under the test above (or an expected one: no test)
            parts = line.strip().split(": ")
            if test is not None and len(parts) >= 3 and ":" in parts[0]:
                found.add((test, parts[1]))
            continue
        if line.startswith(("validated ", "logs: ", "each violation", "bufspec: ", "=")) or "violation(s)" in line:
            test = None
            continue
        test = line.strip()
    return found


def counts(output):
    """pytest's final counts {"passed": n, "failed": n, "skipped": n, ...} (bufspec's own excluded)."""
    import re
    last = [l for l in output.splitlines() if re.search(r"\b(passed|failed|skipped|error|deselected)\b", l)][-1]
    return {k: int(n) for n, k in re.findall(r"(\d+) (passed|failed|skipped|errors?|deselected|xfailed|xpassed)", last)}
