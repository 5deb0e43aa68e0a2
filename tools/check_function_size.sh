#!/usr/bin/env bash
# Fails when a function in src/ is over 60 lines or 120 statements (clang-tidy's
# readability-function-size with the thresholds of .clang-tidy): split it along its seams.
# Usage: tools/check_function_size.sh BUILD_DIRECTORY (configured: compile_commands.json)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "$1")
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [ -z "$tidy" ]; then
  echo "check_function_size: clang-tidy not found (apt-get install clang-tidy)" >&2
  exit 1
fi
cd "$root"
report=$(find src -name '*.cpp' -print0 |
  xargs -0 -P "$(nproc)" -n 8 "$tidy" -p "$build" --quiet \
    --checks='-*,readability-function-size' --warnings-as-errors='' 2>/dev/null |
  grep -E '(warning|error):' || true)
if [ -n "$report" ]; then
  echo "$report"
  echo "check_function_size: $(echo "$report" | wc -l) functions over the size rule" >&2
  exit 1
fi
echo "check_function_size: every function in src/ is within the size rule"
