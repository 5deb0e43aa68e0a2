// Scenario texts shared by several tests.
#pragma once

#include <string>

namespace outage::testing {

// Two segments that depend on each other: a on b with share 1, b on a with `share_b_a` (a
// number or a distribution table). The spectral radius is sqrt(share_b_a).
inline std::string two_way_links(const std::string& share_b_a) {
  return "[outage]\nduration = 1\n"
         "[[segment]]\nid = \"a\"\nrevenue = 1\ndependency = 0.5\n"
         "[[segment]]\nid = \"b\"\nrevenue = 1\ndependency = 0\n"
         "[[link]]\nsegment = \"a\"\ndepends_on = \"b\"\nshare = 1.0\n"
         "[[link]]\nsegment = \"b\"\ndepends_on = \"a\"\nshare = " +
         share_b_a + "\n";
}

}  // namespace outage::testing
