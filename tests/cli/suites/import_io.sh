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

TEST "import-io --rows-by-position writes a scenario that check accepts"
expect 0 "" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" --rows-by-position -o position.toml
check "no io_rows" grep -q '^io_rows = "position"$' position.toml
expect 0 "2 segments, 4 links" check position.toml

TEST "import-io: a sector labelled Total does not become the reserved id"
printf 'Industry,Total,Shops,Total Intermediate\nTotal,10,20,30\nShops,5,5,10\nTotal output,100,200,\n' >total.csv
expect 0 "" import-io total.csv --output-row "Total output" --end-column "Total Intermediate" -o total.toml
check "the id total was written" bash -c "! grep -q '^id = \"total\"$' total.toml"
expect 0 "ok: " check total.toml

TEST "import-io refuses what check would reject, with the reason"
printf 'Industry,Caf\xe9,Shops,Total Intermediate\nCaf\xe9,10,20,30\nShops,5,5,10\nTotal output,100,200,\n' >latin1.csv
expect 1 "latin1.csv: sector label 'Caf" import-io latin1.csv --output-row "Total output" --end-column "Total Intermediate" -o latin1.toml
check "import-io wrote a non-UTF-8 scenario" test ! -e latin1.toml
printf 'Industry,Farms,Shops,Total Intermediate\nFarms,-10,20,10\nShops,5,5,10\nTotal output,100,200,\n' >negative.csv
expect 1 "negative.csv: the transaction from 'Farms' to 'Farms' is negative (-10)" import-io negative.csv --output-row "Total output" --end-column "Total Intermediate" -o negative.toml
check "import-io wrote a scenario with a negative transaction" test ! -e negative.toml
