#!/bin/sh
# Times what a user runs: `outage-impact estimate --samples 1000000` on the default preset, as
# shipped (duration, recovery times and link shares drawn: the closed-form nonlinear path) and
# with those fixed (the linear path), beside bench/numpy_monte_carlo.py (the same linear model
# vectorised with numpy), in one hyperfine run so that the ratios share the machine's load.
#
# Usage: bench/cli_monte_carlo.sh [BINARY] [DRAWS] [RUNS]
#   BINARY defaults to build/outage-impact (a Release build); results go to stdout and to
#   bench/results/cli_monte_carlo.{md,json}.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-$here/../build/outage-impact}
draws=${2:-1000000}
runs=${3:-10}
# The structure numpy_monte_carlo.py fixes: duration 1h55m (the preset's mode), every recovery
# time 1h, every link share 0.3.
fixed="--duration 1h55m"
for id in meta_ads instagram_ads advertisers social_sellers_americas social_sellers_asia \
  social_sellers_europe_other delivery_payments users_surplus; do
  fixed="$fixed --set segment.$id.recovery=1h"
done
for seller in americas asia europe_other; do
  fixed="$fixed --set link.delivery_payments.social_sellers_$seller=0.3"
done
mkdir -p "$here/results"
# The env notes: OpenBLAS tuning variables change numpy's speed; unset for both sides.
exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE hyperfine --warmup 1 --runs "$runs" \
  --export-markdown "$here/results/cli_monte_carlo.md" \
  --export-json "$here/results/cli_monte_carlo.json" \
  -n "cli nonlinear (preset as shipped)" \
  "$binary estimate --samples $draws --threads 2 -q" \
  -n "cli linear (structure fixed)" \
  "$binary estimate --samples $draws --threads 2 -q $fixed" \
  -n "numpy linear (structure fixed)" \
  "/usr/bin/python3 $here/numpy_monte_carlo.py $draws 1"
