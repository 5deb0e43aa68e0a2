# Input errors: exit 1, one line naming the file.

TEST "input errors"
mkdir adir
expect 1 "no such scenario file or preset" estimate no-such-preset
expect 1 "no such scenario file" estimate "missing.toml"
expect 1 "it is a directory" estimate adir
mkfifo "fifo"
expect 1 "not a regular file" estimate "fifo"
while IFS='|' read -r file code text; do
  case "$file" in '#'* | '') continue ;; esac
  expect "$code" "$text" estimate "$data/bad/$file"
  expect "$code" "$text" check "$data/bad/$file"
done <"$data/bad/expected.txt"
if [ "$(id -u)" -ne 0 ]; then
  cp "$data/bad/nan.toml" "unreadable.toml" && chmod 000 "unreadable.toml"
  expect 1 "Permission denied" estimate "unreadable.toml"
fi

