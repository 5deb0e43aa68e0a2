# `risk`: reproducibility across threads, ELT outages priced as `estimate` prices them, ORD
# files with OasisLMF's headers and the measures' values, and one-line errors with nothing
# written.

write_risk_toml() {
  cat >"$work/risk.toml" <<'TOML'
[risk]
rate = 12
duration = { lognormal = ["10m", "6h"] }
severity = { pert = [0.2, 0.6, 1.0] }
TOML
}

write_history() {
  printf 'id,duration,start,severity\na,2h,2024-03-05T15:00:00Z,0.9\nb,45m,,\nc,6h,2024-06-01T02:00:00Z,0.3\n' >"$work/history.csv"
}

TEST "byte-identical for any thread count: table output, YLT and ELT"
write_risk_toml
# Byte-identical for any thread count: table output, YLT and ELT.
for threads in 1 2 8; do
  "$binary" risk --risk "$work/risk.toml" --years 3000 --threads "$threads" --format csv \
    --ylt "$work/ylt$threads.csv" --elt "$work/elt$threads.csv" >"$work/out$threads.csv" 2>/dev/null ||
    fail "risk --threads $threads failed"
done
for threads in 2 8; do
  for kind in out ylt elt; do
    if cmp -s "$work/${kind}1.csv" "$work/${kind}$threads.csv"; then pass; else fail "$kind differs with --threads $threads"; fi
  done
done
if [ "$(head -1 "$work/elt1.csv")" = "year,event,start_hour_of_week,duration_hours,severity,segment,net_loss" ]; then pass; else fail "ELT header"; fi
if [ "$(head -1 "$work/ylt1.csv")" = "year,events,segment,net_loss" ]; then pass; else fail "YLT header"; fi
# Every year appears in the YLT (each segment of the default preset, then total).
rows_per_year=$("$binary" estimate --samples 0 --format csv | tail -n +2 | grep -v "^welfare_total," | wc -l)
if [ "$(($(wc -l <"$work/ylt1.csv") - 1))" -eq $((3000 * rows_per_year)) ]; then pass; else fail "YLT rows"; fi

TEST "an ELT outage costs what estimate --samples 0 says"
write_risk_toml
# An ELT outage (central values) costs exactly what `estimate --samples 0` says.
"$binary" risk --risk "$work/risk.toml" --years 40 --central --elt "$work/elt_central.csv" -q >/dev/null ||
  fail "risk --central --elt failed"
grep ',total,' "$work/elt_central.csv" | awk 'NR % 37 == 1' | head -8 >"$work/rows"
[ -s "$work/rows" ] || fail "no ELT rows to check"
while IFS=, read -r year event hour duration severity segment loss; do
  seconds=$(awk -v h="$hour" 'BEGIN { printf "%.6f", 1704067200 + h * 3600 }')
  start=$(date -u -d "@$seconds" +%Y-%m-%dT%H:%M:%S.%6NZ)
  expected=$("$binary" estimate --samples 0 --duration "$duration" --start "$start" \
    --severity "$severity" --format csv | awk -F, '$1 == "total" { print $4 }')
  if awk -v a="$loss" -v b="$expected" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-6 * b) }'; then
    pass
  else
    fail "ELT year $year outage $event: risk $loss, estimate $expected"
  fi
done <"$work/rows"

TEST "ORD files: headers and values"
write_risk_toml
# ORD: OasisLMF's headers, and EPT values equal to the measures.
"$binary" risk --risk "$work/risk.toml" --years 2000 --ord "$work/ord" --format csv -q >"$work/measures.csv" ||
  fail "risk --ord failed"
check_header() {
  if [ "$(head -1 "$work/ord/$1")" = "$2" ]; then pass; else fail "$1 header: $(head -1 "$work/ord/$1")"; fi
}
total_id=$(awk -F, '$2 == "total" { print $1 }' "$work/ord/gul_S1_summary-info.csv")
check_header gul_S1_ept.csv "SummaryId,EPCalc,EPType,ReturnPeriod,Loss"
check_header gul_S1_palt.csv "SummaryId,SampleType,MeanLoss,SDLoss"
check_header gul_S1_splt.csv "Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss,ImpactedExposure"
check_header gul_S1_summary-info.csv "SummaryId,segment,name"
for pair in "1:OEP" "2:OEP_TVAR" "3:AEP" "4:AEP_TVAR"; do
  type=${pair%%:*}
  measure=${pair#*:}
  ept=$(awk -F, -v t="$type" -v id="$total_id" '$1 == id && $2 == 2 && $3 == t && $4 == 100 { print $5 }' "$work/ord/gul_S1_ept.csv")
  csv=$(awk -F, -v m="$measure" '$1 == "total" && $3 == m && $4 == 100 { print $5 }' "$work/measures.csv")
  if [ -n "$ept" ] && [ "$ept" = "$csv" ]; then pass; else fail "EPT $measure at 100: '$ept' vs '$csv'"; fi
done
alt=$(awk -F, -v id="$total_id" '$1 == id { print $3 }' "$work/ord/gul_S1_palt.csv")
aal=$(awk -F, '$1 == "total" && $3 == "AAL" { print $5 }' "$work/measures.csv")
if [ "$alt" = "$aal" ]; then pass; else fail "ALT MeanLoss $alt vs AAL $aal"; fi

TEST "a history: resampled rows, reproducible across threads"
# A history: resampled rows, reproducible across threads.
write_history
for threads in 1 2; do
  "$binary" risk --history "$work/history.csv" --history-period 2y --years 2000 --threads "$threads" \
    --format json -q >"$work/history$threads.json" || fail "risk --history failed"
done
if cmp -s "$work/history1.json" "$work/history2.json"; then pass; else fail "history differs across threads"; fi
# 3 rows in 2 years: 1.5 outages a year, within 4 standard errors (sqrt(1.5 / 2000) each).
rate=$(awk -F': ' '/"events_per_year"/ { sub(",", "", $2); print $2 }' "$work/history1.json")
if awk -v r="$rate" 'BEGIN { exit !(r > 1.5 - 0.11 && r < 1.5 + 0.11) }'; then pass; else fail "history rate $rate, expected 1.5"; fi

TEST "--years auto and the return-period note"
write_risk_toml
# --years auto says how many years it took.
expect 0 "--years auto" risk --risk "$work/risk.toml" --years auto --central --tolerance 0.02
# It says the standard error it reached, beside the target (at most the target).
check "--years auto names the error reached and the target" grep -Eq "standard error is [0-9.]+ % of it; target 2 %" "$work/out"
check "--years auto reached more than its target" awk 'match($0, /standard error is [0-9.]+ %/) { v = substr($0, RSTART + 18, RLENGTH - 20) + 0; exit !(v <= 2) }' "$work/out"
expect 0 "return period 1000 is longer than a tenth" risk --risk "$work/risk.toml" --years 5000

TEST "errors: one line, the location, nothing written"
write_risk_toml
write_history
# Errors: one line, the location, nothing written.
cat >"$work/phases.toml" <<'TOML'
[outage]
duration = "2h"
[[outage.phase]]
after = "1h"
severity = 0.5
[[segment]]
id = "shop"
revenue = 1000
dependency = 0.5
[risk]
rate = 2
duration = "1h"
TOML
expect 1 "phases.toml:4:9: risk: a scenario with [[outage.phase]]" risk "$work/phases.toml" -o "$work/no.csv"
printf '[risk]\nrate = -1\nduration = "1h"\n' >"$work/negative.toml"
expect 1 "negative.toml:2:8: risk.rate = -1 must be >= 0" risk --risk "$work/negative.toml" -o "$work/no.csv"
printf 'id,duration\n' >"$work/empty.csv"
expect 1 "the history has no incidents" risk --history "$work/empty.csv" --history-period 1y -o "$work/no.csv"
expect 2 "--history-period: cannot read 'soon'" risk --history "$work/history.csv" --history-period soon -o "$work/no.csv"
expect 2 "--return-periods: expected numbers of years of at least 1" risk --risk "$work/risk.toml" --return-periods 10,0 -o "$work/no.csv"
expect 2 "--return-periods: expected numbers of years of at least 1" risk --risk "$work/risk.toml" --return-periods abc
expect 2 "--years: expected a whole number of years" risk --risk "$work/risk.toml" --years 0 -o "$work/no.csv"
expect 1 "no outage process" risk meta-2024-03-05
expect 2 "--ord: needs a fixed --years" risk --risk "$work/risk.toml" --years auto --ord "$work/ord_auto"
expect 2 "" risk --risk "$work/risk.toml" --format markdown
if [ -e "$work/ord_auto" ]; then fail "an error created --ord's directory"; else pass; fi
if [ -e "$work/no.csv" ]; then fail "an error left --output behind"; else pass; fi

