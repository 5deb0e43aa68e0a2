#include <catch2/catch.hpp>

#include "util/text_safety.hpp"

using namespace outage;

TEST_CASE("terminal text escapes controls, C1 and bidi overrides visibly", "[text_safety]") {
  CHECK(sanitize_for_terminal("plain café") == "plain café");
  CHECK(sanitize_for_terminal("a\x1b[31mred") == "a\\x1b[31mred");
  CHECK(sanitize_for_terminal("bell\a") == "bell\\x07");
  CHECK(sanitize_for_terminal("two\nlines\r") == "two\\x0alines\\x0d");
  CHECK(sanitize_for_terminal("osc\x1b]8;;http://x\x1b\\link") ==
        "osc\\x1b]8;;http://x\\x1b\\link");
  CHECK(sanitize_for_terminal("c1\xc2\x9b") == "c1\\x9b");          // U+009B CSI
  CHECK(sanitize_for_terminal("rlo\xe2\x80\xae") == "rlo\\u202e");  // U+202E
  CHECK(sanitize_for_terminal("fsi\xe2\x81\xa8") == "fsi\\u2068");  // U+2068
  CHECK(sanitize_for_terminal("bad\xff") == "bad\\xff");
  CHECK(sanitize_for_terminal("del\x7f") == "del\\x7f");
}

TEST_CASE("display width counts wide characters twice and combining marks not at all",
          "[text_safety]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("café") == 4);
  CHECK(display_width("cafe\xcc\x81") == 4);      // e + combining acute
  CHECK(display_width("東京") == 4);              // CJK: wide
  CHECK(display_width("\xf0\x9f\x98\x80") == 2);  // U+1F600 emoji
  CHECK(display_width("ＡＢ") == 4);              // fullwidth forms
  CHECK(display_width("a\x1b") == 5);             // shown as a\x1b
  CHECK(code_point_width(0x0301) == 0);
  CHECK(code_point_width(0xAC00) == 2);  // Hangul syllable
}

TEST_CASE("truncation cuts whole characters and never an escape", "[text_safety]") {
  CHECK(truncate_to_width("short", 10) == "short");
  CHECK(truncate_to_width("abcdefgh", 5) == "abcd…");
  CHECK(truncate_to_width("東京都庁", 5) == "東京…");               // 2+2 columns and the ellipsis
  CHECK(truncate_to_width("abe\xcc\x81xyz", 4) == "abe\xcc\x81…");  // the mark stays
  CHECK(truncate_to_width("ab\x1b[31m", 5) == "ab…");  // "\x1b" does not fit: not cut in half
  CHECK(truncate_to_width("ab\xe2\x80\xae", 6) == "ab…");
  for (std::size_t width = 0; width < 12; ++width) {
    CHECK(display_width(truncate_to_width("x\x1b東e\xcc\x81z", width)) <= width);
  }
}

TEST_CASE("excerpts are short, escaped and end with an ellipsis when cut", "[text_safety]") {
  CHECK(excerpt("root:x:0:0") == "root:x:0:0");
  CHECK(excerpt(std::string(1000000, 'h'), 10) == "hhhhhhhhh…");
  CHECK(excerpt("a\nb", 10) == "a\\x0ab");
  CHECK(display_width(excerpt(std::string(100, 'x'))) == 40);
}

TEST_CASE("XML-safe text replaces what XML 1.0 forbids by U+FFFD", "[text_safety]") {
  CHECK(xml_safe_text("ok\tline\n") == "ok\tline\n");
  CHECK(xml_safe_text("a\x01z") == "a\xef\xbf\xbdz");
  CHECK(xml_safe_text("non\xef\xbf\xbe") == "non\xef\xbf\xbd");          // U+FFFE
  CHECK(xml_safe_text("bad\xc0\xaf") == "bad\xef\xbf\xbd\xef\xbf\xbd");  // overlong
  CHECK(xml_safe_text("rlo\xe2\x80\xae") == "rlo\\u202e");
}

TEST_CASE("CSV text fields that a spreadsheet would run are neutralised", "[text_safety]") {
  CHECK(csv_text_field("=1+2", false) == "\"'=1+2\"");
  CHECK(csv_text_field("+1", false) == "\"'+1\"");
  CHECK(csv_text_field("-2", false) == "\"'-2\"");
  CHECK(csv_text_field("@SUM(A1)", false) == "\"'@SUM(A1)\"");
  CHECK(csv_text_field("\tx", false) == "\"'\tx\"");
  CHECK(csv_text_field("\rx", false) == "\"'\rx\"");
  CHECK(csv_text_field("=HYPERLINK(\"x\")", false) == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_text_field("shop", false) == "shop");
  CHECK(csv_text_field("a,b", false) == "\"a,b\"");
  CHECK(csv_text_field("=1+2", true) == "=1+2");
}
