#!/usr/bin/env bash
# Times `risk` on the default preset (100,000 years at 12 outages a year, about 1.2 million
# outages) with --central and with the preset's ranges drawn per outage, and `batch` over
# 1.2 million incidents side by side. Usage: bench/bench_risk.sh [BINARY] (a Release build).
set -eu
binary=${1:-./build/outage-impact}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
risk="$(dirname "$0")/../examples/risk.toml"  # rate 12, lognormal durations, PERT severities
run() {
  local label=$1
  shift
  /usr/bin/time -f "$label: %e s wall, %U s user, %M KB peak" "$binary" "$@" >/dev/null
}
echo "threads: ${THREADS:-all cores}; $(nproc) cores"
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
run "risk --central, 100,000 years" risk --risk "$risk" --years 100000 --central -q "${threads[@]}"
run "risk drawn per outage, 100,000 years" risk --risk "$risk" --years 100000 -q "${threads[@]}"
run "risk --central with --elt, 100,000 years" risk --risk "$risk" --years 100000 --central -q \
  --elt "$work/elt.csv" "${threads[@]}"
python3 "$(dirname "$0")/make_incidents.py" 1200000 >"$work/incidents.csv"
run "batch, 1,200,000 incidents" batch "$work/incidents.csv"
