# run_report: --verbose says what was done: the LU backend, the spectral
# radius and how it was certified, the draw path, threads and timings; JSON gets a "run" object.

TEST "estimate --verbose reports the run on stderr, the output is unchanged"
expect 0 "" estimate "$data/lognormal_share.toml" --samples 2000 --threads 2 --format csv
cp out plain.csv
expect 0 "" estimate "$data/lognormal_share.toml" --samples 2000 --threads 2 --format csv --verbose
check "same output with --verbose" cmp -s out plain.csv
check "LU backend" grep -q '^  LU backend  *Eigen PartialPivLU$' err
check "draw path" grep -q '^  draw path  *fast (unit responses: no solve per draw)$' err
check "threads" grep -q '^  threads  *2$' err
check "draws" grep -q '^  draws  *2000 (seed 20240305) in [0-9.]* s$' err
check "spectral radius and its certificate" grep -q '^  spectral radius  *0 (acyclic)$' err
check "timings with a total" grep -q '^    total  *[0-9.]*$' err

TEST "each draw path is named: closed form, full; the preset's links are certified"
expect 0 "" estimate "$data/lognormal_share.toml" --samples 500 --set 'outage.duration={uniform=["1h","3h"]}' --verbose --format csv
check "closed-form draw path (a drawn duration)" grep -q '^  draw path  *closed form (recovery in closed form, no solve per draw)$' err
expect 0 "" estimate meta-2024-03-05 --samples 500 --verbose --format json
check "closed-form draw path (the preset as shipped)" grep -q '"draw_path": "closed_form"' out
expect 0 "" estimate "$data/lognormal_share.toml" --samples 300 --set 'outage.duration={uniform=["1h","3h"]}' --set 'model.horizon="48h"' --verbose --format csv
check "full draw path (a horizon)" grep -q '^  draw path  *full (a solve per draw)$' err
expect 0 "" estimate meta-2024-03-05 --samples 0 --verbose
check "draw path none" grep -q '^  draw path  *none (central values only)$' err
check "radius of the preset (its links form no cycle)" grep -q '^  spectral radius  *0 (acyclic)$' err

TEST "JSON gets a run object, only with --verbose"
expect 0 "" estimate "$data/lognormal_share.toml" --samples 1000 --format json
check "no run object without --verbose" bash -c '! grep -q "\"run\"" out'
expect 0 "" estimate "$data/lognormal_share.toml" --samples 1000 --format json --verbose
check "run object" grep -q '"run": {' out
check "lu_backend" grep -q '"lu_backend": "Eigen PartialPivLU"' out
check "draw_path" grep -q '"draw_path": "fast"' out
check "seconds" grep -q '"load and check": ' out

TEST "LAPACK is loaded on the first large factorisation, not with the program"
# glibc's loader says which libraries it loads (LD_DEBUG=files): none for a small estimate,
# liblapack.so.3 by dlopen where --verbose names LAPACK as the LU backend.
LD_DEBUG=files timeout 120 "$binary" estimate meta-2024-03-05 --samples 100 >out 2>debug </dev/null
check "a small estimate runs" grep -q 'total' out
check "the loader was heard (LD_DEBUG works here)" grep -q 'file=' debug
check "no LAPACK or BLAS loaded for it" bash -c '! grep -Eq "file=lib(lapack|openblas|blas)" debug'
{
  printf '[outage]\nduration = "2h"\n[model]\nkind = "static"\n'
  for i in $(seq 0 299); do
    printf '[[segment]]\nid = "s%d"\nrevenue = 1000\ndependency = 0.5\n' "$i"
  done
  for i in $(seq 1 299); do
    printf '[[link]]\nsegment = "s%d"\ndepends_on = "s%d"\nshare = 0.3\n' "$i" $((i - 1))
  done
} >chain.toml
LD_DEBUG=files timeout 120 "$binary" estimate chain.toml --samples 0 --verbose --format csv \
  >out 2>debug </dev/null
check "a 300-segment estimate runs" grep -q '^total,' out
if grep -q '^  LU backend  *LAPACK dgetrf$' debug; then
  check "LAPACK loaded at run time, by dlopen" grep -Eq 'file=liblapack\.so\.3 .*dynamically loaded' debug
else
  check "Eigen factorises where LAPACK is not installed" grep -q '^  LU backend  *Eigen PartialPivLU$' debug
  check "and no LAPACK was loaded" bash -c '! grep -q "file=liblapack" debug'
fi
