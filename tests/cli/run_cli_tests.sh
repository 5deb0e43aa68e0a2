#!/usr/bin/env bash
# End-to-end tests of the outage-impact binary: exit codes, one-line errors, golden outputs,
# atomic --output. Usage: run_cli_tests.sh BINARY TESTS_DIR
set -u
binary=$1
tests_dir=$2
data="$tests_dir/data"
golden="$tests_dir/golden"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
unset OUTAGE_IMPACT_DATA

passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

# expect CODE TEXT ARGS...: runs the binary; checks the exit code, and for errors that stderr
# is exactly one line starting "outage-impact: error: " and containing TEXT.
expect() {
  local code=$1 text=$2
  shift 2
  "$binary" "$@" >"$work/out" 2>"$work/err" </dev/null
  local actual=$?
  if [ "$actual" -ne "$code" ]; then
    fail "$* -> exit $actual, expected $code; stderr: $(head -c 300 "$work/err")"
    return
  fi
  if [ "$code" -ne 0 ]; then
    local lines
    lines=$(wc -l <"$work/err")
    if [ "$lines" -ne 1 ]; then
      fail "$* -> $lines lines on stderr, expected 1: $(cat "$work/err")"
      return
    fi
    if ! grep -q '^outage-impact: error: ' "$work/err"; then
      fail "$* -> stderr lacks the error prefix: $(cat "$work/err")"
      return
    fi
  fi
  if [ -n "$text" ] && ! grep -qF -- "$text" "$work/err" "$work/out"; then
    fail "$* -> output lacks '$text': $(head -c 400 "$work/err")"
    return
  fi
  pass
}

# Success paths.
expect 0 "Total" estimate
expect 0 "Meta ads: Facebook, Messenger, Threads" estimate meta-2024-03-05 --format table
expect 0 "outage-impact " --version
expect 0 "Examples" estimate --help
expect 0 "Examples" check --help
expect 0 "meta-2024-03-05 (default)" presets
expect 0 "ok: " check meta-2024-03-05
expect 0 "| **Total** |" estimate --format markdown
expect 0 "static model" estimate --model static
expect 0 "1h30m outage" estimate --duration 90m
expect 0 "" estimate --duration PT2H30M --start 2024-03-05T22:00:00+07:00 --severity 0.5

# Golden files for the default preset (regenerate with tests/cli/update_golden.sh).
for format in csv json markdown; do
  "$binary" estimate --format "$format" >"$work/golden.$format" 2>"$work/err"
  if cmp -s "$work/golden.$format" "$golden/meta-2024-03-05.$format"; then
    pass
  else
    fail "golden $format differs: $(diff "$golden/meta-2024-03-05.$format" "$work/golden.$format" | head -5)"
  fi
done

# Locale-proof: the same bytes under a comma-decimal locale.
LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 "$binary" estimate --format csv >"$work/de.csv" 2>/dev/null
if cmp -s "$work/de.csv" "$golden/meta-2024-03-05.csv"; then pass; else fail "output changes with LC_ALL=de_DE.UTF-8"; fi

# No colour codes when NO_COLOR is set or stdout is not a terminal.
if "$binary" estimate | grep -q $'\x1b'; then fail "escape codes in piped output"; else pass; fi

# Monte Carlo: byte-identical across thread counts and runs; statistics columns present.
for threads in 1 2 8; do
  "$binary" estimate --samples 20000 --seed 7 --threads "$threads" --format csv >"$work/mc.$threads.csv" 2>/dev/null
done
"$binary" estimate --samples 20000 --seed 7 --threads 2 --format json >"$work/mc.json" 2>/dev/null
if cmp -s "$work/mc.1.csv" "$work/mc.2.csv" && cmp -s "$work/mc.1.csv" "$work/mc.8.csv"; then pass; else fail "sampled output differs across --threads"; fi
if head -1 "$work/mc.1.csv" | grep -q ',net_loss_mean,net_loss_p5,net_loss_p50,net_loss_p95,net_loss_stddev$'; then pass; else fail "sampled CSV header"; fi
if grep -q '"p95"' "$work/mc.json"; then pass; else fail "sampled JSON lacks stats"; fi
"$binary" estimate --samples 20000 --seed 010 --format csv >"$work/mc.010.csv" 2>/dev/null
"$binary" estimate --samples 20000 --seed 10 --format csv >"$work/mc.10.csv" 2>/dev/null
if cmp -s "$work/mc.010.csv" "$work/mc.10.csv"; then pass; else fail "--seed 010 is not 10"; fi
expect 0 "" estimate --samples 5000 --percentiles 1,99 --format csv --exceedance "$work/exceedance.csv"
if head -1 "$work/out" | grep -q ',net_loss_p1,net_loss_p99$'; then pass; else fail "--percentiles columns"; fi
if head -1 "$work/exceedance.csv" | grep -q '^net_loss,probability_exceeded$' && [ "$(wc -l <"$work/exceedance.csv")" -eq 1001 ]; then pass; else fail "exceedance file"; fi
expect 0 "Net p5-p95" estimate --samples 2000
expect 0 "" estimate --samples 2000 --percentiles 1,5,50,95,99,1 --format csv
if head -1 "$work/out" | grep -q ',net_loss_stddev,net_loss_p1,net_loss_p99$'; then pass; else fail "--percentiles repeats columns: $(head -1 "$work/out")"; fi
expect 2 "--samples: expected a whole number" estimate --samples -1
expect 2 "--samples: expected a whole number" estimate --samples 1e3
expect 2 "use fewer draws" estimate --samples 999999999999
expect 2 "--seed" estimate --samples 10 --seed 0x10
expect 2 "--seed" estimate --samples 10 --seed 99999999999999999999
expect 2 "--threads" estimate --samples 10 --threads 0
expect 2 "--percentiles" estimate --samples 10 --percentiles 5,abc
expect 2 "--percentiles" estimate --samples 10 --percentiles 100
expect 2 "--exceedance: needs --samples" estimate --samples 0 --exceedance "$work/e.csv"
# Without --samples an uncertain scenario is drawn 10,000 times: the table leads with the mean.
expect 0 "" estimate
if head -4 "$work/out" | grep -q "10000 draws" && sed -n 4p "$work/out" | grep -q "^Segment  *Mean net loss  *Net p5-p95  *Net at central"; then pass; else fail "the default table does not lead with the mean and p5-p95"; fi
expect 0 "" estimate --samples 0
if sed -n 4p "$work/out" | grep -q "^Segment  *Net loss  *Gross loss"; then pass; else fail "--samples 0 is not the central values alone"; fi
# --draws: one row per draw, every uncertain input by name, each row's total the sum of its segments.
expect 0 "" estimate --samples 300 --draws "$work/draws.csv" --format csv
if [ "$(wc -l <"$work/draws.csv")" -eq 301 ] && head -1 "$work/draws.csv" | grep -q '^draw,outage.duration,outage.severity,segment.meta_ads.revenue,.*,link.delivery_payments.social_sellers,segment.meta_ads.net_loss,segment.advertisers.net_loss,segment.social_sellers.net_loss,segment.delivery_payments.net_loss,total$'; then pass; else fail "--draws layout: $(head -c 300 "$work/draws.csv")"; fi
if awk -F, 'NR > 1 { s = $20 + $21 + $22 + $23; if ((s - $24) ^ 2 > (1e-9 * $24) ^ 2) bad = 1 } END { exit bad }' "$work/draws.csv"; then pass; else fail "--draws totals are not the sums of the segments"; fi
mean=$(awk -F, 'NR > 1 { s += $24 } END { printf "%.6e", s / (NR - 1) }' "$work/draws.csv")
reported=$(awk -F, '$1 == "total" { printf "%.6e", $8 }' "$work/out")
if [ "$mean" = "$reported" ]; then pass; else fail "--draws mean $mean differs from net_loss_mean $reported"; fi
# --samples auto: the total's p5, p50, p95 to 0.5 %, with their standard errors in JSON.
expect 0 "" estimate --samples auto --format json
if grep -q '"stderr"' "$work/out" && grep -q "samples auto: [0-9]* draws" "$work/err"; then pass; else fail "--samples auto: $(cat "$work/err")"; fi
expect 2 "auto is for estimate" sensitivity --samples auto
expect 2 "--draws: needs --samples" estimate --samples 0 --draws "$work/never-draws.csv"
if [ -e "$work/never-draws.csv" ]; then fail "--draws wrote a file on error"; else pass; fi
expect 0 "" sensitivity --samples 200 --draws "$work/sdraws.csv"
if [ "$(wc -l <"$work/sdraws.csv")" -eq 201 ]; then pass; else fail "sensitivity --draws rows"; fi
# A share whose lognormal tail passes 1 is truncated to [0, 1]: check says so, draws never fail.
expect 0 "" check "$data/lognormal_share.toml"
if grep -q "segment.shop.dependency = lognormal \[0.3, 0.9\] is truncated to its domain (in \[0, 1\]).*2.5% of its probability cut off" "$work/out"; then pass; else fail "check does not report the truncation: $(cat "$work/out")"; fi
expect 0 "" estimate "$data/lognormal_share.toml" --samples 10000 --format csv -o "$work/truncated.csv"

# Ctrl-C: exit 130, nothing written, no temporary file left.
"$binary" estimate --samples 20000000 --threads 2 --format csv -o "$work/interrupted.csv" 2>/dev/null &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"
code=$?
if [ "$code" -eq 130 ] && [ ! -e "$work/interrupted.csv" ] && ! ls "$work" | grep -q '\.tmp-'; then pass; else fail "SIGINT gave exit $code or left a file"; fi

# --series: a row every step; the last row's total equals the estimate.
expect 0 "" estimate --series "$work/series.csv" --step 10m --format csv
series_total=$(tail -1 "$work/series.csv" | awk -F, '{print $NF}')
estimate_total=$(awk -F, '$1=="total"{print $4}' "$work/out")
if awk -v a="$series_total" -v b="$estimate_total" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-6 * b) }'; then pass; else fail "series ends at $series_total, estimate $estimate_total"; fi
if sed -n 2p "$work/series.csv" | grep -q '^2024-03-05T15:17:00Z,0,' && sed -n 3p "$work/series.csv" | grep -q '^2024-03-05T15:27:00Z,'; then pass; else fail "series times"; fi
expect 2 "--step: expected a duration > 0" estimate --series "$work/s2.csv" --step 0
expect 2 "larger --step" estimate --series "$work/s3.csv" --step 1s --set segment.delivery_payments.recovery=1000h
if [ -e "$work/s3.csv" ]; then fail "a series file was written on error"; else pass; fi

# sensitivity: cli.md's columns, sorted by swing, --top, errors.
expect 0 "what moves the total net loss" sensitivity
expect 0 "" sensitivity --format csv --samples 0
if head -1 "$work/out" | grep -q '^input,low_value,high_value,total_at_low,total_at_high,swing$'; then pass; else fail "sensitivity CSV header"; fi
if tail -n +2 "$work/out" | awk -F, 'NR > 1 && $6 > previous { bad = 1 } { previous = $6 } END { exit bad }'; then pass; else fail "sensitivity not sorted by swing"; fi
expect 0 "" sensitivity --format csv --top 3 --samples 2000
if [ "$(wc -l <"$work/out")" -eq 4 ] && head -1 "$work/out" | grep -q ',rank_correlation_squared$'; then pass; else fail "sensitivity --top/--samples"; fi
expect 0 '"inputs"' sensitivity --format json --all
expect 2 "--top" sensitivity --top 0
expect 1 "spectral radius" sensitivity "$data/bad/radius.toml"

# Charts: well-formed SVG with the expected series and labels; a golden small chart.
svg_check() {  # svg_check FILE SERIES: well-formed, SERIES series, renders
  local file=$1 series=$2
  if command -v xmllint >/dev/null; then
    if xmllint --noout "$file" 2>/dev/null; then pass; else fail "$file is not well-formed XML"; fi
  else
    echo "skip: xmllint missing (apt-get install libxml2-utils)"
  fi
  local count
  count=$(grep -o 'class="series"' "$file" | wc -l)
  if [ "$count" -eq "$series" ]; then pass; else fail "$file has $count series, expected $series"; fi
  if grep -q 'width="800"' "$file" && grep -q 'fill="#ffffff"' "$file"; then pass; else fail "$file: not 800 px wide on white"; fi
  if command -v rsvg-convert >/dev/null; then
    if rsvg-convert "$file" -o "$work/render.png" 2>/dev/null && [ -s "$work/render.png" ]; then pass; else fail "rsvg-convert failed on $file"; fi
  else
    echo "skip: rsvg-convert missing (apt-get install librsvg2-bin)"
  fi
}
expect 0 "" estimate --samples 0 --chart "$work/timeline.svg"
svg_check "$work/timeline.svg" 8
if grep -q 'Meta ads: Instagram' "$work/timeline.svg" && grep -q 'hours since the outage began' "$work/timeline.svg"; then pass; else fail "timeline labels"; fi
expect 0 "" estimate --samples 5000 --chart "$work/uncertainty.svg"
svg_check "$work/uncertainty.svg" 10
expect 0 "" sensitivity --chart "$work/tornado.svg" --top 5
svg_check "$work/tornado.svg" 10
expect 0 "" estimate "$data/small_chart.toml" --chart "$work/small.svg"
if cmp -s "$work/small.svg" "$golden/small-chart.svg"; then pass; else fail "small chart differs from the golden file"; fi
if grep -q 'Warehouse &amp; &lt;logistics&gt;' "$work/small.svg"; then pass; else fail "SVG text not escaped"; fi
# 15 segments: the nine largest and "other (6 segments)".
{
  printf '[outage]\nduration = "1h"\n'
  for i in $(seq 1 15); do
    printf '[[segment]]\nid = "s%d"\nname = "Segment number %d with a rather long descriptive name that will not fit"\nrevenue = %d\ndependency = 0.5\n' "$i" "$i" "$((i * 100))"
  done
} >"$work/many.toml"
expect 0 "" estimate "$work/many.toml" --chart "$work/many.svg"
svg_check "$work/many.svg" 10
if grep -q 'other (6 segments)' "$work/many.svg"; then pass; else fail "no 'other' group"; fi
expect 2 "--chart" estimate --chart "$work/no/dir/x.svg"

# Presets: each passes check; docs/validation.md regenerates identically from the tool.
for preset in meta-2024-03-05 meta-2021-10-04 crowdstrike-2024-07-19 aws-us-east-1-2021-12-07 internet-shutdown-country \
              aws-us-east-1-2025-10-20 rogers-2022-07-08; do
  expect 0 "ok: " check "$preset"
done
for preset in meta-2021-10-04 crowdstrike-2024-07-19 aws-us-east-1-2021-12-07 internet-shutdown-country \
              aws-us-east-1-2025-10-20 rogers-2022-07-08; do
  "$binary" estimate "$preset" --format csv >"$work/$preset.csv" 2>/dev/null
  if cmp -s "$work/$preset.csv" "$golden/$preset.csv"; then pass; else fail "golden $preset.csv differs"; fi
done
root=$(cd "$tests_dir/.." && pwd)
if bash "$root/tools/make_validation.sh" "$binary" >"$work/validation.md" 2>"$work/err" &&
   cmp -s "$work/validation.md" "$root/docs/validation.md"; then pass; else fail "docs/validation.md does not regenerate identically: $(diff "$root/docs/validation.md" "$work/validation.md" | head -5)"; fi

# import-io: a scenario skeleton that checks, with the table or with a derived matrix.
expect 0 "" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" -o "$work/mb.toml"
expect 0 "2 segments, 4 links" check "$work/mb.toml"
if grep -q '^io_sector = "Sector 1"$' "$work/mb.toml" && grep -q '^io_end_column = "Total Intermediate"$' "$work/mb.toml"; then pass; else fail "import-io skeleton"; fi
mkdir -p "$work/imported"
expect 0 "" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" --matrix "$work/imported/links.csv" -o "$work/imported/mb.toml"
if head -1 "$work/imported/links.csv" | grep -q '^segment,sector_1,sector_2$' && grep -q '^matrix = "links.csv"$' "$work/imported/mb.toml"; then pass; else fail "import-io --matrix"; fi
expect 0 "2 segments, 4 links" check "$work/imported/mb.toml"
"$binary" estimate "$work/mb.toml" --format csv >"$work/mb1.csv" 2>/dev/null
"$binary" estimate "$work/imported/mb.toml" --format csv >"$work/mb2.csv" 2>/dev/null
if cmp -s "$work/mb1.csv" "$work/mb2.csv"; then pass; else fail "io_table and derived matrix give different estimates"; fi
# import-io --supply: the hand-made supply-use pair (tests/model/test_supply_use.cpp works out
# A* = [[0.2, 0.1], [0.2, 0.1]] by hand), with the table and through a derived matrix.
mkdir -p "$work/su"
expect 0 "largest row sum 0.3, Goods" import-io "$data/su_use.csv" --supply "$data/su_supply.csv" --output-row "Total industry output (basic prices)" --end-column "Total Intermediate" -o "$work/su/su.toml"
if grep -q '^io_supply = ".*su_supply.csv"$' "$work/su/su.toml"; then pass; else fail "import-io --supply skeleton"; fi
expect 0 "2 segments, 4 links" check "$work/su/su.toml"
expect 0 "" import-io "$data/su_use.csv" --supply "$data/su_supply.csv" --output-row "Total industry output (basic prices)" --end-column "Total Intermediate" --matrix "$work/su/links.csv" -o "$work/su/su2.toml"
if grep -q '^goods,0.2,0.1$' "$work/su/links.csv" && grep -q '^trade,0.2,0.1$' "$work/su/links.csv"; then pass; else fail "import-io --supply matrix: $(cat "$work/su/links.csv")"; fi
"$binary" estimate "$work/su/su.toml" --format csv >"$work/su1.csv" 2>/dev/null
"$binary" estimate "$work/su/su2.toml" --format csv >"$work/su2.csv" 2>/dev/null
if cmp -s "$work/su1.csv" "$work/su2.csv"; then pass; else fail "io_supply and derived matrix give different estimates"; fi
expect 1 "no column 'Total Commodity Output'" import-io "$data/su_use.csv" --supply "$data/miller_blair.csv" --output-row "Total industry output (basic prices)" --end-column "Total Intermediate"
expect 2 "--output-row" import-io "$data/miller_blair.csv"
expect 1 "no total-output row 'Nope'" import-io "$data/miller_blair.csv" --output-row Nope --end-column "Total Intermediate"
expect 2 "exists: pass --force" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" -o "$work/mb.toml"

# batch: RFC 4180 edge cases (BOM, CRLF, quotes, embedded newline, blank line, extra column).
incidents="$data/incidents"
expect 0 "" batch "$incidents/edge_cases.csv"
cp "$work/out" "$work/batch.csv"
if head -1 "$work/batch.csv" | grep -q '^id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability$'; then pass; else fail "batch header"; fi
if [ "$(grep -c ',total,' "$work/batch.csv")" -eq 3 ] && [ "$(wc -l <"$work/batch.csv")" -eq 28 ]; then pass; else fail "batch row count: $(wc -l <"$work/batch.csv")"; fi
if grep -q '^"inc ""1"", eu",meta_ads,' "$work/batch.csv"; then pass; else fail "batch id quoting"; fi
# The first incident is the default preset's outage: its total equals `estimate`'s.
batch_total=$(grep '^"inc ""1"", eu",total,' "$work/batch.csv" | awk -F, '{print $5}')
estimate_total=$("$binary" estimate --format csv | awk -F, '$1=="total"{print $4}')
if awk -v a="$batch_total" -v b="$estimate_total" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * b) }'; then pass; else fail "batch total $batch_total != estimate $estimate_total"; fi
# stdin pipelines.
printf 'id,duration\na,2h\nb,30m\n' | "$binary" batch - >"$work/piped.csv" 2>"$work/err"
if [ "$(grep -c ',total,' "$work/piped.csv")" -eq 2 ]; then pass; else fail "batch from stdin"; fi
printf 'id,duration\na,2h\n' | "$binary" batch | "$binary" batch - >/dev/null 2>"$work/err"
if [ $? -eq 1 ] && grep -q "needs columns id and duration" "$work/err"; then pass; else fail "batch of batch output should fail on its header"; fi
# A bad number in row 7 stops the run after the rows before it, with exit 1 and the line.
"$binary" batch "$incidents/bad_row7.csv" >"$work/partial.csv" 2>"$work/err"
code=$?
if [ "$code" -eq 1 ] && grep -q "bad_row7.csv:7: severity: cannot read '0.5x'" "$work/err" && [ "$(grep -c ',total,' "$work/partial.csv")" -eq 5 ]; then pass; else fail "bad row 7: exit $code, $(cat "$work/err")"; fi
expect 1 "bad_row7.csv:7:" batch "$incidents/bad_row7.csv" -o "$work/batch-never.csv"
if [ -e "$work/batch-never.csv" ]; then fail "batch -o wrote a file on error"; else pass; fi
"$binary" batch "$incidents/bad_row7.csv" --skip-bad-rows >"$work/skipped.csv" 2>"$work/err"
code=$?
if [ "$code" -eq 0 ] && [ "$(grep -c ',total,' "$work/skipped.csv")" -eq 6 ] && grep -q "skipped .*bad_row7.csv:7:" "$work/err" && grep -q "skipped 1 of 7 rows" "$work/err"; then pass; else fail "--skip-bad-rows: exit $code, $(cat "$work/err")"; fi
expect 1 "missing_columns.csv:1: the header needs columns id and duration" batch "$incidents/missing_columns.csv"
printf '' | "$binary" batch - >/dev/null 2>"$work/err"
if [ $? -eq 1 ] && grep -q "empty incident log" "$work/err"; then pass; else fail "empty batch input"; fi
printf 'id,duration\na,"2h\n' | "$binary" batch - >/dev/null 2>"$work/err"
if [ $? -eq 1 ] && grep -q "unterminated quoted field" "$work/err"; then pass; else fail "unterminated quote in batch"; fi
expect 1 "no such scenario" batch "$incidents/edge_cases.csv" --scenario nope
# --severity sets the value for rows whose severity cell is empty.
printf 'id,duration,severity\na,2h,\n' | "$binary" batch - --severity 0.45 >"$work/sev.csv" 2>/dev/null
printf 'id,duration,severity\na,2h,0.45\n' | "$binary" batch - >"$work/sev2.csv" 2>/dev/null
if cmp -s "$work/sev.csv" "$work/sev2.csv"; then pass; else fail "batch --severity default"; fi
expect 1 "it is a directory" batch "$incidents"

# Command-line errors: exit 2 with the option named.
expect 2 "--frobnicate" estimate --frobnicate
expect 2 "" bogus-command
expect 2 "" 
expect 2 "--duration: cannot read '2x'" estimate --duration 2x
expect 2 "--duration: the duration must be > 0" estimate --duration 0
expect 2 "--duration" estimate --duration -1h
expect 2 "--duration" estimate --duration 1e309
expect 2 "--severity: expected a number in (0, 1]" estimate --severity 1.5
expect 2 "--severity" estimate --severity nan
expect 2 "--severity" estimate --severity 0,5
expect 2 "--start: cannot read" estimate --start 2024-03-05T15:00:00
expect 2 "--start" estimate --start 2024-13-05T15:00:00Z
expect 2 "--set: expected KEY=VALUE" estimate --set nonsense
expect 2 "no segment 'nope'" estimate --set segment.nope.deferred=0.1
expect 2 "--set segment.meta_ads.deferred: segment.meta_ads.deferred must be in [0, 1], got 1.5" \
  estimate --set segment.meta_ads.deferred=1.5
expect 2 "unknown key" estimate --set outage.sevrity=0.5
expect 2 "--format" estimate --format xml
expect 2 "--model" estimate --model quantum
expect 2 "--currency-format" estimate --currency-format fancy

# Input errors: exit 1 with the file named.
expect 1 "no such scenario file or preset" estimate no-such-preset
expect 1 "no such scenario file" estimate "$work/missing.toml"
expect 1 "it is a directory" estimate "$work"
mkfifo "$work/fifo"
expect 1 "not a regular file" estimate "$work/fifo"
while IFS='|' read -r file code text; do
  case "$file" in '#'* | '') continue ;; esac
  expect "$code" "$text" estimate "$data/bad/$file"
  expect "$code" "$text" check "$data/bad/$file"
done <"$data/bad/expected.txt"
if [ "$(id -u)" -ne 0 ]; then
  cp "$data/bad/nan.toml" "$work/unreadable.toml" && chmod 000 "$work/unreadable.toml"
  expect 1 "Permission denied" estimate "$work/unreadable.toml"
fi

# --output: atomic, refuses to overwrite, leaves nothing on error.
expect 0 "" estimate --format csv -o "$work/out.csv"
if cmp -s "$work/out.csv" "$golden/meta-2024-03-05.csv"; then pass; else fail "-o content differs"; fi
expect 2 "exists: pass --force" estimate --format csv -o "$work/out.csv"
expect 0 "" estimate --format json -o "$work/out.csv" --force
if grep -q '"scenario"' "$work/out.csv"; then pass; else fail "--force did not replace the file"; fi
expect 1 "spectral radius" estimate "$data/bad/radius.toml" -o "$work/never.csv"
if [ -e "$work/never.csv" ]; then fail "a file was written on error"; else pass; fi
expect 2 "does not exist" estimate -o "$work/no/such/dir/out.csv"
expect 2 "not a regular file" estimate -o /dev/full --force
if ls "$work" | grep -q '\.tmp-'; then fail "temporary files left behind"; else pass; fi

# Write errors on stdout are errors.
if [ -w /dev/full ]; then
  "$binary" estimate >/dev/full 2>"$work/err"
  code=$?
  if [ "$code" -eq 1 ] && grep -q "cannot write" "$work/err"; then pass; else fail "> /dev/full gave exit $code"; fi
fi

# The installed layout finds presets relative to the binary (tested after install elsewhere);
# here OUTAGE_IMPACT_DATA points to an empty directory and the source tree still answers.
OUTAGE_IMPACT_DATA="$work" "$binary" estimate >/dev/null 2>&1 && pass || fail "OUTAGE_IMPACT_DATA fallback"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
