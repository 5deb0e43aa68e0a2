#!/usr/bin/env bash
# Prints, as a Markdown table, the default preset's total net loss with its profiles at several
# start times, against flat profiles. Used for the table in docs/model.md.
# Usage: tools/profile_effect.sh [BINARY]
set -euo pipefail
binary=${1:-build/outage-impact}
flat=""
for id in meta_ads instagram_ads advertisers social_sellers_americas social_sellers_asia \
          social_sellers_europe_other delivery_payments users_surplus; do
  flat="$flat --set segment.$id.profile=flat"
done
total() { "$binary" estimate "$@" --format csv | awk -F, '$1 == "total" { print $4 }'; }
base=$(total $flat)
echo "| start (UTC) | when | total net loss | vs flat |"
echo "|---|---|---|---|"
echo "| any | flat profiles | $(printf '%.4g' "$base") | 1.00 |"
while IFS='|' read -r start label; do
  value=$(total --start "$start")
  echo "| $start | $label | $(printf '%.4g' "$value") | $(awk -v a="$value" -v b="$base" 'BEGIN { printf "%.2f", a / b }') |"
done <<'LIST'
2024-03-05T15:17:00Z|the real outage: Tuesday morning in the US, afternoon in Europe, evening in Jakarta
2024-03-05T01:00:00Z|Monday evening in the US, Tuesday morning in Jakarta
2024-03-05T12:00:00Z|07:00 US Eastern, 13:00 Central Europe, 19:00 Jakarta
2024-03-03T03:00:00Z|Sunday 03:00 UTC: night in Europe and the Americas
LIST
