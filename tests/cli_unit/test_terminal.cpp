#include <catch2/catch.hpp>

#include "cli/terminal.hpp"

using namespace outage;

TEST_CASE("colour and progress only on a terminal, never with NO_COLOR or TERM=dumb",
          "[terminal]") {
  const Terminal smart = decide_terminal(true, true, false, false, 120);
  CHECK(smart.stdout_color);
  CHECK(smart.stderr_progress);
  CHECK(smart.width == 120);
  CHECK_FALSE(decide_terminal(false, true, false, false, 80).stdout_color);
  CHECK_FALSE(decide_terminal(true, true, true, false, 80).stdout_color);
  CHECK(decide_terminal(true, true, true, false, 80).stderr_progress);
  const Terminal dumb = decide_terminal(true, true, false, true, 80);
  CHECK_FALSE(dumb.stdout_color);
  CHECK_FALSE(dumb.stderr_progress);
  CHECK(decide_terminal(true, true, false, false, 0).width == 80);
}
