# Command-line errors: exit 2, one line naming the option.

TEST "command-line errors"
expect 2 "--frobnicate" estimate --frobnicate
expect 2 "" bogus-command
expect 2 "" 
expect 2 "--duration: cannot read '2x'" estimate --duration 2x
expect 2 "--duration: the duration must be > 0" estimate --duration 0
expect 2 "--duration" estimate --duration -1h
expect 2 "--duration" estimate --duration 1e309
expect 2 "--severity: expected a number in (0, 1]" estimate --severity 1.5
expect 2 "--severity" estimate --severity nan
expect 2 "--severity" estimate --severity 0,5
expect 2 "--start: cannot read" estimate --start 2024-03-05T15:00:00
expect 2 "--start" estimate --start 2024-13-05T15:00:00Z
expect 2 "--set: expected KEY=VALUE" estimate --set nonsense
expect 2 "no segment 'nope'" estimate --set segment.nope.deferred=0.1
expect 2 "--set segment.meta_ads.deferred: segment.meta_ads.deferred must be in [0, 1], got 1.5" \
  estimate --set segment.meta_ads.deferred=1.5
expect 2 "unknown key" estimate --set outage.sevrity=0.5
expect 2 "--format" estimate --format xml
expect 2 "--model" estimate --model quantum
expect 2 "--currency-format" estimate --currency-format fancy

