# Output paths: two outputs naming one file, "-" as standard output,
# devices and links never replaced, names near NAME_MAX.

TEST "-o and --chart naming the same file are refused before any work"
expect 2 "--chart: 'same.svg' is also the --output file" estimate -o same.svg --chart same.svg
check "a file was written" test ! -e same.svg
mkdir sub
expect 2 "is also the --output file" estimate -o sub/../x.svg --chart ./x.svg
expect 2 "--exceedance: 'e.csv' is also the --series file" estimate --samples 100 --series e.csv --exceedance e.csv
ln -s sub link
expect 2 "is also the --output file" estimate -o sub/a.svg --chart link/a.svg
check "nothing was written" test -z "$(ls -A sub)"

TEST "import-io --matrix and -o naming the same file are refused"
expect 2 "--matrix: 'm.toml' is also the --output file" import-io "$data/miller_blair.csv" --output-row "Total output" --end-column "Total Intermediate" -o m.toml --matrix m.toml
check "import-io wrote a file" test ! -e m.toml

TEST "-o - is standard output; no file named '-'"
expect 0 "" estimate --format csv -o -
check "-o - did not write to stdout" grep -q '^total,' out
check "-o - created a file named '-'" test ! -e ./-
expect 2 "'-' (standard output) is only for -o/--output" estimate --chart -

# /dev/stdout is a symbolic link to /proc/self/fd/1. The cases use their own such link: a tool
# that replaced the link (the bug) must not replace the system's /dev/stdout when run as root.
TEST "-o LINK-TO-STDOUT --force on a pipe writes to the pipe; the link stays"
ln -s /proc/self/fd/1 stdout-link
"$binary" estimate --format csv -o stdout-link --force 2>err | cat >piped.csv
check "-o stdout-link did not reach the pipe: $(cat err)" grep -q '^total,' piped.csv
check "stdout-link is no longer a symbolic link" test -L stdout-link

TEST "-o LINK-TO-STDOUT --force with stdout redirected to a file: the file gets the output"
ln -s /proc/self/fd/1 stdout-link
"$binary" estimate --format csv -o stdout-link --force >redirected.csv 2>err
check "redirected stdout: $(cat err)" grep -q '^total,' redirected.csv
check "stdout-link is no longer a symbolic link" test -L stdout-link
check "a temporary file was left" no_temporary_files .

TEST "-o /dev/stdout on a pipe (only when /dev/stdout is the usual link)"
if [ -L /dev/stdout ]; then
  "$binary" estimate --format csv -o /dev/stdout 2>err | cat >piped.csv
  check "-o /dev/stdout did not reach the pipe: $(cat err)" grep -q '^total,' piped.csv
  check "/dev/stdout is no longer a symbolic link" test -L /dev/stdout
fi

TEST "a FIFO is written in place, not replaced"
mkfifo pipe.csv
timeout 20 cat pipe.csv >from-fifo.csv &
reader=$!
expect 0 "" estimate --format csv -o pipe.csv
wait "$reader"
check "the FIFO did not get the output" grep -q '^total,' from-fifo.csv
check "the FIFO was replaced" test -p pipe.csv

TEST "a device is written in place: /dev/full is a write error, /dev/null works"
expect 1 "--output: cannot write '/dev/full': No space left on device" estimate -o /dev/full
expect 0 "" estimate -o /dev/null
check "/dev/null was replaced" test -c /dev/null

TEST "a symbolic link to a file: the target is replaced, the link stays"
echo old >target.csv
ln -s target.csv link.csv
expect 2 "exists: pass --force" estimate --format csv -o link.csv
expect 0 "" estimate --format csv -o link.csv --force
check "the link was replaced by a file" test -L link.csv
check "the target did not get the output" grep -q '^total,' target.csv

TEST "a file name of NAME_MAX (255) bytes can be written"
name=$(printf 'n%.0s' $(seq 1 251)).csv
expect 0 "" estimate --format csv -o "$name"
check "the 255-byte name was not written" test -s "$name"
check "a temporary file was left" no_temporary_files .
