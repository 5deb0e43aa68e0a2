#!/usr/bin/env bash
# Renders the default preset's charts to docs/images/ (SVG, and PNG with rsvg-convert).
# Usage: tools/make_doc_images.sh [BINARY]
set -euo pipefail
binary=${1:-build/outage-impact}
out=$(cd "$(dirname "$0")/.." && pwd)/docs/images
mkdir -p "$out"
"$binary" estimate -q --chart "$out/timeline.svg" --force >/dev/null
"$binary" estimate -q --samples 100000 --chart "$out/uncertainty.svg" --force >/dev/null
"$binary" sensitivity -q --chart "$out/tornado.svg" --force >/dev/null
for chart in timeline uncertainty tornado; do
  rsvg-convert -w 800 "$out/$chart.svg" -o "$out/$chart.png"
done
ls -l "$out"
