# Shared helpers of the end-to-end suites, sourced by run.sh (after the model of ccache's
# test/run). A suite (suites/NAME.sh) is a list of cases:
#
#   TEST "what is checked"     starts a case in a fresh empty directory ($work, the current one)
#   expect CODE TEXT ARGS...    runs the tool; exit CODE, and for CODE != 0 one error line
#                               (besides notes and warnings, each one line)
#   check "what" COMMAND...     passes when COMMAND succeeds
#   same_numbers FILE GOLDEN    same text, numbers equal within $rel_tolerance (relative)
#   skip_suite "why"            the whole suite is skipped (exit 77, ctest's SKIP_RETURN_CODE)
#
# Variables: $binary (the tool), $data and $golden (tests/data, tests/golden), $root (the
# source tree), $work (this case's directory), $work/out and $work/err (the last run's output).

export NO_COLOR=1
unset OUTAGE_IMPACT_DATA
export LC_ALL=C

passed=0
failed=0
case_count=0
current_case=""
rel_tolerance=1e-12
suite_tmp=$(mktemp -d "${TMPDIR:-/tmp}/oi-suite.XXXXXX")
trap 'rm -rf "$suite_tmp"' EXIT

fail() {
  echo "FAIL [$current_case]: $*"
  failed=$((failed + 1))
}
pass() { passed=$((passed + 1)); }

TEST() {
  current_case=$1
  case_count=$((case_count + 1))
  work="$suite_tmp/case$case_count"
  mkdir -p "$work"
  cd "$work" || exit 1
}

skip_suite() {
  echo "SKIP: $*"
  exit 77
}

# expect CODE TEXT ARGS...: runs the tool (stdin from /dev/null); checks the exit code, and for
# errors that stderr is exactly one line starting "outage-impact: error: "; TEXT (if not empty)
# must appear in stdout or stderr.
expect() {
  local code=$1 text=$2
  shift 2
  timeout 120 "$binary" "$@" >"$work/out" 2>"$work/err" </dev/null
  local actual=$?
  if [ "$actual" -ne "$code" ]; then
    fail "$* -> exit $actual, expected $code; stderr: $(head -c 300 "$work/err")"
    return 1
  fi
  if [ "$code" -ne 0 ]; then
    # One error line; other lines may only be notes or warnings said before the error.
    local errors others
    errors=$(grep -c '^outage-impact: error: ' "$work/err")
    others=$(grep -v -c -e '^outage-impact: error: ' -e '^outage-impact: note: ' -e '^outage-impact: warning: ' "$work/err")
    if [ "$errors" -ne 1 ] || [ "$others" -ne 0 ]; then
      fail "$* -> stderr is not one error line: $(head -c 400 "$work/err")"
      return 1
    fi
  fi
  if [ -n "$text" ] && ! grep -qF -- "$text" "$work/err" "$work/out"; then
    fail "$* -> output lacks '$text': $(head -c 400 "$work/err")"
    return 1
  fi
  pass
}

# check WHAT COMMAND...: passes when COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@"; then pass; else fail "$what"; fi
}

# numbers_equal FILE GOLDEN: the same lines and text, every number equal within
# $rel_tolerance relative (or absolute near zero); prints the first difference. awk only.
numbers_equal() {
  awk -v tolerance="$rel_tolerance" '
    function abs(x) { return x < 0 ? -x : x }
    function close_enough(x, y,   d, m) {
      d = abs(x - y); m = abs(x) > abs(y) ? abs(x) : abs(y)
      return d <= tolerance * m || d <= tolerance
    }
    # Compares one line of each file: text outside numbers equal, numbers close.
    function same_line(a, b,   re, ta, tb) {
      re = "-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?"
      while (1) {
        if (!match(a, re)) return a == b
        ta = substr(a, RSTART, RLENGTH); pa = substr(a, 1, RSTART - 1); a = substr(a, RSTART + RLENGTH)
        if (!match(b, re)) return 0
        tb = substr(b, RSTART, RLENGTH); pb = substr(b, 1, RSTART - 1); b = substr(b, RSTART + RLENGTH)
        if (pa != pb || !close_enough(ta + 0, tb + 0)) return 0
      }
    }
    NR == FNR { want[FNR] = $0; wanted = FNR; next }
    { got[FNR] = $0; gotten = FNR }
    END {
      if (wanted != gotten) { printf "%d lines, expected %d\n", gotten, wanted; exit 1 }
      for (i = 1; i <= wanted; i++) {
        if (!same_line(got[i], want[i])) {
          printf "line %d: got      %s\nline %d: expected %s\n", i, got[i], i, want[i]; exit 1
        }
      }
    }' "$2" "$1"
}

# same_numbers FILE GOLDEN: a case that passes when numbers_equal holds.
same_numbers() {
  local diff
  if diff=$(numbers_equal "$1" "$2" 2>&1); then pass; else fail "$1 differs from $2: $diff"; fi
}

# no_temporary_files DIR: no temporary file of an atomic write is left in DIR.
no_temporary_files() {
  ! ls -A "$1" | grep -q -e '\.tmp-' -e '^\.oi-'
}

finish_suite() {
  echo "$suite: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
