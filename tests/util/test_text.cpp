#include <catch2/catch.hpp>

#include "util/text.hpp"

using namespace outage;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[text]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("estimate", "estimate") == 0);
  CHECK(edit_distance("estimat", "estimate") == 1);
  CHECK(edit_distance("estimtae", "estimate") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest match suggests likely typos and nothing for unrelated words", "[text]") {
  const std::vector<std::string> commands = {"estimate", "batch",   "sensitivity",
                                             "check",    "presets", "import-io"};
  CHECK(closest_match("estimat", commands) == "estimate");
  CHECK(closest_match("preset", commands) == "presets");
  CHECK(closest_match("bach", commands) == "batch");
  CHECK(closest_match("sens", commands) == "sensitivity");
  CHECK(closest_match("frobnicate", commands).empty());
  CHECK(closest_match("", commands).empty());
}

TEST_CASE("valid_utf8 keeps valid text and replaces each invalid byte", "[text]") {
  CHECK(valid_utf8("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(valid_utf8("caf\xe9.toml") == "caf\xef\xbf\xbd.toml");
  CHECK(valid_utf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // a surrogate
  CHECK(valid_utf8("\xf0\x9f\x98\x80") == "\xf0\x9f\x98\x80");
  CHECK(valid_utf8("\xc3") == "\xef\xbf\xbd");
}

TEST_CASE("one_line escapes line breaks and control characters", "[text]") {
  CHECK(one_line("a\nb\r\tc\x01") == "a\\nb\\r\\tc\\x01");
  CHECK(one_line("plain") == "plain");
}
