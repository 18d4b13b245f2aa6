#!/bin/sh
# install.sh: install what pincheck needs, build it, install it.
# Idempotent: installs only missing Debian packages (when run as root), then
# `make` and `make install` (PREFIX defaults to /usr/local; DESTDIR honoured).
set -e
cd "$(dirname "$0")"
PREFIX=${PREFIX:-/usr/local}

# Build: compiler, pkg-config and the libraries (zlib: loose.c; libarchive:
# inspect_ai's .eval logs, zip members deflated or zstd, evalfmt.c). Tests: cmocka,
# the git binary, valgrind, GNU time, pre-commit (the framework that runs
# .pre-commit-hooks.yaml, tests/e2e/t0024). Fuzzing (make fuzz, run by CI): clang
# and its runtime libraries, whose libclang-rt-14-dev holds libFuzzer. The
# manual pages: mandoc, whose `mandoc -T lint` checks them (tests/e2e/t0030).
# CycloneDX BOMs: python3-jsonschema validates them against the official schema
# (tests/cyclonedx-validate.py, tests/e2e/t0040).
# `install.sh --no-test-deps` installs only what building needs (the GitHub
# Action, action.yml, does).
pkgs="build-essential pkg-config libgit2-dev libpcre2-dev libyaml-dev zlib1g-dev libarchive-dev"
case ${1:-} in
--no-test-deps) ;;
"") pkgs="$pkgs libcmocka-dev git valgrind time pre-commit clang libclang-rt-14-dev mandoc python3-jsonschema" ;;
*) echo "usage: install.sh [--no-test-deps]" >&2; exit 2 ;;
esac
missing=
if command -v dpkg-query >/dev/null 2>&1; then
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
	done
fi
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "install.sh: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 ||
			{ apt-get update >/dev/null && apt-get install -y --no-install-recommends $missing; }
	else
		echo "install.sh: missing Debian packages:$missing (run as root or install them)" >&2
		exit 1
	fi
fi

make -j"$(nproc 2>/dev/null || echo 2)"
if [ -w "$PREFIX" ] || [ -n "$DESTDIR" ] || [ ! -e "$PREFIX" ]; then
	make install PREFIX="$PREFIX"
else
	echo "install.sh: $PREFIX is not writable; run as root or set PREFIX" >&2
	exit 1
fi
echo "install.sh: installed $DESTDIR$PREFIX/bin/pincheck"
