// Issue 12: value added lost (value_added_share x net loss) and welfare segments kept out of
// the market total.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/estimate/estimate.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "report/render.hpp"

using namespace outage;

namespace {

// One segment, static model, flat profile: gross = r s d D = 100 x 1 x 0.5 x 2 = 100,
// net = (1 - f) gross = 80, value added lost = v net = 0.6 x 80 = 48.
const std::string kOneSegment = R"(
[outage]
duration = "2h"

[model]
kind = "static"

[[segment]]
id = "shop"
revenue = 100
dependency = 0.5
deferred = 0.2
value_added_share = 0.6
)";

// A market segment and a welfare segment (users), each with its own closed form:
// shop net 80 as above; users gross = 50 x 1 x 1 x 2 = 100, net = 0.5 x 100 = 50.
const std::string kWithWelfare = kOneSegment + R"(
[[segment]]
id = "users"
kind = "welfare"
revenue = 50
dependency = 1
deferred = 0.5

[[segment]]
id = "courier"
revenue = 10
dependency = 0.5
)";

Scenario parse(const std::string& text) {
  Scenario scenario = parse_scenario(text, std::string(TEST_DATA_DIR) + "/inline.toml", {});
  require_valid_inputs(scenario);
  return scenario;
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const Error& error) {
    return error.describe();
  }
  return "no error";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("value_added_loss is the share times the net loss (closed form)", "[value_added]") {
  const Estimate estimate = estimate_point(prepare_or_throw(parse(kOneSegment)));
  const SegmentEstimate& shop = estimate.segments[0];
  CHECK(shop.net_loss == Approx(80.0).epsilon(1e-12));
  REQUIRE(shop.value_added_loss);
  CHECK(*shop.value_added_loss == Approx(48.0).epsilon(1e-12));
  REQUIRE(estimate.total.value_added_loss);
  CHECK(*estimate.total.value_added_loss == Approx(48.0).epsilon(1e-12));
  CHECK_FALSE(estimate.welfare_total);
}

TEST_CASE("segments without a share have none; the total sums those that do", "[value_added]") {
  const Estimate estimate = estimate_point(prepare_or_throw(parse(kWithWelfare)));
  // courier: gross = 10 x 0.5 x 2 = 10, net 10, no share.
  CHECK_FALSE(estimate.segments[2].value_added_loss);
  CHECK(*estimate.total.value_added_loss == Approx(48.0).epsilon(1e-12));
  const Estimate none =
      estimate_point(prepare_or_throw(parse(replaced(kOneSegment, "value_added_share = 0.6", ""))));
  CHECK_FALSE(none.total.value_added_loss);
  const std::string csv = render_csv(none, RenderOptions{CurrencyFormat::raw, false});
  CHECK_THAT(csv, Catch::EndsWith("total,Total,100,80,100,0,,\n"));
}

TEST_CASE("a welfare segment is reported but not summed into the market total", "[value_added]") {
  const Estimate estimate = estimate_point(prepare_or_throw(parse(kWithWelfare)));
  CHECK(estimate.segments[1].kind == SegmentKind::welfare);
  CHECK(estimate.segments[1].net_loss == Approx(50.0).epsilon(1e-12));
  CHECK(estimate.total.net_loss == Approx(80.0 + 10.0).epsilon(1e-12));
  CHECK(estimate.total.gross_loss == Approx(100.0 + 10.0).epsilon(1e-12));
  REQUIRE(estimate.welfare_total);
  CHECK(estimate.welfare_total->net_loss == Approx(50.0).epsilon(1e-12));
  CHECK_FALSE(estimate.welfare_total->value_added_loss);

  const std::string csv = render_csv(estimate, RenderOptions{CurrencyFormat::raw, false});
  CHECK_THAT(csv, Catch::Contains("\ntotal,Total (market output),110,90,110,0,,48\n"));
  CHECK_THAT(csv, Catch::EndsWith("\nwelfare_total,Welfare total (not in Total),100,50,100,0,,\n"));
  const std::string json = render_json(estimate);
  CHECK_THAT(json, Catch::Contains("\"kind\": \"welfare\""));
  CHECK_THAT(json, Catch::Contains("\"welfare_total\": {\n    \"gross_loss\": 100.0"));
  const std::string table = render_table(estimate, RenderOptions{});
  CHECK_THAT(table, Catch::Contains("Welfare total (not in Total)"));
  CHECK_THAT(table, Catch::Contains("Total (market output)"));
  const std::string markdown = render_markdown(estimate, RenderOptions{});
  CHECK_THAT(markdown, Catch::Contains("**Welfare total (not in Total)**"));
}

TEST_CASE("draws: the total leaves welfare out, value added has its mean", "[value_added]") {
  const Scenario scenario = parse(replaced(kWithWelfare, "value_added_share = 0.6",
                                           "value_added_share = { uniform = [0.4, 0.8] }"));
  SamplingOptions options;
  options.samples = 4000;
  const SampledLosses draws = sample_net_losses(prepare_or_throw(scenario), options);
  for (std::int64_t j = 0; j < draws.samples; j += 97) {
    const auto k = static_cast<std::size_t>(j);
    CHECK(draws.total()[k] == draws.segment(0)[k] + draws.segment(2)[k]);
  }
  // Net losses are fixed, so the mean value added is net x the mean drawn share (0.6 +- 0.01).
  CHECK(draws.value_added_mean[0] == Approx(48.0).epsilon(0.01));
  CHECK(std::isnan(draws.value_added_mean[1]));
  CHECK(draws.value_added_mean[3] == draws.value_added_mean[0]);
  const Estimate estimate = estimate_with_uncertainty(prepare_or_throw(scenario), options);
  CHECK(*estimate.segments[0].value_added_loss_mean == draws.value_added_mean[0]);
  CHECK(estimate.welfare_total->stats->mean == Approx(50.0).epsilon(1e-12));
  // The same bytes on any number of threads (chunk sums reduced in chunk order).
  options.threads = 3;
  const std::vector<double> threaded =
      sample_net_losses(prepare_or_throw(scenario), options).value_added_mean;
  CHECK(threaded[0] == draws.value_added_mean[0]);
  CHECK(threaded[3] == draws.value_added_mean[3]);
}

TEST_CASE("value-added shares come after every other input", "[value_added]") {
  const Scenario scenario = parse(kWithWelfare);
  const InputTable table(scenario);
  REQUIRE(table.size() == 2 + 3 * 4 + 3 + 1);
  CHECK(table[table.size() - 1].name == "segment.shop.value_added_share");
  CHECK(table[table.size() - 2].name == "segment.courier.buildup");
}

TEST_CASE("bad value-added shares and kinds name where and what", "[value_added]") {
  const std::string path = std::string(TEST_DATA_DIR) + "/inline.toml";
  CHECK(error_of(replaced(kOneSegment, "value_added_share = 0.6", "value_added_share = 1.5")) ==
        path + ":13:21: segment.shop.value_added_share must be in [0, 1], got 1.5");
  CHECK(error_of(replaced(kWithWelfare, "kind = \"welfare\"", "kind = \"surplus\"")) ==
        path + ":17:8: segment.users.kind must be \"market\" or \"welfare\", got \"surplus\"");
  CHECK(error_of(replaced(kWithWelfare, "kind = \"welfare\"",
                          "kind = \"welfare\"\nvalue_added_share = 0.5")) ==
        path +
            ":18:21: segment.users.value_added_share: a welfare segment's loss is not output, so "
            "it has no value added");
}
