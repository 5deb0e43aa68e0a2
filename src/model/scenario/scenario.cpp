#include "model/scenario/scenario.hpp"

namespace outage {

const char* segment_kind_name(SegmentKind kind) {
  return kind == SegmentKind::welfare ? "welfare" : "market";
}

bool Profile::is_flat() const {
  for (double weight : weights) {
    if (weight != 1.0) return false;
  }
  return true;
}

}  // namespace outage
