#!/usr/bin/env bash
# Replays tests/data/fuzz-regressions/TARGET-* through the replay build of fuzz/fuzz_TARGET.cpp.
# Usage: fuzz_regressions.sh REPLAY_BINARY TARGET TESTS_DIR; exit 77 (skipped) without inputs.
set -u
replay=$1
target=$2
inputs=("$3"/data/fuzz-regressions/"$target"-*)
if [ ! -e "${inputs[0]}" ]; then
  echo "SKIP: no saved inputs tests/data/fuzz-regressions/$target-*"
  exit 77
fi
OUTAGE_IMPACT_DATA="$3/../data" exec "$replay" "${inputs[@]}"
