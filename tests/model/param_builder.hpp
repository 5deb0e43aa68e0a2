// Builds a Param with a given distribution for tests.
#pragma once

#include "model/stats/distribution.hpp"

namespace outage::testing {

inline Param make_param(DistributionKind kind, double low, double mode, double high) {
  Param param;
  param.kind = kind;
  param.low = low;
  param.mode = mode;
  param.high = high;
  return param;
}

}  // namespace outage::testing
