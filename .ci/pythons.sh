#!/usr/bin/env bash
# Makes the Debian chroots that hold the CPythons the tracer is tested on (idempotent: a chroot
# that is complete is left alone). Needs root and network to Debian's archive.
#   trixie: python3.13 (+ -dev, -venv, the test suite, numpy, pytest, pytest-xdist, gcc)
#   sid:    python3.14 and python3.15 (the same for each)
# A chroot that lacks a package of the lists below gets it added.
# Usage: .ci/pythons.sh [ROOT]   (ROOT defaults to $BUFSPEC_CHROOTS or /opt/bufspec/chroots)
set -euo pipefail
ROOT="${1:-${BUFSPEC_CHROOTS:-/opt/bufspec/chroots}}"
MIRROR="${BUFSPEC_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$ROOT"

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "== installing debootstrap (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq debootstrap >/dev/null
fi

# make_chroot NAME SUITE APT_OPTS PACKAGES...
make_chroot() {
  local name="$1" suite="$2" aptopts="$3"; shift 3
  local dir="$ROOT/$name"
  if [ -f "$dir/.bufspec-ready" ]; then
    local missing=()
    for pkg in "$@"; do
      chroot "$dir" dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
      echo "== chroot $name: present ($dir)"
      return
    fi
    echo "== chroot $name: adding ${missing[*]}"
    chroot "$dir" /usr/bin/env DEBIAN_FRONTEND=noninteractive bash -c \
      "apt-get $aptopts update -qq && apt-get $aptopts install -y -qq --no-install-recommends ${missing[*]}" \
      >>"$ROOT/$name.apt.log" 2>&1 || {
      echo "apt-get install in $name failed; see $ROOT/$name.apt.log" >&2; tail -20 "$ROOT/$name.apt.log" >&2; exit 1; }
    chroot "$dir" apt-get clean
    return
  fi
  local t0=$SECONDS
  echo "== chroot $name: debootstrap $suite into $dir"
  rm -rf "$dir"
  debootstrap --variant=minbase "$suite" "$dir" "$MIRROR" >"$ROOT/$name.debootstrap.log" 2>&1 || {
    echo "debootstrap $suite failed; see $ROOT/$name.debootstrap.log" >&2; tail -20 "$ROOT/$name.debootstrap.log" >&2; exit 1; }
  echo "== chroot $name: apt-get install $*"
  chroot "$dir" /usr/bin/env DEBIAN_FRONTEND=noninteractive bash -c \
    "apt-get $aptopts update -qq && apt-get $aptopts install -y -qq --no-install-recommends $*" \
    >"$ROOT/$name.apt.log" 2>&1 || {
    echo "apt-get install in $name failed; see $ROOT/$name.apt.log" >&2; tail -20 "$ROOT/$name.apt.log" >&2; exit 1; }
  chroot "$dir" apt-get clean
  date -u +%FT%TZ >"$dir/.bufspec-ready"
  echo "== chroot $name: ready in $((SECONDS - t0)) s"
}

make_chroot trixie trixie "" \
  python3.13 python3.13-dev python3.13-venv libpython3.13-testsuite python3-numpy python3-setuptools python3-pytest python3-pytest-xdist gcc libc6-dev
make_chroot sid sid "-o Acquire::Check-Valid-Until=false" \
  python3.14 python3.14-dev python3.14-venv libpython3.14-testsuite \
  python3.15 python3.15-dev python3.15-venv libpython3.15-testsuite \
  python3-numpy python3-setuptools python3-pytest python3-pytest-xdist gcc libc6-dev
