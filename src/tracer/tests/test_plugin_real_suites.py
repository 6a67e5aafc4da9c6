"""Real suites under pytest --bufspec: CPython's test_buffer and test_memoryview (from the running
Python's own test package) and NumPy's buffer tests give the same counts as without the plugin,
and no violation beyond the two test_buffer tests whose exporters break FailedAcquireLeavesNoTrace
on purpose (_testbuffer's ND_GETBUF_UNDEFINED and the legacy static exporter; the corpus holds
their logs, traces/corpus/EXPECTED.tsv), which carry the bufspec_violation marker here."""
import os
import textwrap

import pytest

import test as cpython_tests
from conftest import counts, env, named_violations, run_pytest

CPYTHON = os.path.dirname(cpython_tests.__file__)

# the corpus's selection of test_buffer (traces/corpus/MANIFEST.tsv): the memoryview tests and re-exports
TEST_BUFFER_K = "memoryview or ndarray_re_export or issue_7385"
KNOWN = {"test_memoryview_from_static_exporter": "FailedAcquireLeavesNoTrace",
         "test_memoryview_getbuffer_undefined": "FailedAcquireLeavesNoTrace"}


def numpy_tests():
    np = pytest.importorskip("numpy")
    base = os.path.dirname(np.__file__)
    for sub in ("_core", "core"):
        path = os.path.join(base, sub, "tests", "test_multiarray.py")
        if os.path.isfile(path):
            return path
    pytest.fail(f"no test_multiarray.py under {base}/_core/tests or core/tests")


def same_results(tmp_path, args, known=None):
    (tmp_path / "known_violations.py").write_text(textwrap.dedent(f"""\
        import pytest
        KNOWN = {known or {}!r}

        def pytest_collection_modifyitems(items):
            for item in items:
                if item.name in KNOWN:
                    item.add_marker(pytest.mark.bufspec_violation(KNOWN[item.name]))
        """))
    extra = {"PYTHONPATH": str(tmp_path) + os.pathsep + env()["PYTHONPATH"]}
    plain = run_pytest(tmp_path, "-q", "-p", "known_violations", *args, extra_env=extra, plugin=True)
    traced = run_pytest(tmp_path, "-q", "-p", "known_violations", "--bufspec", *args, extra_env=extra)
    out = traced.stdout + traced.stderr
    assert counts(out) == counts(plain.stdout), plain.stdout[-2000:] + "\n----\n" + out[-4000:]
    assert plain.returncode == traced.returncode == 0, out[-4000:]
    assert named_violations(out) == set(), out[-4000:]
    assert "no violation" in out or f"{len(known or {})} expected violation(s)" in out, out[-4000:]
    return out


def test_cpython_test_memoryview(tmp_path):
    same_results(tmp_path, [os.path.join(CPYTHON, "test_memoryview.py")])


def test_cpython_test_buffer(tmp_path):
    out = same_results(tmp_path, [os.path.join(CPYTHON, "test_buffer.py"), "-k", TEST_BUFFER_K], known=KNOWN)
    for name in KNOWN:
        assert f"{name}: bufspec-main-" in out, out[-4000:]


def test_numpy_buffer_tests(tmp_path):
    same_results(tmp_path, [numpy_tests(), "-k", "Buffer or buffer or memoryview or PEP3118"])
