"""Tests of the tracer against real exporters in real child interpreters."""
import os
import signal
import subprocess
import sys

import pytest

from conftest import PYTHON, ROOT, env, read_log


# 3.13+: PyBuffer_Release is inlined into its callers, so releases of exporters without a
# bf_releasebuffer (bytes, numpy.ndarray) cannot be seen; their acquires are not recorded either,
# only counted (footer unseen_acquires).
RELEASE_INLINED = sys.version_info >= (3, 12)   # 3.12: treated as 3.13 (no build to check)


def events(log, kind, **match):
    return [e for e in log if e["kind"] == kind and all(e.get(k) == v for k, v in match.items())]


def ident_marker(log, marker, typ="bytearray"):
    """the acquires of a `typ` exporter of length `marker` (scripts pick unusual lengths)"""
    return [e for e in log if e.get("kind") == "acquire" and e.get("len") == marker
            and e.get("type") == typ]


def test_header_footer_and_pairing(traced):
    log = traced.run("ba = bytearray(b'x' * 777)\nm = memoryview(ba)\nm.release()\n")
    h, f = log[0], log[-1]
    assert h["kind"] == "header" and h["format"] == "bufspec-trace" and h["version"] == 1
    assert h["attached"] == "start" and h["pid"] > 0 and h["argv"][0].endswith("t.py")
    assert f["kind"] == "footer" and f["finalized"] is True and f["events"] == len(log) - 2
    seqs = [e["seq"] for e in log[1:]]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    acq = ident_marker(log, 777)
    assert len(acq) == 1
    a = acq[0]
    assert a["type"] == "bytearray" and a["ok"] and a["error"] is None
    assert a["exporter"] == a["obj"] and a["exporter"].endswith("#0")
    assert a["exports"] == [0, 1] and a["rc"][1] == a["rc"][0] + 1 and a["counter"] == a["exporter"]
    rel = [e for e in events(log, "release") if e["exporter"] == a["exporter"] and e["len"] == 777]
    assert len(rel) == 1 and rel[0]["view"] == a["view"] and rel[0]["exports"] == [1, 0]
    assert rel[0]["has_releasebuffer"] is True and rel[0]["rc"][0] == rel[0]["rc"][1]
    hold = events(log, "chain", op="hold", view=a["view"], base=a["exporter"])
    drop = events(log, "chain", op="drop", view=a["view"], base=a["exporter"])
    assert hold and drop and hold[0]["base"] == a["exporter"] and hold[0]["holder_type"] == "managedbuffer"
    assert hold[0]["seq"] == a["seq"] + 1 and drop[0]["seq"] == rel[0]["seq"] - 1
    deallocs = events(log, "dealloc", object=a["exporter"])
    assert len(deallocs) == 1 and deallocs[0]["exports"] == 0


def test_failed_acquire_records_error_and_keeps_exception(traced):
    log = traced.run(
        "import bufspec_broken as bb\n"
        "try:\n"
        "    memoryview(b'ro').cast('B')\n"
        "    bb.acquire_handle(b'read-only!', bb.PyBUF_WRITABLE)\n"
        "except BufferError as e:\n"
        "    print('raised', e)\n")
    assert "raised Object is not writable." in traced.proc.stdout
    f = [e for e in events(log, "acquire", ok=False) if e["type"] == "bytes"]
    assert f and f[0]["error"] == "BufferError: Object is not writable." and f[0]["obj"] is None
    assert "buf" not in f[0] and f[0]["rc"][0] == f[0]["rc"][1]


def test_counters_of_private_structs(traced):
    log = traced.run(
        "import array, mmap, io, bufspec_tracer._tracer as t\n"
        "print(t.layouts())\n"
        "a = array.array('b', b'abcdefghijklm'); m = memoryview(a)\n"
        "mm = mmap.mmap(-1, 12345); n = memoryview(mm)\n"
        "bio = io.BytesIO(b'x' * 4321); g = bio.getbuffer()\n"
        "for op in (lambda: a.append(1), mm.close, lambda: bio.write(b'y')):\n"
        "    try: op()\n"
        "    except BufferError: pass\n"
        "m.release(); n.release(); g.release(); mm.close()\n")
    assert "'array': True, 'mmap': True, 'bytesio': True" in traced.proc.stdout
    for typ, ln in (("array.array", 13), ("mmap.mmap", 12345), ("_io._BytesIOBuffer", 4321)):
        acq = [e for e in events(log, "acquire", type=typ) if e["len"] == ln]
        assert acq and acq[0]["exports"] == [0, 1], typ
    bio_acq = [e for e in events(log, "acquire", type="_io._BytesIOBuffer") if e["len"] == 4321][0]
    assert bio_acq["counter"] != bio_acq["exporter"]          # a redirect
    rz = {e["type"]: e for e in events(log, "resize", ok=False)}
    assert rz["array.array"]["op"] == "append" and rz["array.array"]["exports"] == 1
    assert rz["mmap.mmap"]["op"] == "close" and "cannot close" in rz["mmap.mmap"]["error"]
    assert rz["_io.BytesIO"]["exporter"] == bio_acq["counter"]
    ok_close = [e for e in events(log, "resize", type="mmap.mmap", op="close", ok=True)]
    assert ok_close and ok_close[0]["buf"][1] is None and ok_close[0]["exports"] == 0


def test_subclass_created_after_hooking_and_late_import(traced):
    log = traced.run(
        "class Late(bytearray):\n    pass\n"
        "x = Late(b'q' * 99); memoryview(x).release(); del x\n"
        "import _testbuffer\n"
        "nd = _testbuffer.ndarray(list(range(6)), shape=[6], format='B')\n"
        "memoryview(nd).release()\n")
    late = events(log, "acquire", type="Late")
    assert late and late[0]["exports"] == [0, 1]   # counter layout inherited from bytearray
    assert events(log, "dealloc", object=late[0]["exporter"], type="Late")
    assert events(log, "acquire", type="ndarray")


def test_numpy_imported_after_start(traced):
    pytest.importorskip("numpy")
    log = traced.run("import numpy as np, bufspec_tracer._tracer as t\na = np.arange(10)\n"
                     "u = t.unseen_acquires(); memoryview(a).release(); print(t.unseen_acquires() - u)\n")
    acq = [e for e in events(log, "acquire", type="numpy.ndarray") if e["len"] == 80]
    rel = [e for e in events(log, "release", type="numpy.ndarray") if e["len"] == 80]
    if RELEASE_INLINED:   # hooked (the acquire reached the hook) but not recorded
        assert not acq and not rel and traced.proc.stdout.split() == ["1"]
        assert log[-1]["kind"] == "footer" and log[-1]["unseen_acquires"] >= 1
    else:
        assert acq and "exports" not in acq[0]
        assert rel and rel[0]["has_releasebuffer"] is False
        assert traced.proc.stdout.split() == ["0"]


def test_incarnations_advance_on_address_reuse(traced):
    log = traced.run(
        "for i in range(50):\n"
        "    b = bytearray(b'z' * 555)\n"
        "    memoryview(b).release()\n"
        "    del b\n")
    ids = [e["exporter"] for e in events(log, "acquire", type="bytearray") if e["len"] == 555]
    assert len(ids) == 50 and len(set(ids)) == 50
    addrs = {i.split("#")[0] for i in ids}
    assert len(addrs) < 50 and any(not i.endswith("#0") for i in ids)
    for i in ids:
        assert len(events(log, "dealloc", object=i)) == 1


def test_memoryview_chain_register_and_refuse(traced):
    log = traced.run(
        "import _testbuffer as tb\n"
        "base = bytearray(b'abcdefgh')\n"
        "mv = memoryview(base)\n"
        "nd = tb.ndarray(mv, getbuf=tb.PyBUF_FULL_RO)\n"
        "try:\n    mv.release()\nexcept BufferError as e:\n    print('refused', e)\n"
        "del nd\nmv.release()\n")
    assert "refused memoryview has 1 exported buffer" in traced.proc.stdout
    ref = events(log, "chain", op="refuse")
    assert len(ref) == 1 and ref[0]["error"].startswith("BufferError: memoryview has 1")
    mvid = ref[0]["reexporter"]
    reg = events(log, "chain", op="register", reexporter=mvid)
    unreg = events(log, "chain", op="unregister", reexporter=mvid)
    assert reg and unreg and reg[0]["seq"] < ref[0]["seq"] < unreg[0]["seq"]
    drop = events(log, "chain", op="drop", holder=reg[0]["holder"])
    assert drop and drop[0]["seq"] > unreg[0]["seq"]


def test_threads_share_one_sequence(traced):
    log = traced.run(
        "import threading\n"
        "shared = bytearray(64)\n"
        "def w():\n"
        "    for i in range(300):\n"
        "        with memoryview(shared) as m: m[0] = 1\n"
        "ts = [threading.Thread(target=w) for _ in range(4)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n")
    acq = [e for e in events(log, "acquire", type="bytearray") if e["len"] == 64]
    assert len(acq) == 1200 and len({e["tid"] for e in acq}) >= 2
    assert [e["seq"] for e in log[1:]] == list(range(1, len(log) - 1 + 1))


def test_exit_paths(traced):
    log = traced.run("import sys\nb = bytearray(3)\nm = memoryview(b)\nsys.exit(3)\n", expect_rc=3)
    assert log[-1]["kind"] == "footer" and log[-1]["finalized"]
    # the module-level view is released during finalization, before the footer
    acq = [e for e in events(log, "acquire", type="bytearray") if e["len"] == 3]
    assert [e for e in events(log, "release") if e["view"] == acq[0]["view"] and e["len"] == 3]
    log = traced.run("b = bytearray(3)\nraise RuntimeError('boom')\n", name="u", expect_rc=1)
    assert log[-1]["kind"] == "footer"


def test_sigterm_flushes_without_footer(traced):
    log = traced.run(
        "import os, signal\n"
        "keep = [memoryview(bytearray(b'k' * 4242)) for _ in range(3)]\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n", expect_rc=-signal.SIGTERM)
    assert log[-1]["kind"] != "footer"
    assert len([e for e in events(log, "acquire", type="bytearray") if e.get("len") == 4242]) == 3


def test_fork_child_writes_its_own_log(tmp_path):
    script = tmp_path / "f.py"
    script.write_text(
        "import os\n"
        "b = bytearray(b'p' * 31)\n"
        "memoryview(b).release()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    memoryview(bytearray(b'c' * 37)).release()\n"
        "else:\n"
        "    os.waitpid(pid, 0)\n"
        "    print(pid)\n")
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", str(tmp_path / "log-{pid}.ndjson"),
                        str(script)], env=env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    logs = sorted(tmp_path.glob("log-*.ndjson"))
    assert len(logs) == 2
    by_pid = {read_log(l)[0]["pid"]: read_log(l) for l in logs}
    child = by_pid[int(p.stdout.strip())]
    parent = [v for k, v in by_pid.items() if k != int(p.stdout.strip())][0]
    assert child[0]["attached"] == "midrun" and parent[0]["attached"] == "start"
    def has37(log):
        return any(e.get("len") == 37 and e.get("type") == "bytearray" for e in log)
    assert has37(child) and not has37(parent)
    assert child[-1]["kind"] == "footer" and parent[-1]["kind"] == "footer"


def test_api_tracing_midrun(tmp_path):
    out = tmp_path / "api.ndjson"
    code = (
        "import bufspec_tracer\n"
        "b = bytearray(b'm' * 21)\n"
        "early = memoryview(b)\n"                      # acquired before tracing
        f"with bufspec_tracer.tracing({str(out)!r}):\n"
        "    early.release()\n"                        # its release appears unmatched
        "    memoryview(b).release()\n"
        "memoryview(b).release()\n")                   # after stop: not recorded
    p = subprocess.run([PYTHON, "-c", code], env=env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    log = read_log(out)
    assert log[0]["attached"] == "midrun" and log[-1]["finalized"] is False
    assert len([e for e in events(log, "release", type="bytearray") if e["len"] == 21]) == 2
    assert len([e for e in events(log, "acquire", type="bytearray") if e.get("len") == 21]) == 1


def test_registration_errors_are_clear():
    code = ("import bufspec_tracer, bufspec_broken as bb\n"
            "try:\n    bufspec_tracer.register_counter(bb.Good, 100000)\n"
            "except ValueError as e:\n    print(e)\n"
            "try:\n    bufspec_tracer.register_resize(bb.Good, 'nope', 16)\n"
            "except ValueError as e:\n    print(e)\n")
    p = subprocess.run([PYTHON, "-c", code], env=env(), capture_output=True, text=True, timeout=60)
    assert "counter offset 100000 outside bufspec_broken.Good's instance" in p.stdout
    assert "bufspec_broken.Good has no hookable method nope" in p.stdout


def test_cli_usage_errors():
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "x.py"], env=env(), capture_output=True,
                       text=True)
    assert p.returncode == 2 and "-o OUTPUT is required" in p.stderr
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", "/dev/null", "missing.py"],
                       env=env(), capture_output=True, text=True)
    assert p.returncode == 2 and "no such script: missing.py" in p.stderr


def test_module_mode_passes_arguments(traced, tmp_path):
    (tmp_path / "modx.py").write_text("import sys\nprint('args', sys.argv[1:])\n")
    out = tmp_path / "m.ndjson"
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", str(out), "-m", "modx", "-v", "--k=1"],
                       env=env(), capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert p.returncode == 0, p.stderr
    assert "args ['-v', '--k=1']" in p.stdout and read_log(out)[-1]["kind"] == "footer"


def test_redirect_is_logged_once_with_via(traced):
    log = traced.run(
        "import pickle\n"
        "ba = bytearray(b'r' * 61)\n"
        "pb = pickle.PickleBuffer(ba)\n"
        "m = memoryview(pb)\n"             # PickleBuffer forwards the struct to ba
        "m.release(); pb.release()\n")
    acq = [e for e in events(log, "acquire") if e.get("len") == 61 and e["type"] != "bytes"]
    # PickleBuffer's own export of ba, then the redirected one
    assert [e["type"] for e in acq] == ["bytearray", "bytearray"]
    assert "via" not in acq[0] and acq[1]["via"].startswith("0x")
    assert not [e for e in events(log, "acquire", type="pickle.PickleBuffer") if e["ok"]]


def test_operator_resizes_are_logged(traced):
    log = traced.run(
        "import array\n"
        "ba = bytearray(b'abc'); m = memoryview(ba)\n"
        "for op in ('ba += b\"x\"', 'ba *= 2', 'ba[0:1] = b\"zz\"', 'del ba[0:1]'):\n"
        "    try:\n        exec(op)\n    except BufferError:\n        pass\n"
        "ba[0] = 1\n"                                  # no size change: not a resize
        "m.release(); ba += b'ok'\n"
        "class S(bytearray):\n    pass\n"
        "s = S(b'q'); memoryview(s).release(); s += b'r'\n"
        "a = array.array('b', b'xy'); memoryview(a).release(); a *= 3\n")
    rz = [(e["type"], e["op"], e["ok"], e.get("exports")) for e in events(log, "resize")]
    assert rz == [("bytearray", "iadd", False, 1), ("bytearray", "imul", False, 1),
                  ("bytearray", "setitem", False, 1), ("bytearray", "setitem", False, 1),
                  ("bytearray", "iadd", True, 0), ("S", "iadd", True, 0),
                  ("array.array", "imul", True, 0)]


def test_subprocesses_write_their_own_logs(tmp_path):
    script = tmp_path / "s.py"
    script.write_text(
        "import subprocess, sys\n"
        "subprocess.run([sys.executable, '-c', 'memoryview(bytearray(b\"s\" * 43)).release()'],\n"
        "               check=True)\n"
        "memoryview(bytearray(b'p' * 41)).release()\n")
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", str(tmp_path / "log-{pid}.ndjson"),
                        str(script)], env=env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    logs = [read_log(l) for l in sorted(tmp_path.glob("log-*.ndjson"))]
    assert len(logs) == 2 and all(l[-1]["kind"] == "footer" for l in logs)
    lens = sorted(e["len"] for l in logs for e in l
                  if e["kind"] == "acquire" and e["type"] == "bytearray" and e["len"] in (41, 43))
    assert lens == [41, 43]


def test_many_dimensions_on_a_small_thread_stack(traced):
    log = traced.run(
        "import threading, _testbuffer as tb\n"
        "threading.stack_size(65536)\n"
        "def w():\n"
        "    nd = tb.ndarray([7], shape=[1] * 64, format='B' * 1, flags=tb.ND_WRITABLE)\n"
        "    m = memoryview(nd); m.release()\n"
        "t = threading.Thread(target=w); t.start(); t.join()\n")
    acq = [e for e in events(log, "acquire", type="ndarray") if e.get("ndim") == 64]
    rel = [e for e in events(log, "release", type="ndarray") if e.get("ndim") == 64]
    assert acq and rel and rel[0]["shape"] == [1] * 64 and len(rel[0]["strides"]) == 64


def test_exporters_without_releasebuffer_keep_none(traced):
    """getargs' "y#" rejects exporters that have a bf_releasebuffer: the tracer must not add
    one to bytes. Before 3.13 it records their releases through the patched PyBuffer_Release;
    from 3.13 (inlined releases) it records neither acquire nor release, and counts them."""
    log = traced.run(
        "import ctypes, pickle, bufspec_tracer._tracer as t\n"
        "print(t.layouts()['release_patched'])\n"
        "x = pickle.loads(pickle.dumps(ctypes.c_int(5)))\n"     # __setstate__ parses "y#"
        "print(x.value)\n"
        "m = memoryview(b'n' * 57); m.release()\n")
    assert traced.proc.stdout.split() == [str(not RELEASE_INLINED), "5"]
    rel = [e for e in events(log, "release", type="bytes") if e["len"] == 57]
    acq = [e for e in events(log, "acquire", type="bytes") if e.get("len") == 57]
    if RELEASE_INLINED:
        assert not rel and not acq and log[-1]["unseen_acquires"] >= 1
    else:
        assert len(rel) == 1 and rel[0]["has_releasebuffer"] is False


def test_sigterm_after_many_buffers_keeps_whole_ordered_lines(traced):
    log = traced.run(
        "import os, signal\n"
        "b = bytearray(b'w' * 29)\n"
        "for _ in range(20000):\n"
        "    memoryview(b).release()\n"                # about 10 MB of events: several buffers
        "os.kill(os.getpid(), signal.SIGTERM)\n", expect_rc=-signal.SIGTERM)
    seqs = [e["seq"] for e in log[1:]]
    assert log[-1]["kind"] != "footer" and seqs == list(range(1, len(seqs) + 1))
    assert len([e for e in events(log, "acquire", type="bytearray") if e["len"] == 29]) == 20000


def test_unwritable_output_is_a_clear_error(tmp_path):
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", str(tmp_path / "no" / "x.ndjson"),
                        "-c"], env=env(), capture_output=True, text=True)
    assert p.returncode == 2 and "unknown option '-c'" in p.stderr
    script = tmp_path / "s.py"
    script.write_text("print('never')\n")
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", str(tmp_path / "no" / "x.ndjson"),
                        str(script)], env=env(), capture_output=True, text=True)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "cannot write the log" in p.stderr and "No such file or directory" in p.stderr


def test_two_sessions_in_one_process(tmp_path):
    a, b = tmp_path / "a.ndjson", tmp_path / "b.ndjson"
    code = ("import bufspec_tracer\n"
            "x = bytearray(b'2' * 71)\n"
            f"with bufspec_tracer.tracing({str(a)!r}):\n"
            "    memoryview(x).release()\n"
            "try:\n"
            f"    bufspec_tracer.start({str(b)!r}); bufspec_tracer.start({str(b)!r})\n"
            "except RuntimeError as e:\n"
            "    print(e)\n"
            "memoryview(x).release()\n"
            "bufspec_tracer.stop()\n")
    p = subprocess.run([PYTHON, "-c", code], env=env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert "already tracing" in p.stdout
    for path in (a, b):
        log = read_log(path)
        assert log[0]["kind"] == "header" and log[-1]["kind"] == "footer"
        assert log[1]["seq"] == 1
        acq = [e for e in events(log, "acquire", type="bytearray") if e["len"] == 71]
        assert len(acq) == 1 and acq[0]["exporter"].endswith("#0")


def test_os_exit_in_a_forked_child_flushes(tmp_path):
    script = tmp_path / "x.py"
    script.write_text(
        "import os\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    memoryview(bytearray(b'e' * 53)).release()\n"
        "    os._exit(0)\n"                       # what multiprocessing's fork children do
        "os.waitpid(pid, 0)\n"
        "print(pid)\n")
    p = subprocess.run([PYTHON, "-m", "bufspec_tracer", "-o", str(tmp_path / "l-{pid}.ndjson"),
                        str(script)], env=env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    child = read_log(tmp_path / f"l-{p.stdout.strip()}.ndjson")
    assert child[-1]["kind"] != "footer"           # truncated, not a normal end
    assert [e for e in events(child, "acquire", type="bytearray") if e["len"] == 53]


def test_subtype_calling_its_base_slots(traced):
    log = traced.run(
        "import bufspec_broken as bb, bufspec_tracer\n"
        "s = bb.BytearraySub(b'y' * 47)\n"
        "m = memoryview(s); m.release()\n"
        "bufspec_tracer.stop()\n"
        "m = memoryview(s); m.release()\n"            # untraced: must still work
        "print(bytes(s[:2]))\n")
    assert traced.proc.stdout.strip() == "b'yy'"
    acq = [e for e in events(log, "acquire") if e.get("len") == 47 and "Sub" in e["type"]]
    rel = [e for e in events(log, "release") if e.get("len") == 47 and "Sub" in e["type"]]
    assert len(acq) == 1 and len(rel) == 1 and acq[0]["exports"] == [0, 1]


def test_classes_made_while_tracing_stay_collectable(traced):
    """A local subclass of an exporter whose method closes over a memoryview of its instance
    forms a cycle (CPython's test_memoryview has one): the tracer must not keep the class alive,
    or the view is never released (a false EveryViewReleased at exit)."""
    log = traced.run(
        "import array, gc, weakref\n"
        "def f():\n"
        "    class E(array.array):\n"
        "        def __hash__(self):\n"
        "            mv.release()\n"
        "            return 1\n"
        "    v = E('B', b'A' * 77)\n"
        "    mv = memoryview(v).toreadonly()\n"
        "    try:\n"
        "        hash(mv)\n"
        "    except BufferError:\n"
        "        pass\n"
        "    return weakref.ref(v)\n"
        "r = f(); gc.collect(); print(r() is None)\n")
    assert traced.proc.stdout.split() == ["True"]
    acq = ident_marker(log, 77, "E")
    assert acq and events(log, "dealloc", object=acq[0]["exporter"], type="E")


@pytest.mark.parametrize("define, reason", [
    ("-DBS_MAX_MINOR=10", "is not supported (known: 3.11 to 3.15)"),   # as a version it does not know
    ("-DPy_GIL_DISABLED", "free-threaded CPython builds (Py_GIL_DISABLED) are not supported"),
])
def test_unknown_versions_and_free_threaded_builds_are_refused_at_import(tmp_path, define, reason):
    """The extension built as for a CPython it does not know, or for a free-threaded one (only the
    refusal is compiled then), raises ImportError saying so instead of running."""
    import sysconfig
    src = ROOT / "src" / "tracer" / "bufspec_tracer" / "_tracer.c"
    so = tmp_path / ("_tracer" + sysconfig.get_config_var("EXT_SUFFIX"))
    cc = (sysconfig.get_config_var("CC") or "gcc").split()
    subprocess.run(cc + ["-shared", "-fPIC", "-O0", define, "-I", sysconfig.get_paths()["include"],
                         str(src), "-o", str(so)], check=True, capture_output=True, timeout=300)
    p = subprocess.run([PYTHON, "-c", "import _tracer"], cwd=tmp_path, capture_output=True, text=True,
                       env=dict(env(), PYTHONPATH=str(tmp_path)))
    assert p.returncode == 1 and "ImportError: bufspec tracer: " in p.stderr and reason in p.stderr, p.stderr


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 688 is 3.12+")
@pytest.mark.parametrize("when", ["before", "after"])
def test_pep688_exporters_keep_their_release_buffer(tmp_path, when):
    """Python exporters made before tracing starts (hooked by its first scan) or after (reached
    through the slot wrappers). A Python __release_buffer__ must still be called (the buffer
    wrapper calls it only while the slot is slot_bf_releasebuffer), a bytearray subclass's
    release must be recorded with its acquire, and so must bytearray.__buffer__(b, 0)."""
    out = tmp_path / "pep688.ndjson"
    classes = (
        "class X:\n"
        "    def __init__(self): self.b = bytearray(b'x' * 61); self.n = 0\n"
        "    def __buffer__(self, f): return memoryview(self.b)\n"
        "    def __release_buffer__(self, v): self.n += 1; v.release()\n"
        "class S(bytearray):\n"
        "    def __release_buffer__(self, v): S.n += 1; super().__release_buffer__(v)\n"
        "S.n = 0\n")
    start = f"bufspec_tracer.start({str(out)!r})\n"
    code = ("import bufspec_tracer\n" + (classes + start if when == "before" else start + classes) +
            "x = X()\n"
            "with memoryview(x) as m: m[0] = 0x41\n"
            "s = S(b's' * 62)\n"
            "with memoryview(s) as m: m[0] = 0x41\n"
            "ba = bytearray(b'e' * 63)\n"
            "mv = bytearray.__buffer__(ba, 0); mv.release()\n"
            "print(x.n, S.n, bytes(x.b[:1]), bytes(s[:1]))\n"
            "bufspec_tracer.stop()\n")
    p = subprocess.run([PYTHON, "-c", code], env=env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["1", "1", "b'A'", "b'A'"]
    log = read_log(out)
    for marker, typ in ((61, "memoryview"), (62, "S"), (63, "bytearray")):
        acq = ident_marker(log, marker, typ)
        rel = [e for e in events(log, "release", type=typ) if e.get("len") == marker]
        assert acq and len(rel) == len(acq), (marker, typ, acq, rel)


def test_layout_self_check_passes_on_this_version():
    """The private counters (array, mmap, BytesIO; bytearray's public one) move 0 -> 1 -> 0 at
    import on every supported version; PyBuffer_Release is patched only on 3.11."""
    p = subprocess.run([PYTHON, "-c", "import bufspec_tracer._tracer as t; print(sorted(t.layouts().items()))"],
                       env=env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    got = dict(eval(p.stdout))
    assert got == {"array": True, "mmap": True, "bytesio": True, "bytearray": True,
                   "release_inlined": RELEASE_INLINED, "release_patched": not RELEASE_INLINED}, got
