// sensitivity --all reuses one factorisation: every swing's total must be
// the total of a full solve with that one input moved, to 1e-12, whichever path computed it
// (the closed form without profiles with Sherman-Morrison for links, the unit responses for
// linear inputs, or a solve).
#include <catch2/catch.hpp>
#include <string>

#include "model/analyses/sensitivity.hpp"
#include "model/estimate/estimate.hpp"
#include "model/iim/inoperability.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

std::string scenario_text(const std::string& outage_extra, const std::string& model,
                          const std::string& segment_extra = "") {
  std::string text = "[outage]\nduration = \"2h\"\nseverity = 0.9\n" + outage_extra +
                     "[[outage.phase]]\nafter = \"70m\"\nseverity = 0.4\n[model]\nkind = \"" +
                     model + "\"\n";
  const char* ids[] = {"a", "b", "c", "d", "e"};
  for (int i = 0; i < 5; ++i) {
    text += std::string("[[segment]]\nid = \"") + ids[i] +
            "\"\nrevenue = " + std::to_string(100 + 37 * i) + "\ndependency = 0." +
            std::to_string(3 + i) + "\ndeferred = 0.2\nrecovery = \"" +
            std::to_string(20 + 15 * i) + "m\"\n" + segment_extra;
  }
  // A cycle a -> b -> c -> a, a self-link on b, d depends on a, e depends on nothing.
  const char* links[][3] = {{"a", "b", "0.3"},
                            {"b", "c", "0.25"},
                            {"c", "a", "0.4"},
                            {"b", "b", "0.1"},
                            {"d", "a", "0.5"}};
  for (const auto& link : links) {
    text += std::string("[[link]]\nsegment = \"") + link[0] + "\"\ndepends_on = \"" + link[1] +
            "\"\nshare = " + link[2] + "\n";
  }
  return text;
}

// Every swing against a full solve of the same inputs.
void check_swings(const std::string& text) {
  const Scenario scenario = parse_scenario(text, "swings.toml");
  SensitivityOptions options;
  options.all_inputs = true;
  const Sensitivity result = sensitivity_analysis(prepare_or_throw(scenario), options);
  const InputTable table(scenario);
  const ModelInputs central = central_inputs(scenario);
  REQUIRE(result.inputs.size() > 20);
  for (const auto& entry : result.inputs) {
    std::size_t k = 0;
    while (table[k].name != entry.input) ++k;
    for (const auto& [value, total] : {std::pair{entry.low_value, entry.total_at_low},
                                       {entry.high_value, entry.total_at_high}}) {
      ModelInputs inputs = central;
      table.apply(k, value, inputs);
      INFO(entry.input << " at " << value);
      CHECK(total == Approx(solve_losses(inputs).net.sum()).epsilon(1e-12));
    }
  }
}

}  // namespace

TEST_CASE("flat dynamic: every swing equals a full solve", "[sensitivity]") {
  check_swings(scenario_text("", "dynamic"));
}

TEST_CASE("flat static: every swing equals a full solve", "[sensitivity]") {
  check_swings(scenario_text("", "static"));
}

TEST_CASE("with a horizon (no closed form): every swing equals a full solve", "[sensitivity]") {
  std::string text = scenario_text("", "dynamic");
  text.insert(text.find("[[segment]]"), "horizon = \"5h\"\n");
  check_swings(text);
}

TEST_CASE("with profiles (unit responses and solves): every swing equals a full solve",
          "[sensitivity]") {
  check_swings(
      scenario_text("start = 2024-03-05T15:00:00Z\n", "dynamic", "profile = \"social\"\n"));
}
