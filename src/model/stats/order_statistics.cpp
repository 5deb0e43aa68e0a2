#include "model/stats/order_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace outage {
namespace {

constexpr std::size_t kBuckets = 16384;

}  // namespace

std::vector<double> order_statistics(const double* values, std::size_t count, double min,
                                     double max, const std::vector<std::size_t>& ranks) {
  std::vector<double> found(ranks.size(), min);
  if (count == 0 || ranks.empty() || !(max > min)) return found;
  // (x - min) * scale is non-decreasing in x (rounding is monotone), so is its bucket. Halves
  // are subtracted so that a span above the largest double cannot overflow to infinity.
  const double scale = static_cast<double>(kBuckets) / (max / 2 - min / 2);
  if (!std::isfinite(scale)) {
    // A span too small to divide (subnormal): select in a copy.
    std::vector<double> copy(values, values + count);
    for (std::size_t r = 0; r < ranks.size(); ++r) {
      const auto at = copy.begin() + static_cast<std::ptrdiff_t>(ranks[r]);
      std::nth_element(copy.begin(), at, copy.end());
      found[r] = *at;
    }
    return found;
  }
  const auto bucket_of = [&](double x) {
    const double position = (x / 2 - min / 2) * scale;
    return std::min(kBuckets - 1, static_cast<std::size_t>(position));
  };
  std::vector<std::uint32_t> counts(kBuckets, 0);
  for (std::size_t i = 0; i < count; ++i) ++counts[bucket_of(values[i])];
  // starts[b]: how many values lie in buckets before b.
  std::vector<std::size_t> starts(kBuckets + 1, 0);
  for (std::size_t b = 0; b < kBuckets; ++b) starts[b + 1] = starts[b] + counts[b];
  // The buckets holding a wanted rank, each gathered once into its own slot.
  constexpr std::uint32_t kNotWanted = UINT32_MAX;
  std::vector<std::uint32_t> slot_of(kBuckets, kNotWanted);
  std::vector<std::size_t> bucket_of_rank(ranks.size());
  std::vector<std::vector<double>> slots;
  for (std::size_t r = 0; r < ranks.size(); ++r) {
    const auto after = std::upper_bound(starts.begin(), starts.end(), ranks[r]);
    const auto bucket = static_cast<std::size_t>(after - starts.begin()) - 1;
    bucket_of_rank[r] = bucket;
    if (slot_of[bucket] == kNotWanted) {
      slot_of[bucket] = static_cast<std::uint32_t>(slots.size());
      slots.emplace_back();
      slots.back().reserve(counts[bucket]);
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t slot = slot_of[bucket_of(values[i])];
    if (slot != kNotWanted) slots[slot].push_back(values[i]);
  }
  for (std::size_t r = 0; r < ranks.size(); ++r) {
    const std::size_t bucket = bucket_of_rank[r];
    std::vector<double>& slot = slots[slot_of[bucket]];
    const auto within = static_cast<std::ptrdiff_t>(ranks[r] - starts[bucket]);
    std::nth_element(slot.begin(), slot.begin() + within, slot.end());
    found[r] = slot[static_cast<std::size_t>(within)];
  }
  return found;
}

}  // namespace outage
