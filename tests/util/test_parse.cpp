#include <catch2/catch.hpp>

#include "util/parse.hpp"

using namespace outage;

namespace {
constexpr double kExact = 1e-12;
}

TEST_CASE("durations are read in every documented form", "[parse]") {
  CHECK(parse_duration_hours("2h").value() == Approx(2.0).epsilon(kExact));
  CHECK(parse_duration_hours("90m").value() == Approx(1.5).epsilon(kExact));
  CHECK(parse_duration_hours("1h30m").value() == Approx(1.5).epsilon(kExact));
  CHECK(parse_duration_hours("45s").value() == Approx(45.0 / 3600).epsilon(kExact));
  CHECK(parse_duration_hours("1d").value() == Approx(24.0).epsilon(kExact));
  CHECK(parse_duration_hours("1d2h30m45s").value() == Approx(26.5 + 45.0 / 3600).epsilon(kExact));
  CHECK(parse_duration_hours("1.5h").value() == Approx(1.5).epsilon(kExact));
  CHECK(parse_duration_hours("PT2H30M").value() == Approx(2.5).epsilon(kExact));
  CHECK(parse_duration_hours("P1DT2H").value() == Approx(26.0).epsilon(kExact));
  CHECK(parse_duration_hours("pt45s").value() == Approx(45.0 / 3600).epsilon(kExact));
  CHECK(parse_duration_hours("2").value() == Approx(2.0).epsilon(kExact));
  CHECK(parse_duration_hours("0.25").value() == Approx(0.25).epsilon(kExact));
  CHECK(parse_duration_hours(" 2h ").value() == Approx(2.0).epsilon(kExact));
}

TEST_CASE("bad durations are refused with a reason", "[parse]") {
  std::string why;
  CHECK_FALSE(parse_duration_hours("2x", &why));
  CHECK_THAT(why, Catch::Contains("'x'"));
  CHECK_FALSE(parse_duration_hours("", &why));
  CHECK_FALSE(parse_duration_hours("h", &why));
  CHECK_FALSE(parse_duration_hours("30m1h", &why));
  CHECK_THAT(why, Catch::Contains("largest to smallest"));
  CHECK_FALSE(parse_duration_hours("1h1h", &why));
  CHECK_FALSE(parse_duration_hours("PT", &why));
  CHECK_FALSE(parse_duration_hours("P2H", &why));
  CHECK_FALSE(parse_duration_hours("nan", &why));
  CHECK_FALSE(parse_duration_hours("inf", &why));
  CHECK_FALSE(parse_duration_hours("1e309", &why));
  CHECK_FALSE(parse_duration_hours("99999999999h", &why));
  CHECK_THAT(why, Catch::Contains("at most"));
  CHECK_FALSE(parse_duration_hours("1,5h", &why));
}

TEST_CASE("numbers are locale-proof, finite and wholly consumed", "[parse]") {
  CHECK(parse_number("1.5").value() == 1.5);
  CHECK(parse_number("+4").value() == 4.0);
  CHECK(parse_number("-2e3").value() == -2000.0);
  CHECK_FALSE(parse_number("1,5"));
  CHECK_FALSE(parse_number("1.5abc"));
  CHECK_FALSE(parse_number("nan"));
  CHECK_FALSE(parse_number("inf"));
  CHECK_FALSE(parse_number("1e309"));
  CHECK_FALSE(parse_number(""));
  CHECK_FALSE(parse_number("0x10"));
}

TEST_CASE("integers are base 10 and range-checked", "[parse]") {
  CHECK(parse_integer("010", 0, 100).value() == 10);
  CHECK_FALSE(parse_integer("0x10", 0, 100));
  CHECK_FALSE(parse_integer("101", 0, 100));
  CHECK_FALSE(parse_integer("99999999999999999999", 0, INT64_MAX));
  CHECK_FALSE(parse_integer("-1", 0, 100));
}

TEST_CASE("durations format back to a short human form", "[parse]") {
  CHECK(format_duration_hours(2.0) == "2h");
  CHECK(format_duration_hours(1.5) == "1h30m");
  CHECK(format_duration_hours(26.0) == "1d2h");
  CHECK(format_duration_hours(45.0 / 3600) == "45s");
  CHECK(format_duration_hours(1.6581139) == "1h39m29s");
  CHECK(format_duration_hours(0.5 / 3600) == "0.5s");
}
