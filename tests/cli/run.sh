#!/usr/bin/env bash
# Runs one end-to-end suite: tests/cli/suites/SUITE.sh with the helpers of lib.sh.
# Usage: run.sh SUITE BINARY [TESTS_DIR]; exit 0 passed, 1 failed, 77 skipped.
set -u
suite=$1
binary=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
tests_dir=$(cd "${3:-$(dirname "$0")/..}" && pwd)
data="$tests_dir/data"
golden="$tests_dir/golden"
root=$(cd "$tests_dir/.." && pwd)
# shellcheck source=lib.sh
. "$tests_dir/cli/lib.sh"
# shellcheck disable=SC1090
. "$tests_dir/cli/suites/$suite.sh"
finish_suite
