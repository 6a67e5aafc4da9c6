"""Totals of a src/scripts/coverage.sh table: per group of logs and per reason."""
import collections, sys
groups = collections.OrderedDict()
reasons = collections.Counter()
for line in open(sys.argv[1]):
    f, total, matched, ms, rs = (line.rstrip("\n").split("\t") + [""])[:5]
    g = f.split("/")[2] if f.count("/") >= 3 else f.split("/")[1] + " (3.11)"
    if "real-service" in f: g = "real-service"
    t = groups.setdefault(g, [0, 0, 0])
    t[0] += int(total); t[1] += int(matched); t[2] += int(ms)
    for r in filter(None, rs.split(";")):
        k, _, v = r.rpartition("=")
        reasons[k] += int(v) if v.isdigit() else 0
T = [sum(x[0] for x in groups.values()), sum(x[1] for x in groups.values()), sum(x[2] for x in groups.values())]
for g, (n, m, ms) in list(groups.items()) + [("all", T)]:
    print(f"{g:24} {m:>8,} of {n:>8,} events  {100.0*m/max(n,1):5.1f} %   {ms/1000:7.1f} s")
for k, v in reasons.most_common():
    print(f"  {v:>8,}  {k}")
