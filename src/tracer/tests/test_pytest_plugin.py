"""pytest --bufspec on suites of real exporters: src/broken's deliberately broken ones (each test
whose code breaks a rule is named, and only those), the expected-violation marker, xdist workers,
the logs directory, a missing validator; and the plugin installed with pip into a fresh venv."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import PYTHON, ROOT, counts, named_violations, run_pytest, validator_env

WORKLOADS = ROOT / "src" / "tracer" / "workloads"

# A leak shows only at the log's footer, after every test: no test can be named for it.
AT_FOOTER = {"EveryViewReleased", "ExportCountsReturnToZero"}


def broken_variants():
    """src/broken's variants (workloads/broken.py) and the property each breaks, as the corpus
    records them (traces/corpus/EXPECTED.tsv, which record_corpus.py writes from its BROKEN
    table), less the leaks (AT_FOOTER)."""
    variants = {}
    for line in (ROOT / "traces" / "corpus" / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or not fields[0].startswith("broken-") or "/" in fields[0]:
            continue
        name = fields[0].removeprefix("broken-").split(".")[0]
        properties = fields[2].split(",")
        if set(properties) <= AT_FOOTER:
            continue
        assert len(properties) == 1, f"EXPECTED.tsv: {line!r}: a broken variant breaks one property"
        variants[name] = properties[0]
    assert variants, "traces/corpus/EXPECTED.tsv lists no broken-* log"
    return variants


BROKEN = broken_variants()


def broken_suite(markers=False, correct=("Good",)):
    """A test per broken variant, then correct code: the variants' own workloads, unchanged."""
    lines = ["import sys", f"sys.path.insert(0, {str(WORKLOADS)!r})", "import pytest", "import broken", ""]
    for name, prop in BROKEN.items():
        if markers:
            lines.append(f"@pytest.mark.bufspec_violation({prop!r})")
        lines += [f"def test_{name}():", f"    broken.{name}()", ""]
    for name in correct:
        lines += [f"def test_{name}():", f"    broken.{name}()", ""]
    lines += ["def test_plain_memoryview():", "    with memoryview(bytearray(b'abc')) as m:",
              "        assert bytes(m[1:]) == b'bc'", ""]
    return "\n".join(lines)


def expected_names(path="test_suite.py"):
    return {(f"{path}::test_{n}", p) for n, p in BROKEN.items()}


def test_a_broken_suite_fails_and_names_exactly_the_tests_that_break_a_rule(tmp_path):
    (tmp_path / "test_suite.py").write_text(broken_suite())
    p = run_pytest(tmp_path, "--bufspec", "test_suite.py")
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert named_violations(out) == expected_names(), out
    assert counts(out)["passed"] == len(BROKEN) + 2, out   # the tests themselves pass: only bufspec fails
    assert f"{len(BROKEN)} bufspec failed" in out, out
    assert "bufspec-main-" in out and ".ndjson:" in out, out


def test_the_marker_expects_a_violation_and_a_missing_one_fails(tmp_path):
    (tmp_path / "test_suite.py").write_text(broken_suite(markers=True))
    p = run_pytest(tmp_path, "--bufspec", "test_suite.py")
    out = p.stdout + p.stderr
    assert p.returncode == 0, out
    assert f"{len(BROKEN)} expected violation(s)" in out, out

    (tmp_path / "test_wrong.py").write_text(textwrap.dedent("""\
        import pytest

        @pytest.mark.bufspec_violation("NoDanglingView")
        def test_correct_code_marked_broken():
            bytes(memoryview(b"xyz"))

        @pytest.mark.bufspec_violation("NoSuchProperty")
        def test_misspelt():
            pass
        """))
    p = run_pytest(tmp_path, "--bufspec", "test_wrong.py")
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert ("test_wrong.py::test_correct_code_marked_broken: expected a violation of NoDanglingView"
            in out), out
    assert "bufspec_violation('NoSuchProperty'): no such property" in out, out


def test_without_the_option_nothing_is_traced(tmp_path):
    (tmp_path / "test_suite.py").write_text(broken_suite())
    p = run_pytest(tmp_path, "test_suite.py")
    out = p.stdout + p.stderr
    assert p.returncode == 0, out
    assert "bufspec" not in out, out


def test_xdist_workers_write_and_validate_their_own_logs(tmp_path):
    pytest.importorskip("xdist", reason="pip install pytest-xdist")
    (tmp_path / "test_suite.py").write_text(broken_suite())
    logs = tmp_path / "logs"
    p = run_pytest(tmp_path, "--bufspec", "--bufspec-log", str(logs), "-n", "2", "test_suite.py")
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert named_violations(out) == expected_names(), out
    written = sorted(f.name for f in logs.iterdir())
    assert [n.split("-")[1] for n in written] == ["gw0", "gw1"], written
    assert out.count("validated [gw") == 2, out


def test_logs_are_kept_where_asked_and_removed_otherwise(tmp_path):
    (tmp_path / "test_ok.py").write_text("def test_ok():\n    bytes(memoryview(b'a'))\n")
    logs = tmp_path / "kept"
    p = run_pytest(tmp_path, "--bufspec", "--bufspec-log", str(logs), "test_ok.py")
    assert p.returncode == 0, p.stdout + p.stderr
    (log,) = logs.iterdir()
    marks = [l for l in log.read_text().splitlines() if '"kind":"test"' in l]
    assert len(marks) == 2 and '"phase":"start"' in marks[0] and '"outcome":"passed"' in marks[1], marks
    check = subprocess.run([PYTHON, "-m", "bufspec_tracer.check", str(log)], env=validator_env(),
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    p = run_pytest(tmp_path, "--bufspec", "test_ok.py", extra_env={"TMPDIR": str(tmp)})
    assert p.returncode == 0, p.stdout + p.stderr
    assert list(tmp.iterdir()) == [], "a passing session leaves no log behind"


def test_a_missing_validator_says_how_to_get_it(tmp_path):
    (tmp_path / "test_ok.py").write_text("def test_ok():\n    pass\n")
    e = validator_env()
    e.pop("BUFSPEC_JAR", None)
    e["PATH"] = os.pathsep.join(d for d in e["PATH"].split(os.pathsep)
                                if not os.path.exists(os.path.join(d, "bufspec")))
    p = subprocess.run([PYTHON, "-m", "pytest", "-p", "no:cacheprovider", "-p", "bufspec_tracer.pytest_plugin",
                        "--bufspec", "test_ok.py"], env=e, capture_output=True, text=True, cwd=tmp_path)
    out = p.stdout + p.stderr
    assert p.returncode == 4, out   # pytest's usage error, before any test ran
    for hint in ("BUFSPEC_JAR", "`bufspec` launcher on PATH", "mvn -B -ntp -DskipTests package", "bufspec_tracer-"):
        assert hint in out, out


def test_pip_installs_the_tracer_and_registers_the_plugin_in_a_fresh_venv(tmp_path):
    """pip install ./src/tracer (the extension built with the venv's Python), then the installed
    entry point (no -p) over the broken suite; only bufspec_broken (tests only) comes from the build."""
    venv = tmp_path / "venv"
    subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    e = validator_env()
    e.pop("PYTHONPATH", None)            # nothing from the build directory
    pip = subprocess.run([str(py), "-m", "pip", "install", "-q", "--retries", "0",
                          str(ROOT / "src" / "tracer"), "pytest"], env=e, capture_output=True, text=True,
                         timeout=600)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    where = subprocess.run([str(py), "-c", "import bufspec_tracer._tracer as t; print(t.__file__);"
                            "print(t.test_mark('start', 'x'))"], env=e, capture_output=True, text=True,
                           cwd=tmp_path)
    assert where.stdout.startswith(str(venv)) and "False" in where.stdout, where.stdout + where.stderr
    broken_dir = tmp_path / "broken_only"
    broken_dir.mkdir()
    built = Path(os.environ.get("BUFSPEC_PYTHONPATH", ROOT / "target" / "python"))
    for so in built.glob("bufspec_broken*.so"):
        (broken_dir / so.name).symlink_to(so)
    e["PYTHONPATH"] = str(broken_dir)
    (tmp_path / "test_suite.py").write_text(broken_suite())
    p = subprocess.run([str(venv / "bin" / "pytest"), "-p", "no:cacheprovider", "--bufspec", "test_suite.py"],
                       env=e, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert named_violations(out) == expected_names(), out
