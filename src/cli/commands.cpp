#include "cli/commands.hpp"

namespace outage {

// One declaration and one row per subcommand; each setup_NAME is defined in cmd_NAME.cpp.
Runner setup_estimate(CLI::App& command);
Runner setup_check(CLI::App& command);
Runner setup_sensitivity(CLI::App& command);
Runner setup_import_io(CLI::App& command);
Runner setup_batch(CLI::App& command);
Runner setup_presets(CLI::App& command);
Runner setup_risk(CLI::App& command);
Runner setup_compare(CLI::App& command);

namespace {

constexpr Command kCommands[] = {
    {"estimate", "Estimate one outage's losses per segment", setup_estimate},
    {"check", "Validate a scenario and print what is wrong", setup_check},
    {"sensitivity", "Which inputs move the total most: a tornado of p5 and p95 swings",
     setup_sensitivity},
    {"import-io", "Write a scenario skeleton from an input-output table (links from A*)",
     setup_import_io},
    {"batch",
     "Estimate many outages from an incident log: id,duration[,start,severity] CSV, a "
     "Statuspage incidents.json or a PagerDuty/Opsgenie/Datadog export",
     setup_batch},
    {"presets", "List the bundled scenarios and their sources", setup_presets},
    {"risk", "What outages will cost in a year: AAL, AEP/OEP with TVaR, year and event loss tables",
     setup_risk},
    {"compare",
     "B - A per segment: two scenarios, or one and --variant changes (a mitigation), with "
     "paired draws or over the same simulated years",
     setup_compare},
};

}  // namespace

std::span<const Command> commands() {
  return kCommands;
}

}  // namespace outage
