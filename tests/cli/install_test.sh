#!/usr/bin/env bash
# Installs the build into a temporary prefix and runs the installed tool from another
# directory: presets and profiles must come from the installed data, the man page and the
# completion script must be in place.
# Usage: install_test.sh BUILD_DIR
set -u
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
failed=0
passed=0
check() { if eval "$2"; then passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi; }
cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
cd / || exit 1
unset OUTAGE_IMPACT_DATA
check "installed binary runs the default preset" "'$prefix/bin/outage-impact' estimate --format csv | grep -q '^total,'"
check "installed presets are listed" "'$prefix/bin/outage-impact' presets | grep -q 'crowdstrike-2024-07-19'"
check "installed profiles are found" "'$prefix/bin/outage-impact' check meta-2021-10-04 | grep -q 'social-global'"
check "man page installed" "[ -s '$prefix/share/man/man1/outage-impact.1' ]"
check "completion installed" "bash -n '$prefix/share/bash-completion/completions/outage-impact'"
check "installed examples run in risk" "'$prefix/bin/outage-impact' risk --risk '$prefix/share/outage-impact/examples/risk.toml' --years 200 -q --format csv | grep -q '^total,'"
# Without its data the installed tool says so instead of reading the source tree.
mv "$prefix/share/outage-impact" "$prefix/share/outage-impact.moved"
check "a broken install reports the missing preset" "! '$prefix/bin/outage-impact' estimate 2>&1 | grep -q '^total'"
echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
