#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS, starting
# from a seed corpus made of the test files. Crashes are written as crash-* files in the
# corpus directory and make this script fail: turn each into a regression test.
# Usage: tools/fuzz.sh [SECONDS] [BUILD_DIR]
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build-fuzz}
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DOUTAGE_IMPACT_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j2 >/dev/null
corpus="$build/corpus"
mkdir -p "$corpus/scenario" "$corpus/parsers" "$corpus/csv" "$corpus/incidents"
cp "$root"/tests/data/*.toml "$root"/tests/data/bad/*.toml "$root"/data/presets/*.toml "$corpus/scenario/"
cp "$root"/tests/data/incidents/*.csv "$root"/tests/data/*.csv "$root"/data/profiles/social.csv "$corpus/csv/"
cp "$root"/tests/data/incidents/* "$corpus/incidents/"
i=0
for value in 2h 90m 1h30m 45s 1d PT2H30M P1DT2H 0.5 1e3 -2h nan 2024-03-05T15:00:00Z \
             2024-03-05T22:00:00+07:00 +05:30 Z 010 0x10 1,5; do
  printf '%s' "$value" >"$corpus/parsers/seed$i"
  i=$((i + 1))
done
status=0
for target in scenario parsers csv incidents; do
  echo "== fuzz_$target for ${seconds}s"
  (cd "$corpus/$target" &&
    OUTAGE_IMPACT_DATA="$root/data" "$build/fuzz/fuzz_$target" -max_total_time="$seconds" \
      -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 . 2>&1 |
      grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE|ERROR|SUMMARY|crash-" ) ||
    true
  failures=$(find "$corpus/$target" -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
  if [ -n "$failures" ]; then
    echo "fuzz_$target found failing inputs: $failures"
    status=1
  fi
done
exit $status
