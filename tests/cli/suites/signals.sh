# Interrupted runs: Ctrl-C exits 130 and leaves neither the target nor a temporary file, also
# while the temporary file exists; kill -9 of the tool itself leaves the old target whole.

# wait_for_temporary DIR: waits (up to 20 s) until an atomic write's temporary file exists.
wait_for_temporary() {
  local i
  for ((i = 0; i < 200; i++)); do
    if ! no_temporary_files "$1"; then return 0; fi
    sleep 0.1
  done
  return 1
}
big_log() {  # big_log FILE ROWS
  awk -v rows="$2" 'BEGIN { print "id,duration,start,severity"; for (i = 1; i <= rows; i++) printf "i%d,%dm,2024-03-05T15:00:00Z,0.5\n", i, i % 480 + 1 }' >"$1"
}

TEST "Ctrl-C while sampling: exit 130, nothing written"
"$binary" estimate --samples 20000000 --threads 2 --format csv -o interrupted.csv 2>/dev/null &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid" 2>/dev/null
code=$?
check "SIGINT while sampling gave exit $code" test "$code" -eq 130
check "SIGINT while sampling left a file" test ! -e interrupted.csv

TEST "Ctrl-C while the temporary file exists: it is removed"
big_log big.csv 1000000
"$binary" batch big.csv -o interrupted.csv 2>/dev/null &
pid=$!
if wait_for_temporary .; then
  pass
else
  fail "no temporary file appeared while batch was writing"
fi
kill -INT "$pid"
wait "$pid" 2>/dev/null
code=$?
check "SIGINT while writing gave exit $code" test "$code" -eq 130
check "SIGINT while writing left the target" test ! -e interrupted.csv
check "SIGINT while writing left a temporary file: $(ls -A)" no_temporary_files .

TEST "kill -9 of the tool mid-write: the old target is kept whole"
big_log big.csv 1000000
echo previous >kept.csv
"$binary" batch big.csv -o kept.csv --force >/dev/null 2>&1 &
pid=$!
wait_for_temporary . || fail "no temporary file appeared before kill -9"
kill -9 "$pid"
wait "$pid" 2>/dev/null
code=$?
check "the tool was not killed by SIGKILL (exit $code)" test "$code" -eq 137
check "kill -9 changed the target" test "$(cat kept.csv)" = previous
