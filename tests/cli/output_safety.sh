#!/usr/bin/env bash
# Output safety: hostile names, currencies and numbers never reach a terminal, a
# spreadsheet, a Markdown viewer or an XML parser raw, and errors quote file contents only as
# short escaped excerpts. Usage: output_safety.sh BINARY
set -u
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
cd "$work" || exit 1
passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
esc=$'\x1b'

# error CODE TEXT ARGS...: exit CODE, exactly one stderr line starting "outage-impact: error: ",
# containing TEXT, shorter than 400 bytes and without an ESC, BEL or CR byte.
error() {
  local code=$1 text=$2
  shift 2
  timeout 60 "$binary" "$@" >"$work/out" 2>"$work/err" </dev/null
  local actual=$?
  if [ "$actual" -ne "$code" ]; then
    fail "$* -> exit $actual, expected $code: $(head -c 300 "$work/err" | cat -v)"
  elif [ "$(wc -l <"$work/err")" -ne 1 ] || ! grep -q '^outage-impact: error: ' "$work/err"; then
    fail "$* -> stderr is not one error line: $(head -c 300 "$work/err" | cat -v)"
  elif ! grep -qF -- "$text" "$work/err"; then
    fail "$* -> error lacks '$text': $(head -c 300 "$work/err" | cat -v)"
  elif [ "$(wc -c <"$work/err")" -ge 400 ] || LC_ALL=C grep -q $'[\x1b\x07\r]' "$work/err"; then
    fail "$* -> error too long or with controls: $(head -c 300 "$work/err" | cat -v)"
  else
    passed=$((passed + 1))
  fi
}

# output ARGS... -- CHECK...: exit 0; then each CHECK ("has TEXT", "lacks TEXT", "lines N
# PATTERN": N lines match the regex) holds for stdout.
output() {
  local args=()
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  shift
  if ! timeout 60 "$binary" "${args[@]}" >"$work/out" 2>"$work/err" </dev/null; then
    fail "${args[*]} -> failed: $(head -c 300 "$work/err" | cat -v)"
    return
  fi
  while [ $# -gt 0 ]; do
    case $1 in
      has) grep -qF -- "$2" "$work/out" || { fail "${args[*]} -> lacks '$2'"; return; }; shift 2 ;;
      lacks) ! grep -qF -- "$2" "$work/out" || { fail "${args[*]} -> has '$2'"; return; }; shift 2 ;;
      lines)
        local count
        count=$(grep -cE -- "$3" "$work/out")
        [ "$count" -eq "$2" ] || { fail "${args[*]} -> $count lines match '$3', not $2"; return; }
        shift 3 ;;
    esac
  done
  passed=$((passed + 1))
}

segment() {  # segment ID NAME REVENUE
  printf '[[segment]]\nid = "%s"\nname = "%s"\nrevenue = %s\ndependency = 1\n' "$1" "$2" "$3"
}
scenario() {  # scenario FILE SEGMENTS... (with a 2h outage)
  local file=$1
  shift
  { printf '[scenario]\nname = "hostile"\n[outage]\nduration = "2h"\n'; printf '%s\n' "$@"; } >"$file"
}

# --- Overflow: an error naming the input, never inf or nan -----------------------------------
scenario big.toml "$(segment shop Shop 1e308)"
error 1 "big.toml:8:11: segment.shop.revenue = 1e+308: the losses of segment 'shop' overflow" \
  estimate big.toml
scenario two.toml "$(segment a A 5e307)" "$(segment b B 8e307)"
error 1 "two.toml:13:11: segment.b.revenue = 8e+307: the total loss over all segments overflows" \
  estimate two.toml
error 1 "segment.b.revenue = 8e+307: the total loss overflows" sensitivity two.toml --all
printf 'id,duration\nx,2h\n' >one.csv
error 1 "one.csv:2: the total loss over all segments overflows" batch --scenario two.toml one.csv
scenario logn.toml "$(segment shop Shop '{ lognormal = [1, 1e300] }')"
error 1 "segment.shop.revenue = lognormal [1, 1e+300]: its draws make the sampled losses overflow" \
  estimate logn.toml --samples 2000
scenario sub.toml "$(segment shop Shop 4e-320)"
output estimate sub.toml -- has 'Shop' lacks nan lacks inf
output estimate sub.toml --format markdown -- lacks nan

# --- Durations below the resolution ------------------------------------------------------------
scenario tiny.toml "$(segment shop Shop 100)"
output estimate tiny.toml --duration 0.0000000001 -- has '<1ms outage' lacks '0s outage'

# --- CSV injection: text cells get a leading ', numbers stay numbers ---------------------------
scenario formula.toml "$(segment -cmd '=HYPERLINK(\"http://x\")' 100)"
output estimate formula.toml --format csv -- has "\"'-cmd\",\"'=HYPERLINK(\"\"http://x\"\")\"," \
  has 'total,Total,'
printf 'id,duration\n@SUM(A1),2h\n' >inj.csv
output batch --scenario formula.toml inj.csv -- has "\"'@SUM(A1)\",\"'-cmd\"," lines 0 '^@'
output estimate formula.toml --series series.csv -q -- has 'Segment'
grep -qF "\"'-cmd_inoperability\"" series.csv && passed=$((passed + 1)) ||
  fail "series header not neutralised: $(head -1 series.csv)"

# --- Terminal escapes, bidi controls, forged lines, wide names ---------------------------------
scenario escape.toml "$(segment shop "evil\\u001b]8;;http://x\\u0007\\u202e\\nTotal  \$999T" 100)"
output estimate escape.toml -- has 'evil\x1b]8;;http://x\x07\u202e\x0aTotal' lines 1 '^Total' \
  lacks "$esc" lacks $'\xe2\x80\xae'
output estimate escape.toml --format markdown -- lines 0 '^#' lacks "$esc"
output estimate escape.toml --chart chart.svg -q -- lacks "$esc"
scenario cjk.toml "$(segment a '東京' 100)" "$(segment b 'e\u0301te' 100)"
output estimate cjk.toml -- has '東京         $202  ' has $'e\xcc\x81te          $202  '

# --- SVG: code points XML 1.0 forbids --------------------------------------------------------
scenario nonchar.toml "$(segment shop 'bad\uFFFE\u0001name' 100)"
output estimate nonchar.toml --chart nonchar.svg -q -- has Segment
if ! command -v xmllint >/dev/null; then
  echo "note: xmllint is missing (Debian package libxml2-utils): the SVG is not validated"
elif xmllint --noout nonchar.svg 2>/dev/null; then passed=$((passed + 1)); else fail "invalid SVG"; fi

# --- Currencies ------------------------------------------------------------------------------
printf '[scenario]\ncurrency = "eur"\n[outage]\nduration = "2h"\n%s' "$(segment shop Shop 100)" >eur.toml
output estimate eur.toml -- has '€202' lacks 'eur '
printf '[scenario]\ncurrency = "|x"\n[outage]\nduration = "2h"\n%s' "$(segment shop Shop 100)" >pipe.toml
output estimate pipe.toml --format markdown -- has '\|X 202' lines 3 '^\| [^|]'

# --- Errors quote file contents as short escaped excerpts ----------------------------------------
{ printf 'root:$y$j9T$0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP:19000:0:99999:7:::\n'; } >shadow
error 1 "shadow:1: the header needs columns id and duration" batch --scenario meta-2024-03-05 shadow
! grep -q 'ABCDEFGHIJ' err 2>/dev/null || fail "shadow: the whole line is echoed"
{ printf 'incident,length,'; head -c 1000000 /dev/zero | tr '\0' 'h'; printf '\nx,1h,2\n'; } >wide.csv
error 1 "wide.csv:1: the header needs columns id and duration" batch --scenario meta-2024-03-05 wide.csv
printf 'id,duration\nx,\x1b]0;pwned\x07\n' >escdur.csv
error 1 "escdur.csv:2: duration: cannot read '\x1b]0;pwned\x07'" batch -q --scenario meta-2024-03-05 escdur.csv
printf 'id,duration\nx,%s\n' "$(head -c 5000 /dev/zero | tr '\0' '9')h" >longdur.csv
error 1 "longdur.csv:2: duration: cannot read '9999" batch -q --scenario meta-2024-03-05 longdur.csv
scenario matrix.toml "$(segment shop Shop 1)" "$(segment b B 1)" $'[links]\nmatrix = "m.csv"'
printf 'segment,shop,%s\nshop,0,0\nb,0,0\n' "$(head -c 100000 /dev/zero | tr '\0' 'z')" >m.csv
error 1 "m.csv:1: unknown segment 'zzzz" estimate matrix.toml
printf 'segment,shop,b\nshop,0,%s\nb,0,0\n' "$(head -c 3000 /dev/zero | tr '\0' 'x')" >m2.csv
sed 's/m.csv/m2.csv/' matrix.toml >matrix2.toml
error 1 "m2.csv:2: column 'b': expected a finite number, got 'xxxx" estimate matrix2.toml
printf '[outage]\nduration = "2h"\n[[segment]]\nid = "a\\u001b[2Jb"\nrevenue = 1\ndependency = 1\n' >badid.toml
error 1 "segment id 'a\x1b[2Jb' must use only letters" estimate badid.toml

echo "output safety: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
