#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "model/covers/cover.hpp"
#include "model/estimate/estimate.hpp"
#include "model/risk/risk.hpp"
#include "model/risk/risk_outages.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

// One segment, flat profile, static model: every 2-hour outage at severity 1 loses
// revenue * dependency * 2 h = 1000 * 0.5 * 2 = 1000.
constexpr const char* kOneSegment = R"(
[scenario]
name = "one segment"
[outage]
duration = "2h"
[model]
kind = "static"
[[segment]]
id = "shop"
revenue = 1000
dependency = 0.5
[risk]
rate = 3
duration = "2h"
)";
constexpr double kLossPerOutage = 1000;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.describe();
  }
  return "no error";
}

Scenario valid(const std::string& text) {
  Scenario scenario = parse_scenario(text, "risk.toml");
  require_valid_inputs(scenario);
  return scenario;
}

// An independent implementation of docs/risk.md's measures from per-year values.
double exceedance(std::vector<double> values, double period, bool tail_mean) {
  std::sort(values.begin(), values.end());  // ascending: the k-th largest is at size - k
  const auto k = static_cast<std::size_t>(static_cast<double>(values.size()) / period);
  if (!tail_mean) return values[values.size() - k];
  double sum = 0;
  for (std::size_t j = values.size() - k; j < values.size(); ++j) sum += values[j];
  return sum / static_cast<double>(k);
}

}  // namespace

TEST_CASE("risk measures follow docs/risk.md on a small example", "[risk]") {
  const std::vector<double> annual = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const std::vector<double> largest = {1, 1, 1, 1, 1, 2, 2, 2, 2, 9};
  const RiskMeasures m = risk_measures(annual, largest, {2, 5, 20});
  CHECK(m.aal == 5.5);
  CHECK(m.sd == Approx(std::sqrt(82.5 / 9)));
  CHECK(m.aal_stderr == Approx(m.sd / std::sqrt(10.0)));
  REQUIRE(m.ep.size() == 2);  // 20 > 10 years is left out
  CHECK(m.ep[0].aep == 6);    // k = 5: the fifth largest
  CHECK(m.ep[0].aep_tvar == 8);
  CHECK(m.ep[0].oep == 2);
  CHECK(m.ep[0].oep_tvar == Approx(17.0 / 5));
  CHECK(m.ep[1].aep == 9);  // k = 2
  CHECK(m.ep[1].oep_tvar == 5.5);
}

TEST_CASE("a flat static segment's AAL is rate times the loss per outage", "[risk]") {
  const Scenario scenario = valid(kOneSegment);
  RiskOptions options;
  options.years = 20000;
  options.threads = 2;
  const RiskResult result =
      simulate_risk(prepare_or_throw(scenario, Purpose::risk), *scenario.risk, options);
  std::int64_t events = 0;
  double sum_squares = 0;
  for (const auto count : result.year_losses.events) {
    events += count;
    sum_squares += static_cast<double>(count * count);
  }
  const double years = static_cast<double>(result.years);
  // Exactly, from the year loss table: every outage loses the same.
  CHECK(result.total.aal ==
        Approx(kLossPerOutage * static_cast<double>(events) / years).epsilon(1e-12));
  // Within sampling error of rate * loss (4 standard errors).
  CHECK(std::fabs(result.total.aal - 3 * kLossPerOutage) < 4 * result.total.aal_stderr);
  // Poisson counts: mean and variance both 3.
  const double mean = static_cast<double>(events) / years;
  const double variance = (sum_squares - years * mean * mean) / (years - 1);
  CHECK(std::fabs(mean - 3) < 4 * std::sqrt(3 / years));
  CHECK(std::fabs(variance - 3) < 0.15);
  CHECK(result.events_per_year == mean);
  CHECK(result.share_of_years_with_outage == Approx(1 - std::exp(-3.0)).epsilon(0.02));
}

TEST_CASE("the year and event tables give back every measure", "[risk]") {
  const Scenario scenario = parse_scenario(std::string(kOneSegment) + R"(
[[segment]]
id = "ads"
revenue = { uniform = [500, 1500] }
dependency = 0.8
recovery = "1h"
)",
                                           "risk.toml");
  Scenario edited = scenario;
  edited.model = ModelKind::dynamic_model;
  edited.risk->duration_hours.kind = DistributionKind::lognormal;
  edited.risk->duration_hours.low = 0.2;
  edited.risk->duration_hours.high = 6;
  require_valid_inputs(edited);
  RiskOptions options;
  options.years = 3000;
  options.threads = 2;
  std::vector<double> annual(3000 * 3, 0.0), largest(3000 * 3, 0.0);
  std::vector<double> starts;
  const RiskResult result =
      simulate_risk(prepare_or_throw(edited, Purpose::risk), *edited.risk, options,
                    [&](const OutageBlock& block) {
                      for (std::size_t k = 0; k < block.year.size(); ++k) {
                        starts.push_back(block.start_hour_of_week[k]);
                        for (std::size_t i = 0; i < 3; ++i) {
                          const double value = block.net[k * 3 + i];
                          annual[static_cast<std::size_t>(block.year[k] - 1) * 3 + i] += value;
                          auto& most = largest[static_cast<std::size_t>(block.year[k] - 1) * 3 + i];
                          most = std::max(most, value);
                        }
                      }
                    });
  for (std::size_t i = 0; i < 3; ++i) {
    std::vector<double> a, m;
    for (std::size_t y = 0; y < 3000; ++y) {
      a.push_back(annual[y * 3 + i]);
      m.push_back(largest[y * 3 + i]);
    }
    const RiskMeasures& measures = i < 2 ? result.segments[i] : result.total;
    double sum = 0;
    for (const double value : a) sum += value;
    CHECK(measures.aal == Approx(sum / 3000).epsilon(1e-12));
    for (const EpPoint& point : measures.ep) {
      CHECK(point.aep == Approx(exceedance(a, point.return_period, false)).epsilon(1e-12));
      CHECK(point.aep_tvar == Approx(exceedance(a, point.return_period, true)).epsilon(1e-12));
      CHECK(point.oep == Approx(exceedance(m, point.return_period, false)).epsilon(1e-12));
      CHECK(point.oep_tvar == Approx(exceedance(m, point.return_period, true)).epsilon(1e-12));
    }
  }
  // Starts uniform over the week: each day holds a seventh of them.
  std::vector<double> per_day(7, 0.0);
  for (const double start : starts) per_day[static_cast<std::size_t>(start / 24)] += 1;
  const double expected = static_cast<double>(starts.size()) / 7;
  for (const double count : per_day) CHECK(std::fabs(count - expected) < 5 * std::sqrt(expected));
}

TEST_CASE("risk results are the same for any number of threads", "[risk]") {
  Scenario scenario = load_scenario("meta-2024-03-05");
  require_valid_inputs(scenario);
  const std::string path =
      (std::filesystem::temp_directory_path() / "outage-impact-test-risk.toml").string();
  std::ofstream(path) << "[risk]\nrate = 12\nduration = { lognormal = [\"10m\", \"6h\"] }\n";
  const RiskProcess process = load_risk_file(path);
  std::filesystem::remove(path);
  RiskOptions options;
  options.years = 700;
  options.threads = 1;
  const RiskResult one = simulate_risk(prepare_or_throw(scenario, Purpose::risk), process, options);
  options.threads = 3;
  const RiskResult three =
      simulate_risk(prepare_or_throw(scenario, Purpose::risk), process, options);
  CHECK(one.year_losses.annual == three.year_losses.annual);
  CHECK(one.year_losses.largest == three.year_losses.largest);
  CHECK(one.year_losses.events == three.year_losses.events);
}

TEST_CASE("risk inputs are checked with their location", "[risk]") {
  std::string text = kOneSegment;
  text.replace(text.find("rate = 3"), 8, "rate = -1");
  CHECK(error_of([&] { parse_scenario(text, "r.toml"); }) ==
        "r.toml:13:8: risk.rate = -1 must be >= 0 outages per year: a rate below 0");
  const Scenario phased =
      parse_scenario(std::string(kOneSegment)
                         .replace(std::string(kOneSegment).find("[model]"), 7,
                                  "[[outage.phase]]\nafter = \"1h\"\nseverity = 0.5\n[model]"),
                     "p.toml");
  CHECK_THAT(error_of([&] { (void)prepare_or_throw(phased, Purpose::risk); }),
             Catch::StartsWith("p.toml:7:9: risk: a scenario with [[outage.phase]]"));
  std::istringstream empty("id,duration\n");
  CHECK_THAT(error_of([&] { read_history(empty, "h.csv"); }),
             Catch::Contains("the history has no incidents"));
  CHECK_FALSE(parse_history_period_hours("two years"));
  CHECK_FALSE(parse_history_period_hours("0y"));
  CHECK(*parse_history_period_hours("2y") == 2 * 8760);
  CHECK(*parse_history_period_hours("3w") == 3 * 168);
  CHECK(*parse_history_period_hours("36h") == 36);
}

TEST_CASE("a history's rows are resampled whole", "[risk]") {
  std::istringstream log(
      "id,duration,start,severity\n"
      "a,2h,2024-01-01T10:00:00Z,0.5\n"
      "b,30m,,\n");
  const RiskProcess process =
      history_process(read_history(log, "h.csv"), 4 * 8760, Location{"h.csv", 0, 0});
  CHECK(process.rate.central() == 0.5);
  const Scenario scenario = valid(kOneSegment);
  const PreparedScenario prepared = prepare_or_throw(scenario, Purpose::risk);
  const OutageEvaluator evaluator(prepared, process, 1, true);
  for (std::int64_t event = 1; event <= 50; ++event) {
    const OutageDraw outage = evaluator.draw_outage(1, event);
    if (outage.duration_hours == 2) {
      CHECK(outage.severity == 0.5);
      CHECK(outage.start_hour_of_week == 10);
    } else {
      CHECK(outage.duration_hours == 0.5);
      CHECK(outage.severity == 1);
    }
  }
}

TEST_CASE("Poisson counts have the right mean for small and large rates", "[risk]") {
  for (const double mean : {0.3, 12.0, 1234.5}) {
    double sum = 0;
    const int draws = 4000;
    for (int j = 0; j < draws; ++j) {
      RandomStream stream(99, static_cast<std::uint64_t>(j), 0);
      sum += static_cast<double>(draw_poisson(stream, mean));
    }
    CHECK(std::fabs(sum / draws - mean) < 5 * std::sqrt(mean / draws));
  }
}

TEST_CASE("risk prices a build-up with flat demand in closed form, as the solver does", "[risk]") {
  // 71 industries with a 4-hour build-up: each outage through FlatPricer (no solve), against
  // solve_losses of the same inputs (central, so the inputs are known here).
  Scenario scenario = load_scenario("aws-us-east-1-2021-12-07", {});
  require_valid_inputs(scenario);
  RiskProcess process;
  process.rate = Param::fixed(2);
  process.duration_hours = Param::fixed(6);
  process.severity = Param::fixed(0.7);
  scenario.covers.push_back(Cover{});
  scenario.covers.back().name = "eight hours";
  scenario.covers.back().waiting_period_hours = 3;
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
    scenario.covers.back().segments.push_back(i);
  }
  const PreparedScenario prepared = prepare_or_throw(scenario, Purpose::risk);
  const OutageEvaluator evaluator(prepared, process, 5, true);
  REQUIRE(evaluator.is_precomputed());
  OutageScratch scratch;
  Vector net, covered;
  for (const double duration : {0.5, 2.0, 7.25, 40.0}) {
    const OutageDraw outage{13.5, duration, 0.6};
    evaluator.price(1, 1, outage, scratch, net);
    ModelInputs inputs = central_inputs(scenario);
    inputs.duration_hours = duration;
    inputs.phases.assign(1, {0.0, 0.6});
    inputs.start_hour_of_week = 13.5;
    const Vector exact = solve_losses(inputs).net;
    INFO("duration " << duration);
    CHECK((net - exact).cwiseAbs().maxCoeff() <= 1e-9 * exact.cwiseAbs().maxCoeff());
    evaluator.covered_after(3, scratch, net, covered);
    const Vector exact_covered = net_loss_after(inputs, 3, exact);
    CHECK((covered - exact_covered).cwiseAbs().maxCoeff() <= 1e-9 * exact.cwiseAbs().maxCoeff());
  }
}

TEST_CASE("risk draws an uncertain buildup per outage even when nothing else is uncertain",
          "[risk]") {
  Scenario scenario = valid(R"(
[outage]
duration = "2h"
[[segment]]
id = "shop"
revenue = 1000
dependency = 0.5
[[segment]]
id = "courier"
revenue = 500
dependency = 0.1
buildup = { uniform = ["10m", "3h"] }
[[link]]
segment = "courier"
depends_on = "shop"
share = 0.4
)");
  RiskProcess process;
  process.rate = Param::fixed(1);
  process.duration_hours = Param::fixed(2);
  process.severity = Param::fixed(1);
  const PreparedScenario prepared = prepare_or_throw(scenario, Purpose::risk);
  const OutageEvaluator evaluator(prepared, process, 3, false);
  OutageScratch scratch;
  Vector first, second;
  const OutageDraw outage{10, 2, 1};
  evaluator.price(1, 1, outage, scratch, first);
  evaluator.price(2, 1, outage, scratch, second);
  // The courier's loss through the link depends on its drawn buildup.
  CHECK(first[1] != second[1]);
  CHECK(first[0] == second[0]);
}
