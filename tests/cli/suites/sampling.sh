# Monte Carlo: the same bytes for any --threads, statistics columns, percentiles, exceedance,
# and the errors of the sampling options.

TEST "sampled output is byte-identical across --threads and runs"
for threads in 1 2 8; do
  "$binary" estimate --samples 20000 --seed 7 --threads "$threads" --format csv >"mc.$threads.csv" 2>/dev/null
done
check "sampled output differs across --threads" cmp -s mc.1.csv mc.2.csv
check "sampled output differs across --threads" cmp -s mc.1.csv mc.8.csv
check "sampled CSV header" grep -q ',net_loss_mean,net_loss_p5,net_loss_p50,net_loss_p95,net_loss_stddev,value_added_loss,value_added_loss_mean$' mc.1.csv

TEST "sampled JSON has stats"
expect 0 '"p95"' estimate --samples 20000 --seed 7 --threads 2 --format json

TEST "--seed 010 is 10 (base 10)"
"$binary" estimate --samples 20000 --seed 010 --format csv >mc.010.csv 2>/dev/null
"$binary" estimate --samples 20000 --seed 10 --format csv >mc.10.csv 2>/dev/null
check "--seed 010 is not 10" cmp -s mc.010.csv mc.10.csv

TEST "--percentiles and --exceedance"
expect 0 "" estimate --samples 5000 --percentiles 1,99 --format csv --exceedance exceedance.csv
check "--percentiles columns" grep -q ',net_loss_p1,net_loss_p99,value_added_loss,value_added_loss_mean$' out
check "exceedance header" grep -q '^net_loss,probability_exceeded$' exceedance.csv
check "exceedance rows" test "$(wc -l <exceedance.csv)" -eq 1001
expect 0 "Net p5-p95" estimate --samples 2000
expect 0 "" estimate --samples 2000 --percentiles 1,5,50,95,99,1 --format csv
check "--percentiles repeats columns: $(head -1 out)" grep -q ',net_loss_stddev,net_loss_p1,net_loss_p99,value_added_loss,value_added_loss_mean$' out

TEST "errors of the sampling options"
expect 2 "--samples: expected a whole number" estimate --samples -1
expect 2 "--samples: expected a whole number" estimate --samples 1e3
expect 2 "use fewer draws" estimate --samples 999999999999
expect 2 "--seed" estimate --samples 10 --seed 0x10
expect 2 "--seed" estimate --samples 10 --seed 99999999999999999999
expect 2 "--threads" estimate --samples 10 --threads 0
expect 2 "--percentiles" estimate --samples 10 --percentiles 5,abc
expect 2 "--percentiles" estimate --samples 10 --percentiles 100
expect 2 "--exceedance: needs --samples" estimate --samples 0 --exceedance e.csv
expect 2 "--samples: expected a whole number of draws >= 0 or auto" estimate --samples many

TEST "without --samples an uncertain scenario is drawn 10,000 times: the table leads with the mean"
expect 0 "" estimate
check "the default table does not say 10000 draws: $(head -4 out)" sh -c 'head -4 out | grep -q "10000 draws"'
check "the default table does not lead with the mean and p5-p95: $(sed -n 4p out)" \
  sh -c 'sed -n 4p out | grep -q "^Segment  *Mean net loss  *Net p5-p95  *Net at central"'
expect 0 "" estimate --samples 0
check "--samples 0 is not the central values alone: $(sed -n 4p out)" \
  sh -c 'sed -n 4p out | grep -q "^Segment  *Net loss  *Gross loss"'

TEST "--draws: one row per draw, every uncertain input by name, totals the sums of the market segments"
expect 0 "" estimate --samples 300 --draws draws.csv --format csv
check "--draws rows: $(wc -l <draws.csv)" test "$(wc -l <draws.csv)" -eq 301
check "--draws layout: $(head -c 300 draws.csv)" sh -c "head -1 draws.csv | grep -q '^draw,outage.duration,.*segment.meta_ads.revenue,.*,segment.meta_ads.net_loss,.*,total\$'"
check "--draws totals are not the sums of the segments" \
  awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) if ($c ~ /\.net_loss$/ && $c != "segment.users_surplus.net_loss") seg[c] = 1; next } { s = 0; for (c in seg) s += $c; if ((s - $NF) ^ 2 > (1e-9 * $NF) ^ 2) bad = 1 } END { exit bad }' draws.csv
mean=$(awk -F, 'NR > 1 { s += $NF } END { printf "%.6e", s / (NR - 1) }' draws.csv)
reported=$(awk -F, '$1 == "total" { printf "%.6e", $8 }' out)
check "--draws mean $mean differs from net_loss_mean $reported" test "$mean" = "$reported"

TEST "--draws errors"
expect 2 "--draws: needs --samples" estimate --samples 0 --draws never-draws.csv
check "--draws wrote a file on error" test ! -e never-draws.csv
expect 2 "--draws: the scenario has no uncertain input" estimate "$data/lognormal_share.toml" --set segment.shop.dependency=0.5 --draws never-draws.csv

TEST "--samples auto: the total's p5, p50, p95 to 0.5 %, with their standard errors in JSON"
expect 0 "" estimate --samples auto --format json
check "--samples auto: no stderr in JSON" grep -q '"stderr"' out
check "--samples auto: $(cat err)" grep -q "samples auto: [0-9]* draws" err
expect 2 "auto is for estimate" sensitivity --samples auto

TEST "a share whose lognormal tail passes 1 is truncated to [0, 1]: check says so, draws never fail"
expect 0 "" check "$data/lognormal_share.toml"
check "check does not report the truncation: $(cat out)" grep -q "segment.shop.dependency = lognormal \[0.3, 0.9\] is truncated to its domain (in \[0, 1\]).*2.5% of its probability cut off" out
expect 0 "" estimate "$data/lognormal_share.toml" --samples 10000 --format csv -o truncated.csv

TEST "--show-stderr: a table of the Monte Carlo standard errors below the estimate's"
expect 0 "Monte Carlo standard errors over 4000 draws" estimate --samples 4000 --show-stderr
check "--show-stderr: no Total row with four errors: $(tail -3 out)" grep -Eq '^Total +±\$[0-9.]+[KMB]? \([0-9.]+%\) +±.* +±.* +±' out
expect 0 "Monte Carlo standard errors" estimate --samples 4000 --show-stderr --format markdown
check "--show-stderr markdown: no table row for the total" grep -Eq '^\| Total \| ±' out
expect 0 "" estimate --samples 4000
check "without --show-stderr the table has no standard errors" sh -c "! grep -q 'standard errors' '$work/out'"
expect 2 "--show-stderr" estimate --samples 4000 --show-stderr --format csv
