# Monte Carlo: the same bytes for any --threads, statistics columns, percentiles, exceedance,
# and the errors of the sampling options.

TEST "sampled output is byte-identical across --threads and runs"
for threads in 1 2 8; do
  "$binary" estimate --samples 20000 --seed 7 --threads "$threads" --format csv >"mc.$threads.csv" 2>/dev/null
done
check "sampled output differs across --threads" cmp -s mc.1.csv mc.2.csv
check "sampled output differs across --threads" cmp -s mc.1.csv mc.8.csv
check "sampled CSV header" grep -q ',net_loss_mean,net_loss_p5,net_loss_p50,net_loss_p95,net_loss_stddev$' mc.1.csv

TEST "sampled JSON has stats"
expect 0 '"p95"' estimate --samples 20000 --seed 7 --threads 2 --format json

TEST "--seed 010 is 10 (base 10)"
"$binary" estimate --samples 20000 --seed 010 --format csv >mc.010.csv 2>/dev/null
"$binary" estimate --samples 20000 --seed 10 --format csv >mc.10.csv 2>/dev/null
check "--seed 010 is not 10" cmp -s mc.010.csv mc.10.csv

TEST "--percentiles and --exceedance"
expect 0 "" estimate --samples 5000 --percentiles 1,99 --format csv --exceedance exceedance.csv
check "--percentiles columns" grep -q ',net_loss_p1,net_loss_p99$' out
check "exceedance header" grep -q '^net_loss,probability_exceeded$' exceedance.csv
check "exceedance rows" test "$(wc -l <exceedance.csv)" -eq 1001
expect 0 "Net p5-p95" estimate --samples 2000
expect 0 "" estimate --samples 2000 --percentiles 1,5,50,95,99,1 --format csv
check "--percentiles repeats columns: $(head -1 out)" grep -q ',net_loss_stddev,net_loss_p1,net_loss_p99$' out

TEST "errors of the sampling options"
expect 2 "--samples: expected a whole number" estimate --samples -1
expect 2 "--samples: expected a whole number" estimate --samples 1e3
expect 2 "use fewer draws" estimate --samples 999999999999
expect 2 "--seed" estimate --samples 10 --seed 0x10
expect 2 "--seed" estimate --samples 10 --seed 99999999999999999999
expect 2 "--threads" estimate --samples 10 --threads 0
expect 2 "--percentiles" estimate --samples 10 --percentiles 5,abc
expect 2 "--percentiles" estimate --samples 10 --percentiles 100
expect 2 "--exceedance: needs --samples" estimate --exceedance e.csv

TEST "a share whose lognormal tail passes 1 is truncated to [0, 1]: check says so, draws never fail"
expect 0 "" check "$data/lognormal_share.toml"
check "check does not report the truncation: $(cat out)" grep -q "segment.shop.dependency = lognormal \[0.3, 0.9\] is truncated to its domain (in \[0, 1\]).*2.5% of its probability cut off" out
expect 0 "" estimate "$data/lognormal_share.toml" --samples 10000 --format csv -o truncated.csv
