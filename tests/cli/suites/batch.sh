# batch: RFC 4180 edge cases, stdin pipelines, bad rows, --skip-bad-rows, empty cells.
incidents="$data/incidents"

TEST "RFC 4180 edge cases (BOM, CRLF, quotes, embedded newline, blank line, extra column)"
expect 0 "" batch "$incidents/edge_cases.csv"
cp "out" "batch.csv"
if head -1 "batch.csv" | grep -q '^id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability,value_added_loss$'; then pass; else fail "batch header"; fi
if [ "$(grep -c ',total,' "batch.csv")" -eq 3 ] && [ "$(wc -l <"batch.csv")" -eq 31 ]; then pass; else fail "batch row count: $(wc -l <"batch.csv")"; fi
if grep -q '^"inc ""1"", eu",meta_ads,' "batch.csv"; then pass; else fail "batch id quoting"; fi
# The first incident is the default preset's outage: its total equals `estimate`'s.
batch_total=$(grep '^"inc ""1"", eu",total,' "batch.csv" | awk -F, '{print $5}')
estimate_total=$("$binary" estimate --format csv | awk -F, '$1=="total"{print $4}')
if awk -v a="$batch_total" -v b="$estimate_total" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * b) }'; then pass; else fail "batch total $batch_total != estimate $estimate_total"; fi

TEST "stdin pipelines"
printf 'id,duration\na,2h\nb,30m\n' | "$binary" batch - >"piped.csv" 2>"err"
if [ "$(grep -c ',total,' "piped.csv")" -eq 2 ]; then pass; else fail "batch from stdin"; fi
printf 'id,duration\na,2h\n' | "$binary" batch 2>/dev/null | "$binary" batch - >/dev/null 2>"err"
if [ $? -eq 1 ] && grep -q "needs columns id and duration" "err"; then pass; else fail "batch of batch output should fail on its header"; fi

TEST "a bad number in row 7"
# A bad number in row 7 stops the run after the rows before it, with exit 1 and the line.
"$binary" batch "$incidents/bad_row7.csv" >"partial.csv" 2>"err"
code=$?
if [ "$code" -eq 1 ] && grep -q "bad_row7.csv:7: severity: cannot read '0.5x'" "err" && [ "$(grep -c ',total,' "partial.csv")" -eq 5 ]; then pass; else fail "bad row 7: exit $code, $(cat "err")"; fi
expect 1 "bad_row7.csv:7:" batch "$incidents/bad_row7.csv" -o "batch-never.csv"
if [ -e "batch-never.csv" ]; then fail "batch -o wrote a file on error"; else pass; fi

TEST "--skip-bad-rows"
"$binary" batch "$incidents/bad_row7.csv" --skip-bad-rows >"skipped.csv" 2>"err"
code=$?
if [ "$code" -eq 0 ] && [ "$(grep -c ',total,' "skipped.csv")" -eq 6 ] && grep -q "skipped .*bad_row7.csv:7:" "err" && grep -q "skipped 1 of 7 rows" "err"; then pass; else fail "--skip-bad-rows: exit $code, $(cat "err")"; fi

TEST "bad logs"
expect 1 "missing_columns.csv:1: the header needs columns id and duration" batch "$incidents/missing_columns.csv"
printf '' | "$binary" batch - >/dev/null 2>"err"
if [ $? -eq 1 ] && grep -q "empty incident log" "err"; then pass; else fail "empty batch input"; fi
printf 'id,duration\na,"2h\n' | "$binary" batch - >/dev/null 2>"err"
if [ $? -eq 1 ] && grep -q "unterminated quoted field" "err"; then pass; else fail "unterminated quote in batch"; fi
expect 1 "no such scenario" batch "$incidents/edge_cases.csv" --scenario nope

TEST "--severity fills empty cells"
# --severity sets the value for rows whose severity cell is empty.
printf 'id,duration,severity\na,2h,\n' | "$binary" batch - --severity 0.45 >"sev.csv" 2>/dev/null
printf 'id,duration,severity\na,2h,0.45\n' | "$binary" batch - >"sev2.csv" 2>/dev/null
if cmp -s "sev.csv" "sev2.csv"; then pass; else fail "batch --severity default"; fi

TEST "a directory as the log"
expect 1 "it is a directory" batch "$incidents"

