# Presets: each passes check, each matches its golden estimate, docs/validation.md
# regenerates identically from the tool.

for preset in meta-2024-03-05 meta-2021-10-04 crowdstrike-2024-07-19 aws-us-east-1-2021-12-07 internet-shutdown-country; do
  TEST "preset $preset passes check"
  expect 0 "ok: " check "$preset"
done
for preset in meta-2021-10-04 crowdstrike-2024-07-19 aws-us-east-1-2021-12-07 internet-shutdown-country; do
  TEST "golden estimate of $preset"
  expect 0 "" estimate "$preset" --format csv && same_numbers out "$golden/$preset.csv"
done

TEST "docs/validation.md regenerates identically"
if bash "$root/tools/make_validation.sh" "$binary" >validation.md 2>err; then
  check "docs/validation.md does not regenerate identically: $(diff "$root/docs/validation.md" validation.md | head -5)" \
    cmp -s validation.md "$root/docs/validation.md"
else
  fail "tools/make_validation.sh failed: $(head -c 300 err)"
fi

TEST "a preset written out by presets NAME loads from anywhere (its links file made absolute)"
mkdir -p "$work/elsewhere"
"$binary" presets aws-us-east-1-2021-12-07 >"$work/elsewhere/aws.toml"
check "the copy still names its links file relatively" grep -q '^matrix = "/' "$work/elsewhere/aws.toml"
expect 0 "ok: " check "$work/elsewhere/aws.toml"
expect 0 "" estimate "$work/elsewhere/aws.toml" --samples 0 --format csv
cp "$work/out" "$work/copy.csv"
expect 0 "" estimate aws-us-east-1-2021-12-07 --samples 0 --format csv
check "the copy prices differently from the preset" cmp -s "$work/out" "$work/copy.csv"
