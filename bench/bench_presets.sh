#!/usr/bin/env bash
# Every shipped preset as a new user runs it, timed with hyperfine: `estimate PRESET` (its
# default 10,000 draws when it has uncertain inputs) and `sensitivity PRESET`, then `risk` on
# the 71-industry preset with drawn inputs (50,000 years at 2 outages a year: about 100,000
# outages) from the [risk] table below. Each beside a baseline binary when one is given.
# Usage: bench/bench_presets.sh BINARY [BASELINE_BINARY] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
binary=$(realpath "$1")
baseline=${2:+$(realpath "$2")}
runs=${3:-5}
export OUTAGE_IMPACT_DATA=${OUTAGE_IMPACT_DATA:-$here/../data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"

time_it() {  # ARGUMENTS...: the binary, and the baseline when given
  local commands=("$binary $*")
  [ -n "$baseline" ] && commands+=("$baseline $*")
  hyperfine --runs "$runs" --warmup 1 --output=null --style basic "${commands[@]}" 2>&1 |
    grep -E "Time \(mean|^Benchmark"
}

for preset in $("$binary" presets | grep -v '^ ' | awk '{print $1}'); do
  time_it estimate "$preset" -q
  time_it sensitivity "$preset" -q
done
cat >"$work/risk.toml" <<'TOML'
[risk]
rate = 2
duration = { lognormal = ["2h", "12h"] }
severity = { pert = [0.3, 0.6, 0.9] }
TOML
time_it risk aws-us-east-1-2021-12-07 --risk "$work/risk.toml" --years 50000 -q
