// The command line: parses arguments into options, runs one command, returns the exit code.
#pragma once

namespace outage {

// Runs `outage-impact` with these arguments; prints results to stdout and errors to stderr.
int run_command_line(int argc, char** argv);

}  // namespace outage
