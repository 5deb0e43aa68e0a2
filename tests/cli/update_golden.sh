#!/usr/bin/env bash
# Regenerates the golden outputs from the current binary. Review the diff before committing:
# a changed number must be explained by a changed model or preset.
set -eu
binary=${1:-build/outage-impact}
here=$(cd "$(dirname "$0")/.." && pwd)
for format in csv json markdown; do
  NO_COLOR=1 "$binary" estimate --format "$format" >"$here/golden/meta-2024-03-05.$format"
done
