// Comparisons (docs/risk.md, "Comparisons"): common random numbers make `compare A A` exactly 0 in
// every draw and year; a change to one segment's revenue moves that segment only, draw by draw.
#include <catch2/catch.hpp>
#include <string>

#include "model/analyses/compare.hpp"
#include "model/scenario/input_sampler.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

// Uncertain duration, recovery, links and revenue: the full solve per draw, and a correlation.
const std::string kScenario = R"(
[outage]
duration = { triangular = ["1h", "2h", "4h"] }
start = 2024-03-05T15:17:00Z
[[segment]]
id = "shop"
revenue = { pert = [800, 1000, 1500] }
dependency = { uniform = [0.3, 0.7] }
recovery = { uniform = ["30m", "2h"] }
profile = "ecommerce"
[[segment]]
id = "courier"
revenue = 400
dependency = 0.1
deferred = { uniform = [0.2, 0.6] }
[[link]]
segment = "courier"
depends_on = "shop"
share = { uniform = [0.1, 0.4] }
[[correlation]]
inputs = ["segment.shop.dependency", "segment.courier.deferred"]
rho = 0.5
[risk]
rate = 4
duration = { lognormal = ["20m", "6h"] }
)";

Scenario load(const std::vector<Override>& overrides = {}) {
  Scenario scenario = parse_scenario(kScenario, "compare.toml", overrides);
  require_valid_inputs(scenario);
  return scenario;
}

SampledLosses paired_draws(const Scenario& a, const Scenario& b, std::int64_t samples) {
  SamplingOptions options;
  options.samples = samples;
  options.threads = 2;
  options.streams = common_streams(InputTable(a), InputTable(b));
  return sample_net_losses(prepare_or_throw(b), options);
}

}  // namespace

TEST_CASE("compare A A differs by exactly 0 in every draw and every year", "[compare]") {
  const Scenario a = load();
  SamplingOptions options;
  options.samples = 500;
  const SampledLosses da = sample_net_losses(prepare_or_throw(a), options);
  const SampledLosses db = paired_draws(a, a, 500);
  CHECK(da.net == db.net);
  const Comparison drawn =
      compare_estimates(prepare_or_throw(a), prepare_or_throw(a), options, Location{});
  for (const auto& row : drawn.rows) {
    INFO(row.segment << " " << row.measure);
    CHECK(row.difference == 0);
    CHECK(row.a == row.b);
  }
  CHECK(drawn.rows.size() == 3 * 5);  // net_loss and four drawn statistics per row
  RiskOptions risk;
  risk.years = 300;
  risk.return_periods = {10, 100};
  const Comparison years =
      compare_risk(prepare_or_throw(a, Purpose::risk), *a.risk, prepare_or_throw(a, Purpose::risk),
                   *a.risk, risk, Location{});
  for (const auto& row : years.rows) CHECK(row.difference == 0);
  CHECK(years.rows.size() == 3 * 5);  // AAL, then AEP and OEP at two return periods
}

TEST_CASE("doubling one segment's revenue changes that segment, draw by draw, by its own loss",
          "[compare]") {
  const Scenario a = load();
  const Scenario b = load({{"segment.shop.revenue", "{ pert = [1600, 2000, 3000] }", "--set"}});
  SamplingOptions options;
  options.samples = 500;
  const SampledLosses da = sample_net_losses(prepare_or_throw(a), options);
  const SampledLosses db = paired_draws(a, b, 500);
  for (std::size_t j = 0; j < 500; ++j) {
    CHECK(db.segment(0)[j] == Approx(2 * da.segment(0)[j]).epsilon(1e-12));
    CHECK(db.segment(1)[j] == da.segment(1)[j]);  // bit for bit
  }
}

TEST_CASE("an input only one side has does not shift the other inputs' streams", "[compare]") {
  // B's extra phase adds inputs in the middle of the table: the rest keep A's random numbers.
  const Scenario a = load();
  std::string text = kScenario;
  text.insert(text.find("[[segment]]"), "[[outage.phase]]\nafter = \"50m\"\nseverity = 1\n");
  Scenario b = parse_scenario(text, "b.toml");
  require_valid_inputs(b);
  const InputTable ta(a);
  const InputTable tb(b);
  const std::vector<std::uint32_t> streams = common_streams(ta, tb);
  for (std::size_t k = 0; k < tb.size(); ++k) {
    const std::size_t in_a = ta.find(tb[k].name);
    CHECK(streams[k] == (in_a < ta.size() ? in_a : ta.size() + k));
  }
  // Phase 1 at severity 1 from 50m on changes nothing: the losses are the same, draw by draw.
  SamplingOptions options;
  options.samples = 200;
  const SampledLosses da = sample_net_losses(prepare_or_throw(a), options);
  const SampledLosses db = paired_draws(a, b, 200);
  for (std::size_t j = 0; j < 200; ++j) {
    CHECK(db.total()[j] == Approx(da.total()[j]).epsilon(1e-9));
  }
}

TEST_CASE("segments on one side only are an error naming them", "[compare]") {
  const Scenario a = load();
  std::string text = kScenario;
  text.replace(text.find("id = \"courier\""), 14, "id = \"carrier\"");
  text.replace(text.find("segment = \"courier\""), 19, "segment = \"carrier\"");
  const Scenario b = parse_scenario(text, "b.toml");
  try {
    match_segments(a, b, Location{"compare", 0, 0});
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(std::string(error.what()) ==
          "the scenarios must have the same segments: only in A (compare): 'courier'; only in B "
          "(b): 'carrier'");
  }
}
