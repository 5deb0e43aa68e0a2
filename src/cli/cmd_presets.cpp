// outage-impact presets: the bundled scenarios and their sources.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "model/data_files.hpp"
#include "model/scenario_loader.hpp"
#include "util/error.hpp"

namespace outage {
namespace {

int run_presets() {
  std::string text;
  for (const auto& name : list_data_names("presets", ".toml")) {
    try {
      const Scenario scenario = load_scenario(name);
      text += fmt::format("{}{}\n    {}\n    {} sources, {} segments, {} links; profiles: {}\n",
                          name, name == kDefaultPreset ? " (default)" : "", scenario.description,
                          scenario.sources.size(), scenario.segments.size(), scenario.links.size(),
                          describe_profiles(scenario));
    } catch (const Error& error) {
      text += fmt::format("{}\n    (cannot be read: {})\n", name, error.describe());
    }
  }
  if (text.empty())
    throw Error(Location{}, "no presets found; set OUTAGE_IMPACT_DATA to the data directory");
  emit(text, OutputOptions{});
  return 0;
}

}  // namespace

Runner setup_presets(CLI::App& command) {
  command.footer("Example:\n  outage-impact presets");
  return [] { return run_presets(); };
}

}  // namespace outage
