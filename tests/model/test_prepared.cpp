// The prepared scenario (model/scenario/prepared.hpp): checked once, with its central inputs,
// its solution and the factorisation a time series reuses.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "model/estimate/estimate.hpp"
#include "model/scenario/prepared.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

constexpr const char* kProfiled = R"(
[scenario]
name = "profiled"
[outage]
duration = "3h"
[[segment]]
id = "shop"
revenue = 1000
dependency = 0.5
recovery = "2h"
profile = "business-hours"
[[segment]]
id = "courier"
revenue = 400
dependency = 0.2
recovery = "1h"
[[link]]
segment = "courier"
depends_on = "shop"
share = 0.3
)";

std::string with_start(const std::string& text) {
  const std::string duration = "duration = \"3h\"";
  return std::string(text).replace(text.find(duration), duration.size(),
                                   duration + "\nstart = 2024-03-05T15:00:00Z");
}

}  // namespace

TEST_CASE("a profile without outage.start is refused for an estimate, not for risk", "[prepared]") {
  const Scenario scenario = parse_scenario(kProfiled, "p.toml");
  for (const Purpose purpose : {Purpose::check, Purpose::estimate, Purpose::incidents}) {
    const auto prepared = prepare(scenario, purpose);
    REQUIRE_FALSE(prepared);
    CHECK_THAT(prepared.error().describe(), Catch::Contains("which needs outage.start"));
  }
  // Each simulated outage brings its own start: nothing is patched into the scenario.
  const auto risk = prepare(scenario, Purpose::risk);
  REQUIRE(risk);
  CHECK_FALSE(risk->scenario().outage.start_unix_seconds);
  CHECK_FALSE(risk->central().start_hour_of_week);
  CHECK_THROWS_AS(risk->central_solution(), std::logic_error);
}

TEST_CASE("a prepared estimate holds the central solution and a series reuses it", "[prepared]") {
  const PreparedScenario prepared =
      prepare_or_throw(parse_scenario(with_start(kProfiled), "p.toml"));
  const SegmentLosses direct = solve_losses(prepared.central());
  const Solution& solution = prepared.central_solution();
  for (Eigen::Index i = 0; i < 2; ++i) {
    CHECK(solution.losses.net[i] == direct.net[i]);
    CHECK(solution.losses.gross[i] == direct.gross[i]);
    CHECK(solution.losses.peak[i] == direct.peak[i]);
  }
  CHECK(estimate_point(prepared).total.net_loss == direct.net.sum());
  // The series from the kept factorisation is the series that factorises again, row by row.
  const auto reused =
      loss_series(prepared.central(), solution, 0.25, 100000, Location{"--step", 0, 0});
  const auto fresh = loss_series(prepared.central(), 0.25, 100000, Location{"--step", 0, 0});
  REQUIRE(reused.size() == fresh.size());
  REQUIRE(reused.size() > 12);
  for (std::size_t r = 0; r < reused.size(); ++r) {
    CHECK(reused[r].hours == fresh[r].hours);
    CHECK(reused[r].cumulative_net_loss == fresh[r].cumulative_net_loss);
  }
  // The last row has the whole net loss.
  CHECK(std::fabs(reused.back().cumulative_net_loss.sum() - direct.net.sum()) <=
        1e-9 * direct.net.sum());
}

TEST_CASE("prepare names the input that breaks a constraint; risk refuses phases", "[prepared]") {
  std::string text = with_start(kProfiled);
  text.replace(text.find("dependency = 0.2"), 16, "dependency = 1.5");
  const auto bad = prepare(parse_scenario(text, "p.toml"));
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().describe(), Catch::StartsWith("p.toml:"));
  CHECK_THROWS_AS(prepare_or_throw(parse_scenario(text, "p.toml")), Error);
  const std::string phased =
      with_start(kProfiled) + "[[outage.phase]]\nafter = \"1h\"\nseverity = 0.5\n";
  const Scenario scenario = parse_scenario(phased, "p.toml");
  CHECK(prepare(scenario, Purpose::estimate));
  const auto risk = prepare(scenario, Purpose::risk);
  REQUIRE_FALSE(risk);
  CHECK_THAT(risk.error().describe(), Catch::Contains("cannot be simulated"));
}
