# Hardening, third round: options that were given but not acted on, keys that silently
# last-won, severities priced silently, incidents that aborted a run. Each must be a refusal
# naming the option (exit 2), a record left out and counted, or the right number.

covers="$data/covers.toml"

TEST "a repeated --variant or --set key is refused, naming the option"
expect 2 "--variant: 'outage.duration' is given twice" compare --variant outage.duration=3h --variant outage.duration=4h --samples 0
expect 2 "--set: 'outage.duration' is given twice" estimate --set outage.duration=3h --set outage.duration=4h --samples 0
expect 2 "--variant: expected KEY=VALUE" compare --variant outage.duration --samples 0
expect 0 "--variant outage.duration=3h" compare --set outage.duration=2h --variant outage.duration=3h --samples 0
expect 2 "--variant: 'outage.duration' is given twice" compare "$covers" --variant outage.duration=3h --variant outage.duration=4h --risk --years 10 -q

TEST "--tolerance without --years auto is refused"
expect 2 "--tolerance: needs --years auto" risk "$covers" --tolerance 0.05 --years 100 -q
expect 0 "" risk "$covers" --tolerance 0.2 --years auto -q --format csv

TEST "--severity-map keys that differ only in case are refused"
expect 2 "--severity-map: 'High' is given twice" batch "$data/incidents/pagerduty.csv" --from pagerduty --severity-map high=1,High=0.5 --scenario "$covers"

TEST "--severity-map with no severity column to read is refused"
printf 'id,duration,Severity\na,2h,high\n' >"$work/title.csv"
expect 2 "--severity-map: the log has no severity column (looked for 'severity'" batch "$work/title.csv" --severity-map high=1 --scenario "$covers"
printf 'id,start,end,level\na,2024-03-05T10:00:00Z,2024-03-05T12:00:00Z,high\n' >"$work/mapped.csv"
expect 2 "--severity-map: the log has no severity column (looked for 'severity'" batch "$work/mapped.csv" --columns id=id,start=start,end=end --severity-map high=1 --scenario "$covers"
expect 0 "" batch "$work/mapped.csv" --columns id=id,start=start,end=end,severity=level --severity-map high=0.5 --scenario "$covers"

TEST "an empty severity cell under a --severity-map is left out and counted, not priced at 1"
printf 'id,start,end,level\na,2024-03-05T10:00:00Z,2024-03-05T12:00:00Z,high\nb,2024-03-06T10:00:00Z,2024-03-06T12:00:00Z,\n' >"$work/blank.csv"
expect 0 "1 incident with an empty severity cell" batch "$work/blank.csv" --columns id=id,start=start,end=end,severity=level --severity-map high=0.5 --scenario "$covers"
check "the blank-severity incident was priced" sh -c "! grep -q '^b,' '$work/out'"

TEST "a retrospective incident (resolved when created) is left out and counted, not fatal"
printf 'id,start,end\nok,2024-03-05T10:00:00Z,2024-03-05T12:00:00Z\nretro,2024-03-05T10:00:00Z,2024-03-05T10:00:00Z\n' >"$work/retro.csv"
expect 0 "retrospective records" batch "$work/retro.csv" --columns id=id,start=start,end=end --scenario "$covers"
check "the retrospective incident was priced" sh -c "! grep -q '^retro,' '$work/out' && grep -q '^ok,' '$work/out'"

TEST "an incident whose end minus start passes the duration cap is refused on its row"
printf 'id,start,end\nlong,1970-01-02T00:00:00Z,2100-01-01T00:00:00Z\n' >"$work/long.csv"
expect 1 "a duration must be at most 1000000 hours" batch "$work/long.csv" --columns id=id,start=start,end=end --scenario "$covers"
# The same from a Statuspage export (created 1970, resolved 2100).
printf '[{"id":"long","created_at":"1970-01-02T00:00:00Z","resolved_at":"2100-01-01T00:00:00Z","impact":"major"}]' >"$work/long.json"
expect 1 "incident 'long': lasted 1139544 hours" batch "$work/long.json" --from statuspage --scenario "$covers"

TEST "drawn rates and durations stay inside the documented caps"
sed 's|^rate = 6|rate = { lognormal = [1, 8000] }|; s|^duration = { lognormal = \["30m", "12h"\] }|duration = { lognormal = ["1h", "900000h"] }|' "$covers" >"$work/capped.toml"
expect 0 "" risk "$work/capped.toml" --years 300 -q --format json --ylt "$work/ylt.csv"
if command -v python3 >/dev/null; then
  check "a simulated year has more outages than the cap of 8760 a year allows on average" python3 -c '
import csv,sys
rows=list(csv.DictReader(open(sys.argv[1])))
# A Poisson count of mean 8760 stays below 9200 (5 standard deviations) in 300 years.
assert max(int(r["events"]) for r in rows) < 9200, max(int(r["events"]) for r in rows)' "$work/ylt.csv"
fi
expect 0 "" estimate "$covers" --set 'outage.duration={ lognormal = ["1h", "900000h"] }' --samples 3000 --draws "$work/draws.csv" -q
if command -v python3 >/dev/null; then
  check "a drawn duration passes 1,000,000 hours" python3 -c '
import csv,sys
rows=list(csv.DictReader(open(sys.argv[1])))
assert max(float(r["outage.duration"]) for r in rows) <= 1e6' "$work/draws.csv"
fi
# risk's own drawn durations, outage by outage (a lognormal whose tail passes the cap).
sed 's|^rate = 6|rate = 5|; s|^duration = { lognormal = \["30m", "12h"\] }|duration = { lognormal = ["1h", "900000h"] }|' "$covers" >"$work/capped_durations.toml"
expect 0 "" risk "$work/capped_durations.toml" --years 2000 -q --elt "$work/elt.csv"
check "a simulated outage lasts more than 1,000,000 hours" awk -F, 'NR > 1 && ($4 <= 0 || $4 > 1e6) { exit 1 }' "$work/elt.csv"
check "no outage near the cap was drawn (the test tests nothing)" awk -F, 'NR > 1 && $4 > 1e5 { found = 1 } END { exit !found }' "$work/elt.csv"

TEST "check shows a scenario name with control characters escaped, on its own line"
printf '[scenario]\nname = "evil\\u001b[2J\\nforged: row"\n[outage]\nduration = "2h"\n[[segment]]\nid = "shop"\nrevenue = 100\ndependency = 0.5\n' >"$work/esc.toml"
expect 0 'evil\x1b[2J\x0aforged: row' check "$work/esc.toml"
check "check wrote a raw escape or forged a line" sh -c "! grep -q \"\$(printf '\\033')\" '$work/out' && ! grep -q '^forged' '$work/out'"

TEST "compare refuses a segment that is market in one scenario and welfare in the other"
printf '[outage]\nduration = "2h"\n[[segment]]\nid = "shop"\nrevenue = 100\ndependency = 0.5\n[[segment]]\nid = "users"\nrevenue = 50\ndependency = 0.5\n' >"$work/kinds.toml"
expect 1 "segment 'users' is market in A" compare "$work/kinds.toml" --variant segment.users.kind=welfare --samples 0

TEST "ORD codes say what was computed: mean damage with --central, full uncertainty otherwise"
expect 0 "" risk "$covers" --years 100 --central --ord "$work/central" -q
check "--central EPT is not EPCalc 1" sh -c "tail -n +2 '$work/central/gul_S1_ept.csv' | cut -d, -f2 | sort -u | grep -qx 1 && ! tail -n +2 '$work/central/gul_S1_ept.csv' | cut -d, -f2 | grep -qvx 1"
check "--central ALT is not SampleType 1" sh -c "tail -n +2 '$work/central/gul_S1_palt.csv' | cut -d, -f2 | sort -u | grep -qx 1"
expect 0 "" risk "$covers" --years 100 --ord "$work/drawn" -q
check "drawn EPT is not EPCalc 2" sh -c "! tail -n +2 '$work/drawn/gul_S1_ept.csv' | cut -d, -f2 | grep -qvx 2"

TEST "risk -o - writes to standard output, as every command does"
expect 0 "Outage risk" risk "$covers" --years 10 -q -o -
check "risk -o - wrote a file named -" test ! -e ./-

TEST "a bidi override (U+202E) in an incident log is shown escaped in errors, never raw"
printf '{"incidents":[{"id":"a\342\200\256b","name":"x","impact":"weird\342\200\256","created_at":"2024-03-05T10:00:00Z","resolved_at":"2024-03-05T11:00:00Z","components":[]}]}' >"$work/bidi.json"
expect 1 'weird\u202e' batch "$work/bidi.json" --from statuspage
check "U+202E reached stderr raw" sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$work/err'"
printf 'id,created_at,resolved_at,urgency\nP\342\200\2561,bad\342\200\256time,2024-03-05T11:00:00Z,high\n' >"$work/bidi.csv"
expect 1 '\u202e' batch "$work/bidi.csv" --from pagerduty
check "U+202E reached stderr raw (PagerDuty)" sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$work/err'"

TEST "risk --history reads every format batch reads, through the same options"
cp "$data/incidents/statuspage.json" sp.json
expect 0 "left out 1 incident unresolved" risk "$covers" --history sp.json --from statuspage --history-period 1q --years 200 --format csv
expect 0 "" risk "$covers" --history "$data/incidents/pagerduty.csv" --from pagerduty --severity-map high=1,low=0.3 --history-period 3mo --years 200 -q --format csv
printf 'Key,Began,Ended\nINC-1,2024-03-05 10:00,2024-03-05 12:30\n' >export.csv
expect 0 "" risk "$covers" --history export.csv --columns id=Key,start=Began,end=Ended --timezone +02:00 --history-period 2y --years 100 -q
expect 2 "--from: says how to read --history LOG: it needs --history" risk "$covers" --from statuspage --years 10 -q
expect 2 "--history-period: cannot read '3x'" risk "$covers" --history export.csv --columns id=Key,start=Began,end=Ended --timezone UTC --history-period 3x --years 10 -q

TEST "a user's path: one export priced by batch, then by risk --history, then by compare --risk"
P="$data/incidents/pagerduty.csv"
expect 0 "" batch "$P" --from pagerduty --severity-map high=1,low=0.3 --scenario "$covers" -q
expect 0 "" risk "$covers" --history "$P" --from pagerduty --severity-map high=1,low=0.3 --history-period 1q --years 500 -q --format csv
grep '^total,net,AAL,' "$work/out" | cut -d, -f5 >risk_aal
expect 0 "" compare "$covers" --variant segment.shop.recovery=30m --risk --history "$P" --from pagerduty --severity-map high=1,low=0.3 --history-period 1q --years 500 -q --format csv
check "compare's A is not risk's AAL over the same years" sh -c "test \"\$(grep '^total,AAL,' '$work/out' | cut -d, -f4)\" = \"\$(cat risk_aal)\""
check "compare -q printed warnings" test ! -s "$work/err"
"$binary" compare "$covers" --variant segment.shop.recovery=30m --risk --history - --from pagerduty \
  --history-period 1q --years 100 -q <"$P" >stdin.out 2>stdin.err
check "compare --risk --history - (one read of standard input for both sides) failed: $(cat stdin.err)" \
  grep -q "^B - A" stdin.out
expect 2 "--history: compares simulated years: it needs --risk" compare "$covers" --variant outage.duration=3h --history "$P" --samples 0
expect 2 "--from: compares simulated years: it needs --risk" compare "$covers" --variant outage.duration=3h --from pagerduty --samples 0
