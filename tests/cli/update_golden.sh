#!/usr/bin/env bash
# Regenerates the golden outputs from the current binary. Review the diff before committing:
# a changed number must be explained by a changed model or preset.
set -eu
binary=${1:-build/outage-impact}
here=$(cd "$(dirname "$0")/.." && pwd)
for format in csv json markdown; do
  NO_COLOR=1 "$binary" estimate --format "$format" >"$here/golden/meta-2024-03-05.$format"
done
for preset in meta-2021-10-04 crowdstrike-2024-07-19 aws-us-east-1-2021-12-07 internet-shutdown-country \
              aws-us-east-1-2025-10-20 rogers-2022-07-08; do
  "$binary" estimate "$preset" --format csv >"$here/golden/$preset.csv"
done
"$binary" estimate "$here/data/small_chart.toml" --chart "$here/golden/small-chart.svg" --force -q >/dev/null
"$binary" estimate "$here/data/covers.toml" --samples 0 --format csv >"$here/golden/covers.csv"
printf 'id,duration,start,severity\nshort,2h,2024-03-05T15:00:00Z,1\nlong,12h,2024-03-09T02:00:00Z,0.6\nedge,8h,,\n' |
  "$binary" batch - --scenario "$here/data/covers.toml" >"$here/golden/covers-batch.csv"
