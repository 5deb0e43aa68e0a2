// A progress bar on stderr: only on a terminal, only once work has lasted half a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace outage {

class ProgressBar {
 public:
  // `enabled` is false with --quiet; the bar also stays off when stderr is not a terminal.
  ProgressBar(bool enabled, std::string unit);
  ~ProgressBar();
  // Redraws "[#####     ] 48% 1.2M draws/s ETA 0.4s" when due.
  void update(std::int64_t done, std::int64_t total);
  // Erases the bar.
  void finish();

 private:
  bool m_enabled;
  bool m_drawn = false;
  std::string m_unit;
  std::chrono::steady_clock::time_point m_start;
};

}  // namespace outage
