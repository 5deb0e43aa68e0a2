# Hostile inputs found by the third round's sweep of covers, compare and risk: each case was a
# silently wrong number (inf or -nan with exit 0), a run that never ended, or raw control
# characters on the terminal. Each must now be a correct result or one error line.

covers="$data/covers.toml"

# A copy of covers.toml with one line replaced: variant OLD NEW OUT
variant() {
  sed "s|$1|$2|" "$covers" >"$3"
}

TEST "a cover's payout is allocated without overflow (payout x (X_i / X))"
variant 'revenue = { per_hour = 1000 }' 'revenue = { per_hour = 1e305 }' "$work/huge.toml"
expect 0 "" estimate "$work/huge.toml" --samples 0 --format csv
check "no inf or nan in the CSV" sh -c "! grep -qiE 'inf|nan' '$work/out'"
expect 0 "" estimate "$work/huge.toml" --samples 0 --format json
check "no null insured loss in the JSON" sh -c "! grep -q '\"insured_loss\": null' '$work/out'"

TEST "durations over 1,000,000 hours are refused where they are written"
variant 'duration = "10h"' 'duration = 1e300' "$work/long.toml"
expect 1 "outage.duration = 1e+300 hours: a duration must be at most 1000000 hours" check "$work/long.toml"
expect 1 "a duration must be at most" estimate "$work/long.toml" --samples 0
expect 2 "a duration must be at most" estimate "$covers" --samples 0 --set outage.duration=1e9
expect 2 "a duration must be at most" estimate "$covers" --samples 0 --set model.horizon=1e9
expect 2 "a duration must be at most" compare "$covers" --variant outage.duration=1e300 --samples 0
variant 'recovery = "2h"' 'recovery = 1e300' "$work/recovery.toml"
expect 1 "a duration must be at most" check "$work/recovery.toml"

TEST "an outage rate over one an hour is refused, by check and by risk"
variant 'rate = 6' 'rate = 1e308' "$work/rate.toml"
expect 1 "must be at most 8760 outages per year" check "$work/rate.toml"
expect 1 "must be at most 8760 outages per year" risk "$work/rate.toml" --years 1 -q
variant 'rate = 6' 'rate = { lognormal = [1e-10, 1e10] }' "$work/lograte.toml"
expect 1 "must be at most 8760 outages per year" risk "$work/lograte.toml" --years 1 -q
printf 'id,duration\na,2h\n' >"$work/history.csv"
expect 1 "outages a year, more than 8760" risk "$covers" --history "$work/history.csv" --history-period 1s --years 1 -q

TEST "risk and compare refuse losses that overflow, instead of printing inf"
variant 'revenue = { per_hour = 1000 }' 'revenue = { per_hour = 1e305 }' "$work/huge.toml"
expect 1 "the losses overflow a double" risk "$work/huge.toml" --years 100 -q --format csv
check "nothing on standard output" test ! -s "$work/out"
expect 1 "the losses overflow a double" compare "$covers" --variant segment.shop.revenue=1e308 --samples 0 --format csv
expect 1 "" risk "$work/huge.toml" --years 100 -q -o "$work/risk.csv" --elt "$work/elt.csv"
check "no output file after the error" test ! -e "$work/risk.csv"
check "no ELT after the error" test ! -e "$work/elt.csv"

TEST "risk's table shows control characters and bidi overrides escaped"
esc=$(printf '\033')
bel=$(printf '\007')
rlo=$(printf '\342\200\256')
# TOML strings carry them as \u escapes: a hyperlink (OSC 8), a BEL, a right-to-left override.
sed 's|^id = "shop"|id = "shop"\nname = "sh\\u001b]8;;http://x\\u0007op\\u202e"|; s|^name = "covers"|name = "co\\u001b[2Jvers"|' "$covers" >"$work/names.toml"
expect 0 "" risk "$work/names.toml" --years 50 -q
check "no ESC in the risk table" sh -c "! grep -q '$esc' '$work/out'"
check "no BEL in the risk table" sh -c "! grep -q '$bel' '$work/out'"
check "no U+202E in the risk table" sh -c "! grep -q '$rlo' '$work/out'"
check "the escapes are shown" grep -qF '\x1b' "$work/out"

TEST "risk refuses two of its outputs naming one file, before writing anything"
expect 2 "give each output its own file" risk "$covers" --years 100 -q -o "$work/o1.csv" --elt "$work/o1.csv"
check "no file written" test ! -e "$work/o1.csv"
expect 2 "give each output its own file" risk "$covers" --years 100 -q --force --ylt "$work/o3.csv" --elt "$work/./o3.csv"
check "no file written with --force either" test ! -e "$work/o3.csv"

TEST "risk's CSV, YLT, ELT and ORD neutralise text cells for spreadsheets"
sed 's|"shop"|"-shop"|g' "$covers" >"$work/dash.toml"
expect 0 "" risk "$work/dash.toml" --years 20 -q --format csv --ylt "$work/ylt.csv" --elt "$work/elt.csv" --ord "$work/ord"
check "the risk CSV quotes '-shop'" grep -q "^\"'-shop\",net,AAL," "$work/out"
check "the YLT quotes it" grep -q ",\"'-shop\"," "$work/ylt.csv"
check "the ELT quotes it" grep -q ",\"'-shop\"," "$work/elt.csv"
check "ORD's summary-info quotes it" grep -q "^1,\"'-shop\"," "$work/ord/gul_S1_summary-info.csv"
check "no bare -shop cell anywhere" sh -c "! grep -q '\(^\|,\)-shop' '$work/out' '$work/ylt.csv' '$work/elt.csv'"

TEST "a --risk file that cannot be read is bad input (exit 1), like a scenario file"
expect 1 "cannot read" risk "$covers" --risk "$work/no-such-risk.toml" --years 10 -q

TEST "risk refuses -o, --ylt or --elt naming a file of the --ord directory"
mkdir -p "$work/ordclash"
expect 2 "--elt: '$work/ordclash/gul_S1_splt.csv' is the --ord directory's file" risk "$covers" --years 20 -q --ord "$work/ordclash" --elt "$work/ordclash/gul_S1_splt.csv"
expect 2 "--ylt: " risk "$covers" --years 20 -q --force --ord "$work/ordclash" --ylt "$work/ordclash/../ordclash/il_S1_ept.csv"
expect 2 "--output: " risk "$covers" --years 20 -q --ord "$work/ordclash" -o "$work/ordclash/gul_S1_palt.csv"
check "nothing written into the --ord directory" test -z "$(ls -A "$work/ordclash")"

TEST "one draw has no standard error: --show-stderr refuses it, JSON says null"
expect 2 "--show-stderr: one draw has no standard error" estimate --samples 1 --show-stderr
expect 0 "" estimate --samples 1 --format json -q
if command -v python3 >/dev/null; then
  check "JSON stderr of one draw is null" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["total"]["stats"]["stderr"] is None' "$work/out"
fi
expect 0 "" estimate --samples 2 --format json -q
if command -v python3 >/dev/null; then
  check "JSON stderr of two draws is an object" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert set(d["total"]["stats"]["stderr"]) == {"mean","p5","p50","p95"}' "$work/out"
fi
expect 0 "" estimate --samples 1
check "no p5-p95 warning for one draw" sh -c "! grep -q 'p5-p95' '$work/err'"

TEST "compare names the risk-only option given without --risk"
expect 2 "--variant-risk: compares simulated years: it needs --risk" compare --variant-risk "$work/x.toml" --variant segment.meta_ads.revenue=1
check "the option is named once" bash -c '[ "$(grep -o -- "--variant-risk" err | wc -l)" -eq 1 ]'
expect 2 "--central: compares simulated years: it needs --risk" compare meta-2024-03-05 --central --variant segment.meta_ads.revenue=1
expect 2 "--central: " compare --central --variant segment.meta_ads.revenue=1
expect 2 "--years: " compare --years 100 --variant segment.meta_ads.revenue=1

TEST "batch: an unreadable log is the only line on stderr (no note before it)"
expect 1 "cannot read" batch "$work/no-such-log.csv"
check "stderr is one line" test "$(wc -l <"$work/err")" -eq 1
expect 0 "no --scenario: pricing with the default preset" batch "$data/incidents/pagerduty.csv" --from pagerduty

TEST "risk --csv-raw writes segment ids as given in its CSV, YLT, ELT and ORD summary info"
sed 's|"shop"|"-shop"|g' "$covers" >"$work/dash.toml"
expect 0 "" risk "$work/dash.toml" --years 20 -q --format csv --csv-raw --ylt "$work/ylt_raw.csv" --elt "$work/elt_raw.csv" --ord "$work/ord_raw"
check "the risk CSV has -shop bare" grep -q "^-shop,net,AAL," "$work/out"
check "the YLT has it bare" grep -q ",-shop," "$work/ylt_raw.csv"
check "the ELT has it bare" grep -q ",-shop," "$work/elt_raw.csv"
check "ORD's summary-info has it bare" grep -q "^1,-shop," "$work/ord_raw/gul_S1_summary-info.csv"

TEST "a return period below one year is refused at the option, by risk and compare --risk"
for period in 0.0001 0.5 1e-300 0 -2 nan inf; do
  expect 2 "--return-periods: expected numbers of years of at least 1" risk "$covers" --years 1000 --return-periods "$period" -q
  expect 2 "--return-periods: expected numbers of years of at least 1" compare "$covers" --variant outage.duration=3h --risk --years 1000 --return-periods "10,$period" -q
done
expect 0 "" risk "$covers" --years 1000 --return-periods 1,2.5 -q --format csv
check "a return period of 1 year is the smallest annual loss" grep -q '^total,net,AEP,1,' "$work/out"

TEST "one simulated year has no standard error or SD (none, not 0)"
expect 0 "" risk "$covers" --years 1 -q --format json
if command -v python3 >/dev/null; then
  check "risk JSON stderr and sd of one year are null" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=d["total"]["net"]; assert t["aal_stderr"] is None and t["sd"] is None, t' "$work/out"
fi
expect 0 "" risk "$covers" --years 1 -q --format csv
check "risk CSV AAL_STDERR of one year is empty" grep -q '^total,net,AAL_STDERR,,$' "$work/out"
expect 0 "" risk "$covers" --years 2 -q --format csv
check "risk CSV AAL_STDERR of two years is a number" grep -qE '^total,net,AAL_STDERR,,[0-9]' "$work/out"
expect 0 "" compare "$covers" --variant outage.duration=3h --risk --years 1 -q --format json
if command -v python3 >/dev/null; then
  check "compare --risk of one year: AAL difference has no stderr" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
rows=[r for r in d["rows"] if r["measure"]=="AAL"]
assert rows and all(r["difference_stderr"] is None for r in rows), rows' "$work/out"
fi
