"""The memory watch: blocks freed or moved under live views become "freed" events.

Real exporters only: CPython's ctypes (resize moves a PyMem block), NumPy (ndarray.resize with
refcheck=False reallocs the data with libc realloc), and the exporters written as authors write
them (src/exporters: C, Cython, pybind11; built into target/python-authors from the local wheel
store on first use)."""
import json
import os
import subprocess
import sys

import pytest

from conftest import PYDIR, PYTHON, ROOT, env, read_log

AUTHORS = ROOT / "target" / "python-authors"
VENV = ROOT / "target" / "authors-venv"


# On 3.12+ calls of PyBuffer_Release are inlined copies, so the tracer records no view of an
# exporter without bf_releasebuffer (ctypes, NumPy): nothing of theirs is watched there.
UNSEEN_ON_312 = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="3.12+: the tracer records no views of exporters without bf_releasebuffer "
           "(ctypes, NumPy), so their memory is not watched (docs/trace-format.md)")


def freed(log):
    return [e for e in log if e["kind"] == "freed"]


def acquires(log, typ):
    return [e for e in log if e["kind"] == "acquire" and e["type"] == typ and e["ok"]]


@UNSEEN_ON_312
def test_ctypes_resize_moves_the_block_under_a_live_view(traced):
    log = traced.run(
        "import ctypes\n"
        "a = (ctypes.c_char * 64)()\n"
        "ctypes.resize(a, 4096)\n"
        "m = memoryview(a)\n"
        "ctypes.resize(a, 100000)\n"
        "m.release()\n")
    (a,) = [e for e in acquires(log, "c_char_Array_64") if e["len"] == 4096]
    (f,) = freed(log)
    assert f["call"] == "PyMem_Realloc" and f["new"] != f["block"] and f["new_size"] == 100000
    assert f["views"] == [{"view": a["view"], "obj": a["obj"], "field": "buf"}]
    assert f["stack"][0].endswith("t.py:5 <module>"), f["stack"]
    assert int(f["block"], 16) <= int(a["buf"], 16) < int(f["block"], 16) + f["size"]


@UNSEEN_ON_312
def test_numpy_resize_in_place_shrinks_the_memory_under_a_live_view(traced):
    pytest.importorskip("numpy")
    log = traced.run(
        "import numpy as np\n"
        "x = np.zeros(1000)\n"
        "m = memoryview(x)\n"
        "x.resize(10, refcheck=False)\n"
        "m.release()\n")
    (f,) = freed(log)
    (a,) = [e for e in acquires(log, "numpy.ndarray") if e["len"] == 8000]
    assert f["call"] == "realloc" and f["new_size"] == 80
    assert f["views"][0]["view"] == a["view"] and f["views"][0]["field"] == "buf"


def test_watched_ranges_are_what_the_views_reach(traced):
    """buf..buf+len, or the extent the strides reach (a zero-stride view's len counts its one
    item shape-many times: watching len raised false alarms in test_buffer's
    test_memoryview_compare_multidim_zero_strides); arrays outside the struct; none inside it."""
    traced.run(
        "import json, bufspec_tracer._tracer as t, _testbuffer as tb\n"
        "b = bytearray(100); m = memoryview(b)\n"
        "z = tb.ndarray([900], shape=[4, 5, 4], strides=[0, 0, 0], format='L'); mz = memoryview(z)\n"
        "s = tb.ndarray(list(range(12)), shape=[3, 4], format='B'); ms = memoryview(s)[::-1]\n"
        "r = t.memwatch_ranges()\n"
        "print(json.dumps([r, t.address(m), t.address(mz)]))\n"
        "m.release(); mz.release(); ms.release()\n"
        "print(json.dumps(t.memwatch_ranges()))\n")
    out = traced.proc.stdout.strip().splitlines()
    ranges, _, _ = json.loads(out[0])
    by = {}
    for view, field, start, length in ranges:
        by.setdefault(field, []).append(length)
    assert 100 in by["buf"], ranges                  # the bytearray: len
    assert 8 in by["buf"] and 640 not in by["buf"], ranges   # zero strides: one item of 'L'
    assert 12 in by["buf"], ranges                   # the 3x4 ndarray (its strides reach 12 bytes)
    assert "format" in by and "shape" in by, "ndarray's format and shape live in the exporter"
    assert json.loads(out[1]) == [], "every range is unwatched at its view's release"


def test_correct_programs_free_nothing_under_live_views(traced):
    log = traced.run(
        "import array, io, mmap, ctypes\n"
        "for i in range(200):\n"
        "    b = bytearray(i * 100 + 1); m = memoryview(b); m2 = m[1:]; del b\n"
        "    m2.release(); m.release()\n"
        "    a = array.array('d', range(i)); m = memoryview(a); a2 = bytes(m); m.release(); a.extend(a2[:8])\n"
        "    bio = io.BytesIO(b'x' * i); g = bio.getbuffer(); del g; bio.write(b'y' * 1000)\n"
        "    c = (ctypes.c_int * (i + 1))(); m = memoryview(c); m.release(); ctypes.resize(c, 8 * (i + 2))\n"
        "mm = mmap.mmap(-1, 1 << 20); m = memoryview(mm); m.release(); mm.resize(1 << 19); mm.close()\n"
        "import numpy as np\n"
        "x = np.arange(10000); v = memoryview(x)[::3]; y = np.asarray(v); del x\n"
        "z = y.sum(); del y; v.release()\n")
    assert len(acquires(log, "bytearray")) >= 200
    assert freed(log) == []


def test_the_runner_preloads_the_shim_and_no_memwatch_turns_it_off(traced):
    code = ("import os, json, bufspec_tracer._tracer as t\n"
            "print(json.dumps([t.memwatch_info(), os.environ.get('LD_PRELOAD', '')]))\n")
    traced.run(code)
    info, preload = json.loads(traced.proc.stdout.strip().splitlines()[-1])
    assert info["enabled"] and info["shim"] and "libbufspec_memwatch.so" in preload
    assert info["mem"] and info["obj"] and not info["raw"], "RAW ends in libc free: the shim sees it"
    script = traced.tmp / "off.py"
    script.write_text(code + "import ctypes\na = (ctypes.c_char * 64)()\nctypes.resize(a, 4096)\n"
                             "m = memoryview(a)\nctypes.resize(a, 100000)\nm.release()\n")
    for extra, args in (({}, ["--no-memwatch"]), ({"BUFSPEC_MEMWATCH": "0"}, [])):
        out = traced.tmp / "off.ndjson"
        p = subprocess.run([PYTHON, "-m", "bufspec_tracer", *args, "-o", str(out), str(script)],
                           env=dict(env(), **extra), capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        info, preload = json.loads(p.stdout.strip().splitlines()[0])
        assert not info["enabled"] and not info["shim"] and "libbufspec_memwatch" not in preload
        assert freed(read_log(out)) == []


@UNSEEN_ON_312
def test_the_api_without_the_shim_watches_the_pymem_domains(tmp_path):
    """bufspec_tracer.start() in a process launched without LD_PRELOAD: RAW, MEM and OBJ are
    wrapped; a PyMem_Realloc moving a block under a view is still seen."""
    script = tmp_path / "api.py"
    out = tmp_path / "api.ndjson"
    script.write_text(
        "import ctypes, bufspec_tracer, bufspec_tracer._tracer as t\n"
        f"bufspec_tracer.start({str(out)!r})\n"
        "a = (ctypes.c_char * 64)()\nctypes.resize(a, 4096)\n"
        "m = memoryview(a)\nctypes.resize(a, 100000)\nm.release()\n"
        "print(t.memwatch_info())\n"
        "bufspec_tracer.stop()\n")
    p = subprocess.run([PYTHON, str(script)], env=env(), capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "'shim': False" in p.stdout and "'raw': True" in p.stdout
    (f,) = freed(read_log(out))
    assert f["call"] == "PyMem_Realloc"


@UNSEEN_ON_312
def test_the_api_under_a_preloaded_shim_watches_libc(tmp_path):
    """memwatch_shim() in LD_PRELOAD of a process started without the runner: numpy's libc
    realloc under a live view is seen."""
    pytest.importorskip("numpy")
    sys.path.insert(0, str(PYDIR))
    import bufspec_tracer
    script = tmp_path / "api.py"
    out = tmp_path / "api.ndjson"
    script.write_text(
        "import numpy as np, bufspec_tracer, bufspec_tracer._tracer as t\n"
        f"bufspec_tracer.start({str(out)!r})\n"
        "x = np.zeros(1000); m = memoryview(x); x.resize(10, refcheck=False); m.release()\n"
        "assert t.memwatch_info()['shim']\n"
        "bufspec_tracer.stop()\n")
    p = subprocess.run([PYTHON, str(script)], env=dict(env(), LD_PRELOAD=bufspec_tracer.memwatch_shim()),
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    (f,) = freed(read_log(out))
    assert f["call"] == "realloc"


@UNSEEN_ON_312
def test_pythonmalloc_malloc_sends_pymem_frees_through_the_shim_once(traced, monkeypatch):
    monkeypatch.setenv("PYTHONMALLOC", "malloc")
    log = traced.run(
        "import ctypes\n"
        "a = (ctypes.c_char * 64)()\n"
        "ctypes.resize(a, 128)\n"
        "m = memoryview(a)\n"
        "ctypes.resize(a, 100000)\n"
        "m.release()\n")
    (f,) = freed(log)
    assert f["call"] == "PyMem_Realloc"


def build_authors():
    """src/exporters into target/python-authors, with Cython and pybind11 from the local wheel
    store in a venv (pip's configured indexes)."""
    want = ["bufspec_authors_c", "bufspec_authors_cy", "bufspec_authors_pb"]
    if all(any(p.name.startswith(w + ".") for p in AUTHORS.glob("*.so")) for w in want):
        return
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "cython", "pybind11", "setuptools"], check=True,
                   timeout=900)
    subprocess.run([str(py), "src/exporters/setup.py", "-q", "build", "--build-base", "target/authors-build",
                    "--build-lib", str(AUTHORS)], cwd=ROOT, check=True, timeout=900,
                   env=dict(os.environ, CYTHON_BUILD_DIR="target/authors-cython"))


@pytest.fixture(scope="module")
def authors():
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the authors' exporters are built with the local wheel store's Cython and "
                    "pybind11, which serve CPython 3.11 only")
    build_authors()
    return AUTHORS


def trace_authors(authors, tmp_path, variant):
    """The log of workloads/authors.py VARIANT, traced with the authors' exporters importable."""
    out = tmp_path / f"{variant}.ndjson"
    e = env()
    e["PYTHONPATH"] += os.pathsep + str(authors)
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", str(out), "src/tracer/workloads/authors.py", variant],
                       env=e, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    return read_log(out)


@pytest.mark.parametrize("variant,call,field", [
    ("ShapeOutsideInternal", "PyMem_Free", "shape"),
    ("BorrowedView", "free", "buf"),
    ("GrowBuffer", "PyMem_Realloc", "buf"),
    ("LazyMatrix", "free", "buf"),
])
def test_authors_broken_exporters_free_under_live_views(authors, tmp_path, variant, call, field):
    f = freed(trace_authors(authors, tmp_path, variant))
    assert f and f[0]["call"] == call and f[0]["views"][0]["field"] == field, f
    assert any(variant in s for s in f[0]["stack"]), f[0]["stack"]


@pytest.mark.parametrize("variant", ["ShapeInInternal", "Plain", "CheckedBuffer", "Matrix"])
def test_authors_correct_exporters_free_nothing_under_live_views(authors, tmp_path, variant):
    log = trace_authors(authors, tmp_path, variant)
    assert [x for x in log if x["kind"] == "acquire" and x["ok"]], "the workload acquires views"
    assert freed(log) == []
