"""Prints the tracer's overhead figures.

    PYTHONPATH=target/python python3 -m bufspec_tracer.bench [--suites test_buffer test_memoryview]
                                                           [--repeat 3] [--pairs 1000000] [--no-suites]

1. Wall time of CPython's test_buffer and test_memoryview without and with tracing (log
   written to a real file in a temporary directory), the ratio, the log size, and the traced
   time with the log sent to /dev/null (hooks and formatting without the disk writes).
2. ns per acquire/release pair in a tight loop, untraced and traced, and the traced overhead:
   `memoryview(b)` creation + release (5 events: acquire, chain hold, chain drop, release,
   managed-buffer dealloc) and a bare PyObject_GetBuffer/PyBuffer_Release pair from C
   (bufspec_broken.acquire_release, 2 events) when the test extension is built.
Each figure is the best of --repeat runs (fresh processes). The suites run with --randseed=1.
On a loaded machine the figures are noisy: compare the plain column with its usual value."""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MICRO = r"""
import sys, time
N = int(sys.argv[1]); kind = sys.argv[2]
b = bytearray(b"x" * 64)
if kind == "memoryview":
    def loop(n):
        mv = memoryview
        for _ in range(n):
            m = mv(b)
            m.release()
else:
    import bufspec_broken
    def loop(n, f=bufspec_broken.acquire_release):
        for _ in range(n):
            f(b)
loop(1000)
t0 = time.perf_counter_ns(); loop(N); t1 = time.perf_counter_ns()
print((t1 - t0) / N)   # includes the loop itself; the traced - plain difference is the cost
"""


def _env():
    e = dict(os.environ)
    e["PYTHONPATH"] = HERE + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def _run(cmd, cwd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=_env(), cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t0, p


def suites(names, repeat, tmp):
    print(f"{'suite':<18}{'plain s':>10}{'traced s':>10}{'ratio':>8}{'log MB':>10}{'events':>12}"
          f"{'to /dev/null s':>16}{'ratio':>8}")
    for s in names:
        seed = ["--randseed=1"]   # test_buffer draws random structures: same work both ways
        plain = min(_run([sys.executable, "-m", "test", s] + seed, tmp)[0] for _ in range(repeat))
        best, size, events = None, 0, 0
        for _ in range(repeat):
            log = os.path.join(tmp, f"{s}.ndjson")
            t, p = _run([sys.executable, "-m", "bufspec_tracer", "-o", log, "-m", "test", s] + seed, tmp)
            if p.returncode not in (0, 2):
                print(p.stdout[-2000:], p.stderr[-2000:])
            if best is None or t < best:
                best, size = t, os.path.getsize(log)
                with open(log, "rb") as f:
                    f.seek(max(0, size - 300))
                    tail = f.read().decode(errors="replace")
                events = tail.rsplit('"events":', 1)[-1].split(",", 1)[0] if '"events":' in tail else "?"
            os.unlink(log)
        null = min(_run([sys.executable, "-m", "bufspec_tracer", "-o", os.devnull, "-m", "test", s]
                        + seed, tmp)[0] for _ in range(repeat))
        print(f"{s:<18}{plain:>10.2f}{best:>10.2f}{best / plain:>8.2f}{size / 1e6:>10.1f}{events:>12}"
              f"{null:>16.2f}{null / plain:>8.2f}")


def micro(pairs, repeat, tmp):
    print(f"\n{'pair':<34}{'plain ns':>10}{'traced ns':>11}{'overhead ns':>13}")
    kinds = ["memoryview"]
    try:
        subprocess.run([sys.executable, "-c", "import bufspec_broken"], env=_env(), check=True,
                       capture_output=True)
        kinds.append("c")
    except subprocess.CalledProcessError:
        pass
    for kind in kinds:
        script = os.path.join(tmp, "micro.py")
        with open(script, "w") as f:
            f.write(MICRO)
        plain = min(float(_run([sys.executable, script, str(pairs), kind], tmp)[1].stdout)
                    for _ in range(repeat))
        traced = []
        for _ in range(repeat):
            log = os.path.join(tmp, "micro.ndjson")
            p = _run([sys.executable, "-m", "bufspec_tracer", "-o", log, script, str(pairs), kind], tmp)[1]
            traced.append(float(p.stdout))
            os.unlink(log)
        t = min(traced)
        label = ("memoryview(b) + release()" if kind == "memoryview"
                 else "PyObject_GetBuffer+Release (C)")
        print(f"{label:<34}{plain:>10.1f}{t:>11.1f}{t - plain:>13.1f}")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m bufspec_tracer.bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suites", nargs="*", default=["test_buffer", "test_memoryview"])
    ap.add_argument("--no-suites", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ns = ap.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, best of {ns.repeat}")
    with tempfile.TemporaryDirectory(prefix="bufspec-bench-") as tmp:
        if not ns.no_suites:
            suites(ns.suites, ns.repeat, tmp)
        micro(ns.pairs, ns.repeat, tmp)


if __name__ == "__main__":
    main()
