// outage-impact presets: the bundled scenarios and their sources.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "model/scenario/data_files.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "util/error.hpp"
#include "util/input_file.hpp"

namespace outage {
namespace {

namespace fs = std::filesystem;

// A TOML basic string holding `text`.
std::string toml_string(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\"";
}

// The preset's text with the files its [links] table names (matrix, io_table, io_supply, as
// written: relative to the preset) made absolute, so that a copy saved anywhere still loads.
std::string with_absolute_link_files(const std::string& text, const std::string& preset_path) {
  static const std::regex file_key(
      R"re(^(\s*(matrix|io_table|io_supply)\s*=\s*)"([^"\\]+)"(.*)$)re");
  const fs::path directory = fs::absolute(fs::path(preset_path)).parent_path();
  std::string out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(begin, end - begin);
    std::smatch match;
    if (std::regex_match(line, match, file_key) && fs::path(match[3].str()).is_relative()) {
      out += match[1].str() + toml_string((directory / match[3].str()).lexically_normal()) +
             match[4].str();
    } else {
      out += line;
    }
    if (end < text.size()) out += '\n';
    begin = end + 1;
  }
  return out;
}

// `presets NAME`: the preset's own text (segments, ranges with their reasoning, sources).
int show_preset(const std::string& name) {
  ScenarioOptions options;
  options.scenario = name;
  const PreparedScenario prepared = load_valid_scenario(options, Purpose::check);
  const Scenario& scenario = prepared.scenario();
  const std::string text = read_input_file(scenario.path, Location{scenario.path, 0, 0});
  emit(fmt::format("# {}\n{}", scenario.path, with_absolute_link_files(text, scenario.path)),
       OutputOptions{});
  return 0;
}

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
  auto name = std::make_shared<std::string>();
  command.add_option("name", *name,
                     "Show this preset's scenario file: segments, ranges and every source");
  command.footer("Examples:\n  outage-impact presets\n  outage-impact presets meta-2024-03-05");
  return [name] { return name->empty() ? run_presets() : show_preset(*name); };
}

}  // namespace outage
