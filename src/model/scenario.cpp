#include "model/scenario.hpp"

namespace outage {

const char* model_kind_name(ModelKind kind) {
  return kind == ModelKind::static_model ? "static" : "dynamic";
}

bool Profile::is_flat() const {
  for (double weight : weights) {
    if (weight != 1.0) return false;
  }
  return true;
}

namespace {

template <class ScenarioT, class ParamPointer>
std::vector<ParamPointer> collect_params(ScenarioT& scenario) {
  std::vector<ParamPointer> params = {&scenario.outage.duration_hours, &scenario.outage.severity};
  for (auto& phase : scenario.outage.phases) {
    params.push_back(&phase.after_hours);
    params.push_back(&phase.severity);
  }
  for (auto& segment : scenario.segments) {
    params.push_back(&segment.revenue_per_hour);
    params.push_back(&segment.dependency);
    params.push_back(&segment.deferred);
    params.push_back(&segment.recovery_hours);
  }
  for (auto& link : scenario.links) params.push_back(&link.share);
  return params;
}

}  // namespace

std::vector<const Param*> Scenario::params() const {
  return collect_params<const Scenario, const Param*>(*this);
}

std::vector<Param*> Scenario::params() {
  return collect_params<Scenario, Param*>(*this);
}

}  // namespace outage
