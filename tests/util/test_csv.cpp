#include <catch2/catch.hpp>
#include <sstream>

#include "util/csv.hpp"
#include "util/error.hpp"

using namespace outage;

namespace {
std::vector<std::vector<std::string>> read_all(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in, "test.csv");
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (reader.next(fields)) rows.push_back(fields);
  return rows;
}
}  // namespace

TEST_CASE("CSV reader follows RFC 4180", "[csv]") {
  const auto rows = read_all(
      "\xEF\xBB\xBFid,note\r\n1,\"a, b\"\r\n\r\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,");
  REQUIRE(rows.size() == 5);
  CHECK(rows[0] == std::vector<std::string>{"id", "note"});
  CHECK(rows[1] == std::vector<std::string>{"1", "a, b"});
  CHECK(rows[2] == std::vector<std::string>{"2", "say \"hi\""});
  CHECK(rows[3] == std::vector<std::string>{"3", "two\nlines"});
  CHECK(rows[4] == std::vector<std::string>{"4", ""});
}

TEST_CASE("CSV reader reports the line of a record", "[csv]") {
  std::istringstream in("a\n\"x\ny\"\nb\n");
  CsvReader reader(in, "f.csv");
  std::vector<std::string> fields;
  reader.next(fields);
  CHECK(reader.line() == 1);
  reader.next(fields);
  CHECK(reader.line() == 2);
  reader.next(fields);
  CHECK(reader.line() == 4);
}

TEST_CASE("malformed CSV is an error with a location", "[csv]") {
  CHECK_THROWS_WITH(read_all("a,\"open\n"), Catch::Contains("unterminated"));
  CHECK_THROWS_WITH(read_all("a,\"x\"y\n"), Catch::Contains("after a closing quote"));
  std::istringstream in(std::string(100, 'x'));
  CsvReader reader(in, "big.csv", 10);
  std::vector<std::string> fields;
  CHECK_THROWS_WITH(reader.next(fields), Catch::Contains("longer than 10 bytes"));
}

TEST_CASE("CSV writer quotes only when needed", "[csv]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_row({"a", "b,c"}) == "a,\"b,c\"\n");
}
