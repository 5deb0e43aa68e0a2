#include <catch2/catch.hpp>

#include "report/render.hpp"

using namespace outage;

namespace {
Estimate sample_estimate() {
  Estimate estimate;
  estimate.scenario = "test, with comma";
  estimate.currency = "USD";
  estimate.duration_hours = 2;
  estimate.severity = 1;
  SegmentEstimate a;
  a.id = "a";
  a.name = "Shop \"A\", online";
  a.gross_loss = 30812345.5;
  a.net_loss = 15406172.75;
  a.direct_loss = 30000000;
  a.indirect_loss = 812345.5;
  a.peak_inoperability = 0.5;
  estimate.segments.push_back(a);
  estimate.total = TotalEstimate{};
  estimate.total.gross_loss = a.gross_loss;
  estimate.total.net_loss = a.net_loss;
  estimate.total.direct_loss = a.direct_loss;
  estimate.total.indirect_loss = a.indirect_loss;
  return estimate;
}
}  // namespace

TEST_CASE("human currency keeps three significant digits", "[render]") {
  CHECK(format_money_human(30812345.5, "USD") == "$30.8M");
  CHECK(format_money_human(999960, "USD") == "$1.00M");
  CHECK(format_money_human(1234567890, "EUR") == "€1.23B");
  CHECK(format_money_human(512000, "GBP") == "£512K");
  CHECK(format_money_human(950, "CHF") == "CHF 950");
  CHECK(format_money_human(0, "USD") == "$0");
  CHECK(format_money_human(-2500, "USD") == "-$2.50K");
}

TEST_CASE("raw numbers round-trip and use a decimal point", "[render]") {
  CHECK(format_number_raw(30812345.5) == "30812345.5");
  CHECK(format_number_raw(0.1) == "0.1");
  CHECK(format_number_raw(-0.0) == "0");
}

TEST_CASE("CSV has exactly the columns of docs/cli.md", "[render]") {
  const std::string csv = render_csv(sample_estimate(), RenderOptions{CurrencyFormat::raw, false});
  CHECK(csv ==
        "segment,name,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability,"
        "value_added_loss\n"
        "a,\"Shop \"\"A\"\", online\",30812345.5,15406172.75,30000000,812345.5,0.5,\n"
        "total,Total,30812345.5,15406172.75,30000000,812345.5,,\n");
}

TEST_CASE("sampled CSV adds the five statistics columns", "[render]") {
  Estimate estimate = sample_estimate();
  estimate.samples = 10;
  estimate.segments[0].stats = LossStats{1, 2, 3, 4, 5, {}};
  estimate.total.stats = LossStats{1, 2, 3, 4, 5, {}};
  const std::string csv = render_csv(estimate, RenderOptions{CurrencyFormat::raw, false});
  CHECK_THAT(csv, Catch::StartsWith("segment,name,gross_loss,net_loss,direct_loss,indirect_loss,"
                                    "peak_inoperability,net_loss_mean,net_loss_p5,net_loss_p50,"
                                    "net_loss_p95,net_loss_stddev,"));
  // value_added_loss and its mean last, empty without a value-added share.
  CHECK_THAT(csv, Catch::Contains(",0.5,1,2,3,4,5,,\n"));
  CHECK_THAT(csv, Catch::Contains("net_loss_stddev,value_added_loss,value_added_loss_mean\n"));
}

// The display column (0-based) just after each cell of a table line; cells are separated by
// two or more spaces.
std::vector<std::size_t> cell_ends(const std::string& line) {
  std::vector<std::size_t> ends;
  std::size_t column = 0, spaces = 0, last_end = 0;
  bool in_cell = false;
  for (const char c : line) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
    ++column;
    if (c != ' ') {
      spaces = 0;
      in_cell = true;
      last_end = column;
    } else if (++spaces >= 2 && in_cell) {
      ends.push_back(last_end);
      in_cell = false;
    }
  }
  if (in_cell) ends.push_back(last_end);
  return ends;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

TEST_CASE("the table is aligned and shows the total and the split", "[render]") {
  Estimate estimate = sample_estimate();
  SegmentEstimate b = estimate.segments[0];
  b.id = "b";
  b.name = "Café";  // a two-byte character takes one column
  b.gross_loss = b.net_loss = b.direct_loss = 1234;
  b.indirect_loss = 0;
  estimate.segments.push_back(b);
  const std::string table = render_table(estimate, RenderOptions{});
  CHECK_THAT(table, Catch::Contains("Direct") && Catch::Contains("Indirect") &&
                        Catch::Contains("$30.8M") && Catch::Contains("Total"));
  CHECK(table.find("\x1b[") == std::string::npos);
  const std::vector<std::string> lines = lines_of(table);
  REQUIRE(lines.size() >= 8);
  // lines: title, description, blank, header, rule, two segments, rule, total.
  CHECK(lines[3].rfind("Segment ", 0) == 0);
  CHECK(lines[5].rfind("Shop \"A\", online ", 0) == 0);
  CHECK(lines[6].rfind("Café ", 0) == 0);
  CHECK(lines[8].rfind("Total ", 0) == 0);
  // Right-aligned cells end in the same column on every line: Net, Gross, Direct, Indirect, Peak.
  const std::vector<std::size_t> header = cell_ends(lines[3]);
  REQUIRE(header.size() == 6);
  for (const std::size_t line : {std::size_t{5}, std::size_t{6}}) {
    INFO(lines[line]);
    const std::vector<std::size_t> ends = cell_ends(lines[line]);
    REQUIRE(ends.size() == 6);
    for (std::size_t c = 1; c < 6; ++c) CHECK(ends[c] == header[c]);
  }
  const std::vector<std::size_t> total = cell_ends(lines[8]);
  REQUIRE(total.size() == 5);  // no peak for the total
  for (std::size_t c = 1; c < 5; ++c) CHECK(total[c] == header[c]);
  CHECK(lines[4] == std::string(header[5], '-'));
}

TEST_CASE("JSON has the keys of docs/cli.md in order", "[render]") {
  const std::string json = render_json(sample_estimate());
  const std::vector<std::string> keys = {"\"scenario\"",
                                         "\"currency\"",
                                         "\"model\"",
                                         "\"samples\"",
                                         "\"seed\"",
                                         "\"outage\"",
                                         "\"start\": null",
                                         "\"duration_hours\"",
                                         "\"severity\"",
                                         "\"segments\"",
                                         "\"id\"",
                                         "\"name\"",
                                         "\"gross_loss\"",
                                         "\"net_loss\"",
                                         "\"direct_loss\"",
                                         "\"indirect_loss\"",
                                         "\"peak_inoperability\"",
                                         "\"saturated\": false",
                                         "\"stats\": null",
                                         "\"kind\": \"market\"",
                                         "\"value_added_loss\": null",
                                         "\"total\"",
                                         "\"value_added_loss\": null",
                                         "\"warnings\": []",
                                         "\"welfare_total\": null"};
  std::size_t position = 0;
  for (const auto& key : keys) {
    const std::size_t found = json.find(key, position);
    INFO(key);
    REQUIRE(found != std::string::npos);
    position = found;
  }
}

TEST_CASE("markdown escapes pipes", "[render]") {
  Estimate estimate = sample_estimate();
  estimate.segments[0].name = "a|b";
  CHECK_THAT(render_markdown(estimate, RenderOptions{}), Catch::Contains("a\\|b"));
}

TEST_CASE("raw numbers use fixed notation for everyday magnitudes", "[render]") {
  CHECK(format_number_raw(30000000) == "30000000");
  CHECK(format_number_raw(0.48600000000000004) == "0.48600000000000004");
  CHECK(format_number_raw(1e-7) == "1e-07");
  CHECK(format_number_raw(2e20) == "2e+20");
  CHECK(format_number_raw(-1234.5) == "-1234.5");
}

TEST_CASE("share bars fill eighths of a cell and keep their width", "[render]") {
  CHECK(share_bar(1.0, 4) == "████");
  CHECK(share_bar(0.5, 4) == "██  ");
  CHECK(share_bar(1.0 / 32, 4) == "▏   ");
  CHECK(share_bar(0.0, 3) == "   ");
  Estimate estimate = sample_estimate();
  RenderOptions options;
  options.bars = true;
  CHECK_THAT(render_table(estimate, options), Catch::Contains("████████████ 100.0%"));
  CHECK_THAT(render_table(estimate, RenderOptions{}), !Catch::Contains("█"));
}
