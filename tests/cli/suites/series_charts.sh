# --series and --chart: a row every step, well-formed SVG with the expected series and labels,
# a golden small chart.

TEST "--series: a row every step; the last row's total equals the estimate"
expect 0 "" estimate --series series.csv --step 10m --format csv
series_total=$(tail -1 series.csv | awk -F, '{print $NF}')
estimate_total=$(awk -F, '$1=="total"{print $4}' out)
check "series ends at $series_total, estimate $estimate_total" \
  awk -v a="$series_total" -v b="$estimate_total" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-6 * b) }'
check "series times" grep -q '^2024-03-05T15:17:00Z,0,' series.csv
check "series step" sh -c "sed -n 3p series.csv | grep -q '^2024-03-05T15:27:00Z,'"

TEST "--step errors write nothing"
expect 2 "--step: expected a duration > 0" estimate --series s2.csv --step 0
expect 2 "larger --step" estimate --series s3.csv --step 1s --set segment.delivery_payments.recovery=1000h
check "a series file was written on error" test ! -e s3.csv

svg_check() {  # svg_check FILE SERIES: well-formed, SERIES series, 800 px on white, renders
  local file=$1 series=$2
  if command -v xmllint >/dev/null; then
    check "$file is not well-formed XML" xmllint --noout "$file"
  else
    echo "note: xmllint missing (apt-get install libxml2-utils): XML not checked"
  fi
  local count
  count=$(grep -o 'class="series"' "$file" | wc -l)
  check "$file has $count series, expected $series" test "$count" -eq "$series"
  check "$file: not 800 px wide on white" sh -c "grep -q 'width=\"800\"' '$file' && grep -q 'fill=\"#ffffff\"' '$file'"
  if command -v rsvg-convert >/dev/null; then
    check "rsvg-convert failed on $file" sh -c "rsvg-convert '$file' -o render.png 2>/dev/null && test -s render.png"
  else
    echo "note: rsvg-convert missing (apt-get install librsvg2-bin): rendering not checked"
  fi
}

TEST "timeline chart"
expect 0 "" estimate --samples 0 --chart timeline.svg
# 7: the default preset's 8 segments less users_surplus (welfare, not stacked with output).
svg_check timeline.svg 7
check "timeline labels" sh -c "grep -q 'Meta ads: Facebook' timeline.svg && grep -q 'hours since the outage began' timeline.svg"

TEST "uncertainty chart"
expect 0 "" estimate --samples 5000 --chart uncertainty.svg
svg_check uncertainty.svg 10

TEST "tornado chart"
expect 0 "" sensitivity --chart tornado.svg --top 5
svg_check tornado.svg 10

TEST "golden small chart, escaped text"
expect 0 "" estimate "$data/small_chart.toml" --chart small.svg
same_numbers small.svg "$golden/small-chart.svg"
check "SVG text not escaped" grep -q 'Warehouse &amp; &lt;logistics&gt;' small.svg

TEST "15 segments: the nine largest and 'other (6 segments)'"
{
  printf '[outage]\nduration = "1h"\n'
  for i in $(seq 1 15); do
    printf '[[segment]]\nid = "s%d"\nname = "Segment number %d with a rather long descriptive name that will not fit"\nrevenue = %d\ndependency = 0.5\n' "$i" "$i" "$((i * 100))"
  done
} >many.toml
expect 0 "" estimate many.toml --chart many.svg
svg_check many.svg 10
check "no 'other' group" grep -q 'other (6 segments)' many.svg

TEST "--chart into a missing directory"
expect 2 "--chart" estimate --chart no/dir/x.svg
