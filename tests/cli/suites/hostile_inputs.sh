# Hostile inputs: every case ends with its documented exit code and exactly one line on
# stderr that starts "outage-impact: error: " and names the place and the problem; never a
# crash (exit 3 or a signal), a hang (each run is limited by expect) or a partial output file.
# Command-line values, preset names, input files, incident logs.
. "$tests_dir/cli/hostile_lib.sh"

TEST "hostile command-line values"
expect 2 "--duration: cannot read 'nan'" estimate --duration nan
expect 2 "--duration: cannot read '1e309'" estimate --duration 1e309
expect 2 "--severity: expected a number in (0, 1], got '-1'" estimate --severity -1
expect 2 "--start: cannot read 'yesterday'" estimate --start yesterday
expect 2 "--samples: 99999999999 draws" estimate --samples 99999999999
expect 2 "--samples: expected a whole number" estimate --samples abc
expect 2 "--seed: expected a whole number" estimate --samples 5 --seed -1
expect 2 "--threads: expected a whole number 1 to 1024" estimate --samples 5 --threads 100000
expect 2 "--set: expected KEY=VALUE" estimate --set deferred
expect 2 "--set bogus.key: unknown key 'bogus.key'" estimate --set bogus.key=1
expect 2 "--set segment.meta_ads.revenue: segment.meta_ads.revenue must be a number" estimate --set 'segment.meta_ads.revenue=[1,2]'
expect 2 "--format" estimate --format yaml
expect 2 "--step: expected a duration > 0" estimate --series s.csv --step 0
expect 2 "--no-such-option" estimate --no-such-option


TEST "hostile preset names and input files"
expect 1 "no-such-preset: no such scenario file or preset" estimate no-such-preset
expect 1 "../../etc/passwd.toml: no such scenario file" estimate ../../etc/passwd.toml
mkdir -p adir
expect 1 "adir: cannot read 'adir': it is a directory" estimate adir
mkfifo fifo.toml
expect 1 "fifo.toml: cannot read 'fifo.toml': not a regular file" estimate fifo.toml
if [ "$(id -u)" -ne 0 ]; then
  printf '%s%s' "$valid_outage" "$valid_segment" >locked.toml && chmod 000 locked.toml
  expect 1 "Permission denied" estimate locked.toml
fi
echo old >existing.csv
expect 2 "--output: 'existing.csv' exists: pass --force" estimate -o existing.csv
[ "$(cat existing.csv)" = old ] && passed=$((passed + 1)) || fail "existing output changed"
expect 2 "--output: cannot write 'no/dir/x.csv': directory 'no/dir' does not exist" estimate -o no/dir/x.csv
expect 1 "--output: cannot write '/dev/full': No space left on device" estimate -o /dev/full --force
if [ -w /dev/full ]; then
  timeout 60 "$binary" estimate >/dev/full 2>err.txt
  [ $? -eq 1 ] && grep -q "cannot write to standard output" err.txt && passed=$((passed + 1)) ||
    fail "stdout to /dev/full"
fi


TEST "hostile incident logs"
write inc-empty.csv ''
expect 1 "inc-empty.csv:1: empty incident log" batch inc-empty.csv
write inc-header.csv $'id,duration\n'
expect 0 "" batch inc-header.csv
write inc-cols.csv $'id,start\na,2024-03-05T15:00:00Z\n'
expect 1 "inc-cols.csv:1: the header needs columns id and duration" batch inc-cols.csv
write inc-dur.csv $'id,duration\na,1h\nb,soon\n'
expect 1 "inc-dur.csv:3: duration: cannot read 'soon'" batch inc-dur.csv -o out1.csv
[ ! -e out1.csv ] && passed=$((passed + 1)) || fail "batch -o left a file"
write inc-start.csv $'id,duration,start\na,1h,2024-03-05 15:00\n'
expect 1 "inc-start.csv:2: start: cannot read" batch inc-start.csv
write inc-sev.csv $'id,duration,severity\na,1h,1.5\n'
expect 1 "inc-sev.csv:2: severity must be in (0, 1], got 1.5" batch inc-sev.csv
write inc-fields.csv $'id,duration\na,1h,extra\n'
expect 1 "inc-fields.csv:2: expected 2 fields like the header, got 3" batch inc-fields.csv
write inc-quote.csv $'id,duration\n"a,1h\n'
expect 1 "inc-quote.csv:2: unterminated quoted field" batch inc-quote.csv
{ printf 'id,duration\n'; head -c 100000000 /dev/zero | tr '\0' 'z'; printf ',1h\n'; } >inc-long.csv
expect 1 "inc-long.csv:2: record longer than 1048576 bytes" batch inc-long.csv
head -c 4096 /dev/urandom >inc-garbage.csv
expect 1 "inc-garbage.csv:" batch inc-garbage.csv
write inc-zero.csv $'id,duration\na,0\n'
expect 1 "inc-zero.csv:2: duration must be > 0" batch inc-zero.csv
write inc-nan.csv $'id,duration,severity\na,1h,nan\n'
expect 1 "inc-nan.csv:2: severity: cannot read 'nan'" batch inc-nan.csv

