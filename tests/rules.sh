#!/bin/sh
# rules.sh: the tests embedded in every built-in rule file (`pincheck rules
# test`), one TAP line per test string, each run through the real matcher.
: "${PINCHECK:=$(cd "$(dirname "$0")/.." && pwd)/build/pincheck}"
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cd "$dir" && "$PINCHECK" rules test
