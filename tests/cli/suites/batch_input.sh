# Incident logs and command-line paths: line numbers at CR,
# one-line errors whatever a field holds, UTF-16, paths that start with '-', unitless durations,
# the notes batch gives about what it assumed.

TEST "a CR-only file reports the right line"
printf 'id,duration\ra,1h\rb,2h\rc,soon\r' >cr.csv
expect 1 "cr.csv:4: duration: cannot read 'soon'" batch cr.csv
printf 'id,duration\r\na,1h\r\nb,2h\r\nc,soon\r\n' >crlf.csv
expect 1 "crlf.csv:4: duration: cannot read 'soon'" batch crlf.csv

TEST "a field with a line break or control characters gives a one-line error"
printf 'id,duration\na,"1h\nx"\n' >newline.csv
expect 1 "newline.csv:2: duration: cannot read '1h" batch newline.csv
printf 'id,duration\na,1\033[31mh\n' >control.csv
expect 1 "control.csv:2: duration: cannot read '1\\x1b[31mh'" batch control.csv

TEST "UTF-16 input is refused with what to do"
printf '\xff\xfei\x00d\x00,\x00d\x00u\x00r\x00a\x00t\x00i\x00o\x00n\x00\n\x00' >utf16.csv
expect 1 "utf16.csv:1:1: UTF-16 is not supported: save the file as UTF-8" batch utf16.csv

TEST "paths that start with '-' after -- are files, with their line and column"
printf 'id,duration\na,soon\n' >./-log.csv
expect 1 "./-log.csv:2: duration: cannot read 'soon'" batch -- -log.csv
printf '[outage]\nduration = \n' >./-bad.toml
expect 1 "./-bad.toml:2:12:" estimate -- -bad.toml
expect 1 "./-missing.toml: no such scenario file" estimate -- -missing.toml

TEST "a unitless duration over 48 on the command line warns; with a unit it does not"
expect 0 "" estimate --duration 5400 --format csv
check "no warning for --duration 5400: $(cat err)" grep -q "warning: --duration: '5400' is read as 5400 hours" err
expect 0 "" estimate --duration 5400s --format csv
check "a warning for --duration 5400s: $(cat err)" test ! -s err
expect 0 "" estimate --duration 24 --format csv
check "a warning for --duration 24: $(cat err)" test ! -s err
expect 0 "" estimate --duration 5400 -q --format csv
check "a warning despite -q: $(cat err)" test ! -s err

TEST "a unitless duration over 48 in a log warns once, with its line"
printf 'id,duration,start\na,90,2024-03-05T15:00:00Z\nb,120,2024-03-05T15:00:00Z\n' >plain.csv
expect 0 "" batch plain.csv --scenario meta-2024-03-05
check "no warning for duration 90: $(cat err)" grep -q "warning: plain.csv:2: duration '90' is read as 90 hours" err
check "more than one line on stderr: $(cat err)" test "$(wc -l <err)" -eq 1

TEST "batch says which scenario and start it assumed (one line each, not with -q)"
printf 'id,duration\na,1h\n' >nostart.csv
expect 0 "" batch nostart.csv
check "no note about the default preset: $(cat err)" grep -q "note: no --scenario: pricing with the default preset meta-2024-03-05" err
check "no note about the start: $(cat err)" grep -q "note: nostart.csv has no start column: every incident starts at the scenario's start, 2024-03-05T" err
expect 0 "" batch nostart.csv --scenario meta-2024-03-05 --start 2024-03-06T10:00:00Z
check "notes despite --scenario and --start: $(cat err)" test ! -s err
expect 0 "" batch nostart.csv -q
check "notes despite -q: $(cat err)" test ! -s err
