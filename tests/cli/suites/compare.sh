# compare (docs/risk.md, "Comparisons"): compare A A is exactly 0 in every measure, a variant that
# doubles one segment's revenue moves that segment only, the long-form CSV, and errors.

covers="$data/covers.toml"

TEST "compare A A: every difference exactly 0, central, drawn and yearly"
expect 0 "" compare "$covers" "$covers" --samples 2000 --format csv
check "CSV header" test "$(head -1 "$work/out")" = "segment,measure,return_period,a,b,difference"
check "every difference is 0" awk -F, 'NR > 1 && $6 != 0 { exit 1 }' "$work/out"
check "net_loss and four statistics per segment and total" test "$(($(wc -l <"$work/out") - 1))" -eq 15
expect 0 "" compare "$covers" "$covers" --risk --years 300 --return-periods 10,100 --format csv
check "AAL, AEP and OEP: every difference is 0" awk -F, 'NR > 1 && $6 != 0 { exit 1 }' "$work/out"
check "AEP rows carry their return period" grep -q '^total,AEP,100,' "$work/out"

TEST "a variant doubling one segment's revenue moves that segment only, draw by draw"
expect 0 "" compare "$covers" --variant 'segment.shop.revenue={ per_hour = 2000 }' --samples 3000 --format csv
check "the courier does not move" awk -F, '$1 == "courier" && $6 != 0 { exit 1 }' "$work/out"
# Each statistic of the draw-by-draw differences equals the shop's own statistic (b - a = a).
check "the shop moves by its own loss" awk -F, '$1 == "shop" { d = $6 - $4; if (d < 0) d = -d; if (d > 1e-9 * $4) exit 1 }' "$work/out"

TEST "a mitigation: faster recovery saves money, and the table says how much"
expect 0 "B - A" compare "$covers" --variant segment.shop.recovery=30m --samples 1000
check "a negative total difference" awk '$1 == "Total" { exit !(index($4, "-") == 1) }' "$work/out"
expect 0 "" compare "$covers" --variant segment.shop.recovery=30m --samples 0 --format json
check "JSON rows" grep -q '"measure": "net_loss"' "$work/out"
expect 0 "" compare "$covers" --variant segment.shop.recovery=30m --samples 0 --format markdown
check "Markdown table" grep -q '^| Segment' "$work/out"

TEST "one paired draw has no standard error: null in JSON, '-' in the table"
expect 0 "" compare "$covers" --variant segment.shop.recovery=30m --samples 1 --format json
check "no 0 standard error" bash -c '! grep -q "\"difference_stderr\": 0" "$1"' _ "$work/out"
one_draw_nulls=$(grep -c '"difference_stderr": null' "$work/out")
expect 0 "" compare "$covers" --variant segment.shop.recovery=30m --samples 2 --format json
# (p5, p50 and p95 rows never have one; the mean rows have one from two draws on.)
check "the mean rows' standard errors are null for one draw only" \
  test "$one_draw_nulls" -gt "$(grep -c '"difference_stderr": null' "$work/out")"
expect 0 "" compare "$covers" --variant segment.shop.recovery=30m --samples 1
check "a dash in the std. error column" awk '$1 == "Total" { found = ($5 == "-") } END { exit !found }' "$work/out"

TEST "errors: nothing to compare, different segments, bad options"
expect 2 "nothing to compare" compare "$covers"
sed 's/"courier"/"carrier"/' "$covers" >"$work/other.toml"
expect 1 "only in A (covers): 'courier'; only in B (covers): 'carrier'" compare "$covers" "$work/other.toml" --samples 0
expect 2 "--years" compare "$covers" --variant outage.duration=2h --years 10
expect 2 "--samples" compare "$covers" --variant outage.duration=2h --samples auto
expect 2 "" compare "$covers" --variant outage.duration=2h --samples 0 -o "$work/x.csv" --format nope
check "no output file" test ! -e "$work/x.csv"

TEST "compare --risk refuses the outage options each simulated outage brings itself"
for option in "--duration 6h" "--start 2024-03-05T15:00:00Z" "--severity 0.5"; do
  # shellcheck disable=SC2086
  expect 2 "${option%% *}: compare --risk takes each outage's duration" compare "$covers" --variant segment.shop.recovery=30m --risk --years 10 $option
done
