// Covers (docs/risk.md, "Covers"): closed forms for one segment, limits, shares, allocation, the
// covered loss after a waiting period against the time series, and bad [[cover]] tables.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "inputs_builder.hpp"
#include "model/batch/batch.hpp"
#include "model/covers/cover.hpp"
#include "model/estimate/estimate.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "model/risk/risk.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "util/time.hpp"

using namespace outage;
using namespace outage::testing;

namespace {

constexpr double kLn100 = 4.605170185988092;

Scenario scenario_of(const std::string& text) {
  return parse_scenario(text, "cover.toml", {});
}

std::string load_error(const std::string& text) {
  try {
    scenario_of(text);
  } catch (const Error& error) {
    return error.describe();
  }
  return "no error";
}

// One segment, flat: r = 1000/h, d = 0.5, f = 0.2, recovery 2 h, a 10-hour outage.
const std::string kOneSegment =
    "[outage]\nduration = \"10h\"\n"
    "[[segment]]\nid = \"shop\"\nrevenue = 1000\ndependency = 0.5\ndeferred = 0.2\n"
    "recovery = \"2h\"\n";

// Its net loss from `wait` hours on: (1 - f) r d ((D - W) + tau / ln 100) when W < D.
double shop_after(double wait) {
  if (wait >= 10) return 0;
  return 0.8 * 1000 * 0.5 * ((10 - wait) + 2.0 / kLn100);
}

}  // namespace

TEST_CASE("a cover's payout on one segment has a closed form", "[cover]") {
  SECTION("a waiting period inside the outage, deductible and share") {
    const Estimate estimate =
        estimate_point(prepare_or_throw(scenario_of(
            kOneSegment + "[[cover]]\nname = \"bi\"\nwaiting_period = \"8h\"\ndeductible = 100\n"
                          "share = 0.9\n")));
    REQUIRE(estimate.covers.size() == 1);
    CHECK(estimate.covers[0].covered_loss == Approx(shop_after(8)).epsilon(1e-12));
    CHECK(estimate.covers[0].insured_loss == Approx(0.9 * (shop_after(8) - 100)).epsilon(1e-12));
    CHECK(*estimate.segments[0].insured_loss == Approx(0.9 * (shop_after(8) - 100)).epsilon(1e-12));
    CHECK(*estimate.total.insured_loss == Approx(0.9 * (shop_after(8) - 100)).epsilon(1e-12));
  }
  SECTION("no waiting period: the whole net loss, recovery included") {
    const Estimate estimate =
        estimate_point(prepare_or_throw(scenario_of(kOneSegment + "[[cover]]\nname = \"c\"\n")));
    CHECK(estimate.covers[0].covered_loss == Approx(shop_after(0)).epsilon(1e-12));
    CHECK(*estimate.total.insured_loss == Approx(estimate.total.net_loss).epsilon(1e-12));
  }
  SECTION("an outage no longer than the waiting period pays nothing, its recovery included") {
    const Estimate estimate = estimate_point(prepare_or_throw(
        scenario_of(kOneSegment + "[[cover]]\nname = \"c\"\nwaiting_period = \"10h\"\n")));
    CHECK(estimate.covers[0].covered_loss == 0);
    CHECK(*estimate.total.insured_loss == 0);
  }
  SECTION("the limit bites") {
    const Estimate estimate =
        estimate_point(prepare_or_throw(scenario_of(
            kOneSegment + "[[cover]]\nname = \"c\"\nwaiting_period = \"4h\"\ndeductible = 500\n"
                          "limit = 1000\nshare = 0.5\n")));
    CHECK(shop_after(4) - 500 > 1000);
    CHECK(*estimate.total.insured_loss == Approx(500).epsilon(1e-12));
  }
  SECTION("a deductible above the covered loss") {
    const Estimate estimate = estimate_point(prepare_or_throw(scenario_of(
        kOneSegment + "[[cover]]\nname = \"c\"\nwaiting_period = \"9h\"\ndeductible = 1e6\n")));
    CHECK(*estimate.total.insured_loss == 0);
  }
}

TEST_CASE("a cover's payout is shared in proportion to the segments' covered losses", "[cover]") {
  const std::string text =
      "[outage]\nduration = \"6h\"\nseverity = 0.5\n"
      "[[segment]]\nid = \"a\"\nrevenue = 100\ndependency = 1\nrecovery = \"1h\"\n"
      "[[segment]]\nid = \"b\"\nrevenue = 300\ndependency = 0.5\ndeferred = 0.5\n"
      "recovery = \"3h\"\n"
      "[[segment]]\nid = \"c\"\nrevenue = 50\ndependency = 1\n"
      "[[cover]]\nname = \"ab\"\nsegments = [\"a\", \"b\"]\nwaiting_period = \"2h\"\n"
      "deductible = 40\nlimit = 400\n"
      "[[cover]]\nname = \"c only\"\nsegments = [\"c\"]\n";
  const Estimate estimate = estimate_point(prepare_or_throw(scenario_of(text)));
  const auto after = [](double r, double d, double f, double tau) {
    return (1 - f) * r * 0.5 * d * ((6 - 2) + tau / kLn100);
  };
  const double xa = after(100, 1, 0, 1);
  const double xb = after(300, 0.5, 0.5, 3);
  const double paid = std::min(400.0, xa + xb - 40);
  CHECK(estimate.covers[0].covered_loss == Approx(xa + xb).epsilon(1e-12));
  CHECK(*estimate.segments[0].insured_loss == Approx(paid * xa / (xa + xb)).epsilon(1e-12));
  CHECK(*estimate.segments[1].insured_loss == Approx(paid * xb / (xa + xb)).epsilon(1e-12));
  CHECK(*estimate.segments[2].insured_loss == Approx(estimate.segments[2].net_loss).epsilon(1e-12));
  CHECK(*estimate.total.insured_loss ==
        Approx(paid + estimate.segments[2].net_loss).epsilon(1e-12));
}

TEST_CASE("the covered loss after a waiting period agrees with the time series", "[cover]") {
  // Links, a profile and two phases: X(W) = total - cumulative(W) from loss_series, computed
  // by a different routine.
  ModelInputs inputs = make_inputs({200, 700, 90}, {0.8, 0.3, 0.0}, 30.0, ModelKind::dynamic_model);
  inputs.recovery_hours << 4.0, 10.0, 2.0;
  inputs.deferred << 0.1, 0.3, 0.0;
  inputs.interdependency << 0, 0.2, 0, 0.1, 0, 0.3, 0.4, 0.2, 0;
  inputs.phases = {{0.0, 1.0}, {12.0, 0.4}};
  static const std::vector<double> profile = [] {
    std::vector<double> weights(kHoursPerWeek);
    for (int h = 0; h < kHoursPerWeek; ++h)
      weights[static_cast<std::size_t>(h)] = 0.5 + (h % 24 >= 8 && h % 24 < 20);
    double sum = 0;
    for (double w : weights) sum += w;
    for (double& w : weights) w *= kHoursPerWeek / sum;
    return weights;
  }();
  inputs.profiles = {&profile, nullptr, &profile};
  inputs.start_hour_of_week = 30.5;
  const Vector full = solve_losses(inputs).net;
  for (const double wait : {3.0, 12.0, 21.0}) {
    const auto series = loss_series(inputs, wait / 4, 100000, Location{});
    Vector at_wait = Vector::Zero(3);
    for (const auto& point : series) {
      if (std::fabs(point.hours - wait) < 1e-12) at_wait = point.cumulative_net_loss;
    }
    REQUIRE(at_wait.sum() > 0);
    const Vector after = net_loss_after(inputs, wait, full);
    for (Eigen::Index i = 0; i < 3; ++i) {
      CHECK(after[i] == Approx(full[i] - at_wait[i]).epsilon(1e-9));
    }
  }
  CHECK(net_loss_after(inputs, 30.0, full).isZero());
  CHECK(net_loss_after(inputs, 0.0, full) == full);
}

TEST_CASE("covers over draws: the insured loss follows each draw", "[cover]") {
  // With the dependency drawn (the fast path) and with the recovery drawn (a solve per draw),
  // each draw's insured loss is the closed form at that draw's inputs: check the mean over the
  // draws against the mean of the closed form, draw by draw through keep_inputs.
  for (const std::string drawn :
       {"dependency = { uniform = [0.2, 0.8] }\nrecovery = \"2h\"\n",
        "dependency = 0.5\nrecovery = { uniform = [\"1h\", \"3h\"] }\n"}) {
    const Scenario scenario = scenario_of(
        "[outage]\nduration = \"10h\"\n[[segment]]\nid = \"shop\"\nrevenue = 1000\n" + drawn +
        "[[cover]]\nname = \"bi\"\nwaiting_period = \"8h\"\ndeductible = 100\n");
    SamplingOptions options;
    options.samples = 200;
    options.keep_inputs = true;
    const SampledLosses draws = sample_net_losses(prepare_or_throw(scenario), options);
    REQUIRE(draws.insured.size() == 2 * 200);
    const bool dependency_drawn = draws.input_names[0] == "segment.shop.dependency";
    for (std::size_t j = 0; j < 200; ++j) {
      const double value = draws.inputs[j];
      const double d = dependency_drawn ? value : 0.5;
      const double tau = dependency_drawn ? 2.0 : value;
      const double x = 1000 * d * (2 + tau / kLn100);
      CHECK(draws.insured_segment(0)[j] == Approx(std::max(0.0, x - 100)).epsilon(1e-9));
      CHECK(draws.insured_segment(1)[j] == draws.insured_segment(0)[j]);
    }
  }
}

TEST_CASE("bad [[cover]] tables are one-line errors at their key", "[cover]") {
  const auto with = [](const std::string& cover) { return kOneSegment + "[[cover]]\n" + cover; };
  CHECK(load_error(with("segments = [\"shop\", \"warehouse\"]\n")) ==
        "cover.toml:10:21: cover 'cover 1'.segments: unknown segment 'warehouse' (the scenario "
        "has: shop)");
  CHECK(load_error(with("deductible = -5\n")) ==
        "cover.toml:10:14: cover 'cover 1'.deductible must be >= 0, got -5");
  CHECK(load_error(with("share = 0\n")) ==
        "cover.toml:10:9: cover 'cover 1'.share must be in (0, 1], got 0");
  CHECK(load_error(with("deductible = 100\nlimit = 50\n")) ==
        "cover.toml:11:9: cover 'cover 1'.limit (50) is below its deductible (100)");
  CHECK(load_error(with("limit = 500\naggregate_limit = 100\n")) ==
        "cover.toml:11:19: cover 'cover 1'.aggregate_limit (100) is below its limit per outage "
        "(500)");
  CHECK(load_error(with("waiting_period = \"-2h\"\n")).find("waiting_period") != std::string::npos);
  CHECK(load_error(with("segments = []\n")) ==
        "cover.toml:10:12: cover 'cover 1'.segments must be a non-empty array of segment ids");
  CHECK(load_error(with("name = \"x\"\n[[cover]]\nname = \"x\"\n")) ==
        "cover.toml:11:1: two covers are named 'x': names must differ");
  CHECK(load_error(with("deductable = 5\n")).find("deductable") != std::string::npos);
}

TEST_CASE("batch pays each incident what estimate pays that outage", "[cover]") {
  // A profile, links and a second phase: each incident against the scenario written with the
  // incident's duration, start and severity.
  const auto text = [](const std::string& outage) {
    return "[outage]\n" + outage +
           "[[outage.phase]]\nafter = \"3h\"\nseverity = 0.3\n"
           "[[segment]]\nid = \"a\"\nrevenue = 100\ndependency = 1\nrecovery = \"2h\"\n"
           "profile = \"ecommerce\"\n"
           "[[segment]]\nid = \"b\"\nrevenue = 300\ndependency = 0.2\ndeferred = 0.5\n"
           "[[link]]\nsegment = \"b\"\ndepends_on = \"a\"\nshare = 0.4\n"
           "[[cover]]\nname = \"early\"\nwaiting_period = \"2h\"\ndeductible = 30\n"
           "[[cover]]\nname = \"late\"\nsegments = [\"b\"]\nwaiting_period = \"5h\"\n"
           "limit = 80\nshare = 0.5\n";
  };
  const Scenario scenario = scenario_of(text("duration = \"4h\"\nstart = 2024-03-05T15:17:00Z\n"));
  const PreparedScenario prepared = prepare_or_throw(scenario, Purpose::incidents);
  IncidentEstimator estimator(prepared);
  struct Case {
    double hours;
    double severity;
    const char* start;
  };
  for (const Case c :
       {Case{4, 1, "2024-03-05T15:17:00Z"}, Case{6.5, 0.7, "2024-03-09T02:00:00Z"},
        Case{4.75, 1, "2024-03-05T15:17:00Z"}, Case{3.5, 0.4, "2024-03-06T23:30:00Z"}}) {
    Incident incident;
    incident.duration_hours = c.hours;
    incident.severity = c.severity;
    incident.start_unix_seconds =
        parse_scenario(std::string("[outage]\nduration = 1\nstart = ") + c.start +
                           "\n[[segment]]\nid = \"x\"\n"
                           "revenue = 1\ndependency = 1\n",
                       "s.toml", {})
            .outage.start_unix_seconds;
    const SegmentLosses& losses = estimator.estimate(incident, Location{});
    const Vector insured = estimator.insured(losses.net);
    const Estimate expected = estimate_point(prepare_or_throw(scenario_of(text(
        fmt::format("duration = {}\nseverity = {}\nstart = {}\n", c.hours, c.severity, c.start)))));
    // X = net - (what accrues before the wait): both sides stop the recovery once what is left
    // is below 1e-9 of the loss (docs/model.md), so they agree to 1e-9 of the net loss.
    for (Eigen::Index i = 0; i < 2; ++i) {
      CHECK(insured[i] == Approx(*expected.segments[static_cast<std::size_t>(i)].insured_loss)
                              .epsilon(1e-9)
                              .margin(1e-9 * expected.total.net_loss));
    }
  }
}

TEST_CASE("risk's insured basis: each outage's payouts, aggregate limits per year", "[cover]") {
  const std::string text = R"(
[outage]
duration = "2h"
start = 2024-01-01T00:00:00Z
[[segment]]
id = "shop"
revenue = 1000
dependency = 0.8
recovery = "3h"
profile = "ecommerce"
[[segment]]
id = "courier"
revenue = 300
dependency = 0.3
deferred = 0.4
[[link]]
segment = "courier"
depends_on = "shop"
share = 0.3
[[cover]]
name = "bi"
waiting_period = "4h"
deductible = 200
limit = 6000
aggregate_limit = 9000
[[cover]]
name = "courier sla"
segments = ["courier"]
share = 0.5
[risk]
rate = 3
duration = { lognormal = ["30m", "16h"] }
)";
  const Scenario scenario = scenario_of(text);
  RiskOptions options;
  options.years = 150;
  options.central = true;
  options.return_periods = {10};
  std::vector<OutageBlock> blocks;
  const RiskResult result =
      simulate_risk(prepare_or_throw(scenario, Purpose::risk), *scenario.risk, options,
                    [&](const OutageBlock& block) { blocks.push_back(block); });
  REQUIRE(result.insured_total);
  // Each outage's payouts from estimate at that outage, the aggregate eroded in order.
  std::vector<double> year_paid(150, 0.0);
  std::vector<double> bi_paid(150, 0.0);
  std::vector<double> year_net(150, 0.0);
  std::size_t checked = 0;
  for (const auto& block : blocks) {
    for (std::size_t k = 0; k < block.year.size(); ++k) {
      const auto year = static_cast<std::size_t>(block.year[k] - 1);
      // The outage solved in full at its exact start and duration; X after 4 h as the loss
      // counted from there (a horizon at 4 h gives what accrues before).
      ModelInputs inputs = central_inputs(scenario);
      inputs.duration_hours = block.duration_hours[k];
      inputs.start_hour_of_week = block.start_hour_of_week[k];
      const Vector net = solve_losses(inputs).net;
      double after = 0;
      if (inputs.duration_hours > 4) {
        ModelInputs before = inputs;
        before.horizon_hours = 4.0;
        after = (net - solve_losses(before).net).sum();
      }
      const double payout = std::min(6000.0, std::max(0.0, after - 200));
      const double sla = 0.5 * net[1];
      const double bi = std::min(payout, 9000.0 - bi_paid[year]);
      bi_paid[year] += bi;
      const double expected = bi + sla;
      year_paid[year] += expected;
      // The pricer and the solver each stop the recovery within 1e-9 of the loss (docs/model.md):
      // they agree to 2e-9 of the outage's net loss.
      year_net[year] += net.sum();
      CHECK(block.insured[k * 3 + 2] == Approx(expected).epsilon(0).margin(2e-9 * net.sum()));
      ++checked;
    }
  }
  CHECK(checked > 300);
  double sum = 0;
  for (std::size_t y = 0; y < 150; ++y) {
    CHECK(result.year_losses.insured_annual[y * 3 + 2] ==
          Approx(year_paid[y]).epsilon(0).margin(2e-9 * year_net[y]));
    sum += year_paid[y];
  }
  CHECK(result.insured_total->aal == Approx(sum / 150).epsilon(2e-9));
  // The aggregate limit bites in some years, and never is passed.
  CHECK(*std::max_element(bi_paid.begin(), bi_paid.end()) == Approx(9000.0));
}

TEST_CASE("a cover's payout is allocated so that the segments add up to it, not past it",
          "[cover]") {
  // Pro rata shares by multiplication could sum above a limit in the last digit
  // (50000000.00000001): the last segment takes what is left.
  std::uint64_t state = 12345;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  for (int trial = 0; trial < 2000; ++trial) {
    Cover cover;
    const int n = 2 + trial % 7;
    Vector covered(n);
    for (int i = 0; i < n; ++i) {
      cover.segments.push_back(static_cast<std::size_t>(n - 1 - i));  // listed out of order
      covered[i] = next() * 1e7;
    }
    const double payout = 5e7 * (0.5 + next());
    Vector insured = Vector::Zero(n);
    allocate_payout(cover, payout, covered, insured);
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += insured[i];  // the order totals are summed in
    INFO("trial " << trial);
    CHECK(sum <= payout);
    CHECK(sum == Approx(payout).epsilon(1e-15));
    CHECK(insured.minCoeff() >= 0);
  }
}
