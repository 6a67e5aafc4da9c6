"""python3 -m bufspec_tracer -o trace.ndjson [-m module | script.py] args...

Everything after the script path or ``-m module`` belongs to the traced program."""
import os
import runpy
import sys

import bufspec_tracer

USAGE = """usage: python3 -m bufspec_tracer -o OUTPUT (script.py | -m module) [args...]

Runs a Python script or module and records its buffer-protocol traffic as
bufspec-trace NDJSON in OUTPUT ({pid} in OUTPUT is replaced by the process id,
so forked children and Python subprocesses write their own logs). The footer
is written after interpreter finalization."""


def _parse(argv):
    out = module = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            print(USAGE)
            sys.exit(0)
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
