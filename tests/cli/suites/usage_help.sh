# The command line: "did you mean", help, options that must do
# something or be refused, presets NAME, what-if titles.

TEST "a mistyped subcommand, option or preset gets a suggestion"
expect 2 "unknown subcommand 'estimat'; did you mean 'estimate'?" estimat
expect 2 "unknown subcommand 'preset'; did you mean 'presets'?" preset
expect 2 "--duraton; did you mean '--duration'?" estimate --duraton 3h
expect 1 "no such scenario file or preset: \`outage-impact presets\` lists the presets; did you mean 'meta-2024-03-05'?" estimate meta-2024-03-5
expect 2 "unknown subcommand 'frobnicate' (see --help)" frobnicate

TEST "help works"
expect 0 "Subcommands:" help
expect 0 "outage-impact [OPTIONS] SUBCOMMAND" help
expect 0 "--duration" help estimate
expect 2 "help: unknown subcommand 'estimat'; did you mean 'estimate'?" help estimat

TEST "every accepted option does something, or is refused with exit 2"
expect 2 "--exceedance" sensitivity --samples 100 --exceedance e.csv
check "sensitivity --exceedance wrote a file" test ! -e e.csv
expect 2 "--percentiles" sensitivity --samples 100 --percentiles 1,99
expect 2 "--percentiles: the extra percentiles are written in csv and json output only" estimate --samples 100 --percentiles 1,99
expect 2 "--percentiles: the extra percentiles are written in csv and json output only" estimate --samples 100 --percentiles 1,99 --format markdown
expect 0 "" estimate --samples 100 --percentiles 1,99 --format json
expect 2 "--duration: batch takes each incident's duration from the log's duration column" batch "$data/incidents/edge_cases.csv" --duration 3h
expect 2 "--duration" estimate --duration ""
expect 2 "--output" estimate -o ""
expect 2 "--chart: charts are SVG: name the file .svg, not 'x.png'" estimate --chart x.png
check "a .png was written" test ! -e x.png
expect 2 "--chart: charts are SVG" sensitivity --chart x.PNG
expect 0 "" estimate --chart x.SVG

TEST "presets NAME shows the preset: segments, ranges and sources"
expect 0 "sources = [" presets meta-2024-03-05
check "no segments in presets NAME" grep -q '^\[\[segment\]\]' out
check "no ranges in presets NAME" grep -q 'triangular' out
expect 1 "did you mean 'meta-2024-03-05'?" presets meta-2024-03-5

TEST "a what-if says so in the title"
expect 0 "" estimate --start 2024-03-07T15:00:00Z --duration 6h --format csv
expect 0 "Meta platforms outage, 5 March 2024 (what-if: --start 2024-03-07T15:00:00Z, --duration 6h)" estimate --start 2024-03-07T15:00:00Z --duration 6h
expect 0 "(what-if: --set segment.meta_ads.deferred=0.3)" estimate --set segment.meta_ads.deferred=0.3 --format json
expect 0 "" estimate
check "a title without what-if says what-if" bash -c "! grep -q what-if out"

TEST "every example in every subcommand's --help runs as written"
# The files the examples name, as a user would have them.
for name in scenario.toml my.toml before.toml; do cp "$data/covers.toml" "$name"; done
sed 's|^duration = "10h"|duration = "6h"|' "$data/covers.toml" >after.toml
printf '[risk]\nrate = 2\nduration = { lognormal = ["30m", "6h"] }\n' >risk.toml
printf 'id,duration,start,severity\na,2h,2024-03-05T10:00:00Z,0.5\nb,45m,2024-04-01T08:00:00Z,1\n' >incidents.csv
cp "$data/incidents/statuspage.json" incidents.json
cp "$data/incidents/pagerduty.csv" pd.csv
printf 'Key,Began,Ended\nINC-1,2024-03-05 10:00,2024-03-05 12:30\n' >export.csv
cp "$data/bea/use_15_2021.csv" "$data/bea/use_71_2021.csv" .
for command in estimate check sensitivity batch risk compare import-io presets; do
  # Each example, with continuation lines joined.
  "$binary" "$command" --help | sed -n '/^Examples:/,$p' | sed 1d |
    sed -e ':a' -e '/\\$/N; s/\\\n *//; ta' >examples.txt
  check "$command --help has examples" test -s examples.txt
  while IFS= read -r example; do
    example=${example#"${example%%[![:space:]]*}"}
    [ -n "$example" ] || continue
    rm -rf out.csv losses.csv elt.csv ord us15.toml us71.toml us71-links.csv
    # As a shell runs it (pipelines included), with outage-impact the binary under test.
    if bash -o pipefail -c "outage-impact() { \"$binary\" \"\$@\"; }; $example" >example.out \
      2>example.err </dev/null; then
      pass
    else
      fail "the example '$example' fails: $(head -c 300 example.err)"
    fi
  done <examples.txt
done
