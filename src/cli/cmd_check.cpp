// outage-impact check: validate a scenario and summarise it, or say what is wrong.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "model/estimate/estimate.hpp"
#include "model/scenario/inputs.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

int run_check(const ScenarioOptions& options) {
  const PreparedScenario prepared = load_valid_scenario(options, Purpose::check);
  const Scenario& scenario = prepared.scenario();
  std::size_t uncertain = 0;
  const InputTable& table = prepared.table();
  for (const Input& input : table.inputs()) {
    if (input.param->is_uncertain()) ++uncertain;
  }
  const std::string profiles = describe_profiles(scenario);
  std::string text = fmt::format(
      "ok: {} ({}): {} segments, {} links, spectral radius {:.4g}, {} uncertain inputs\n"
      "    outage {}{}, model {}; profiles: {}\n",
      // Text from the file and the command line: shown escaped (util/text_safety.hpp).
      sanitize_for_terminal(scenario.path), sanitize_for_terminal(scenario.name),
      scenario.segments.size(), scenario.links.size(), prepared.certificate().radius, uncertain,
      format_duration_hours(scenario.outage.duration_hours.central()),
      scenario.outage.start_unix_seconds
          ? " from " + format_utc_instant(*scenario.outage.start_unix_seconds)
          : std::string(),
      model_kind_name(scenario.model), sanitize_for_terminal(profiles));
  for (const auto& remark : input_remarks(scenario)) {
    text += "note: " + sanitize_for_terminal(remark) + "\n";
  }
  emit(text, OutputOptions{});
  return 0;
}

}  // namespace

Runner setup_check(CLI::App& command) {
  auto options = std::make_shared<ScenarioOptions>();
  command.add_option("scenario", options->scenario, "Scenario TOML file or preset name")
      ->required();
  add_scenario_options(command, *options);
  command.footer("Examples:\n  outage-impact check my.toml\n  outage-impact check meta-2024-03-05");
  return [options] { return run_check(*options); };
}

}  // namespace outage
