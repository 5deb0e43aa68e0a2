// Repeats a measurement and reports the median and the spread, in seconds.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace outage::bench {

struct Timing {
  double median_seconds;
  double min_seconds;
  double max_seconds;
};

inline Timing time_repeated(int repetitions, const std::function<void()>& work) {
  std::vector<double> seconds;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return {seconds[seconds.size() / 2], seconds.front(), seconds.back()};
}

}  // namespace outage::bench
