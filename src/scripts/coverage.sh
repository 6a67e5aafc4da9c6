#!/bin/sh
# Coverage of the TLC engine's model layer, per log and per reason:
#   src/scripts/coverage.sh OUT.tsv [LOG...]   (default: every log under traces/corpus)
# Runs `validate --engine tlc --format json` on each log and writes one row per log:
#   file  events  matched  ms  reasons (reason=count;...)  exit code  violated properties
# then prints totals per group (corpus 3.11, cpython-3.13, -3.14, -3.15) and per reason.
set -e
out=$1; shift
[ $# -gt 0 ] || set -- $(find traces/corpus -name '*.ndjson*' | sort)
: > "$out"
for f in "$@"; do
  t0=$(date +%s%N)
  nice java -jar ${JAR:-target/bufspec.jar} validate --engine tlc --format json --root ${ROOT:-.} --no-progress "$f" > /tmp/cov-$$.json 2>/dev/null || true
  t1=$(date +%s%N)
  python3 - "$f" $(( (t1 - t0) / 1000000 )) /tmp/cov-$$.json >> "$out" <<'PY'
import json, re, sys
f, ms, path = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    doc = json.load(open(path))
    notes = " ".join(n for fr in doc["files"] for n in fr["notes"])
    verdict = f"{doc['exit_code']}\t" + ",".join(sorted(k for k, v in doc["verdicts"].items() if v == "violated"))
except Exception as e:
    print(f"{f}\t0\t0\t{ms}\tERROR={type(e).__name__}"); sys.exit()
m = re.search(r"([\d,]+) of ([\d,]+) events", notes)
if not m:
    print(f"{f}\t0\t0\t{ms}\tNOCOVERAGE"); sys.exit()
matched, total = (int(x.replace(",", "")) for x in m.groups())
reasons = []
r = re.search(r"per reason: (.*?), judged by the observation rules alone", notes)
if r:
    for part in r.group(1).split("; "):
        mm = re.match(r"(.*) ([\d,]+)$", part)
        if mm: reasons.append(f"{mm.group(1)}={mm.group(2).replace(',', '')}")
print(f"{f}\t{total}\t{matched}\t{ms}\t{';'.join(reasons)}\t{verdict}")
PY
done
rm -f /tmp/cov-$$.json
python3 src/scripts/coverage-sum.py "$out"
