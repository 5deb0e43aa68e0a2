// Order statistics of a column of draws without sorting or copying it: one pass
// counts the values into buckets of equal width between the minimum and the maximum (the
// bucket of x is a non-decreasing function of x, so buckets are ordered as their values), the
// cumulative counts name the bucket that holds each wanted rank, a second pass gathers those
// buckets' values, and only they are partially sorted. The values found are exactly those of a
// full sort.
#pragma once

#include <cstddef>
#include <vector>

namespace outage {

// The values of rank `ranks[i]` (0-based, each below `count`) in `values[0..count)`, which
// must hold no NaN. `min` and `max` are the smallest and largest value.
std::vector<double> order_statistics(const double* values, std::size_t count, double min,
                                     double max, const std::vector<std::size_t>& ranks);

}  // namespace outage
