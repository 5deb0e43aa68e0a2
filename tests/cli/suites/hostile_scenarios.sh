# Hostile inputs: every case ends with its documented exit code and exactly one line on
# stderr that starts "outage-impact: error: " and names the place and the problem; never a
# crash (exit 3 or a signal), a hang (each run is limited by expect) or a partial output file.
# Scenario files.
. "$tests_dir/cli/hostile_lib.sh"

TEST "hostile scenario files"
write empty.toml ''
expect 1 "empty.toml: empty scenario" estimate empty.toml
write blank.toml $'  \n\t\n\n'
expect 1 "blank.toml: empty scenario" check blank.toml
printf '\xef\xbb\xbf%s%s' "$valid_outage" "$valid_segment" >bom.toml
expect 0 "" estimate bom.toml
printf '%s%s' "$valid_outage" "$valid_segment" | sed 's/$/\r/' >crlf.toml
expect 0 "" estimate crlf.toml
head -c 4096 /dev/urandom >garbage.toml
expect 1 "garbage.toml:" estimate garbage.toml
printf '%s[[segment]]\nid = "caf\xe9"\nrevenue = 1\ndependency = 0.5\n' "$valid_outage" >latin1.toml
expect 1 "latin1.toml:4:" estimate latin1.toml
{ printf 'a = '; head -c 100000 /dev/zero | tr '\0' '['; } >nested.toml
expect 1 "nested.toml:1:" estimate nested.toml
{ printf '%s%s# ' "$valid_outage" "$valid_segment"; head -c 20000000 /dev/zero | tr '\0' 'x'; } >huge.toml
expect 1 "over the limit" estimate huge.toml
{ head -c 100000000 /dev/zero | tr '\0' 'y'; } >longline.toml
expect 1 "longline.toml" estimate longline.toml
printf '%s%s%s' "$valid_outage" "$valid_segment" "$valid_segment" >duplicate.toml
expect 1 "duplicate.toml:8:6: duplicate segment id 'shop'" estimate duplicate.toml
printf '%s%s[[link]]\nsegment = "shop"\ndepends_on = "ghost"\nshare = 0.1\n' "$valid_outage" "$valid_segment" >ghost.toml
expect 1 "ghost.toml:9:14: unknown segment 'ghost'" estimate ghost.toml
printf '%s%s[[link]]\nsegment = "shop"\ndepends_on = "shop"\nshare = 1.0\n' "$valid_outage" "$valid_segment" >self.toml
expect 1 "1 - a*_ii > 0" estimate self.toml
two_segments="$valid_outage$valid_segment"'[[segment]]
id = "b"
revenue = 1
dependency = 0
'
printf '%s[links]\nmatrix = "m1.csv"\n' "$two_segments" >matrix1.toml
printf 'segment,shop,b\nshop,0,0.1\n' >m1.csv
expect 1 "m1.csv: the matrix must be square" estimate matrix1.toml
printf '%s[links]\nmatrix = "m2.csv"\n' "$two_segments" >matrix2.toml
printf 'segment,shop,b\nshop,0,x\nb,0,0\n' >m2.csv
expect 1 "m2.csv:2: column 'b': expected a finite number, got 'x'" estimate matrix2.toml
printf '%s[links]\nmatrix = "m3.csv"\n' "$two_segments" >matrix3.toml
printf 'segment,shop,zz\nshop,0,0\nzz,0,0\n' >m3.csv
expect 1 "m3.csv:1: unknown segment 'zz'" estimate matrix3.toml
printf '%s[links]\nmatrix = "m4.csv"\n' "$two_segments" >matrix4.toml
printf 'segment,shop,b\nshop,0,nan\nb,0,0\n' >m4.csv
expect 1 "m4.csv:2: column 'b': expected a finite number, got 'nan'" estimate matrix4.toml
printf '%s[links]\nmatrix = "m5.csv"\n' "$two_segments" >matrix5.toml
printf 'segment,shop,b\nshop,0,0.9\nb,1.5,0\n' >m5.csv
expect 1 "spectral radius" estimate matrix5.toml
printf '%s[links]\nmatrix = "missing.csv"\n' "$two_segments" >matrix6.toml
expect 1 "matrix6.toml:12:10: cannot read 'missing.csv'" estimate matrix6.toml
for value in 1.5 -0.1 2; do
  printf '%s[[segment]]\nid = "shop"\nrevenue = 100\ndependency = %s\n' "$valid_outage" "$value" >share.toml
  expect 1 "share.toml:6:14: segment.shop.dependency must be in [0, 1], got $value" estimate share.toml
done
scenario_with deferred.toml 'deferred = 1.01'
expect 1 "segment.shop.deferred must be in [0, 1]" estimate deferred.toml
outage_with severity0.toml $'duration = "2h"\nseverity = 0'
expect 1 "outage.severity must be in (0, 1], got 0" estimate severity0.toml
outage_with severitynan.toml $'duration = "2h"\nseverity = nan'
expect 1 "severitynan.toml:3:12: outage.severity must be a finite number" estimate severitynan.toml
printf '%s[[segment]]\nid = "shop"\nrevenue = inf\ndependency = 0.5\n' "$valid_outage" >revinf.toml
expect 1 "revinf.toml:5:11: segment.shop.revenue must be a finite number" estimate revinf.toml
printf '%s[[segment]]\nid = "shop"\nrevenue = 1e309\ndependency = 0.5\n' "$valid_outage" >rev309.toml
expect 1 "rev309.toml:5:" estimate rev309.toml
printf '%s[[segment]]\nid = "shop"\nrevenue = -5\ndependency = 0.5\n' "$valid_outage" >revneg.toml
expect 1 "segment.shop.revenue must be >= 0, got -5" estimate revneg.toml
for duration in 0 '"-2h"' '"0s"'; do
  outage_with duration.toml "duration = $duration"
  expect 1 "outage.duration must be > 0 hours" estimate duration.toml
done
outage_with unit.toml 'duration = "2 fortnights"'
expect 1 "duration.toml" estimate duration.toml
expect 1 "unit.toml:2:12: outage.duration: cannot read '2 fortnights' as a duration" estimate unit.toml
outage_with overflow.toml 'duration = "99999999h"'
expect 1 "expected a duration of at most 1000000 hours" estimate overflow.toml
outage_with iso.toml 'duration = "PT"'
expect 1 "iso.toml:2:12:" estimate iso.toml
scenario_with recovery.toml 'recovery = "0m"'
expect 1 "segment.shop.recovery must be > 0 hours" estimate recovery.toml
outage_with local.toml $'duration = "2h"\nstart = 2024-03-05T15:00:00'
expect 1 "local.toml:3:9: outage.start needs a UTC offset" estimate local.toml
outage_with month.toml $'duration = "2h"\nstart = "2024-13-05T15:00:00Z"'
expect 1 "month.toml:3:9:" estimate month.toml
outage_with day.toml $'duration = "2h"\nstart = "2023-02-29T15:00:00Z"'
expect 1 "expected a valid calendar date" estimate day.toml
scenario_with uniform.toml 'deferred = { uniform = [0.5, 0.1] }'
expect 1 "uniform [low, high] with low < high, got [0.5, 0.1]" estimate uniform.toml
scenario_with tri.toml 'deferred = { triangular = [0.1, 0.9, 0.5] }'
expect 1 "with the mode between low and high" estimate tri.toml
scenario_with pert.toml 'deferred = { pert = [0.1, 0.05, 0.5] }'
expect 1 "pert [low, mode, high] with the mode between low and high" estimate pert.toml
scenario_with logn.toml 'recovery = { lognormal = [3, 1] }'
expect 1 "lognormal [p5, p95] with p5 < p95" estimate logn.toml
scenario_with logneg.toml 'recovery = { lognormal = [-1, 1] }'
expect 1 "lognormal [p5, p95] with p5 > 0" estimate logneg.toml
scenario_with dist.toml 'deferred = { beta = [1, 2] }'
expect 1 "unknown distribution 'beta'" estimate dist.toml
scenario_with key.toml 'deffered = 0.5'
expect 1 "key.toml:7:1: unknown key 'deffered' in [[segment]]" estimate key.toml
printf '%s[[segment]]\nid = "shop"\nrevenue = 100\ndependency = "half"\n' "$valid_outage" >type.toml
expect 1 "type.toml:6:14: segment.shop.dependency must be a number, got a string" estimate type.toml
printf '%s' "$valid_segment" >nooutage.toml
expect 1 "missing [outage]" estimate nooutage.toml
printf '%s' "$valid_outage" >nosegment.toml
expect 1 "missing [[segment]]" estimate nosegment.toml
printf '%s[[segment]]\nid = "total"\nrevenue = 1\ndependency = 0\n' "$valid_outage" >total.toml
expect 1 "'total' is reserved" estimate total.toml
printf '[outage]\nduration = "2h"\nstart = 2024-03-05T15:00:00Z\n[[segment]]\nid = "shop"\nrevenue = 1\ndependency = 0.5\nprofile = "%s"\n' "nope.csv" >profile1.toml
expect 1 "profile1.toml:8:11: cannot read 'nope.csv': No such file or directory" estimate profile1.toml
make_profile() {  # make_profile FILE ROWS [EXTRA]
  { echo "hour,weight"; for ((h = 0; h < $2; h++)); do echo "$h,1"; done; printf '%s' "${3:-}"; } >"$1"
}
profile_scenario() {
  printf '[outage]\nduration = "2h"\nstart = 2024-03-05T15:00:00Z\n[[segment]]\nid = "shop"\nrevenue = 1\ndependency = 0.5\nprofile = "%s"\n' "$2" >"$1"
}
make_profile p167.csv 167
profile_scenario profile2.toml p167.csv
expect 1 "p167.csv: a profile needs 168 rows (hours 0-167), got 167" estimate profile2.toml
make_profile pneg.csv 167 $'167,-1\n'
profile_scenario profile3.toml pneg.csv
expect 1 "pneg.csv:169: weight must be a finite number >= 0, got '-1'" estimate profile3.toml
make_profile pdup.csv 168 $'5,1\n'
profile_scenario profile4.toml pdup.csv
expect 1 "pdup.csv:170: hour 5 appears twice" estimate profile4.toml
printf 'h,w\n0,1\n' >phead.csv
profile_scenario profile5.toml phead.csv
expect 1 "phead.csv:1: expected the header 'hour,weight'" estimate profile5.toml
printf '[outage]\nduration = "2h"\n%s' "$valid_segment" >noprofilestart.toml
printf 'profile = "social"\n' >>noprofilestart.toml
expect 1 "needs outage.start" estimate noprofilestart.toml
outage_with phase1.toml $'duration = "1h"\n[[outage.phase]]\nafter = "2h"\nseverity = 0.3'
expect 1 "outage.phase.1.after = 2h is not before the end of the outage (1h)" estimate phase1.toml
outage_with phase2.toml $'duration = "3h"\n[[outage.phase]]\nafter = "2h"\nseverity = 0.3\n[[outage.phase]]\nafter = "1h"\nseverity = 0.1'
expect 1 "must come after the previous phase" estimate phase2.toml
awk 'BEGIN { printf "[outage]\nduration = 1\n"; for (i = 0; i < 10001; i++) printf "[[segment]]\nid = \"s%d\"\nrevenue = 1\ndependency = 0\n", i }' >many.toml
expect 1 "many.toml:3:1: at most 10000 segments are supported" estimate many.toml
printf '%s[[segment]]\nid = "shop"\nio_sector = "Shops"\ndependency = 0.5\n' "$valid_outage" >io1.toml
expect 1 "has no revenue and io_sector needs [links] io_table" estimate io1.toml

