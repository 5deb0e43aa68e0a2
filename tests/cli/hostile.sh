#!/usr/bin/env bash
# Hostile inputs: every case must end with its documented exit code and exactly one line on
# stderr that starts "outage-impact: error: " and names the place and the problem; never a
# crash (exit 3 or a signal), a hang (each run is limited to 60 s) or a partial output file.
# Usage: hostile.sh BINARY
set -u
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
cd "$work" || exit 1
passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# hostile CODE TEXT ARGS...: exit CODE, one error line containing TEXT (CODE 0: no error).
hostile() {
  local code=$1 text=$2
  shift 2
  timeout 60 "$binary" "$@" >"$work/out" 2>"$work/err" </dev/null
  local actual=$?
  if [ "$actual" -ne "$code" ]; then
    fail "$* -> exit $actual, expected $code: $(head -c 300 "$work/err")"
    return
  fi
  if [ "$code" -ne 0 ]; then
    if [ "$(wc -l <"$work/err")" -ne 1 ] || ! grep -q '^outage-impact: error: ' "$work/err"; then
      fail "$* -> stderr is not one error line: $(head -c 300 "$work/err")"
      return
    fi
    if ! grep -qF -- "$text" "$work/err"; then
      fail "$* -> error lacks '$text': $(cat "$work/err")"
      return
    fi
  fi
  passed=$((passed + 1))
}

# scenario NAME BODY: a scenario file made of one valid segment plus BODY changes.
valid_outage='[outage]
duration = "2h"
'
valid_segment='[[segment]]
id = "shop"
revenue = 100
dependency = 0.5
'
write() { printf '%s' "$2" >"$work/$1"; }
scenario_with() {  # scenario_with NAME KEY=VALUE-line-in-segment
  printf '%s[[segment]]\nid = "shop"\nrevenue = 100\ndependency = 0.5\n%s\n' "$valid_outage" "$2" >"$work/$1"
}
outage_with() {  # outage_with NAME LINES (replacing the outage table)
  printf '[outage]\n%s\n%s' "$2" "$valid_segment" >"$work/$1"
}

# --- Scenario files -------------------------------------------------------------------
write empty.toml ''
hostile 1 "empty.toml: empty scenario" estimate empty.toml
write blank.toml $'  \n\t\n\n'
hostile 1 "blank.toml: empty scenario" check blank.toml
printf '\xef\xbb\xbf%s%s' "$valid_outage" "$valid_segment" >bom.toml
hostile 0 "" estimate bom.toml
printf '%s%s' "$valid_outage" "$valid_segment" | sed 's/$/\r/' >crlf.toml
hostile 0 "" estimate crlf.toml
head -c 4096 /dev/urandom >garbage.toml
hostile 1 "garbage.toml:" estimate garbage.toml
printf '%s[[segment]]\nid = "caf\xe9"\nrevenue = 1\ndependency = 0.5\n' "$valid_outage" >latin1.toml
hostile 1 "latin1.toml:4:" estimate latin1.toml
{ printf 'a = '; head -c 100000 /dev/zero | tr '\0' '['; } >nested.toml
hostile 1 "nested.toml:1:" estimate nested.toml
{ printf '%s%s# ' "$valid_outage" "$valid_segment"; head -c 20000000 /dev/zero | tr '\0' 'x'; } >huge.toml
hostile 1 "over the limit" estimate huge.toml
{ head -c 100000000 /dev/zero | tr '\0' 'y'; } >longline.toml
hostile 1 "longline.toml" estimate longline.toml
printf '%s%s%s' "$valid_outage" "$valid_segment" "$valid_segment" >duplicate.toml
hostile 1 "duplicate.toml:8:6: duplicate segment id 'shop'" estimate duplicate.toml
printf '%s%s[[link]]\nsegment = "shop"\ndepends_on = "ghost"\nshare = 0.1\n' "$valid_outage" "$valid_segment" >ghost.toml
hostile 1 "ghost.toml:9:14: unknown segment 'ghost'" estimate ghost.toml
printf '%s%s[[link]]\nsegment = "shop"\ndepends_on = "shop"\nshare = 1.0\n' "$valid_outage" "$valid_segment" >self.toml
hostile 1 "1 - a*_ii > 0" estimate self.toml
two_segments="$valid_outage$valid_segment"'[[segment]]
id = "b"
revenue = 1
dependency = 0
'
printf '%s[links]\nmatrix = "m1.csv"\n' "$two_segments" >matrix1.toml
printf 'segment,shop,b\nshop,0,0.1\n' >m1.csv
hostile 1 "m1.csv: the matrix must be square" estimate matrix1.toml
printf '%s[links]\nmatrix = "m2.csv"\n' "$two_segments" >matrix2.toml
printf 'segment,shop,b\nshop,0,x\nb,0,0\n' >m2.csv
hostile 1 "m2.csv:2: column 'b': expected a finite number, got 'x'" estimate matrix2.toml
printf '%s[links]\nmatrix = "m3.csv"\n' "$two_segments" >matrix3.toml
printf 'segment,shop,zz\nshop,0,0\nzz,0,0\n' >m3.csv
hostile 1 "m3.csv:1: unknown segment 'zz'" estimate matrix3.toml
printf '%s[links]\nmatrix = "m4.csv"\n' "$two_segments" >matrix4.toml
printf 'segment,shop,b\nshop,0,nan\nb,0,0\n' >m4.csv
hostile 1 "m4.csv:2: column 'b': expected a finite number, got 'nan'" estimate matrix4.toml
printf '%s[links]\nmatrix = "m5.csv"\n' "$two_segments" >matrix5.toml
printf 'segment,shop,b\nshop,0,0.9\nb,1.5,0\n' >m5.csv
hostile 1 "spectral radius" estimate matrix5.toml
printf '%s[links]\nmatrix = "missing.csv"\n' "$two_segments" >matrix6.toml
hostile 1 "matrix6.toml:12:10: cannot read 'missing.csv'" estimate matrix6.toml
for value in 1.5 -0.1 2; do
  printf '%s[[segment]]\nid = "shop"\nrevenue = 100\ndependency = %s\n' "$valid_outage" "$value" >share.toml
  hostile 1 "share.toml:6:14: segment.shop.dependency must be in [0, 1], got $value" estimate share.toml
done
scenario_with deferred.toml 'deferred = 1.01'
hostile 1 "segment.shop.deferred must be in [0, 1]" estimate deferred.toml
outage_with severity0.toml $'duration = "2h"\nseverity = 0'
hostile 1 "outage.severity must be in (0, 1], got 0" estimate severity0.toml
outage_with severitynan.toml $'duration = "2h"\nseverity = nan'
hostile 1 "severitynan.toml:3:12: outage.severity must be a finite number" estimate severitynan.toml
printf '%s[[segment]]\nid = "shop"\nrevenue = inf\ndependency = 0.5\n' "$valid_outage" >revinf.toml
hostile 1 "revinf.toml:5:11: segment.shop.revenue must be a finite number" estimate revinf.toml
printf '%s[[segment]]\nid = "shop"\nrevenue = 1e309\ndependency = 0.5\n' "$valid_outage" >rev309.toml
hostile 1 "rev309.toml:5:" estimate rev309.toml
printf '%s[[segment]]\nid = "shop"\nrevenue = -5\ndependency = 0.5\n' "$valid_outage" >revneg.toml
hostile 1 "segment.shop.revenue must be >= 0, got -5" estimate revneg.toml
for duration in 0 '"-2h"' '"0s"'; do
  outage_with duration.toml "duration = $duration"
  hostile 1 "outage.duration must be > 0 hours" estimate duration.toml
done
outage_with unit.toml 'duration = "2 fortnights"'
hostile 1 "duration.toml" estimate duration.toml
hostile 1 "unit.toml:2:12: outage.duration: cannot read '2 fortnights' as a duration" estimate unit.toml
outage_with overflow.toml 'duration = "99999999h"'
hostile 1 "expected a duration of at most 1000000 hours" estimate overflow.toml
outage_with iso.toml 'duration = "PT"'
hostile 1 "iso.toml:2:12:" estimate iso.toml
scenario_with recovery.toml 'recovery = "0m"'
hostile 1 "segment.shop.recovery must be > 0 hours" estimate recovery.toml
outage_with local.toml $'duration = "2h"\nstart = 2024-03-05T15:00:00'
hostile 1 "local.toml:3:9: outage.start needs a UTC offset" estimate local.toml
outage_with month.toml $'duration = "2h"\nstart = "2024-13-05T15:00:00Z"'
hostile 1 "month.toml:3:9:" estimate month.toml
outage_with day.toml $'duration = "2h"\nstart = "2023-02-29T15:00:00Z"'
hostile 1 "expected a valid calendar date" estimate day.toml
scenario_with uniform.toml 'deferred = { uniform = [0.5, 0.1] }'
hostile 1 "uniform [low, high] with low < high, got [0.5, 0.1]" estimate uniform.toml
scenario_with tri.toml 'deferred = { triangular = [0.1, 0.9, 0.5] }'
hostile 1 "with the mode between low and high" estimate tri.toml
scenario_with pert.toml 'deferred = { pert = [0.1, 0.05, 0.5] }'
hostile 1 "pert [low, mode, high] with the mode between low and high" estimate pert.toml
scenario_with logn.toml 'recovery = { lognormal = [3, 1] }'
hostile 1 "lognormal [p5, p95] with p5 < p95" estimate logn.toml
scenario_with logneg.toml 'recovery = { lognormal = [-1, 1] }'
hostile 1 "lognormal [p5, p95] with p5 > 0" estimate logneg.toml
scenario_with dist.toml 'deferred = { beta = [1, 2] }'
hostile 1 "unknown distribution 'beta'" estimate dist.toml
scenario_with key.toml 'deffered = 0.5'
hostile 1 "key.toml:7:1: unknown key 'deffered' in [[segment]]" estimate key.toml
printf '%s[[segment]]\nid = "shop"\nrevenue = 100\ndependency = "half"\n' "$valid_outage" >type.toml
hostile 1 "type.toml:6:14: segment.shop.dependency must be a number, got a string" estimate type.toml
printf '%s' "$valid_segment" >nooutage.toml
hostile 1 "missing [outage]" estimate nooutage.toml
printf '%s' "$valid_outage" >nosegment.toml
hostile 1 "missing [[segment]]" estimate nosegment.toml
printf '%s[[segment]]\nid = "total"\nrevenue = 1\ndependency = 0\n' "$valid_outage" >total.toml
hostile 1 "'total' is reserved" estimate total.toml
printf '[outage]\nduration = "2h"\nstart = 2024-03-05T15:00:00Z\n[[segment]]\nid = "shop"\nrevenue = 1\ndependency = 0.5\nprofile = "%s"\n' "nope.csv" >profile1.toml
hostile 1 "profile1.toml:8:11: cannot read 'nope.csv': No such file or directory" estimate profile1.toml
make_profile() {  # make_profile FILE ROWS [EXTRA]
  { echo "hour,weight"; for ((h = 0; h < $2; h++)); do echo "$h,1"; done; printf '%s' "${3:-}"; } >"$work/$1"
}
profile_scenario() {
  printf '[outage]\nduration = "2h"\nstart = 2024-03-05T15:00:00Z\n[[segment]]\nid = "shop"\nrevenue = 1\ndependency = 0.5\nprofile = "%s"\n' "$2" >"$work/$1"
}
make_profile p167.csv 167
profile_scenario profile2.toml p167.csv
hostile 1 "p167.csv: a profile needs 168 rows (hours 0-167), got 167" estimate profile2.toml
make_profile pneg.csv 167 $'167,-1\n'
profile_scenario profile3.toml pneg.csv
hostile 1 "pneg.csv:169: weight must be a finite number >= 0, got '-1'" estimate profile3.toml
make_profile pdup.csv 168 $'5,1\n'
profile_scenario profile4.toml pdup.csv
hostile 1 "pdup.csv:170: hour 5 appears twice" estimate profile4.toml
printf 'h,w\n0,1\n' >phead.csv
profile_scenario profile5.toml phead.csv
hostile 1 "phead.csv:1: expected the header 'hour,weight'" estimate profile5.toml
printf '[outage]\nduration = "2h"\n%s' "$valid_segment" >noprofilestart.toml
printf 'profile = "social"\n' >>noprofilestart.toml
hostile 1 "needs outage.start" estimate noprofilestart.toml
outage_with phase1.toml $'duration = "1h"\n[[outage.phase]]\nafter = "2h"\nseverity = 0.3'
hostile 1 "outage.phase.1.after = 2h is not before the end of the outage (1h)" estimate phase1.toml
outage_with phase2.toml $'duration = "3h"\n[[outage.phase]]\nafter = "2h"\nseverity = 0.3\n[[outage.phase]]\nafter = "1h"\nseverity = 0.1'
hostile 1 "must come after the previous phase" estimate phase2.toml
awk 'BEGIN { printf "[outage]\nduration = 1\n"; for (i = 0; i < 10001; i++) printf "[[segment]]\nid = \"s%d\"\nrevenue = 1\ndependency = 0\n", i }' >many.toml
hostile 1 "many.toml:3:1: at most 10000 segments are supported" estimate many.toml
printf '%s[[segment]]\nid = "shop"\nio_sector = "Shops"\ndependency = 0.5\n' "$valid_outage" >io1.toml
hostile 1 "has no revenue and io_sector needs [links] io_table" estimate io1.toml

# --- Command-line values ----------------------------------------------------------------
hostile 2 "--duration: cannot read 'nan'" estimate --duration nan
hostile 2 "--duration: cannot read '1e309'" estimate --duration 1e309
hostile 2 "--severity: expected a number in (0, 1], got '-1'" estimate --severity -1
hostile 2 "--start: cannot read 'yesterday'" estimate --start yesterday
hostile 2 "--samples: 99999999999 draws" estimate --samples 99999999999
hostile 2 "--samples: expected a whole number" estimate --samples abc
hostile 2 "--seed: expected a whole number" estimate --samples 5 --seed -1
hostile 2 "--threads: expected a whole number 1 to 1024" estimate --samples 5 --threads 100000
hostile 2 "--set: expected KEY=VALUE" estimate --set deferred
hostile 2 "--set bogus.key: unknown key 'bogus.key'" estimate --set bogus.key=1
hostile 2 "--set segment.meta_ads.revenue: segment.meta_ads.revenue must be a number" estimate --set 'segment.meta_ads.revenue=[1,2]'
hostile 2 "--format" estimate --format yaml
hostile 2 "--step: expected a duration > 0" estimate --series s.csv --step 0
hostile 2 "--no-such-option" estimate --no-such-option

# --- Preset names and input files -------------------------------------------------------
hostile 1 "no-such-preset: no such scenario file or preset" estimate no-such-preset
hostile 1 "../../etc/passwd.toml: no such scenario file" estimate ../../etc/passwd.toml
mkdir -p adir
hostile 1 "adir: cannot read 'adir': it is a directory" estimate adir
mkfifo fifo.toml
hostile 1 "fifo.toml: cannot read 'fifo.toml': not a regular file" estimate fifo.toml
if [ "$(id -u)" -ne 0 ]; then
  printf '%s%s' "$valid_outage" "$valid_segment" >locked.toml && chmod 000 locked.toml
  hostile 1 "Permission denied" estimate locked.toml
fi
echo old >existing.csv
hostile 2 "--output: 'existing.csv' exists: pass --force" estimate -o existing.csv
[ "$(cat existing.csv)" = old ] && passed=$((passed + 1)) || fail "existing output changed"
hostile 2 "--output: cannot write 'no/dir/x.csv': directory 'no/dir' does not exist" estimate -o no/dir/x.csv
hostile 2 "--output: cannot write '/dev/full': not a regular file" estimate -o /dev/full --force
if [ -w /dev/full ]; then
  timeout 60 "$binary" estimate >/dev/full 2>err.txt
  [ $? -eq 1 ] && grep -q "cannot write to standard output" err.txt && passed=$((passed + 1)) ||
    fail "stdout to /dev/full"
fi

# --- Incident logs (batch) ---------------------------------------------------------------
write inc-empty.csv ''
hostile 1 "inc-empty.csv:1: empty incident log" batch inc-empty.csv
write inc-header.csv $'id,duration\n'
hostile 0 "" batch inc-header.csv
write inc-cols.csv $'id,start\na,2024-03-05T15:00:00Z\n'
hostile 1 "inc-cols.csv:1: the header needs columns id and duration" batch inc-cols.csv
write inc-dur.csv $'id,duration\na,1h\nb,soon\n'
hostile 1 "inc-dur.csv:3: duration: cannot read 'soon'" batch inc-dur.csv -o out1.csv
[ ! -e out1.csv ] && passed=$((passed + 1)) || fail "batch -o left a file"
write inc-start.csv $'id,duration,start\na,1h,2024-03-05 15:00\n'
hostile 1 "inc-start.csv:2: start: cannot read" batch inc-start.csv
write inc-sev.csv $'id,duration,severity\na,1h,1.5\n'
hostile 1 "inc-sev.csv:2: severity must be in (0, 1], got 1.5" batch inc-sev.csv
write inc-fields.csv $'id,duration\na,1h,extra\n'
hostile 1 "inc-fields.csv:2: expected 2 fields like the header, got 3" batch inc-fields.csv
write inc-quote.csv $'id,duration\n"a,1h\n'
hostile 1 "inc-quote.csv:2: unterminated quoted field" batch inc-quote.csv
{ printf 'id,duration\n'; head -c 100000000 /dev/zero | tr '\0' 'z'; printf ',1h\n'; } >inc-long.csv
hostile 1 "inc-long.csv:2: record longer than 1048576 bytes" batch inc-long.csv
head -c 4096 /dev/urandom >inc-garbage.csv
hostile 1 "inc-garbage.csv:" batch inc-garbage.csv
write inc-zero.csv $'id,duration\na,0\n'
hostile 1 "inc-zero.csv:2: duration must be > 0" batch inc-zero.csv
write inc-nan.csv $'id,duration,severity\na,1h,nan\n'
hostile 1 "inc-nan.csv:2: severity: cannot read 'nan'" batch inc-nan.csv

# --- Killed mid-run: the target is the old file or a complete new one, never partial ---------
awk 'BEGIN { print "id,duration,start,severity"; for (i = 1; i <= 3000000; i++) printf "i%d,%dm,2024-03-05T15:00:00Z,0.5\n", i, i % 480 + 1 }' >big.csv
echo previous >kept.csv
timeout 60 "$binary" batch big.csv -o kept.csv --force >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ "$(cat kept.csv)" = previous ] || tail -n 1 kept.csv | grep -q '^i3000000,total,'; then
  passed=$((passed + 1))
else
  fail "kill -9 left a partial target file"
fi

echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
