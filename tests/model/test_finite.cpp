#include <catch2/catch.hpp>

#include "model/analyses/finite.hpp"
#include "model/estimate/estimate.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {
Scenario scenario_of(const std::string& segments) {
  Scenario scenario = parse_scenario("[outage]\nduration = \"2h\"\n" + segments, "big.toml");
  require_valid_inputs(scenario);
  return scenario;
}
std::string segment(const std::string& id, const std::string& revenue) {
  return "[[segment]]\nid = \"" + id + "\"\nrevenue = " + revenue + "\ndependency = 1\n";
}
std::string message_of(const Estimate& estimate, const Scenario& scenario) {
  try {
    check_finite_losses(estimate, scenario);
  } catch (const Error& error) {
    return error.describe();
  }
  return "";
}
}  // namespace

TEST_CASE("finite losses pass the check", "[finite]") {
  const Scenario scenario = scenario_of(segment("shop", "100"));
  CHECK_NOTHROW(check_finite_losses(estimate_point(prepare_or_throw(scenario)), scenario));
}

TEST_CASE("a revenue whose loss overflows is an error naming the revenue", "[finite]") {
  const Scenario scenario = scenario_of(segment("shop", "1e308"));
  const std::string message = message_of(estimate_point(prepare_or_throw(scenario)), scenario);
  CHECK_THAT(message, Catch::StartsWith("big.toml:5:11: segment.shop.revenue = 1e+308"));
  CHECK_THAT(message, Catch::Contains("not a finite number"));
}

TEST_CASE("two segments whose total overflows are an error naming the largest revenue",
          "[finite]") {
  const Scenario scenario = scenario_of(segment("a", "5e307") + segment("b", "8e307"));
  const Estimate estimate = estimate_point(prepare_or_throw(scenario));
  REQUIRE(std::isfinite(estimate.segments[0].net_loss));
  const std::string message = message_of(estimate, scenario);
  CHECK_THAT(message, Catch::StartsWith("big.toml:9:11: segment.b.revenue = 8e+307"));
  CHECK_THAT(message, Catch::Contains("total"));
}

TEST_CASE("a lognormal whose draws overflow is an error naming it", "[finite]") {
  const Scenario scenario = scenario_of(
      "[[segment]]\nid = \"shop\"\nrevenue = { lognormal = [1, 1e300] }\ndependency = 1\n");
  SamplingOptions options;
  options.samples = 2000;
  const Estimate estimate = estimate_with_uncertainty(prepare_or_throw(scenario), options);
  const std::string message = message_of(estimate, scenario);
  CHECK_THAT(message, Catch::StartsWith("big.toml:5:11: segment.shop.revenue = lognormal"));
}
