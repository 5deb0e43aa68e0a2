# --output: atomic, refuses to overwrite, leaves nothing on error; write errors on stdout.

TEST "--output"
expect 0 "" estimate --format csv -o "out.csv"
same_numbers out.csv "$golden/meta-2024-03-05.csv"
expect 2 "exists: pass --force" estimate --format csv -o "out.csv"
expect 0 "" estimate --format json -o "out.csv" --force
if grep -q '"scenario"' "out.csv"; then pass; else fail "--force did not replace the file"; fi
expect 1 "spectral radius" estimate "$data/bad/radius.toml" -o "never.csv"
if [ -e "never.csv" ]; then fail "a file was written on error"; else pass; fi
expect 2 "does not exist" estimate -o "no/such/dir/out.csv"
expect 1 "No space left on device" estimate -o /dev/full --force
check "temporary files left behind" no_temporary_files .

TEST "write errors on stdout are errors"
if [ -w /dev/full ]; then
  "$binary" estimate >/dev/full 2>"err"
  code=$?
  if [ "$code" -eq 1 ] && grep -q "cannot write" "err"; then pass; else fail "> /dev/full gave exit $code"; fi
fi

TEST "OUTAGE_IMPACT_DATA pointing to an empty directory"
# The installed layout finds presets relative to the binary (tested after install elsewhere);
# here OUTAGE_IMPACT_DATA points to an empty directory and the source tree still answers.
OUTAGE_IMPACT_DATA="$work" "$binary" estimate >/dev/null 2>&1 && pass || fail "OUTAGE_IMPACT_DATA fallback"


TEST "--csv-raw writes text cells as given; without it a formula is neutralised"
printf '[outage]\nduration = "1h"\n[[segment]]\nid = "x"\nname = "=HYPERLINK(1)"\nrevenue = 1\ndependency = 1\n' >"$work/formula.toml"
expect 0 "" estimate "$work/formula.toml" --format csv
check "neutralised by default" grep -q "^x,\"'=HYPERLINK(1)\"," "$work/out"
expect 0 "" estimate "$work/formula.toml" --format csv --csv-raw
check "raw with --csv-raw" grep -q "^x,=HYPERLINK(1)," "$work/out"
