#!/usr/bin/env bash
# What users run, timed with hyperfine: `batch` over a realistic
# log of the default preset, the 2,000-segment dynamic scenario with a weekly profile, and the
# 4,000-segment static scenario with 32,000 [[link]] tables (check and estimate), each beside a
# baseline binary when one is given, and numpy's linalg.solve of the same static system.
# Inputs are generated with fixed seeds by the scripts beside this one.
# Usage: bench/bench_cli.sh BINARY [BASELINE_BINARY] [RUNS]
# Environment: WORK (default a temporary directory, kept when given), ROWS (default 1000000).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
binary=$(realpath "$1")
baseline=${2:+$(realpath "$2")}
runs=${3:-5}
rows=${ROWS:-1000000}
if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
export OUTAGE_IMPACT_DATA=${OUTAGE_IMPACT_DATA:-$here/../data}
# numpy and OpenBLAS with their defaults on both sides (docs/performance.md).
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
cd "$work"
[ -s realistic.csv ] || python3 "$here/make_realistic_incidents.py" "$rows" >realistic.csv
[ -s dynamic2000.toml ] ||
  python3 "$here/make_large_scenario.py" 2000 8 dynamic ecommerce -o dynamic2000.toml
[ -s static4000.toml ] || python3 "$here/make_large_scenario.py" 4000 8 static flat -o static4000.toml
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg); rows: $rows"

compare() {  # NAME RUNS COMMAND-ARGUMENTS...: the binary, and the baseline when given
  local name=$1 count=$2
  shift 2
  local commands=("$binary $*")
  [ -n "$baseline" ] && commands+=("$baseline $*")
  hyperfine --runs "$count" --output=pipe --export-markdown "$work/$name.md" "${commands[@]}"
}
compare batch "$runs" batch realistic.csv -q
compare dynamic2000 "$runs" estimate dynamic2000.toml -q --format csv
compare check4000 "$runs" check static4000.toml
compare static4000 "$runs" estimate static4000.toml -q --format csv
/usr/bin/python3 "$here/numpy_scenario_solve.py" static4000.toml "$runs"
