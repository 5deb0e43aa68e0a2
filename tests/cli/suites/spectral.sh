# spectral: the links' spectral radius is certified: a cycle with radius
# exactly 1 or above is refused by check and estimate alike, naming the cycle's strongest
# links; a long chain (radius 0) is checked quickly; check and estimate agree.

# cycle FILE N SHARE [SECOND_SHARE]: N segments, segment i depends on i+1 (mod N) with SHARE,
# and on i+2 with SECOND_SHARE when given.
cycle() {
  local file=$1 n=$2 share=$3 second=${4:-}
  {
    printf '[outage]\nduration = "2h"\n'
    for ((i = 0; i < n; i++)); do
      printf '[[segment]]\nid = "s%d"\nrevenue = 100\ndependency = 0.5\n' "$i"
    done
    for ((i = 0; i < n; i++)); do
      printf '[[link]]\nsegment = "s%d"\ndepends_on = "s%d"\nshare = %s\n' "$i" $(((i + 1) % n)) "$share"
      if [ -n "$second" ]; then
        printf '[[link]]\nsegment = "s%d"\ndepends_on = "s%d"\nshare = %s\n' "$i" $(((i + 2) % n)) "$second"
      fi
    done
  } >"$file"
}

TEST "a 401-segment cycle with radius exactly 1 is refused by check and estimate"
cycle one.toml 401 1
expect 1 "the links' spectral radius is 1 around a cycle of 401 segments whose strongest links are 's0' depends on 's1' (1)" check one.toml
cp err check.err
expect 1 "one.toml:" estimate one.toml
check "check and estimate give the same error" cmp -s err check.err

TEST "a radius above 1 is refused, no negative losses"
cycle above.toml 60 0.6 0.6
expect 1 "the links' spectral radius is 1.2 around a cycle of 60 segments" estimate above.toml
check "nothing on stdout" test ! -s out

TEST "radius just below 1 passes, and check and estimate use the same number"
cycle below.toml 401 0.99
expect 0 "spectral radius 0.99," check below.toml
expect 0 "" estimate below.toml --format json
check "estimate is finite" grep -q '"total"' out

TEST "a 3,000-segment chain (radius 0) is checked quickly"
{
  printf '[outage]\nduration = "2h"\n'
  for ((i = 0; i < 3000; i++)); do
    printf '[[segment]]\nid = "s%d"\nrevenue = 100\ndependency = 0.5\n' "$i"
  done
  for ((i = 1; i < 3000; i++)); do
    printf '[[link]]\nsegment = "s%d"\ndepends_on = "s%d"\nshare = 0.9\n' "$i" $((i - 1))
  done
} >chain.toml
start=$(date +%s%N)
expect 0 "spectral radius 0," check chain.toml
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
echo "check of a 3,000-segment chain: ${elapsed_ms} ms"
check "check of the chain took ${elapsed_ms} ms (limit 30 s)" test "$elapsed_ms" -lt 30000
