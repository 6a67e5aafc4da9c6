"""python3 -m bufspec_tracer -o trace.ndjson [-m module | script.py] args..."""
import argparse
import os
import runpy
import sys

import bufspec_tracer


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="python3 -m bufspec_tracer",
        description="Run a Python script or module and record its buffer-protocol traffic "
                    "(bufspec-trace NDJSON).")
    ap.add_argument("-o", "--output", required=True,
                    help="log path; {pid} is replaced by the process id (forked children "
                         "then write their own logs)")
    ap.add_argument("-m", dest="module", help="run a library module as a script")
    ap.add_argument("args", nargs=argparse.REMAINDER, help="script and its arguments")
    ns = ap.parse_args(argv)
    if ns.module is None and not ns.args:
        ap.error("a script or -m module is required")
    if ns.module is not None:
        sys.argv = [ns.module] + ns.args
    else:
        sys.argv = ns.args
        sys.path[0] = os.path.dirname(os.path.abspath(ns.args[0]))
    bufspec_tracer.start(ns.output, attached="start", argv=sys.argv)
    # the footer is written after interpreter finalization (Py_AtExit), not here
    if ns.module is not None:
        runpy.run_module(ns.module, run_name="__main__", alter_sys=True)
    else:
        runpy.run_path(ns.args[0], run_name="__main__")


if __name__ == "__main__":
    main()
