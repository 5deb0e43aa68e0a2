# import-io: a scenario skeleton that checks, with the table or with a derived matrix.

TEST "import-io skeleton with the table"
expect 0 "" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" -o mb.toml
expect 0 "2 segments, 4 links" check mb.toml
check "import-io skeleton" sh -c "grep -q '^io_sector = \"Sector 1\"$' mb.toml && grep -q '^io_end_column = \"Total Intermediate\"$' mb.toml"
expect 2 "exists: pass --force" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" -o mb.toml

TEST "import-io --matrix: the same estimate both ways"
mkdir -p imported
expect 0 "" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" --matrix imported/links.csv -o imported/mb.toml
check "import-io --matrix header" grep -q '^segment,sector_1,sector_2$' imported/links.csv
check "import-io --matrix path" grep -q '^matrix = "links.csv"$' imported/mb.toml
expect 0 "2 segments, 4 links" check imported/mb.toml
"$binary" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" -o mb.toml 2>/dev/null
"$binary" estimate mb.toml --format csv >mb1.csv 2>/dev/null
"$binary" estimate imported/mb.toml --format csv >mb2.csv 2>/dev/null
same_numbers mb1.csv mb2.csv

TEST "import-io errors"
expect 2 "--output-row" import-io "$data/miller_blair.csv"
expect 1 "no total-output row 'Nope'" import-io "$data/miller_blair.csv" --output-row Nope --end-column "Total Intermediate"
