"""Re-records traces/corpus: real workloads, CPython's own test suites and the broken variants.

    PYTHONPATH=target/python python3 src/tracer/record_corpus.py [--only NAME...]
    python3 src/tracer/record_corpus.py --python 3.14 [--only NAME...]

The authors-* logs need src/exporters built into target/python-authors and the thirdparty-*
logs the packages in target/thirdparty-venv (both from the local wheel store):

    python3 -m venv target/authors-venv && target/authors-venv/bin/pip install cython pybind11 setuptools
    target/authors-venv/bin/python src/exporters/setup.py -q build --build-base target/authors-build \
        --build-lib target/python-authors
    python3 -m venv --system-site-packages target/thirdparty-venv
    target/thirdparty-venv/bin/pip install msgpack lz4 zstandard pyzmq pillow pyarrow h5py torch

Writes traces/corpus/<name>.ndjson (gzipped as .ndjson.gz above 512 KiB, and the thirdparty-* logs), EXPECTED.tsv and
MANIFEST.tsv (exact command of each log). Addresses differ on every run, so re-recording
changes every file; the verdicts must not change.

With --python VERSION (a version of .ci/versions: its chroot from .ci/pythons.sh, the tracer
built by `.ci/build-tracer VERSION` into target/python-VERSION) the logs go to
traces/corpus/cpython-VERSION/ and are fewer: the real workloads, the broken variants and
CPython's two small buffer suites, all gzipped (the corpus stays small; the TLC
agreement test samples these directories). Their rows join EXPECTED.tsv and MANIFEST.tsv."""
import argparse
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "traces" / "corpus"
WL = "src/tracer/workloads"
GZ_ABOVE = 512 * 1024

REAL = ["bytearrays", "bytes_", "arrays", "mmaps", "bytesio", "memoryviews", "testbuffer",
        "ctypes_", "pickle5", "threads", "numpy_", "pep688"]
VERSION_SUITES = ["test_memoryview", "test_picklebuffer"]
# variant -> property the validator must name: written into EXPECTED.tsv, where
# tests/test_pytest_plugin.py reads it
BROKEN = {
    "ReleaseDecrefsObj": "RefCountCoversReferences",
    "FailedAcquireCounts": "FailedAcquireLeavesNoTrace",
    "FailedAcquireSetsObj": "FailedAcquireLeavesNoTrace",
    "FreeOnEveryRelease": "NoDanglingView",
    "TrackByViewAddress": "ReleaseSeesOwnInternal",
    "ResizeWhileExported": "NoDanglingView",
    "ReleaseOriginalAndCopy": "ReleasedAtMostOnce",
    "ReleaseAfterFailedAcquire": "ReleasedAtMostOnce",
    "ReExporterReleasesBase": "ReExporterHoldsBase",
    "ViewNeverReleased": "EveryViewReleased,ExportCountsReturnToZero",
    "GetbufferNoIncref": "RefCountCoversReferences",
}
# exporters written as extension authors write them (src/exporters, workloads/authors.py): the
# memory watch must see the broken ones free or move memory under a live view
AUTHORS = {
    "ShapeOutsideInternal": "NoDanglingView",
    "BorrowedView": "RefCountCoversReferences,NoDanglingView,NoDeallocWhileReferenced,EveryViewReleased",
    "GrowBuffer": "NoDanglingView",
    "LazyMatrix": "NoDanglingView",
    "ShapeInInternal": "valid",
    "Plain": "valid",
    "CheckedBuffer": "valid",
    "Matrix": "valid",
}
# third-party packages with real exporters and consumers (workloads/thirdparty.py), recorded with
# the memory watch on: no false alarm
THIRDPARTY = ["numpy_", "msgpack_", "lz4_", "zstandard_", "pyzmq_", "pillow_", "pyarrow_", "h5py_", "torch_"]
# CPython's suites; the two big ones are recorded on a subset of their tests (full logs are
# over 1 GB); `python3 -m bufspec_tracer.bench` and the transparency test run them in full.
SUITES = {
    "test_memoryview": [],
    "test_picklebuffer": [],
    "test_memoryio": [],
    "test_array": [],
    "test_mmap": [],
    "test_buffer": ["-m", "test_memoryview_*", "-m", "test_ndarray_re_export",
                    "-m", "test_issue_7385", "-i", "test_memoryview_from_static_exporter",
                    "-i", "test_memoryview_getbuffer_undefined"],
    "test_bytes": ["-m", "*ByteArrayTest*test_resize*", "-m", "*test_buffer*",
                   "-m", "*test_exports*", "-m", "*test_extended_set_del_slice*",
                   "-m", "*BufferPEP3137Test*"],
}


def chroot_of(version):
    for line in (ROOT / ".ci" / "versions").read_text().splitlines():
        f = line.split()
        if f and not f[0].startswith("#") and f[0] == version:
            return f[1]
    raise SystemExit(f"--python {version}: not in .ci/versions")


def run(name, args, expected, version=None, python=None, pythonpath=()):
    sub = f"cpython-{version}/" if version else ""
    out = CORPUS / f"{sub}{name}.ndjson"
    out.parent.mkdir(parents=True, exist_ok=True)
    trace = ["-m", "bufspec_tracer", "-o", str(out.relative_to(ROOT))] + args
    if version:
        cmd = [str(ROOT / ".ci" / "chroot-python"), chroot_of(version), f"python{version}"] + trace
        env = dict(os.environ, PYTHONPATH=str(ROOT / "target" / f"python-{version}"))
        shown = " ".join([f".ci/chroot-python {chroot_of(version)} python{version}"] + trace)
    else:
        cmd = [python or sys.executable] + trace
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "target" / "python")] + list(pythonpath)))
        shown = " ".join([os.path.relpath(python, ROOT) if python else "python3"] + trace)
        if pythonpath:
            shown = "PYTHONPATH=target/python:" + ":".join(os.path.relpath(p, ROOT) for p in pythonpath) + " " + shown
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if not out.exists():
        raise SystemExit(f"{out}: not written (exit {p.returncode}): {p.stderr[-2000:]}")
    if version or out.stat().st_size > GZ_ABOVE or name.startswith("thirdparty-"):
        gz = out.with_name(out.name + ".gz")
        with open(out, "rb") as src, gzip.open(gz, "wb", compresslevel=9) as dst:
            shutil.copyfileobj(src, dst)
        out.unlink()
        out = gz
    else:
        out.with_name(out.name + ".gz").unlink(missing_ok=True)
    f = str(out.relative_to(CORPUS))
    print(f"{f}: exit {p.returncode}, {out.stat().st_size} bytes", flush=True)
    return f, expected, shown, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--python", metavar="VERSION", help="record with that chroot's CPython (.ci/versions)")
    ns = ap.parse_args()
    CORPUS.mkdir(parents=True, exist_ok=True)
    jobs = []
    if ns.python:
        for w in REAL:
            jobs.append((f"real-{w.rstrip('_')}", [f"{WL}/real.py", w], "valid"))
        jobs.append(("real-broken-module-Good", [f"{WL}/broken.py", "Good"], "valid"))
        for s in VERSION_SUITES:
            jobs.append((f"cpython-{s}", ["-m", "test", s], "valid"))
        for v, prop in BROKEN.items():
            jobs.append((f"broken-{v}", [f"{WL}/broken.py", v], prop))
    if not ns.python:
        for w in REAL:
            jobs.append((f"real-{w.rstrip('_')}", [f"{WL}/real.py", w], "valid"))
        jobs.append(("real-broken-module-Good", [f"{WL}/broken.py", "Good"], "valid"))
        # a production-like service (4 threads, mixed exporters), about 100,000 events: the log of
        # `bufspec bench tlc`
        jobs.append(("real-service", [f"{WL}/service.py", "1000", "4"], "valid"))
        for s, extra in SUITES.items():
            jobs.append((f"cpython-{s}", ["-m", "test", s] + extra, "valid"))
        # CPython's own _testbuffer.staticarray in legacy mode exports with view->obj NULL on
        # purpose (PyBuffer_FillInfo(view, NULL, ...)): the model names that
        jobs.append(("cpython-test_buffer-legacy-static-exporter",
                     ["-m", "test", "test_buffer", "-m", "test_memoryview_from_static_exporter"],
                     "FailedAcquireLeavesNoTrace"))
        # ... and test_memoryview_getbuffer_undefined makes _testbuffer.ndarray fail a getbuffer with
        # view->obj set to 0x1 on purpose (ND_GETBUF_UNDEFINED: "wrong but permitted in <= 3.2").
        jobs.append(("cpython-test_buffer-getbuffer-undefined",
                     ["-m", "test", "test_buffer", "-m", "test_memoryview_getbuffer_undefined"],
                     "FailedAcquireLeavesNoTrace"))
        for v, prop in BROKEN.items():
            jobs.append((f"broken-{v}", [f"{WL}/broken.py", v], prop))
        authors = [str(ROOT / "target" / "python-authors")]
        for v, verdict in AUTHORS.items():
            jobs.append((f"authors-{v}", [f"{WL}/authors.py", v], verdict, None, None, authors))
        venv = str(ROOT / "target" / "thirdparty-venv" / "bin" / "python")
        for w in THIRDPARTY:
            jobs.append((f"thirdparty-{w.rstrip('_')}", [f"{WL}/thirdparty.py", w], "valid", None, venv, ()))
    rows = {}
    man = {}
    exp_path, man_path = CORPUS / "EXPECTED.tsv", CORPUS / "MANIFEST.tsv"
    if (ns.only or ns.python) and exp_path.exists():
        for line in [l for l in exp_path.read_text().splitlines() if l and not l.startswith("#")]:
            f, code, what = line.split("\t")
            rows[f] = (code, what)
        for line in man_path.read_text().splitlines()[1:]:
            f, cmd, rc = line.split("\t")
            man[f] = (cmd, rc)
    sub = f"cpython-{ns.python}/" if ns.python else ""
    for name, args, expected, *how in jobs:
        if ns.only and name not in ns.only:
            continue
        f, exp, cmd, rc = run(name, args, expected, ns.python, *how[1:])
        if rc == 3 and name.startswith("thirdparty-"):   # the package is not installed
            (CORPUS / f).unlink(missing_ok=True)
            print(f"{name}: skipped (package not installed)")
            continue
        for k in [k for k in rows if k.startswith(sub + name + ".")]:
            rows.pop(k); man.pop(k, None)
        rows[f] = ("0" if exp == "valid" else "1", exp)
        man[f] = (cmd, str(rc))
    with open(exp_path, "w") as fh:
        fh.write("# file\texit\tverdict (read by bufspec validate --expected)\n")
        for f in sorted(rows):
            fh.write(f"{f}\t{rows[f][0]}\t{rows[f][1]}\n")
    with open(man_path, "w") as fh:
        fh.write("file\tcommand (run from the repository root, PYTHONPATH=target/python)\tprogram exit\n")
        for f in sorted(man):
            fh.write(f"{f}\t{man[f][0]}\t{man[f][1]}\n")


if __name__ == "__main__":
    main()
