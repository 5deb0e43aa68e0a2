// The one outage pricer (model/pricing/pricer.hpp): the plan follows from what varies, and
// every plan prices an outage and its covered loss X as solve_losses and net_loss_after do.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "model/covers/cover.hpp"
#include "model/pricing/pricer.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

// Two linked segments with a demand profile, a cover with a 1-hour waiting period; `extra`
// adds to the [outage] table or after the segments.
std::string scenario_text(const std::string& outage, const std::string& profile,
                          const std::string& tail = "") {
  return "[outage]\nduration = \"3h\"\nstart = 2024-03-05T15:00:00Z\n" + outage +
         "[[segment]]\nid = \"shop\"\nrevenue = 1000\ndependency = 0.8\nrecovery = \"2h\"\n" +
         profile +
         "[[segment]]\nid = \"courier\"\nrevenue = 400\ndependency = 0.2\nrecovery = \"1h\"\n"
         "deferred = 0.25\n"
         "[[link]]\nsegment = \"courier\"\ndepends_on = \"shop\"\nshare = 0.3\n"
         "[[cover]]\nname = \"bi\"\nwaiting_period = \"1h\"\ndeductible = 10\n"
         "[[cover]]\nname = \"early\"\nwaiting_period = \"30m\"\n"
         "[[cover]]\nname = \"late\"\nwaiting_period = \"2h30m\"\n"
         "[[cover]]\nname = \"never\"\nwaiting_period = \"10h\"\n" +
         tail;
}

// The outage `scratch.inputs` describes, priced by `pricer`, against the solver: net and X.
void check_against_solver(const Pricer& pricer, PricerScratch& scratch) {
  Vector net(2), covered(2);
  pricer.net(scratch, net);
  const Vector exact = solve_losses(scratch.inputs).net;
  for (Eigen::Index i = 0; i < 2; ++i) {
    CHECK(std::fabs(net[i] - exact[i]) <= 1e-9 * std::fabs(exact[i]));
  }
  // The covers' waiting periods, no wait, and one that is none of them (solved).
  for (const double wait : {0.0, 0.5, 1.0, 2.5, 10.0, 1.75}) {
    pricer.covered_after(wait, scratch, net, covered);
    const Vector expected = net_loss_after(scratch.inputs, wait, exact);
    for (Eigen::Index i = 0; i < 2; ++i) {
      INFO("wait " << wait << ", segment " << i);
      CHECK(std::fabs(covered[i] - expected[i]) <= 1e-9 * std::fabs(exact[i]) + 1e-12);
    }
  }
}

}  // namespace

TEST_CASE("the pricing plan follows from what varies", "[pricer]") {
  const PreparedScenario profiled = prepare_or_throw(
      parse_scenario(scenario_text("", "profile = \"business-hours\"\n"), "p.toml"));
  const PreparedScenario flat = prepare_or_throw(parse_scenario(scenario_text("", ""), "f.toml"));
  const PreparedScenario buildup =
      prepare_or_throw(parse_scenario(scenario_text("", "buildup = \"2h\"\n"), "b.toml"));
  Variation amounts;
  amounts.amounts = amounts.severity = true;
  CHECK(Pricer(profiled, amounts).plan() == PricingPlan::linear);
  Variation timing;
  timing.duration = timing.start = timing.severity = true;
  CHECK(Pricer(profiled, timing).plan() == PricingPlan::closed_form);
  Variation shape = timing;
  shape.recovery = shape.links = true;
  CHECK(Pricer(profiled, shape).plan() == PricingPlan::drawn);
  // A build-up: the flat closed form without a profile, a solve with one.
  CHECK(Pricer(buildup, timing).plan() == PricingPlan::flat);
  Variation drawn_buildup = timing;
  drawn_buildup.buildup = true;
  CHECK(Pricer(buildup, drawn_buildup).plan() == PricingPlan::solve);
  // Every part of the losses (batch): phased from the precomputations.
  Variation parts = timing;
  parts.every_part = true;
  CHECK(Pricer(profiled, parts).plan() == PricingPlan::phased);
  CHECK(Pricer(flat, parts).plan() == PricingPlan::phased);
  CHECK(Pricer(buildup, parts).plan() == PricingPlan::by_parts);
  CHECK(std::string(pricing_plan_name(PricingPlan::solve)) == "full (a solve per outage)");
}

TEST_CASE("every plan prices an outage and its covered loss as the solver does", "[pricer]") {
  const PreparedScenario profiled = prepare_or_throw(
      parse_scenario(scenario_text("", "profile = \"business-hours\"\n"), "p.toml"));
  // A static model: drawn links change only u, solved per outage.
  const PreparedScenario static_model = prepare_or_throw(parse_scenario(
      scenario_text("", "profile = \"business-hours\"\n") + "[model]\nkind = \"static\"\n",
      "s.toml"));
  const PreparedScenario buildup =
      prepare_or_throw(parse_scenario(scenario_text("", "buildup = \"2h\"\n"), "b.toml"));
  Variation timing;
  timing.duration = timing.start = timing.severity = true;
  Variation shape = timing;
  shape.recovery = shape.links = true;
  Variation parts = timing;
  parts.every_part = true;
  Variation amounts;
  amounts.amounts = amounts.severity = true;
  struct Case {
    const PreparedScenario* prepared;
    Variation variation;
    PricingPlan plan;
  };
  for (const Case c :
       {Case{&profiled, amounts, PricingPlan::linear},
        Case{&profiled, timing, PricingPlan::closed_form},
        Case{&profiled, shape, PricingPlan::drawn}, Case{&static_model, shape, PricingPlan::drawn},
        Case{&buildup, timing, PricingPlan::flat}, Case{&profiled, parts, PricingPlan::phased},
        Case{&buildup, parts, PricingPlan::by_parts}}) {
    const Pricer pricer(*c.prepared, c.variation);
    REQUIRE(pricer.plan() == c.plan);
    INFO("plan " << pricing_plan_name(c.plan));
    PricerScratch scratch = pricer.scratch();
    ModelInputs& inputs = scratch.inputs;
    const bool timing_varies = c.variation.duration;
    for (int outage = 0; outage < 6; ++outage) {
      if (timing_varies) {
        inputs.duration_hours = 0.75 + 1.3 * outage;
        inputs.start_hour_of_week = 17.0 + 23.5 * outage;
      }
      inputs.phases.front().second = 1.0 - 0.12 * outage;
      if (c.variation.amounts) inputs.dependency[1] = 0.1 + 0.05 * outage;
      if (c.variation.recovery) inputs.recovery_hours[0] = 1.5 + 0.4 * outage;
      if (c.variation.links) inputs.interdependency(1, 0) = 0.1 + 0.06 * outage;
      check_against_solver(pricer, scratch);
      // Every part, as solve_losses gives them.
      const SegmentLosses& losses = pricer.losses(scratch);
      const SegmentLosses exact = solve_losses(inputs);
      for (Eigen::Index i = 0; i < 2; ++i) {
        CHECK(std::fabs(losses.gross[i] - exact.gross[i]) <= 1e-9 * exact.gross[i]);
        CHECK(std::fabs(losses.direct[i] - exact.direct[i]) <= 1e-9 * exact.direct[i]);
        CHECK(std::fabs(losses.peak[i] - exact.peak[i]) <= 1e-9 * exact.peak[i]);
      }
    }
  }
}
