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

TEST_CASE("CSV reader counts lone CR line ends and line breaks inside quotes", "[csv]") {
  std::istringstream in("a\rb,\"x\r\ny\"\r\n\r\nc\n\"\"\"q\"\"\",");
  CsvReader reader(in, "f.csv");
  std::vector<std::string> fields;
  REQUIRE(reader.next(fields));
  CHECK(fields == std::vector<std::string>{"a"});
  REQUIRE(reader.next(fields));
  CHECK(reader.line() == 2);
  CHECK(fields == std::vector<std::string>{"b", "x\r\ny"});
  REQUIRE(reader.next(fields));
  CHECK(reader.line() == 5);
  CHECK(fields == std::vector<std::string>{"c"});
  REQUIRE(reader.next(fields));
  CHECK(reader.line() == 6);
  CHECK(fields == std::vector<std::string>{"\"q\"", ""});
  CHECK_FALSE(reader.next(fields));
  CHECK(fields.empty());
}

TEST_CASE("CSV reader's record limit counts every field of the record", "[csv]") {
  std::istringstream in("aaa,bbb,ccc\naaaa,bbbb,cccc\n");
  CsvReader reader(in, "f.csv", 10);
  std::vector<std::string> fields;
  REQUIRE(reader.next(fields));
  CHECK(fields == std::vector<std::string>{"aaa", "bbb", "ccc"});
  try {
    reader.next(fields);
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.describe() == "f.csv:2: record longer than 10 bytes");
  }
  // A quoted field over the limit is a record too long, not text after a closing quote.
  for (const std::string text : {"id\n\"aaaaaaaaaaaaaaa\"\n", "id\n\"aaaa\"\"aaaa\naaaaaa\",x\n"}) {
    std::istringstream quoted(text);
    CsvReader long_quote(quoted, "q.csv", 10);
    REQUIRE(long_quote.next(fields));
    try {
      long_quote.next(fields);
      FAIL("no error");
    } catch (const Error& error) {
      CHECK(error.describe() == "q.csv:2: record longer than 10 bytes");
    }
  }
}

TEST_CASE("CSV errors name the line of the quote or of the record", "[csv]") {
  const auto error_of = [](const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in, "f.csv");
    std::vector<std::string> fields;
    try {
      while (reader.next(fields)) {
      }
    } catch (const Error& error) {
      return error.describe();
    }
    return std::string("no error");
  };
  CHECK(error_of("a\nb,\"open\n\n") ==
        "f.csv:2: unterminated quoted field: a closing '\"' is missing");
  CHECK(error_of("a\n\"x\ny\"z\n") ==
        "f.csv:3: text after a closing quote: quote the whole field, doubling inner quotes");
}

TEST_CASE("CSV writer quotes only when needed", "[csv]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_row({"a", "b,c"}) == "a,\"b,c\"\n");
}
