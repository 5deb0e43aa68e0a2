# sensitivity: docs/cli.md's columns, sorted by swing, --top, errors.

TEST "sensitivity table, CSV columns, sorted by swing"
expect 0 "what moves the total net loss" sensitivity
expect 0 "" sensitivity --format csv --samples 0
check "sensitivity CSV header" grep -q '^input,low_value,high_value,total_at_low,total_at_high,swing$' out
check "sensitivity not sorted by swing" \
  awk -F, 'NR > 2 && $6 > previous { bad = 1 } NR > 1 { previous = $6 } END { exit bad }' out

TEST "--top with --samples"
expect 0 "" sensitivity --format csv --top 3 --samples 2000
check "sensitivity --top rows" test "$(wc -l <out)" -eq 4
check "sensitivity --samples column" grep -q ',rank_correlation_squared$' out

TEST "sensitivity JSON and errors"
expect 0 '"inputs"' sensitivity --format json --all
expect 2 "--top" sensitivity --top 0
expect 1 "spectral radius" sensitivity "$data/bad/radius.toml"

TEST "sensitivity --draws"
expect 0 "" sensitivity --samples 200 --draws sdraws.csv
check "sensitivity --draws rows: $(wc -l <sdraws.csv)" test "$(wc -l <sdraws.csv)" -eq 201
