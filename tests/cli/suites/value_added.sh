# Issue 12: value added lost (value_added_share x net loss, the last CSV column) and welfare
# segments reported apart from the market total.

# One segment, static: gross = 100 x 0.5 x 2 = 100, net = 0.8 x 100 = 80, value added 0.6 x 80.
va="$suite_tmp/va.toml"
cat >"$va" <<'TOML'
[outage]
duration = "2h"

[model]
kind = "static"

[[segment]]
id = "shop"
revenue = 100
dependency = 0.5
deferred = 0.2
value_added_share = 0.6

[[segment]]
id = "users"
kind = "welfare"
revenue = 50
dependency = 1
deferred = 0.5
TOML

TEST "estimate CSV: value_added_loss last, the total of market segments, a welfare_total row"
expect 0 "" estimate "$va" --format csv
cat >va_expected.csv <<'CSV'
segment,name,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability,value_added_loss
shop,shop,100,80,100,0,0.5,48
users,users,100,50,100,0,1,
total,Total (market output),100,80,100,0,,48
welfare_total,Welfare total (not in Total),100,50,100,0,,
CSV
same_numbers out va_expected.csv

TEST "estimate JSON: value_added_loss, kind and welfare_total keys"
expect 0 '"value_added_loss": 48.0' estimate "$va" --format json
check "JSON welfare_total" grep -q '"welfare_total": {' out
check "JSON kind" grep -q '"kind": "welfare"' out
expect 0 '"welfare_total": null' estimate "$data/small_chart.toml" --format json

TEST "estimate table and Markdown name what each total sums"
expect 0 "Welfare total (not in Total)" estimate "$va"
check "table market total" grep -q "^Total (market output)" out
check "table value-added column" grep -q "Value added" out
expect 0 "**Welfare total (not in Total)**" estimate "$va" --format markdown

TEST "with draws, value_added_loss_mean follows value_added_loss"
expect 0 "" estimate "$va" --format csv --samples 100 --set 'segment.shop.value_added_share={uniform=[0.5,0.7]}'
check "sampled header" grep -q 'net_loss_stddev,value_added_loss,value_added_loss_mean$' out
check "no value added for users" grep -q '^users,users,.*,,$' out

TEST "bad value_added_share: one line with file:line:col, exit 1 (or the option, exit 2)"
sed 's/value_added_share = 0.6/value_added_share = 1.5/' "$va" >bad_va.toml
expect 1 "bad_va.toml:12:21: segment.shop.value_added_share must be in [0, 1], got 1.5" estimate bad_va.toml
expect 2 "--set segment.shop.value_added_share" estimate "$va" --set segment.shop.value_added_share=1.5

TEST "batch: value_added_loss last and a welfare_total row per incident"
printf 'id,duration\nA,2h\nB,1h\n' >incidents.csv
expect 0 "" batch incidents.csv --scenario "$va"
cat >batch_expected.csv <<'CSV'
id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability,value_added_loss
A,shop,100,80,100,0,0.5,48
A,users,100,50,100,0,1,
A,total,100,80,100,0,,48
A,welfare_total,100,50,100,0,,
B,shop,50,40,50,0,0.5,24
B,users,50,25,50,0,1,
B,total,50,40,50,0,,24
B,welfare_total,50,25,50,0,,
CSV
same_numbers out batch_expected.csv

TEST "the Meta preset's total leaves users' lost value out"
expect 0 "" estimate meta-2024-03-05 --samples 0 --format csv
check "market total = sum of the market segments" awk -F, '
  $1 == "users_surplus" || $1 == "segment" { next }
  $1 == "total" { total = $(NF-4) ; next }
  $1 == "welfare_total" { next }
  { sum += $(NF-4) }
  END { d = sum - total; if (d < 0) d = -d; exit !(d <= 1e-9 * total) }' out
check "welfare_total row" grep -q '^welfare_total,' out

TEST "import-io --value-added-row writes value_added_share = value added / output"
expect 0 "" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" --value-added-row "Value added" -o mbva.toml
check "shares 650/1000 and 1400/2000" sh -c "grep -q '^value_added_share = 0.6500$' mbva.toml && grep -q '^value_added_share = 0.7000$' mbva.toml"
expect 0 "ok: " check mbva.toml
expect 1 "no row 'Nope'" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" --value-added-row Nope
