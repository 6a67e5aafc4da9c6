"""python3 -m bufspec_tracer -o trace.ndjson [-m module | script.py] args...

Everything after the script path or ``-m module`` belongs to the traced program."""
import os
import runpy
import sys

import bufspec_tracer

USAGE = """usage: python3 -m bufspec_tracer [--no-memwatch] -o OUTPUT (script.py | -m module) [args...]

Runs a Python script or module and records its buffer-protocol traffic as
bufspec-trace NDJSON in OUTPUT ({pid} in OUTPUT is replaced by the process id,
so forked children and Python subprocesses write their own logs). The footer
is written after interpreter finalization.

The memory of every live view is watched (a "freed" event when a block under it is
freed or moved): the runner re-executes itself with the tracer's shim in
LD_PRELOAD. --no-memwatch, or BUFSPEC_MEMWATCH=0, turns the watch off."""


def _parse(argv):
    out = module = None
    global _no_memwatch
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            print(USAGE)
            sys.exit(0)
        if a == "--no-memwatch":
            _no_memwatch = True
            i += 1
            continue
        if a in ("-o", "--output"):
            if i + 1 >= len(argv):
                break
            out = argv[i + 1]
            i += 2
        elif a.startswith("--output="):
            out = a.split("=", 1)[1]
            i += 1
        elif a.startswith("-o") and len(a) > 2:
            out = a[2:]
            i += 1
        elif a == "-m":
            if i + 1 >= len(argv):
                break
            module = argv[i + 1]
            return out, module, argv[i + 2:]
        elif a.startswith("-"):
            _die(f"unknown option {a!r}")
        else:
            return out, None, argv[i:]
    return out, module, None


_no_memwatch = False


def _preload_shim():
    """Re-executes this command with libbufspec_memwatch.so in LD_PRELOAD (once): libc's free,
    realloc, munmap and mremap are then seen by the memory watch. Returns only when not needed
    (already loaded, disabled, shim missing)."""
    if os.environ.get("BUFSPEC_MEMWATCH") == "0" or os.environ.get("BUFSPEC_MEMWATCH_REEXEC"):
        return
    shim = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libbufspec_memwatch.so")
    if not os.path.exists(shim) or not sys.platform.startswith("linux"):
        return
    pre = os.environ.get("LD_PRELOAD", "")
    os.environ["LD_PRELOAD"] = shim + (" " + pre if pre else "")
    os.environ["BUFSPEC_MEMWATCH_REEXEC"] = "1"
    argv = list(getattr(sys, "orig_argv", [])) or [sys.executable, "-m", "bufspec_tracer"] + sys.argv[1:]
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(sys.executable, [sys.executable] + argv[1:])
    except OSError:
        os.environ["LD_PRELOAD"] = pre


def _die(msg):
    print(USAGE, file=sys.stderr)
    print(f"python3 -m bufspec_tracer: error: {msg}", file=sys.stderr)
    sys.exit(2)


def _trace_subprocesses(out):
    """child Python processes started with this environment trace themselves to out"""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [os.path.join(here, "_autostart"), os.path.dirname(here)]
    if os.environ.get("PYTHONPATH"):
        parts.append(os.environ["PYTHONPATH"])
    os.environ["PYTHONPATH"] = os.pathsep.join(parts)
    os.environ["BUFSPEC_TRACE_OUTPUT"] = os.path.abspath(out)


def main(argv=None):
    out, module, rest = _parse(sys.argv[1:] if argv is None else argv)
    if out is None:
        _die("-o OUTPUT is required")
    if rest is None:
        _die("a script or -m module is required")
    if _no_memwatch:
        os.environ["BUFSPEC_MEMWATCH"] = "0"   # for traced subprocesses
        bufspec_tracer._tracer.memwatch_enable(False)
    elif argv is None:
        _preload_shim()
    if module is not None:
        sys.argv = [module] + rest
    else:
        if not os.path.exists(rest[0]):
            _die(f"no such script: {rest[0]}")
        sys.argv = rest
        sys.path[0] = os.path.dirname(os.path.abspath(rest[0]))
    if "{pid}" in out:
        _trace_subprocesses(out)
    try:
        bufspec_tracer.start(out, attached="start", argv=sys.argv)
    except OSError as e:
        _die(f"cannot write the log {e.filename or out}: {e.strerror or e}")
    if module is not None:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        runpy.run_path(rest[0], run_name="__main__")


if __name__ == "__main__":
    main()
