#include "model/stats/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <limits>

namespace outage {
namespace {

// z such that the standard normal CDF at z is 0.95.
constexpr double kZ95 = 1.6448536269514722;

}  // namespace

const char* distribution_name(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::fixed:
      return "fixed";
    case DistributionKind::uniform:
      return "uniform";
    case DistributionKind::triangular:
      return "triangular";
    case DistributionKind::pert:
      return "pert";
    case DistributionKind::lognormal:
      return "lognormal";
  }
  return "?";
}

Param Param::fixed(double value, std::string key, Location where) {
  Param param;
  param.low = param.mode = param.high = value;
  param.key = std::move(key);
  param.where = std::move(where);
  return param;
}

double Param::central() const {
  switch (kind) {
    case DistributionKind::fixed:
      return mode;
    case DistributionKind::uniform:
      return 0.5 * (low + high);
    case DistributionKind::triangular:
    case DistributionKind::pert:
      return mode;
    case DistributionKind::lognormal:
      return std::sqrt(low) * std::sqrt(high);
  }
  return mode;
}

double Param::quantile(double probability) const {
  switch (kind) {
    case DistributionKind::fixed:
      return mode;
    case DistributionKind::uniform:
      return low + probability * (high - low);
    case DistributionKind::triangular:
      return triangular_quantile(probability, low, mode, high);
    case DistributionKind::pert: {
      const double width = high - low;
      const double alpha = 1 + 4 * (mode - low) / width;
      const double beta = 1 + 4 * (high - mode) / width;
      const boost::math::beta_distribution<double> shape(alpha, beta);
      return low + width * boost::math::quantile(shape, probability);
    }
    case DistributionKind::lognormal: {
      const double z = -std::sqrt(2.0) * boost::math::erfc_inv(2 * probability);
      return std::exp(lognormal_mu() + lognormal_sigma() * z);
    }
  }
  return mode;
}

double Param::cdf(double x) const {
  if (std::isnan(x)) return NAN;
  if (x < support_min()) return 0;
  if (x >= support_max()) return 1;
  switch (kind) {
    case DistributionKind::fixed:
      return x >= mode ? 1 : 0;
    case DistributionKind::uniform:
      return (x - low) / (high - low);
    case DistributionKind::triangular: {
      const double width = high - low;
      if (x <= mode) return mode == low ? 0 : (x - low) * (x - low) / (width * (mode - low));
      return 1 - (high - x) * (high - x) / (width * (high - mode));
    }
    case DistributionKind::pert: {
      const double width = high - low;
      const double alpha = 1 + 4 * (mode - low) / width;
      const double beta = 1 + 4 * (high - mode) / width;
      return boost::math::cdf(boost::math::beta_distribution<double>(alpha, beta),
                              (x - low) / width);
    }
    case DistributionKind::lognormal:
      if (!(x > 0)) return 0;
      return 0.5 * boost::math::erfc(-(std::log(x) - lognormal_mu()) /
                                     (lognormal_sigma() * std::sqrt(2.0)));
  }
  return NAN;
}

double Param::probability_within(const Domain& domain) const {
  if (kind == DistributionKind::fixed) return domain.contains(mode) ? 1 : 0;
  // Continuous distributions give an open and a closed bound the same probability.
  const double below = domain.min == -INFINITY ? 0 : cdf(domain.min);
  const double upto = domain.max == INFINITY ? 1 : cdf(domain.max);
  return std::max(0.0, upto - below);
}

double Param::truncated_quantile(double probability, const Domain& domain) const {
  if (kind == DistributionKind::fixed) return mode;
  if (support_min() >= domain.min && support_max() <= domain.max) return quantile(probability);
  const double below = support_min() < domain.min ? cdf(domain.min) : 0.0;
  const double upto = support_max() > domain.max ? cdf(domain.max) : 1.0;
  const double value = quantile(below + probability * (upto - below));
  return std::clamp(value, domain.min, domain.max);
}

bool Domain::contains(double value) const {
  const bool low_ok = min_open ? value > min : value >= min;
  const bool high_ok = max_open ? value < max : value <= max;
  return low_ok && high_ok;
}

std::string Domain::describe() const {
  if (max == INFINITY && min != -INFINITY) return fmt::format("{} {}", min_open ? ">" : ">=", min);
  const auto bound = [](double value) {
    return std::isinf(value) ? std::string(value > 0 ? "infinity" : "-infinity")
                             : fmt::format("{}", value);
  };
  return fmt::format("{}{}, {}{}", min_open ? '(' : '[', bound(min), bound(max),
                     max_open ? ')' : ']');
}

double Param::lognormal_mu() const {
  return 0.5 * (std::log(low) + std::log(high));
}

double Param::lognormal_sigma() const {
  return (std::log(high) - std::log(low)) / (2 * kZ95);
}

double Param::support_min() const {
  if (kind == DistributionKind::lognormal) return 0;
  return kind == DistributionKind::fixed ? mode : low;
}

double Param::support_max() const {
  if (kind == DistributionKind::lognormal) return std::numeric_limits<double>::infinity();
  return kind == DistributionKind::fixed ? mode : high;
}

Param Param::scaled(double factor) const {
  Param result = *this;
  result.low *= factor;
  result.mode *= factor;
  result.high *= factor;
  return result;
}

std::string Param::describe() const {
  switch (kind) {
    case DistributionKind::fixed:
      return fmt::format("{}", mode);
    case DistributionKind::uniform:
    case DistributionKind::lognormal:
      return fmt::format("{} [{}, {}]", distribution_name(kind), low, high);
    case DistributionKind::triangular:
    case DistributionKind::pert:
      return fmt::format("{} [{}, {}, {}]", distribution_name(kind), low, mode, high);
  }
  return {};
}

std::string check_distribution_parameters(const Param& param) {
  if (!std::isfinite(param.low) || !std::isfinite(param.mode) || !std::isfinite(param.high)) {
    return "finite numbers";
  }
  switch (param.kind) {
    case DistributionKind::fixed:
      return {};
    case DistributionKind::uniform:
      if (!(param.low < param.high)) {
        return fmt::format("uniform [low, high] with low < high, got [{}, {}]", param.low,
                           param.high);
      }
      return {};
    case DistributionKind::triangular:
    case DistributionKind::pert:
      if (!(param.low < param.high)) {
        return fmt::format("{} [low, mode, high] with low < high, got [{}, {}, {}]",
                           distribution_name(param.kind), param.low, param.mode, param.high);
      }
      if (param.mode < param.low || param.mode > param.high) {
        return fmt::format(
            "{} [low, mode, high] with the mode between low and high, got [{}, {}, {}]",
            distribution_name(param.kind), param.low, param.mode, param.high);
      }
      return {};
    case DistributionKind::lognormal:
      if (!(param.low > 0)) {
        return fmt::format("lognormal [p5, p95] with p5 > 0, got [{}, {}]", param.low, param.high);
      }
      if (!(param.low < param.high)) {
        return fmt::format("lognormal [p5, p95] with p5 < p95, got [{}, {}]", param.low,
                           param.high);
      }
      return {};
  }
  return {};
}

}  // namespace outage
