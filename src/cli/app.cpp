#include "cli/app.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <new>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/text.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

// One line, whatever the message quotes (a CSV field with a line break, a control character).
void print_error(const std::string& message) {
  // One line, and nothing a terminal would act on: controls, bidi overrides (U+202E) and bytes
  // that are not UTF-8 are shown escaped, whichever reader or option put them in the message.
  std::fprintf(stderr, "outage-impact: error: %s\n",
               sanitize_for_terminal(one_line(message)).c_str());
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

// Refuses an empty value: `--duration ""` would otherwise read as "not given".
const CLI::Validator kNonEmpty(
    [](std::string& value) {
      return value.empty() ? std::string("an empty value") : std::string();
    },
    "", "NONEMPTY");

// Every option that takes a value refuses an empty one.
void refuse_empty_values(CLI::App& command) {
  for (CLI::Option* option : command.get_options()) {
    if (option->get_type_size_max() > 0) option->check(kNonEmpty);
  }
}

// The subcommand called `name`, or nullptr.
const CLI::App* find_subcommand(const CLI::App& app, std::string_view name) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const Command& command : commands()) names.emplace_back(command.name);
  return names;
}

// The option names of `command` ("--duration", "-o"), for suggestions.
std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

// "; did you mean 'X'?" for the first argument that is neither a subcommand (in first place)
// nor an option of the selected subcommand; "" when nothing is close.
std::string suggestion(const CLI::App& app, int argc, char** argv) {
  if (argc < 2) return {};
  const std::string first = argv[1];
  if (first.empty() || first[0] != '-') {
    const CLI::App* command = find_subcommand(app, first);
    if (!command) {
      const std::string match = closest_match(first, command_names());
      return match.empty() ? "" : fmt::format("; did you mean '{}'?", match);
    }
    const std::vector<std::string> names = option_names(*command);
    for (int i = 2; i < argc; ++i) {
      const std::string_view argument = argv[i];
      if (argument == "--") break;
      if (argument.substr(0, 2) != "--") continue;
      const std::string name(argument.substr(0, argument.find('=')));
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      const std::string match = closest_match(name, names);
      if (!match.empty()) return fmt::format("; did you mean '{}'?", match);
    }
  }
  return {};
}

// `outage-impact help [COMMAND]`: the help of the program or of one subcommand.
int print_help(const CLI::App& app, int argc, char** argv) {
  const CLI::App* target = &app;
  if (argc > 2) {
    target = find_subcommand(app, argv[2]);
    if (!target) {
      const std::string match = closest_match(argv[2], command_names());
      print_error(fmt::format("help: unknown subcommand '{}'{} (see --help)", argv[2],
                              match.empty() ? "" : fmt::format("; did you mean '{}'?", match)));
      return static_cast<int>(ExitCode::bad_usage);
    }
  }
  std::fputs(target->help().c_str(), stdout);
  return 0;
}

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
    refuse_empty_values(*parsed);
  }
  if (argc >= 2 && std::string_view(argv[1]) == "help") {
    app.name(argv[0]);  // as the parser does, so that "Usage:" names the program
    return print_help(app, argc, argv);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    std::string message = error.what();
    const std::string first = argc >= 2 ? argv[1] : "";
    if (!first.empty() && first[0] != '-' && !find_subcommand(app, first)) {
      message = fmt::format("unknown subcommand '{}'", first);
    }
    print_error(message + suggestion(app, argc, argv) + " (see --help)");
    return static_cast<int>(ExitCode::bad_usage);
  }
  return run_selected(added);
}

}  // namespace outage
