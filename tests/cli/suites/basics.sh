# Success paths of estimate, check and presets; golden outputs compared as numbers; the same
# bytes under any locale; no colour when piped.

TEST "success paths"
expect 0 "Total" estimate
expect 0 "Meta ads: Facebook" estimate meta-2024-03-05 --format table
expect 0 "outage-impact " --version
expect 0 "Examples" estimate --help
expect 0 "Examples" check --help
expect 0 "meta-2024-03-05 (default)" presets
expect 0 "ok: " check meta-2024-03-05
expect 0 "| **Total (market output)** |" estimate --format markdown
expect 0 "static model" estimate --model static
expect 0 "1h30m outage" estimate --duration 90m
expect 0 "" estimate --duration PT2H30M --start 2024-03-05T22:00:00+07:00 --severity 0.5

# Golden files for the default preset (regenerate with tests/cli/update_golden.sh).
for format in csv json markdown; do
  TEST "golden $format of the default preset"
  expect 0 "" estimate --format "$format" && same_numbers "$work/out" "$golden/meta-2024-03-05.$format"
done

TEST "locale-proof: the same bytes under a comma-decimal locale"
"$binary" estimate --format csv >c.csv 2>/dev/null
LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 "$binary" estimate --format csv >de.csv 2>/dev/null
check "output changes with LC_ALL=de_DE.UTF-8" cmp -s c.csv de.csv

TEST "no colour codes when NO_COLOR is set or stdout is not a terminal"
"$binary" estimate >plain.txt 2>&1
check "escape codes in piped output" bash -c "! grep -q $'\x1b' plain.txt"
