// The Monte Carlo draws' closed-form paths (draw_evaluator) and the quantile table
// (beta_quantile) against the general solver and Boost.
#include <boost/math/distributions/beta.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "model/covers/cover.hpp"
#include "model/estimate/draw_evaluator.hpp"
#include "model/estimate/estimate.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "model/stats/beta_quantile.hpp"

using namespace outage;

namespace {

constexpr double kSameSolution = 1e-9;

Scenario load_valid(const std::string& name, const std::vector<Override>& overrides = {}) {
  Scenario scenario = load_scenario(name, overrides);
  require_valid_inputs(scenario);
  return scenario;
}

// Every draw's net losses against solve_losses of the same inputs, to 1e-9 relative.
void check_draws_against_solver(const Scenario& scenario, PricingPlan expected, int draws) {
  const PreparedScenario prepared = prepare_or_throw(scenario);
  const DrawEvaluator evaluator(prepared, 7);
  REQUIRE(evaluator.path() == expected);
  DrawScratch scratch = evaluator.scratch();
  Vector net;
  double worst = 0;
  for (int draw = 0; draw < draws; ++draw) {
    evaluator.evaluate(draw, scratch, net);
    const Vector exact = solve_losses(scratch.inputs).net;
    for (Eigen::Index i = 0; i < exact.size(); ++i) {
      const double error = std::fabs(net[i] - exact[i]);
      CHECK(error <= kSameSolution * std::fabs(exact[i]) + 1e-300);
      worst = std::max(worst, error / std::max(std::fabs(exact[i]), 1e-300));
    }
  }
  INFO("worst relative difference " << worst);
  CHECK(worst <= kSameSolution);
}

}  // namespace

TEST_CASE("beta quantiles by table agree with Boost's to a few ulps", "[sampling][draws]") {
  const double shapes[][2] = {{4, 2}, {3, 3}, {2.6, 3.4}, {1, 5}, {5, 1}, {1.2, 4.8}, {4.99, 1.01}};
  for (const auto& shape : shapes) {
    const BetaQuantile table(shape[0], shape[1]);
    const boost::math::beta_distribution<double> exact(shape[0], shape[1]);
    // Both tails (beyond the table: Boost itself), and across the middle.
    for (double p :
         {0.0, 1e-20, 1e-12, 1e-9, 1e-6, 1e-3,  0.01,     0.05,     0.2,           0.3,
          0.5, 0.7,   0.9,   0.95, 0.99, 0.999, 1 - 1e-6, 1 - 1e-9, 1 - 0x1.0p-53, 1.0}) {
      const double expected = boost::math::quantile(exact, p);
      INFO("a " << shape[0] << " b " << shape[1] << " p " << p);
      CHECK(std::fabs(table(p) - expected) <= 4e-15 * expected);
    }
    for (int k = 1; k < 2000; ++k) {
      const double p = k / 2000.0;
      const double expected = boost::math::quantile(exact, p);
      INFO("a " << shape[0] << " b " << shape[1] << " p " << p);
      CHECK(std::fabs(table(p) - expected) <= 4e-15 * expected);
    }
  }
}

TEST_CASE("the default preset's draws take the closed form and match the solver",
          "[sampling][draws]") {
  // Duration, recovery times and link shares drawn: exp(M t) as sums of exponentials.
  check_draws_against_solver(load_valid("meta-2024-03-05"), PricingPlan::drawn, 300);
}

TEST_CASE("draws with only the duration uncertain use the precomputed tails", "[sampling][draws]") {
  std::vector<Override> fixed;
  const Scenario preset = load_valid("meta-2024-03-05");
  for (const auto& segment : preset.segments) {
    fixed.push_back({"segment." + segment.id + ".recovery", "\"1h\"", "--set"});
  }
  for (const char* seller : {"americas", "asia", "europe_other"}) {
    fixed.push_back(
        {std::string("link.delivery_payments.social_sellers_") + seller, "0.3", "--set"});
  }
  check_draws_against_solver(load_valid("meta-2024-03-05", fixed), PricingPlan::closed_form, 300);
}

TEST_CASE("draws that the closed forms do not cover are solved", "[sampling][draws]") {
  // A drawn build-up time: the flat closed form's matrices would change per draw.
  check_draws_against_solver(load_valid("crowdstrike-2024-07-19",
                                        {{"segment.retail_trade.buildup",
                                          "{ triangular = [\"2h\", \"24h\", \"48h\"] }", "--set"}}),
                             PricingPlan::solve, 20);
  // A link cycle (the sellers depend on their couriers too): the drawn path refuses it.
  Scenario cycle = load_valid("meta-2024-03-05");
  Link back = cycle.links.front();
  std::swap(back.segment, back.depends_on);
  cycle.links.push_back(back);
  require_valid_inputs(cycle);
  check_draws_against_solver(cycle, PricingPlan::solve, 30);
}

TEST_CASE("the draws are the same bytes for any number of threads", "[sampling][draws]") {
  const Scenario scenario = load_valid("meta-2024-03-05");
  SamplingOptions options;
  options.samples = 5000;
  options.threads = 1;
  const SampledLosses one = sample_net_losses(prepare_or_throw(scenario), options);
  options.threads = 3;
  const SampledLosses three = sample_net_losses(prepare_or_throw(scenario), options);
  CHECK(one.net == three.net);
  CHECK_FALSE(one.fast_path);
}

TEST_CASE("draws of a build-up with flat demand take the flat closed form and match the solver",
          "[sampling][draws][flat]") {
  // 71 industries, a 4-hour build-up on every one; duration, severity, dependency, deferral and
  // recovery times drawn.
  check_draws_against_solver(load_valid("aws-us-east-1-2021-12-07"), PricingPlan::flat, 40);
  // Build-up on some segments, a cover with a waiting period.
  check_draws_against_solver(load_valid("crowdstrike-2024-07-19"), PricingPlan::flat, 40);
  // Two phases whose severities are drawn.
  check_draws_against_solver(load_valid("aws-us-east-1-2025-10-20"), PricingPlan::flat, 40);
}

TEST_CASE("the flat closed form handles segments with and without a build-up, and a static model",
          "[sampling][draws][flat]") {
  // Build-up on some segments only: the others follow algebraically (H = (I - A_SS)^-1 A_SB).
  std::vector<Override> some = {{"segment.farms.buildup", "\"0h\"", "--set"},
                                {"segment.utilities.buildup", "\"0h\"", "--set"},
                                {"segment.construction.buildup", "\"30m\"", "--set"},
                                {"outage.duration", "\"3000h\"", "--set"}};
  check_draws_against_solver(load_valid("aws-us-east-1-2021-12-07", some), PricingPlan::flat, 10);
  check_draws_against_solver(
      load_valid("aws-us-east-1-2021-12-07", {{"model.kind", "\"static\"", "--model"}}),
      PricingPlan::flat, 10);
}

TEST_CASE("the flat closed form prices what accrues after a cover's waiting period",
          "[sampling][draws][flat][cover]") {
  Scenario scenario = load_valid("aws-us-east-1-2025-10-20");
  for (const double wait : {0.0, 1.0, 2.5, 9.0, 14.0, 20.0}) {
    Cover cover;
    cover.name = "wait";
    cover.waiting_period_hours = wait;
    for (std::size_t i = 0; i < scenario.segments.size(); ++i) cover.segments.push_back(i);
    scenario.covers = {cover};
    const PreparedScenario prepared = prepare_or_throw(scenario);
    const DrawEvaluator evaluator(prepared, 11);
    REQUIRE(evaluator.path() == PricingPlan::flat);
    DrawScratch scratch = evaluator.scratch();
    Vector net;
    for (int draw = 0; draw < 5; ++draw) {
      evaluator.evaluate(draw, scratch, net);
      evaluator.insure(scratch, net);
      const Vector exact = net_loss_after(scratch.inputs, wait, solve_losses(scratch.inputs).net);
      INFO("wait " << wait << " draw " << draw);
      for (Eigen::Index i = 0; i < exact.size(); ++i) {
        CHECK(std::fabs(scratch.insured[i] - exact[i]) <=
              kSameSolution * std::fabs(exact[i]) + 1e-6);
      }
    }
  }
}
