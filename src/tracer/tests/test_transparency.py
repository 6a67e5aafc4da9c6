"""Transparency: CPython's own buffer-protocol test suites give the same results with and
without the tracer. All of them run here (about a minute on 2 cores); the two big ones
(test_buffer, test_bytes: over 1 GB of log each) log to /dev/null, the others to a file that
must also be well formed. BUFSPEC_SUITES="a b" narrows the list."""
import os
import re
import subprocess

import pytest

from conftest import PYTHON, env
from bufspec_tracer import check

SUITES = ["test_memoryview", "test_picklebuffer", "test_memoryio", "test_array", "test_mmap",
          "test_bytes", "test_buffer",
          # not buffer suites, but they caught a real transparency bug: "y#" arguments reject
          # exporters that have a bf_releasebuffer, so none may be added to bytes
          "test_ctypes", "test_codecs"]
BIG = {"test_buffer", "test_bytes", "test_ctypes", "test_codecs"}
SELECTED = os.environ.get("BUFSPEC_SUITES", " ".join(SUITES)).split()


def summary(out):
    """the regrtest verdict: counts of run/failures/errors/skipped and the result word"""
    total = re.search(r"Total tests: (.*)", out)
    result = re.search(r"Result: (\w+)", out)
    failed = re.findall(r"^(?:FAIL|ERROR): (.*)$", out, re.M)
    return (total.group(1) if total else None, result.group(1) if result else None,
            sorted(failed))


@pytest.mark.parametrize("suite", [s for s in SUITES if s in SELECTED])
def test_suite_results_unchanged(suite, tmp_path):
    plain = subprocess.run([PYTHON, "-m", "test", "-v", suite], env=env(), capture_output=True,
                           text=True, timeout=900, cwd=tmp_path)
    log = "/dev/null" if suite in BIG else str(tmp_path / f"{suite}.ndjson")
    traced = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", log, "-m", "test", "-v", suite],
                            env=env(), capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert traced.returncode == plain.returncode, traced.stdout[-3000:] + traced.stderr[-3000:]
    s_plain, s_traced = summary(plain.stdout), summary(traced.stdout)
    assert s_plain[0] is not None, plain.stdout[-2000:]
    assert s_traced == s_plain
    if log != "/dev/null":
        errors, stats = check.check(log)
        assert not errors, errors
        assert stats["footer"] and stats["kinds"].get("acquire", 0) > 0
