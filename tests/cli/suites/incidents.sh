# `batch` on incident histories as other tools write them: a Statuspage incidents.json,
# PagerDuty / Opsgenie / Datadog CSV exports and a --columns mapping with local times. Each
# must give the same rows and numbers (to 1e-12) as the same incidents written as
# id,duration,start,severity; hostile files end with one error line, exit 1 and no -o file.
idata="$data/incidents"

# equivalent NAME ARGS...: batch ARGS against batch of $idata/NAME_equivalent.csv.
equivalent() {
  local name=$1
  shift
  expect 0 "" batch "$@"
  cp "$work/out" "$work/$name.out"
  "$binary" batch "$idata/${name}_equivalent.csv" >"$work/$name.expected" 2>/dev/null
  same_numbers "$work/$name.out" "$work/$name.expected" "$name"
}

totals() { grep -c ',total,' "$work/out"; }

TEST "Statuspage JSON: the same rows as the CSV, skip notes, stdin, --component, --severity-map"
equivalent statuspage "$idata/statuspage.json" --from statuspage
if grep -q 'left out 1 incident unresolved' "$work/err" && grep -q "left out 1 incident with impact 'none'" "$work/err"; then pass; else fail "statuspage skip notes: $(cat "$work/err")"; fi
if cmp -s "$work/statuspage.out" "$work/statuspage.expected"; then pass; else fail "statuspage: not byte-identical to the CSV"; fi
"$binary" batch - --from statuspage <"$idata/statuspage.json" >"$work/stdin.out" 2>/dev/null
if cmp -s "$work/stdin.out" "$work/statuspage.out"; then pass; else fail "statuspage from stdin"; fi
expect 0 "left out 3 incidents that touched none of the --component names" batch "$idata/statuspage.json" --from statuspage --component API
if [ "$(totals)" -eq 2 ] && grep -q '^p31zjtct2jer,' "$work/out" && grep -q '^k7mq2r9w1x3z,' "$work/out"; then pass; else fail "--component API"; fi
expect 0 "" batch --from statuspage --component API --component Web "$idata/statuspage.json"
if [ "$(totals)" -eq 2 ]; then pass; else fail "--component before the file: one name each"; fi
expect 0 "" batch "$idata/statuspage.json" --from statuspage --severity-map major=1,none=0.1 -q
if [ "$(totals)" -eq 4 ] && [ ! -s "$work/err" ]; then pass; else fail "--severity-map over the statuspage default, -q"; fi

TEST "PagerDuty, a --columns mapping with local times, Opsgenie, Datadog"
equivalent pagerduty "$idata/pagerduty.csv" --from pagerduty --severity-map high=1,low=0.3
if grep -q 'left out 1 incident without an end time' "$work/err"; then pass; else fail "pagerduty unresolved note"; fi
expect 0 "" batch "$idata/pagerduty.csv" --from pagerduty --severity 0.5
if [ "$(totals)" -eq 3 ]; then pass; else fail "pagerduty without a severity map"; fi

equivalent local_times "$idata/local_times.csv" --timezone +05:30 --severity-map SEV-1=1,SEV-2=0.5 \
  --columns 'id="Incident ID",start="Began, local",end="Ended, local",severity=Sev'

printf 'id,duration,start,severity\n41,2.5,2024-03-05T15:00:00Z,1\n42,0.75,2024-04-01T13:00:00Z,0.4\n' >"$work/opsgenie_equivalent.csv"
printf 'id,duration,start,severity\n7,2.5,2024-03-05T15:00:00Z,1\n9,1,2024-05-10T09:00:00Z,0.5\n' >"$work/datadog_equivalent.csv"
for tool in opsgenie datadog; do
  case $tool in
    opsgenie) map=P1=1,P2=0.7,P3=0.4 ;;
    datadog) map=SEV-1=1,SEV-3=0.5,SEV-4=0.2 ;;
  esac
  expect 0 "left out 1 incident without an end time" batch "$idata/$tool.csv" --from "$tool" --severity-map "$map"
  "$binary" batch "$work/${tool}_equivalent.csv" >"$work/$tool.expected" 2>/dev/null
  same_numbers "$work/out" "$work/$tool.expected" "$tool"
done

TEST "bad options: exit 2 with the option named"
expect 2 "--timezone: expected UTC or a fixed offset" batch "$idata/local_times.csv" --timezone Europe/Berlin
expect 2 "--component: needs --from statuspage" batch "$idata/pagerduty.csv" --component API
expect 2 "--columns: maps CSV columns" batch "$idata/statuspage.json" --from statuspage --columns id=x
expect 2 "--columns: give end or duration, not both" batch "$idata/pagerduty.csv" --columns id=id,end=a,duration=b
expect 2 "--severity-map: high: expected a severity in (0, 1] or skip" batch "$idata/pagerduty.csv" --from pagerduty --severity-map high=2
expect 2 "--from" batch "$idata/pagerduty.csv" --from servicenow

TEST "hostile files: one error line, exit 1, nothing written to -o"
hostile() {  # hostile TEXT ARGS...: exit 1 with TEXT, and no -o file
  local text=$1
  shift
  expect 1 "$text" batch "$@" -o "$work/never.csv"
  if [ -e "$work/never.csv" ]; then fail "$* left an -o file"; rm -f "$work/never.csv"; else pass; fi
}
hostile "truncated.json:10: truncated JSON: an array element starting here is not closed" "$idata/truncated.json" --from statuspage
hostile "wrong_types.json:3: incident 'bad2': created_at: expected a time as a string or null, got number" "$idata/wrong_types.json" --from statuspage
hostile "end_before_start.csv:3: end 2024-03-06T14:00:00Z is before start 2024-03-06T15:00:00Z" "$idata/end_before_start.csv" --from pagerduty
hostile "local_times.csv:2: start: cannot read '2024-03-05 20:30': expected a UTC offset (Z or +HH:MM) or --timezone" \
  "$idata/local_times.csv" --columns 'id="Incident ID",start="Began, local",end="Ended, local"'
hostile "pagerduty.csv:1: the header has no column for start (--from datadog reads it from 'customer_impact_start')" "$idata/pagerduty.csv" --from datadog
printf '' >"$work/empty.json"
hostile "empty.json:1: expected a JSON array or an object with \"incidents\"" "$work/empty.json" --from statuspage
head -c 4096 /dev/urandom >"$work/garbage.json"
hostile "garbage.json:" "$work/garbage.json" --from statuspage
printf '{"incidents": [], "incidents": []}' >"$work/twice.json"
hostile "twice.json:1: \"incidents\" appears twice" "$work/twice.json" --from statuspage
# Bad records can be skipped; the count of skipped rows comes at the end.
expect 0 "skipped 1 of 3 rows" batch "$idata/wrong_types.json" --from statuspage --skip-bad-rows
if [ "$(totals)" -eq 2 ]; then pass; else fail "wrong_types --skip-bad-rows"; fi
expect 0 "skipped 1 of 3 rows" batch "$idata/end_before_start.csv" --from pagerduty --skip-bad-rows
# Broken structure cannot be skipped.
hostile "truncated JSON" "$idata/truncated.json" --from statuspage --skip-bad-rows

TEST "10^6-element arrays"
# 10^6-element arrays: a million incidents stream in bounded memory; a million numbers stop at
# the first; a million components in one incident exceed the per-incident limit.
awk 'BEGIN { printf "{\"incidents\": ["; for (i = 0; i < 1000000; i++) printf "%s{\"id\":\"i%d\",\"created_at\":\"2024-01-01T00:00:00Z\"}", (i ? "," : ""), i; print "]}" }' >"$work/million.json"
if [ -x /usr/bin/time ] && [ -z "${OUTAGE_IMPACT_SANITIZED:-}" ]; then
  /usr/bin/time -f '%M' -o "$work/rss" "$binary" batch "$work/million.json" --from statuspage >"$work/out" 2>"$work/err"
  code=$?
  rss=$(tail -1 "$work/rss")
else
  # Debian's package `time` (the README's quick start installs it) measures the memory; a
  # sanitizer's quarantine and shadow memory make the bound meaningless.
  echo "note: /usr/bin/time is missing (Debian package time) or the binary is sanitized: the memory bound is not checked"
  "$binary" batch "$work/million.json" --from statuspage >"$work/out" 2>"$work/err"
  code=$?
  rss=0
fi
if [ "$code" -eq 0 ] && grep -q 'left out 1000000 incidents unresolved' "$work/err" && [ "$rss" -lt 100000 ]; then pass; else fail "a million incidents: exit $code, max RSS ${rss} KiB: $(head -c 200 "$work/err")"; fi
awk 'BEGIN { printf "["; for (i = 0; i < 1000000; i++) printf "%s1", (i ? "," : ""); print "]" }' >"$work/numbers.json"
hostile "numbers.json:1: expected an incident object, got number" "$work/numbers.json" --from statuspage
awk 'BEGIN { printf "[{\"id\":\"a\",\"components\":["; for (i = 0; i < 1000000; i++) printf "%s{\"name\":\"component\"}", (i ? "," : ""); print "]}]" }' >"$work/components.json"
hostile "components.json:1: an array element starting here is larger than 16777216 bytes" "$work/components.json" --from statuspage

