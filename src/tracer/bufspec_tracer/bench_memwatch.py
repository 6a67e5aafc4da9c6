"""Prints the memory watch's cost.

    PYTHONPATH=target/python python3 -m bufspec_tracer.bench_memwatch [--pairs 2000000] [--repeat 3]
                                                                    [--suites test_buffer] [--no-suites]

1. ns per malloc/free pair of 64 bytes, through libc (malloc + free: the LD_PRELOAD shim) and
   through PyMem_Malloc + PyMem_Free (the PyMem_SetAllocator wrappers, pymalloc underneath), in
   a tight C loop (bufspec_tracer._tracer.memwatch_bench, timed in thread CPU time so that a
   shared machine's preemption does not count), in four setups:
     plain        no shim, no wrappers (BUFSPEC_MEMWATCH=0, not launched by the runner)
     watch off    shim and wrappers installed, checks off (memwatch_enable(False))
     no view      watch on, no live view (every call returns at the first load)
     live view    watch on, a live view elsewhere in memory (every call takes the page lookup)
   The difference to plain is what a traced program pays per allocator call that frees no
   watched memory.
2. CPU time (user + system, all threads: the log writer's too) of CPython's test_buffer traced
   (log to /dev/null) with the watch on and off (--no-memwatch), and untraced, with
   --randseed=1. CPU time rather than wall time: on a shared machine it is the steadier figure.
Each figure is the best of --repeat fresh processes."""
import argparse
import os
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PAIRS = r"""
import sys, bufspec_tracer._tracer as t
n, mode = int(sys.argv[1]), sys.argv[2]
if mode == "off":
    t.memwatch_enable(False)
view = mode == "view"
out = []
for kind in ("libc", "pymem"):
    t.memwatch_bench(20000, kind, view)
    out.append(min(t.memwatch_bench(n, kind, view) for _ in range(5)))
info = t.memwatch_info()
print(out[0], out[1], int(info["shim"]), int(info["enabled"]))
"""


def _env(**extra):
    e = dict(os.environ)
    e["PYTHONPATH"] = HERE + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.pop("BUFSPEC_MEMWATCH_REEXEC", None)
    e.update(extra)
    return e


def pairs(n, repeat, tmp):
    script = os.path.join(tmp, "pairs.py")
    with open(script, "w") as f:
        f.write(PAIRS)
    runner = [sys.executable, "-m", "bufspec_tracer", "-o", os.devnull]
    setups = [("plain", [sys.executable], "plain", {"BUFSPEC_MEMWATCH": "0"}),
              ("watch off", runner, "off", {}),
              ("no view", runner, "none", {}),
              ("live view", runner, "view", {})]
    print(f"{'setup':<12}{'libc ns/pair':>14}{'+ns':>8}{'PyMem ns/pair':>15}{'+ns':>8}   shim")
    base = None
    for label, cmd, mode, extra in setups:
        best = None
        for _ in range(repeat):
            p = subprocess.run(cmd + [script, str(n), mode], env=_env(**extra), capture_output=True, text=True)
            if p.returncode != 0:
                print(p.stderr[-2000:])
                return
            libc, pymem, shim, on = p.stdout.split()
            r = (float(libc), float(pymem), shim == "1")
            best = r if best is None else (min(best[0], r[0]), min(best[1], r[1]), r[2])
        if base is None:
            base = best
        print(f"{label:<12}{best[0]:>14.1f}{best[0] - base[0]:>8.1f}{best[1]:>15.1f}{best[1] - base[1]:>8.1f}"
              f"   {'yes' if best[2] else 'no'}")


def suites(names, repeat, tmp):
    print(f"\n{'suite (CPU s)':<14}{'plain':>9}{'watch on':>12}{'ratio':>7}{'watch off':>13}{'ratio':>7}")
    for s in names:
        seed = ["--randseed=1"]
        t = {}
        for label, cmd in (("plain", [sys.executable]),
                           ("on", [sys.executable, "-m", "bufspec_tracer", "-o", os.devnull]),
                           ("off", [sys.executable, "-m", "bufspec_tracer", "--no-memwatch", "-o", os.devnull])):
            best = None
            for _ in range(repeat):
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run(cmd + ["-m", "test", s] + seed, env=_env(), cwd=tmp, capture_output=True)
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                d = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
                best = d if best is None else min(best, d)
            t[label] = best
        print(f"{s:<14}{t['plain']:>9.2f}{t['on']:>12.2f}{t['on'] / t['plain']:>7.2f}{t['off']:>13.2f}"
              f"{t['off'] / t['plain']:>7.2f}")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m bufspec_tracer.bench_memwatch", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=2_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--suites", nargs="*", default=["test_buffer"])
    ap.add_argument("--no-suites", action="store_true")
    ns = ap.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, best of {ns.repeat}")
    with tempfile.TemporaryDirectory(prefix="bufspec-memwatch-") as tmp:
        pairs(ns.pairs, ns.repeat, tmp)
        if not ns.no_suites:
            suites(ns.suites, ns.repeat, tmp)


if __name__ == "__main__":
    main()
