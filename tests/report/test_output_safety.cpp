// Hostile text and numbers through the renderers: nothing a terminal, a spreadsheet, a
// Markdown viewer or an XML parser would act on gets through.
#include <catch2/catch.hpp>
#include <cmath>

#include "report/io_skeleton.hpp"
#include "report/render.hpp"
#include "report/svg.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

using namespace outage;

namespace {
Estimate estimate_named(const std::string& name, const std::string& id = "a") {
  Estimate estimate;
  estimate.scenario = "hostile";
  estimate.currency = "USD";
  estimate.duration_hours = 2;
  SegmentEstimate a;
  a.id = id;
  a.name = name;
  a.gross_loss = a.net_loss = a.direct_loss = 1000;
  a.peak_inoperability = 0.5;
  estimate.segments.push_back(a);
  estimate.total = TotalEstimate{};
  estimate.total.gross_loss = estimate.total.net_loss = estimate.total.direct_loss = 1000;
  return estimate;
}
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}
RenderOptions raw_options() {
  RenderOptions options;
  options.currency_format = CurrencyFormat::raw;
  return options;
}
}  // namespace

TEST_CASE("the exceedance curve counts only strictly greater draws", "[output_safety]") {
  // 100 equal draws: nothing exceeds them.
  const std::string all_equal = render_exceedance_csv(std::vector<double>(100, 5.0));
  for (const auto& line : lines_of(all_equal)) {
    if (line != "net_loss,probability_exceeded") CHECK(line == "5,0");
  }
  // 1, 2, 2, 2, 3: P(> 1) = 0.8, P(> 2) = 0.2, P(> 3) = 0.
  CHECK(render_exceedance_csv({2, 3, 2, 1, 2}) ==
        "net_loss,probability_exceeded\n1,0.8\n2,0.2\n2,0.2\n2,0.2\n3,0\n");
}

TEST_CASE("a duration below the display resolution is not shown as 0s", "[output_safety]") {
  CHECK(format_duration_hours(0.4 / 3600) == "0.4s");
  CHECK(format_duration_hours(1e-9) == "<1ms");
  Estimate estimate = estimate_named("shop");
  estimate.duration_hours = 1e-9;
  const std::string table = render_table(estimate, RenderOptions{});
  CHECK_THAT(table, Catch::Contains("<1ms outage") && !Catch::Contains("0s outage"));
}

TEST_CASE("tiny and subnormal amounts print as zero, never nan", "[output_safety]") {
  CHECK(format_money_human(4.9e-324, "USD") == "$0");
  CHECK(format_money_human(-4.9e-324, "USD") == "$0");
  CHECK(format_money_human(1e-310, "EUR") == "€0");
  CHECK(format_money_human(0.4, "USD") == "$0");
  CHECK(format_money_human(-0.0, "USD") == "$0");
  CHECK(format_money_human(0.6, "USD") == "$1");
  CHECK(format_money_human(2.02e300, "USD") == "$2.02e+300");  // not 290 digits and a T
  CHECK(format_money_human(999e12, "USD") == "$999T");
}

TEST_CASE("CSV text cells that start a formula are neutralised, numbers are not",
          "[output_safety]") {
  Estimate estimate = estimate_named("=HYPERLINK(\"http://x\",\"y\")", "-id");
  estimate.segments[0].net_loss = -5;
  const std::string csv = render_csv(estimate, raw_options());
  CHECK_THAT(csv, Catch::Contains("\"'-id\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1000,-5,"));
  RenderOptions raw = raw_options();
  raw.csv_raw_text = true;
  CHECK_THAT(render_csv(estimate, raw),
             Catch::Contains("-id,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1000,-5,"));
  // Human amounts are text: a hostile currency cannot start a formula either.
  estimate.currency = "@x";
  RenderOptions human;
  human.currency_format = CurrencyFormat::human;
  CHECK_THAT(render_csv(estimate, human), Catch::Contains(",\"'@X 1.00K\","));
}

TEST_CASE("batch rows and series headers neutralise ids", "[output_safety]") {
  SegmentLosses losses;
  losses.gross = losses.net = losses.direct = Vector::Constant(1, -2.0);
  losses.indirect = losses.peak = Vector::Constant(1, 0.0);
  std::string out;
  Scenario scenario;
  scenario.segments.emplace_back();
  append_batch_rows(out, "+cmd", {"shop"}, losses, "USD", raw_options(), Rollup(scenario));
  CHECK(out == "\"'+cmd\",shop,-2,-2,-2,0,0,\n\"'+cmd\",total,-2,-2,-2,0,,\n");
  const std::string series = render_series_csv({}, {"=a"}, std::nullopt);
  CHECK(series ==
        "time_utc,hours_since_start,\"'=a_inoperability\",\"'=a_net_loss\","
        "total_net_loss\n");
}

TEST_CASE("sensitivity CSV neutralises input names", "[output_safety]") {
  Sensitivity sensitivity;
  sensitivity.currency = "USD";
  InputSensitivity input;
  input.input = "@evil";
  input.low_value = -1;
  sensitivity.inputs.push_back(input);
  CHECK_THAT(render_sensitivity(sensitivity, OutputFormat::csv, raw_options()),
             Catch::Contains("\n\"'@evil\",-1,"));
}

TEST_CASE("the table shows escapes and bidi controls visibly and cannot forge lines",
          "[output_safety]") {
  const std::string table = render_table(
      estimate_named("evil\x1b]8;;http://x\a\xe2\x80\xae\xc2\x9b\nTotal  $999T"), RenderOptions{});
  CHECK(table.find('\x1b') == std::string::npos);
  CHECK(table.find('\a') == std::string::npos);
  CHECK(table.find("\xe2\x80\xae") == std::string::npos);
  CHECK(table.find("\xc2\x9b") == std::string::npos);
  CHECK_THAT(table, Catch::Contains("evil\\x1b]8;;http://x\\x07\\u202e\\x9b\\x0aTotal"));
  int totals = 0;
  for (const auto& line : lines_of(table)) totals += line.rfind("Total", 0) == 0 ? 1 : 0;
  CHECK(totals == 1);
  const std::string scenario_title = render_table(
      [] {
        Estimate e = estimate_named("x");
        e.scenario = "t\x1b[2J";
        return e;
      }(),
      RenderOptions{});
  CHECK_THAT(scenario_title, Catch::StartsWith("t\\x1b[2J\n"));
}

TEST_CASE("wide and combining names keep the table aligned", "[output_safety]") {
  Estimate estimate = estimate_named("東京");
  SegmentEstimate b = estimate.segments[0];
  b.name = "e\xcc\x81t\xc3\xa9";  // e + combining acute, t, é: three columns
  estimate.segments.push_back(b);
  const auto lines = lines_of(render_table(estimate, RenderOptions{}));
  REQUIRE(lines.size() > 7);
  // "Net loss" ends at the same column in the header and both rows: everything before the
  // amount is padded to the same display width.
  const auto column_of = [](const std::string& line, const std::string& cell) {
    const std::string before = line.substr(0, line.find(cell));
    return display_width(std::string_view(before));  // the real terminal width
  };
  CHECK(column_of(lines[5], "$1.00K") == column_of(lines[6], "$1.00K"));
  CHECK(column_of(lines[5], "$1.00K") + 6 == column_of(lines[3], "Net loss") + 8);
}

TEST_CASE("the table's name column follows the width it is given", "[output_safety]") {
  const std::string name(100, 'n');
  RenderOptions wide;
  wide.width = 200;
  CHECK_THAT(render_table(estimate_named(name), wide), Catch::Contains(name + "  "));
  RenderOptions narrow;
  narrow.width = 60;
  for (const auto& line : lines_of(render_table(estimate_named(name), narrow))) {
    if (line.rfind("nnn", 0) == 0) {
      CHECK(display_width(std::string_view(line)) <= 60);
      CHECK_THAT(line, Catch::Contains("…"));
    }
  }
  // Without a width the name column keeps its 44 columns.
  CHECK_THAT(render_table(estimate_named(name), RenderOptions{}),
             Catch::Contains(std::string(43, 'n') + "…"));
}

TEST_CASE("Markdown escapes pipes and newlines so no heading or cell is forged",
          "[output_safety]") {
  Estimate estimate = estimate_named("a\n# Heading\n| x | y |");
  estimate.currency = "|";
  estimate.scenario = "s\n## forged";
  const std::string markdown = render_markdown(estimate, RenderOptions{});
  for (const auto& line : lines_of(markdown)) {
    CHECK(line.rfind("#", 0) == std::string::npos);
    CHECK(line.find("| x |") == std::string::npos);
  }
  CHECK_THAT(markdown, Catch::Contains("\\| 1.00K"));
}

TEST_CASE("currency codes are case-insensitive and shown upper-case", "[output_safety]") {
  CHECK(format_money_human(4760, "eur") == "€4.76K");
  CHECK(format_money_human(4760, "Usd") == "$4.76K");
  CHECK(format_money_human(4760, "chf") == "CHF 4.76K");
  CHECK(format_money_human(4760, "a\x1b") == "A\\x1b 4.76K");
}

TEST_CASE("SVG text replaces what XML 1.0 forbids", "[output_safety]") {
  CHECK(xml_escape("a\xef\xbf\xbf<b") == "a\xef\xbf\xbd&lt;b");
  CHECK(xml_escape("c\x01") == "c\xef\xbf\xbd");
  Sensitivity sensitivity;
  sensitivity.scenario = "s\xef\xbf\xbe";
  sensitivity.currency = "USD";
  const std::string svg = render_tornado_svg(sensitivity);
  CHECK(svg.find("\xef\xbf\xbe") == std::string::npos);
}

TEST_CASE("the import-io skeleton stays valid TOML whatever the path and labels",
          "[output_safety]") {
  IoTable table;
  table.sectors = {"Farms\x7f"};
  table.codes = table.sectors;
  table.output = Vector::Constant(1, 100.0);
  table.transactions = Matrix::Zero(1, 1);
  IoSkeletonOptions options;
  options.table_path = "use.csv\n[outage]\nduration = \"1h\"";
  const std::string toml = render_io_scenario(table, options);
  CHECK(toml.find("\n[outage]\nduration = \"1h\"") == std::string::npos);
  CHECK_THAT(toml, Catch::Contains("from use.csv\\x0a[outage]"));
  CHECK_THAT(toml, Catch::Contains("name = \"Farms\\u007f\""));
}

TEST_CASE("the uncertainty chart's exceedance curve counts only strictly greater draws",
          "[output_safety]") {
  Estimate estimate = estimate_named("shop");
  estimate.samples = 100;
  estimate.total.stats = LossStats{5, 5, 5, 5, 0, {}};
  const std::string svg = render_uncertainty_svg(std::vector<double>(100, 5.0), estimate);
  const std::size_t start = svg.find("<path class=\"series\" d=\"");
  REQUIRE(start != std::string::npos);
  const std::string path = svg.substr(start, svg.find('"', start + 24) - start);
  // Every vertex at P = 0 (the bottom of the panel, y = 320): no draw exceeds an equal one.
  std::size_t vertices = 0;
  for (std::size_t comma = path.find(','); comma != std::string::npos;
       comma = path.find(',', comma + 1)) {
    CHECK(path.substr(comma, 7) == ",320.0 ");
    ++vertices;
  }
  CHECK(vertices == 100);
}
