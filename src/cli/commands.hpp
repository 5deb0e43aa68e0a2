// The table of subcommands (as ninja's kTools[] and xsv's src/cmd/*.rs). Each subcommand lives
// in its own file src/cli/cmd_NAME.cpp holding its option struct, its CLI11 setup and its run
// function; its setup function adds the options to the CLI11 subcommand and returns a Runner
// that runs it with the parsed values. A new subcommand is one new file plus one row (and its
// declaration) in commands.cpp.
#pragma once

#include <functional>
#include <span>
#include <string_view>

namespace CLI {
class App;
}

namespace outage {

// Runs a parsed subcommand; returns the exit code, throws outage::Error on failure.
using Runner = std::function<int()>;
// Adds a subcommand's options (and footer) to `command`; returns what runs it.
using CommandSetup = Runner (*)(CLI::App& command);

struct Command {
  std::string_view name;     // the subcommand, e.g. "estimate"
  std::string_view summary;  // one line for --help
  CommandSetup setup;
};

// Every subcommand, in the order --help lists them.
std::span<const Command> commands();

}  // namespace outage
