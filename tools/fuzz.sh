#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS, starting
# from a seed corpus made of the test files. Crashes are written as crash-* files in the
# corpus directory and make this script fail: turn each into a regression test
# (tests/data/fuzz-regressions/TARGET-NAME, replayed by the fuzz_regressions_TARGET tests).
# Usage: tools/fuzz.sh [SECONDS] [BUILD_DIR]
# Environment: FUZZ_TARGETS="scenario csv" runs only those; FUZZ_RUNS=N runs N inputs per
# target instead of SECONDS (a campaign: one target at a time, one worker, at nice 19).
# FUZZ_TIMEOUT=S (default 10) is libFuzzer's per-input limit in wall-clock seconds: on a machine
# shared with builds, a starved fuzzer reports false timeouts, so campaigns there use 60.
# FUZZ_FLAGS="-entropic=0" adds libFuzzer flags (entropic scheduling spent 63 % of fuzz_scenario's
# time in its own bookkeeping once the corpus had 38,000 features).
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build-fuzz}
targets=${FUZZ_TARGETS:-scenario parsers csv incidents risk}
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DOUTAGE_IMPACT_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
[ -n "${FUZZ_NO_BUILD:-}" ] || nice -n 10 cmake --build "$build" -j1 >/dev/null
corpus="$build/corpus"
mkdir -p "$corpus/scenario" "$corpus/parsers" "$corpus/csv" "$corpus/incidents" "$corpus/risk"
cp "$root"/tests/data/*.toml "$root"/tests/data/bad/*.toml "$root"/data/presets/*.toml "$corpus/scenario/"
cp "$root"/tests/data/incidents/*.csv "$root"/tests/data/*.csv "$root"/data/profiles/social.csv "$corpus/csv/"
cp "$root"/tests/data/incidents/* "$corpus/incidents/"
cp "$root"/examples/risk.toml "$root"/tests/data/incidents/*.csv "$corpus/risk/"
i=0
for value in 2h 90m 1h30m 45s 1d PT2H30M P1DT2H 0.5 1e3 -2h nan 2024-03-05T15:00:00Z \
             2024-03-05T22:00:00+07:00 +05:30 Z 010 0x10 1,5; do
  printf '%s' "$value" >"$corpus/parsers/seed$i"
  i=$((i + 1))
done
for target in $targets; do
  for saved in "$root"/tests/data/fuzz-regressions/"$target"-*; do
    [ -e "$saved" ] && cp "$saved" "$corpus/$target/"
  done
done
if [ -n "${FUZZ_RUNS:-}" ]; then
  limit=(-runs="$FUZZ_RUNS")
else
  limit=(-max_total_time="$seconds")
fi
status=0
for target in $targets; do
  echo "== fuzz_$target ${FUZZ_RUNS:+for $FUZZ_RUNS inputs}${FUZZ_RUNS:-for ${seconds}s}"
  start=$(date +%s)
  (cd "$corpus/$target" &&
    OUTAGE_IMPACT_DATA="$root/data" nice -n 19 "$build/fuzz/fuzz_$target" "${limit[@]}" \
      -workers=1 -jobs=1 -max_len=16384 -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=4096 ${FUZZ_FLAGS:-} -print_final_stats=1 . 2>&1 |
      grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE|ERROR|SUMMARY|crash-" ) ||
    true
  echo "wall time: $(($(date +%s) - start)) s"
  failures=$(find "$corpus/$target" -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
  if [ -n "$failures" ]; then
    echo "fuzz_$target found failing inputs: $failures"
    status=1
  fi
done
exit $status
