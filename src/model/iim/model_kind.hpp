// The model's kind and the units of time the model and its inputs share.
#pragma once

namespace outage {

constexpr int kHoursPerWeek = 168;
constexpr double kHoursPerYear = 8760.0;  // docs/model.md: a year is 365 days
constexpr double kHoursPerDay = 24.0;

enum class ModelKind { static_model, dynamic_model };
const char* model_kind_name(ModelKind kind);  // "static" or "dynamic"

}  // namespace outage
