# Covers ([[cover]], docs/risk.md): insured_loss in estimate, batch and risk (goldens, columns,
# ORD's insured perspective), and one-line errors at the cover's key with nothing written.

covers="$data/covers.toml"

TEST "estimate with covers: golden CSV, insured_loss last, JSON keys"
expect 0 "" estimate "$covers" --samples 0 --format csv && same_numbers "$work/out" "$golden/covers.csv"
check "insured_loss is the last column" test "$(head -1 "$work/out" | awk -F, '{ print $NF }')" = insured_loss
expect 0 "" estimate "$covers" --samples 400 --format csv
check "with draws, insured statistics after the net ones and value added" \
  test "$(head -1 "$work/out" | cut -d, -f13-)" = "value_added_loss,value_added_loss_mean,insured_loss,insured_loss_mean,insured_loss_p5,insured_loss_p95"
expect 0 "" estimate "$covers" --samples 0 --format json
check "JSON has covers and insured_loss" grep -q '"insured_loss"' "$work/out"
check "JSON names each cover" grep -q '"name": "courier SLA credit"' "$work/out"
expect 0 "Retained" estimate "$covers" --samples 0

TEST "batch with covers: an insured_loss column, golden rows"
printf 'id,duration,start,severity\nshort,2h,2024-03-05T15:00:00Z,1\nlong,12h,2024-03-09T02:00:00Z,0.6\nedge,8h,,\n' >"$work/log.csv"
expect 0 "" batch "$work/log.csv" --scenario "$covers" && same_numbers "$work/out" "$golden/covers-batch.csv"
check "an outage within the waiting period pays nothing under the BI cover" \
  awk -F, '$1 == "short" && $2 == "shop" { exit !($9 == 0) }' "$work/out"

TEST "risk with covers: the insured basis, YLT and ELT columns, ORD il_ files"
expect 0 "" risk "$covers" --years 500 --format csv --ylt "$work/ylt.csv" --elt "$work/elt.csv" --ord "$work/ord"
check "insured rows in the CSV" grep -q '^total,insured,AAL,,' "$work/out"
check "YLT header" test "$(head -1 "$work/ylt.csv")" = "year,events,segment,net_loss,insured_loss"
check "ELT header" test "$(head -1 "$work/elt.csv")" = "year,event,start_hour_of_week,duration_hours,severity,segment,net_loss,insured_loss"
for file in il_S1_ept.csv il_S1_palt.csv il_S1_splt.csv il_S1_summary-info.csv gul_S1_ept.csv; do
  check "ORD $file" test -s "$work/ord/$file"
done
# The insured AAL is the mean of the YLT's insured column for the total.
aal=$(awk -F, '$1 == "total" && $2 == "insured" && $3 == "AAL" { print $5 }' "$work/out")
mean=$(awk -F, '$3 == "total" { s += $5; n++ } END { printf "%.17g", s / n }' "$work/ylt.csv")
check "insured AAL = mean of the YLT" awk -v a="$aal" -v b="$mean" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * b) }'
# No year's insured loss under the BI cover passes its aggregate limit with the SLA credit's
# share of the courier's net loss added.
check "aggregate limit" awk -F, 'NR > 1 && $3 == "shop" && $5 > 8000 + 1e-6 { exit 1 }' "$work/ylt.csv"

TEST "bad covers: one line at the key, exit 1, nothing written"
cover_error() {
  local body=$1 message=$2
  { sed '/^\[\[cover\]\]/,$d' "$covers"; printf '[[cover]]\n%b' "$body"; } >"$work/bad.toml"
  expect 1 "$message" estimate "$work/bad.toml" --samples 0 -o "$work/result.csv"
  check "no output file" test ! -e "$work/result.csv"
}
cover_error 'segments = ["shop", "warehouse"]\n' "bad.toml:23:21: cover 'cover 1'.segments: unknown segment 'warehouse'"
cover_error 'deductible = -5\n' "bad.toml:23:14: cover 'cover 1'.deductible must be >= 0, got -5"
cover_error 'share = 0\n' "bad.toml:23:9: cover 'cover 1'.share must be in (0, 1], got 0"
cover_error 'deductible = 100\nlimit = 50\n' "bad.toml:24:9: cover 'cover 1'.limit (50) is below its deductible (100)"
cover_error 'waiting_period = "soon"\n' "bad.toml:23:18:"
expect 2 "unknown key 'cover.1.share'" estimate "$covers" --samples 0 --set cover.1.share=2

TEST "a cover names no welfare segment, and covers none by default"
printf '[outage]\nduration = "10h"\n[[segment]]\nid = "shop"\nrevenue = 100\ndependency = 1\n[[segment]]\nid = "users"\nkind = "welfare"\nrevenue = 50\ndependency = 1\n[[cover]]\nname = "all"\n' >"$work/welfare.toml"
expect 0 "" estimate "$work/welfare.toml" --format csv
check "the welfare segment's insured loss is 0" awk -F, '$1 == "users" { exit !($NF == 0) }' "$work/out"
printf '[outage]\nduration = "10h"\n[[segment]]\nid = "shop"\nrevenue = 100\ndependency = 1\n[[segment]]\nid = "users"\nkind = "welfare"\nrevenue = 50\ndependency = 1\n[[cover]]\nsegments = ["users"]\n' >"$work/welfare2.toml"
expect 1 "welfare2.toml:13:13: cover 'cover 1'.segments: 'users' is users' lost value" estimate "$work/welfare2.toml"
