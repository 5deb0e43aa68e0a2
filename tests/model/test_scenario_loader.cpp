#include <catch2/catch.hpp>
#include <cmath>

#include "model/estimate/estimate.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "scenario_texts.hpp"

using namespace outage;

namespace {

const std::string kMinimal = R"(
[outage]
duration = "2h"

[[segment]]
id = "shop"
revenue = 100
dependency = 0.5
)";

Scenario parse(const std::string& text, const std::vector<Override>& overrides = {}) {
  Scenario scenario = parse_scenario(text, std::string(TEST_DATA_DIR) + "/inline.toml", overrides);
  require_valid_inputs(scenario);
  return scenario;
}

// The error a scenario text raises, as "where: what".
std::string error_of(const std::string& text, const std::vector<Override>& overrides = {}) {
  try {
    parse(text, overrides);
  } catch (const Error& error) {
    return error.describe();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a minimal scenario gets the documented defaults", "[scenario]") {
  const Scenario scenario = parse(kMinimal);
  REQUIRE(scenario.segments.size() == 1);
  const Segment& shop = scenario.segments[0];
  CHECK(shop.name == "shop");
  CHECK(shop.deferred.central() == 0.0);
  CHECK(shop.recovery_hours.central() == Approx(5.0 / 60.0));
  CHECK(scenario.outage.severity.central() == 1.0);
  CHECK(scenario.model == ModelKind::dynamic_model);
  CHECK(scenario.currency == "USD");
  CHECK(shop.profile.is_flat());
}

TEST_CASE("revenue units convert to per hour", "[scenario]") {
  const auto revenue_of = [](const std::string& value) {
    std::string text = kMinimal;
    text.replace(text.find("revenue = 100"), 13, "revenue = " + value);
    return parse(text).segments[0].revenue_per_hour.central();
  };
  CHECK(revenue_of("{ per_year = 8760 }") == Approx(1.0));
  CHECK(revenue_of("{ per_day = 48 }") == Approx(2.0));
  CHECK(revenue_of("{ per_hour = 5 }") == Approx(5.0));
  CHECK(revenue_of("{ per_year = { uniform = [8760, 17520] } }") == Approx(1.5));
  CHECK(revenue_of("{ lognormal = [4, 9] }") == Approx(6.0));
}

TEST_CASE("durations in scenarios accept every form", "[scenario]") {
  for (const auto& [text, hours] : std::vector<std::pair<std::string, double>>{
           {"\"90m\"", 1.5},
           {"\"PT2H30M\"", 2.5},
           {"3", 3.0},
           {"0.5", 0.5},
           {"{ triangular = [\"1h\", \"2h\", \"4h\"] }", 2.0},
           {"{ uniform = [1, 3] }", 2.0}}) {
    std::string scenario = kMinimal;
    scenario.replace(scenario.find("\"2h\""), 4, text);
    CHECK(parse(scenario).outage.duration_hours.central() == Approx(hours));
  }
}

TEST_CASE("links come from [[link]] tables and from a CSV matrix", "[scenario]") {
  const std::string two = R"(
[outage]
duration = 1
[[segment]]
id = "a"
revenue = 100
dependency = 0
[[segment]]
id = "b"
revenue = 200
dependency = 0.6
)";
  const Scenario from_tables = parse(two + R"(
[[link]]
segment = "a"
depends_on = "b"
share = 0.8
[[link]]
segment = "b"
depends_on = "a"
share = 0.2
)");
  const Scenario from_matrix = parse(two + "[links]\nmatrix = \"links.csv\"\n");
  CHECK(central_interdependency(from_tables) == central_interdependency(from_matrix));
  const Estimate estimate = estimate_point(prepare_or_throw(from_matrix));
  CHECK(estimate.segments[0].peak_inoperability == Approx(4.0 / 7.0));
  CHECK(estimate.segments[1].peak_inoperability == Approx(5.0 / 7.0));
}

TEST_CASE("overrides change values and keep their option as location", "[scenario]") {
  const Scenario scenario =
      parse(kMinimal, {{"segment.shop.deferred", "0.4", "--set segment.shop.deferred"},
                       {"outage.duration", "90m", "--duration"},
                       {"model.kind", "\"static\"", "--model"}});
  CHECK(scenario.segments[0].deferred.central() == 0.4);
  CHECK(scenario.outage.duration_hours.central() == 1.5);
  CHECK(scenario.model == ModelKind::static_model);
  CHECK(error_of(kMinimal, {{"segment.shop.deferred", "1.5", "--set segment.shop.deferred"}}) ==
        "--set segment.shop.deferred: segment.shop.deferred must be in [0, 1], got 1.5");
  CHECK_THAT(error_of(kMinimal, {{"segment.nope.deferred", "0.1", "--set segment.nope.deferred"}}),
             Catch::Contains("no segment 'nope'"));
  try {
    parse(kMinimal, {{"outage.duration", "-2h", "--duration"}});
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.code() == ExitCode::bad_usage);
  }
}

TEST_CASE("bad scenarios name the line, column and what would be right", "[scenario]") {
  const std::string base = kMinimal;
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string text = base;
    text.replace(text.find(from), from.size(), to);
    return error_of(text);
  };
  const std::string path = std::string(TEST_DATA_DIR) + "/inline.toml";
  CHECK(with("dependency = 0.5", "dependency = 1.5") ==
        path + ":8:14: segment.shop.dependency must be in [0, 1], got 1.5");
  CHECK(with("dependency = 0.5", "dependncy = 0.5") ==
        path +
            ":8:1: unknown key 'dependncy' in [[segment]]: expected one of id, name, revenue, "
            "dependency, deferred, recovery, buildup, profile, profile_utc_offset, io_sector, "
            "value_added_share, kind");
  CHECK_THAT(with("duration = \"2h\"", "duration = \"2x\""),
             Catch::StartsWith(path + ":3:12:") && Catch::Contains("unit d, h, m or s, not 'x'"));
  CHECK_THAT(with("duration = \"2h\"", "duration = -1"), Catch::Contains("> 0 hours"));
  CHECK_THAT(with("duration = \"2h\"", "duration = nan"), Catch::Contains("finite"));
  CHECK_THAT(with("duration = \"2h\"", "duration = inf"), Catch::Contains("finite"));
  CHECK_THAT(with("revenue = 100", "revenue = \"lots\""), Catch::Contains("must be a number"));
  CHECK_THAT(with("revenue = 100", "revenue = -5"), Catch::Contains(">= 0"));
  CHECK_THAT(with("revenue = 100", "revenue = { per_week = 5 }"),
             Catch::Contains("unknown unit 'per_week': expected per_year, per_day or per_hour"));
  CHECK_THAT(with("revenue = 100", "revenue = { uniform = [5, 1] }"),
             Catch::Contains("low < high"));
  CHECK_THAT(with("revenue = 100", "revenue = { normal = [5, 1] }"),
             Catch::Contains("unknown distribution 'normal'"));
  CHECK_THAT(with("dependency = 0.5", "dependency = { uniform = [0.9, 1.2] }"),
             Catch::Contains("must be in [0, 1], got uniform [0.9, 1.2]"));
  // P(X > 1) = (2 - 1)^2 / (1.5 * 1.1): most draws would be outside, so no truncation.
  CHECK_THAT(with("dependency = 0.5", "dependency = { triangular = [0.5, 0.9, 2.0] }"),
             Catch::Contains("60.6% of its probability outside"));
  CHECK_THAT(with("[outage]", "[outage]\nstart = 2024-03-05T15:00:00"),
             Catch::Contains("UTC offset"));
  CHECK_THAT(with("[outage]", "[outage]\nseverity = 0"), Catch::Contains("in (0, 1]"));
  CHECK_THAT(with("id = \"shop\"", "id = \"total\""), Catch::Contains("reserved"));
  CHECK_THAT(with("id = \"shop\"", "id = \"a b\""), Catch::Contains("letters, digits"));
  CHECK_THAT(error_of(base + "[[segment]]\nid = \"shop\"\nrevenue = 1\ndependency = 0\n"),
             Catch::Contains("duplicate segment id 'shop'"));
  CHECK_THAT(error_of(base + "[[link]]\nsegment = \"shop\"\ndepends_on = \"ghost\"\nshare = 0.1\n"),
             Catch::Contains("unknown segment 'ghost'"));
  CHECK_THAT(error_of(base + "[[link]]\nsegment = \"shop\"\ndepends_on = \"shop\"\nshare = 1\n"),
             Catch::Contains("1 - a*_ii > 0"));
  CHECK_THAT(error_of("[outage]\nduration = 1\n"), Catch::Contains("missing [[segment]]"));
  CHECK_THAT(error_of("[[segment]]\nid = \"a\"\nrevenue = 1\ndependency = 1\n"),
             Catch::Contains("missing [outage]"));
  CHECK_THAT(error_of("this is not toml"), Catch::StartsWith(path + ":1:"));
  CHECK_THAT(with("duration = \"2h\"",
                  "duration = \"2h\"\n[[outage.phase]]\nafter = \"3h\"\nseverity = 0.5"),
             Catch::Contains("not before the end of the outage"));
  CHECK_THAT(with("revenue = 100", "revenue = 100\nprofile = \"weekday.csv\""),
             Catch::Contains("needs outage.start"));
  CHECK_THAT(with("revenue = 100", "revenue = 100\nprofile = \"nosuch\""),
             Catch::Contains("unknown profile 'nosuch'"));
}

TEST_CASE("a [[segment]] without id, revenue or dependency is an error at its table",
          "[scenario]") {
  const auto without = [](const std::string& line) {
    std::string text = kMinimal;
    text.erase(text.find(line), line.size());
    return error_of(text);
  };
  const std::string path = std::string(TEST_DATA_DIR) + "/inline.toml";
  CHECK(without("id = \"shop\"\n") == path + ":5:1: each [[segment]] needs an id");
  CHECK(without("revenue = 100\n") ==
        path + ":5:1: segment 'shop' needs a revenue (or io_sector with [links] io_table)");
  CHECK(without("dependency = 0.5\n") == path + ":5:1: segment 'shop' needs a dependency");
}

TEST_CASE("a segment's name, profile offset and optional inputs are read", "[scenario]") {
  std::string text = kMinimal;
  text.replace(text.find("revenue = 100"), 13,
               "revenue = 100\nname = \"The shop\"\ndeferred = 0.25\nrecovery = \"30m\"\n"
               "buildup = \"10m\"\nprofile = \"flat\"\nprofile_utc_offset = \"-05:30\"");
  const Scenario scenario = parse(text);  // kept: the segment is a reference into it
  const Segment& shop = scenario.segments[0];
  CHECK(shop.name == "The shop");
  CHECK(shop.deferred.central() == 0.25);
  CHECK(shop.recovery_hours.central() == Approx(0.5));
  CHECK(shop.buildup_hours.central() == Approx(10.0 / 60.0));
  CHECK(shop.profile_utc_offset_hours == -5.5);
  text.replace(text.find("\"-05:30\""), 8, "\"5h\"");
  CHECK(error_of(text) == std::string(TEST_DATA_DIR) +
                              "/inline.toml:13:22: segment.shop.profile_utc_offset must look "
                              "like \"+07:00\" or \"-05:30\", got \"5h\"");
}

TEST_CASE("[[link]] tables name the table of a repeated link and an unknown segment",
          "[scenario]") {
  const std::string path = std::string(TEST_DATA_DIR) + "/inline.toml";
  const std::string two = kMinimal +
                          "[[segment]]\nid = \"ads\"\nrevenue = 10\ndependency = 0.2\n"
                          "[[link]]\nsegment = \"shop\"\ndepends_on = \"ads\"\nshare = 0.3\n";
  CHECK(error_of(two + "[[link]]\nsegment = \"shop\"\ndepends_on = \"ads\"\nshare = 0.1\n") ==
        path + ":17:1: link shop -> ads is given twice");
  CHECK_THAT(error_of(two + "[[link]]\nsegment = \"shop\"\ndepends_on = \"adz\"\nshare = 0.1\n"),
             Catch::StartsWith(path + ":19:14: unknown segment 'adz'"));
}

TEST_CASE("a spectral radius of 1 or more is an error", "[scenario]") {
  CHECK_THAT(error_of(outage::testing::two_way_links("1.0")),
             Catch::Contains("spectral radius is 1"));
}

TEST_CASE("profiles load from CSV and are normalised to mean 1", "[scenario]") {
  std::string text = kMinimal;
  text.replace(text.find("[outage]"), 8, "[outage]\nstart = 2024-03-05T15:00:00Z");
  text += "profile = \"weekday.csv\"\n";
  const Scenario scenario = parse(text);
  const auto& weights = scenario.segments[0].profile.weights;
  // Weekdays weigh 2, weekends 1: mean (5 * 2 + 2 * 1) / 7 = 12/7.
  CHECK(weights[0] == Approx(2.0 * 7.0 / 12.0));
  CHECK(weights[167] == Approx(7.0 / 12.0));
  // Tuesday 15:00 for 2 h at weight 14/12, half dependency, 100 per hour, plus recovery.
  const Estimate estimate = estimate_point(prepare_or_throw(scenario));
  CHECK(estimate.segments[0].gross_loss ==
        Approx(100 * 0.5 * (14.0 / 12.0) * (2.0 + (5.0 / 60.0) / std::log(100.0))).epsilon(1e-9));
}
