#include "cli/progress.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "cli/terminal.hpp"

namespace outage {
namespace {

constexpr double kQuietSeconds = 0.5;
constexpr int kBarWidth = 30;

std::string human_rate(double per_second) {
  if (per_second >= 1e6) return fmt::format("{:.1f}M", per_second / 1e6);
  if (per_second >= 1e3) return fmt::format("{:.1f}K", per_second / 1e3);
  return fmt::format("{:.0f}", per_second);
}

}  // namespace

ProgressBar::ProgressBar(bool enabled, std::string unit)
    : m_enabled(enabled && terminal().stderr_progress),
      m_unit(std::move(unit)),
      m_start(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  finish();
}

void ProgressBar::update(std::int64_t done, std::int64_t total) {
  if (!m_enabled || total <= 0) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  if (elapsed < kQuietSeconds) return;
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kBarWidth);
  const double rate = static_cast<double>(done) / elapsed;
  const double remaining = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  const std::string line = fmt::format(
      "\r[{}{}] {:3.0f}% {} {}/s ETA {:.1f}s ", std::string(static_cast<std::size_t>(filled), '#'),
      std::string(static_cast<std::size_t>(kBarWidth - filled), ' '), fraction * 100,
      human_rate(rate), m_unit, remaining);
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  m_drawn = true;
}

void ProgressBar::finish() {
  if (!m_drawn) return;
  std::fputs("\r\x1b[2K", stderr);
  std::fflush(stderr);
  m_drawn = false;
}

}  // namespace outage
