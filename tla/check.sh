#!/usr/bin/env bash
# Runs configurations with real TLC and compares each with its `\* bufspec-expect:` line,
# without the Java build (the Java `bufspec check` is the real tool; this is the model's
# own quick self-check). Usage: tla/check.sh [CFG...]   (default: every small-tier cfg)
# Prints one line per cfg: outcome, distinct states, trace length, seconds. Exit 1 on mismatch.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then set -- $(grep -l 'bufspec-tier: small' "$here"/*.cfg "$here"/bugs/*.cfg); fi
fail=0
for cfg in "$@"; do
  expect=$(sed -n 's/^\\\* bufspec-expect: *//p' "$cfg" | head -1)
  out=$(mktemp); start=$(date +%s)
  "$here/run.sh" "$cfg" -workers "${WORKERS:-1}" > "$out" 2>&1
  secs=$(( $(date +%s) - start ))
  prop=$(grep -oE 'Invariant \w+ is violated' "$out" | awk '{print $2}' | head -1)
  # TLC does not name the temporal property it refutes: the cfg's first PROPERTY is meant
  grep -q 'Temporal properties were violated' "$out" && \
    prop=$(awk '/^PROPERT/{f=1; next} f && NF {print $1; exit}' "$cfg")
  len=$(grep -cE '^State [0-9]+: <' "$out")
  distinct=$(grep -oE '[0-9]+ distinct states found' "$out" | tail -1 | awk '{print $1}')
  if grep -q 'No error has been found' "$out"; then got="pass"; elif [ -n "$prop" ]; then got="violation $prop length $len"; else got="error: $(grep -m1 -E 'Error|error' "$out")"; fi
  if [ "$got" = "$expect" ]; then verdict=OK; else verdict=MISMATCH; fail=1; fi
  printf '%-8s %-40s %-58s distinct=%-8s %ss\n' "$verdict" "$(basename "$cfg")" "$got" "$distinct" "$secs"
  [ $verdict = OK ] || echo "         expected: $expect   (TLC output kept in $out)"
  [ $verdict = OK ] && rm -f "$out"
done
exit $fail
