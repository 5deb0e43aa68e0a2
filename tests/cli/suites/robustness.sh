# Internal errors on valid input: thread creation refused, file names
# that are not UTF-8 in JSON, a deleted working directory.

TEST "--threads above 4 x the cores is capped, and the numbers do not change"
"$binary" estimate --samples 3000 --threads 1 --format csv >one.csv 2>/dev/null
expect 0 "" estimate --samples 3000 --threads 1000 --format csv
check "--threads 1000 changed the numbers" cmp -s one.csv out

TEST "threads the system refuses: the work is shared by those that start, same numbers"
# glibc gives each thread a stack of RLIMIT_STACK: 1 GiB stacks under a 3 GiB address-space
# limit leave room for at most two threads.
if [ -n "${OUTAGE_IMPACT_SANITIZED:-}" ]; then
  code=99  # a sanitizer's shadow memory does not fit under ulimit -v
else
  "$binary" estimate --samples 200000 --threads 1 --format csv >one.csv 2>/dev/null
  (
    ulimit -s 1048576 && ulimit -v 3145728 || exit 99
    exec "$binary" estimate --samples 200000 --threads 4 --format csv >out 2>err
  )
  code=$?
fi
if [ "$code" -eq 99 ]; then
  echo "note: ulimit refused or sanitized binary: thread-creation failure not tested"
else
  check "refused threads gave exit $code: $(cat err)" test "$code" -eq 0
  check "refused threads changed the numbers" cmp -s one.csv out
fi

# Runs "$binary" "$@" where the system refuses threads beyond about two; sets $code (99: not
# testable here).
run_with_refused_threads() {
  if [ -n "${OUTAGE_IMPACT_SANITIZED:-}" ]; then
    code=99
    return
  fi
  (
    ulimit -s 1048576 && ulimit -v 3145728 || exit 99
    exec "$binary" "$@" >out 2>err
  )
  code=$?
}

TEST "risk and compare --risk with threads the system refuses: same numbers, no abort"
"$binary" risk "$data/covers.toml" --years 3000 --threads 1 -q --format csv >one.csv 2>/dev/null
run_with_refused_threads risk "$data/covers.toml" --years 3000 --threads 4 -q --format csv
if [ "$code" -eq 99 ]; then
  echo "note: ulimit refused or sanitized binary: thread-creation failure not tested"
else
  check "risk with refused threads gave exit $code: $(cat err)" test "$code" -eq 0
  check "risk with refused threads changed the numbers" cmp -s one.csv out
  "$binary" compare "$data/covers.toml" --variant outage.duration=3h --risk --years 2000 \
    --threads 1 -q --format csv >one.csv 2>/dev/null
  run_with_refused_threads compare "$data/covers.toml" --variant outage.duration=3h --risk \
    --years 2000 --threads 4 -q --format csv
  check "compare --risk with refused threads gave exit $code: $(cat err)" test "$code" -eq 0
  check "compare --risk with refused threads changed the numbers" cmp -s one.csv out
fi

TEST "a Latin-1 file name with --format json is valid JSON"
name=$(printf 'caf\xe9.toml')
printf '[outage]\nduration = "2h"\n[[segment]]\nid = "shop"\nrevenue = 100\ndependency = 0.5\n' >"$name"
expect 0 '"scenario"' estimate "$name" --format json
expect 0 "" estimate "$name" --duration 3h --format json
if command -v python3 >/dev/null; then
  check "the JSON does not parse" python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' out
fi
sed "s|^\[outage\]|[risk]\nrate = 2\nduration = \"3h\"\n[outage]|" "$name" >"$work/risk-$name"
cp "$work/risk-$name" "$name"
for command in "risk $name --years 50 -q" "compare $name --variant outage.duration=3h --risk --years 50 -q" \
  "compare $name --variant outage.duration=3h --samples 0 -q"; do
  # shellcheck disable=SC2086
  expect 0 "" $command --format json
  if command -v python3 >/dev/null; then
    check "$command: the JSON does not parse" python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' out
  fi
done

TEST "import-io from a deleted working directory"
mkdir gone
table="$data/miller_blair.csv"
(cd gone && rmdir ../gone && "$binary" import-io "$table" --output-row "Total output" --end-column "Total Intermediate" -o "$work/deleted.toml" >"$work/out" 2>"$work/err")
code=$?
check "import-io from a deleted directory gave exit $code: $(cat err)" test "$code" -eq 0
expect 0 "ok: " check deleted.toml
(mkdir gone2 && cd gone2 && rmdir ../gone2 && "$binary" import-io "$table" --output-row "Total output" --end-column "Total Intermediate" >"$work/out" 2>"$work/err")
code=$?
check "import-io to stdout from a deleted directory gave exit $code: $(cat err)" test "$code" -eq 0
