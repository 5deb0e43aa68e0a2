#include "cli/app.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <new>
#include <vector>

#include "cli/commands.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace outage {
namespace {

void print_error(const std::string& message) {
  std::fprintf(stderr, "outage-impact: error: %s\n", message.c_str());
}

extern "C" void on_interrupt(int signal_number) {
  remove_pending_temporary_files();
  std::signal(signal_number, SIG_DFL);
  ::_exit(static_cast<int>(ExitCode::interrupted));
}

constexpr const char* kFooter =
    "Examples:\n"
    "  outage-impact estimate                      the 5 March 2024 Meta outage (default "
    "preset)\n"
    "  outage-impact estimate my.toml --format csv -o losses.csv\n"
    "  outage-impact estimate --duration 6h --set segment.meta_ads.deferred=0.3\n"
    "  outage-impact sensitivity --top 5\n"
    "  outage-impact batch incidents.csv --scenario meta-2024-03-05\n"
    "  outage-impact check my.toml\n"
    "  outage-impact presets\n\n"
    "Exit codes: 0 success, 1 bad input, 2 bad command line, 3 internal error.";

// A subcommand added to the parser and what runs it once parsed.
struct AddedCommand {
  CLI::App* parsed;
  Runner run;
};

// Runs the selected subcommand, mapping errors to one line on stderr and an exit code.
int run_selected(const std::vector<AddedCommand>& added) {
  try {
    for (const auto& command : added) {
      if (*command.parsed) return command.run();
    }
    return static_cast<int>(ExitCode::bad_usage);
  } catch (const Error& error) {
    print_error(error.describe());
    return static_cast<int>(error.code());
  } catch (const std::bad_alloc&) {
    print_error("out of memory: the scenario is too large for this machine");
    return static_cast<int>(ExitCode::bad_input);
  } catch (const std::exception& error) {
    print_error(fmt::format("internal error: {} (please report this)", error.what()));
    return static_cast<int>(ExitCode::internal);
  }
}

}  // namespace

int run_command_line(int argc, char** argv) {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  CLI::App app{
      "outage-impact: estimate what an outage of an online platform costs, segment by "
      "segment, with an inoperability input-output model."};
  app.set_version_flag("--version", std::string("outage-impact ") + OUTAGE_IMPACT_VERSION);
  app.set_help_all_flag("--help-all", "Print help for every subcommand");
  app.require_subcommand(1);
  app.footer(kFooter);
  std::vector<AddedCommand> added;
  for (const Command& command : commands()) {
    CLI::App* parsed = app.add_subcommand(std::string(command.name), std::string(command.summary));
    added.push_back({parsed, command.setup(*parsed)});
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    std::string message = error.what();
    for (char& c : message) {
      if (c == '\n') c = ' ';
    }
    print_error(message + " (see --help)");
    return static_cast<int>(ExitCode::bad_usage);
  }
  return run_selected(added);
}

}  // namespace outage
