import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PYDIR = Path(os.environ.get("BUFSPEC_PYTHONPATH", ROOT / "target" / "python"))
PYTHON = os.environ.get("BUFSPEC_PYTHON", sys.executable)
sys.path.insert(0, str(PYDIR))  # for bufspec_tracer.check in this process (nothing is traced here)


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
