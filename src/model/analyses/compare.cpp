#include "model/analyses/compare.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/estimate/estimate.hpp"
#include "model/scenario/input_sampler.hpp"
#include "model/scenario/inputs.hpp"

namespace outage {
namespace {

Comparison comparison_header(const Scenario& a, const Scenario& b) {
  Comparison comparison;
  comparison.a = a.name;
  comparison.b = b.name;
  comparison.currency = a.currency;
  for (const auto& segment : a.segments) {
    comparison.segment_ids.push_back(segment.id);
    comparison.segment_names.push_back(segment.name);
  }
  return comparison;
}

// Each side's warnings, said once with "A and B" when both sides give it.
void add_side_warnings(const std::vector<std::string>& a, const std::vector<std::string>& b,
                       Comparison& comparison) {
  for (const auto& warning : a) {
    const bool both = std::find(b.begin(), b.end(), warning) != b.end();
    comparison.warnings.push_back((both ? "A and B: " : "A: ") + warning);
  }
  for (const auto& warning : b) {
    if (std::find(a.begin(), a.end(), warning) == a.end()) {
      comparison.warnings.push_back("B: " + warning);
    }
  }
}

std::string ids_of(const std::vector<std::string>& ids) {
  std::string text;
  for (const auto& id : ids) text += (text.empty() ? "'" : ", '") + id + "'";
  return text;
}

// Draw j's paired statistics: a's and b's own, and those of b - a draw by draw.
void add_drawn_rows(const std::string& segment, const double* a, const double* b,
                    std::int64_t samples, Comparison& comparison) {
  const auto count = static_cast<std::size_t>(samples);
  std::vector<double> a_values(a, a + count);
  std::vector<double> b_values(b, b + count);
  std::vector<double> differences(count);
  for (std::size_t j = 0; j < count; ++j) differences[j] = b[j] - a[j];
  const LossStats sa = summarize_losses(a_values, {});
  const LossStats sb = summarize_losses(b_values, {});
  const LossStats sd = summarize_losses(differences, {});
  // One draw has no standard error (its stddev would be 0 by convention, not by measurement).
  const std::optional<double> stderr_of_mean =
      count > 1 ? std::optional<double>(sd.mean_stderr) : std::nullopt;
  comparison.rows.push_back(
      {segment, "net_loss_mean", std::nullopt, sa.mean, sb.mean, sd.mean, stderr_of_mean});
  comparison.rows.push_back(
      {segment, "net_loss_p5", std::nullopt, sa.p5, sb.p5, sd.p5, std::nullopt});
  comparison.rows.push_back(
      {segment, "net_loss_p50", std::nullopt, sa.p50, sb.p50, sd.p50, std::nullopt});
  comparison.rows.push_back(
      {segment, "net_loss_p95", std::nullopt, sa.p95, sb.p95, sd.p95, std::nullopt});
}

}  // namespace

std::vector<std::size_t> match_segments(const Scenario& a, const Scenario& b,
                                        const Location& where) {
  std::vector<std::size_t> matched;
  std::vector<std::string> only_a;
  std::vector<std::string> only_b;
  for (const auto& segment : a.segments) {
    std::size_t k = 0;
    while (k < b.segments.size() && b.segments[k].id != segment.id) ++k;
    if (k == b.segments.size()) only_a.push_back(segment.id);
    matched.push_back(k);
  }
  for (const auto& segment : b.segments) {
    bool found = false;
    for (const auto& other : a.segments) found = found || other.id == segment.id;
    if (!found) only_b.push_back(segment.id);
  }
  if (!only_a.empty() || !only_b.empty()) {
    std::string what = "the scenarios must have the same segments:";
    if (!only_a.empty()) what += fmt::format(" only in A ({}): {};", a.name, ids_of(only_a));
    if (!only_b.empty()) what += fmt::format(" only in B ({}): {};", b.name, ids_of(only_b));
    what.pop_back();
    throw Error(where, what);
  }
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    const Segment& in_b = b.segments[matched[i]];
    if (a.segments[i].kind != in_b.kind) {
      // The total is of market segments: a segment counted in one total and not the other
      // would move the difference by its whole loss.
      throw Error(where, fmt::format("segment '{}' is {} in A ({}) and {} in B ({}): the totals "
                                     "would count it on one side only; give it one kind",
                                     a.segments[i].id, segment_kind_name(a.segments[i].kind),
                                     a.name, segment_kind_name(in_b.kind), b.name));
    }
  }
  if (a.currency != b.currency) {
    throw Error(where, fmt::format("the scenarios count in different currencies ({} and {})",
                                   a.currency, b.currency));
  }
  return matched;
}

Comparison compare_estimates(const PreparedScenario& prepared_a, const PreparedScenario& prepared_b,
                             const SamplingOptions& options, const Location& where) {
  const Scenario& a = prepared_a.scenario();
  const Scenario& b = prepared_b.scenario();
  const std::vector<std::size_t> matched = match_segments(a, b, where);
  Comparison comparison = comparison_header(a, b);
  comparison.seed = options.seed;
  const Estimate ea = estimate_point(prepared_a);
  const Estimate eb = estimate_point(prepared_b);
  for (std::size_t i = 0; i < matched.size(); ++i) {
    const double va = ea.segments[i].net_loss;
    const double vb = eb.segments[matched[i]].net_loss;
    comparison.rows.push_back(
        {a.segments[i].id, "net_loss", std::nullopt, va, vb, vb - va, std::nullopt});
  }
  comparison.rows.push_back({"total", "net_loss", std::nullopt, ea.total.net_loss,
                             eb.total.net_loss, eb.total.net_loss - ea.total.net_loss,
                             std::nullopt});
  add_side_warnings(ea.warnings, eb.warnings, comparison);
  if (options.samples <= 0) return comparison;
  // Common random numbers: B's inputs draw from the streams of A's inputs of the same name.
  SamplingOptions options_b = options;
  options_b.streams = common_streams(prepared_a.table(), prepared_b.table());
  const SampledLosses da = sample_net_losses(prepared_a, options);
  const SampledLosses db = sample_net_losses(prepared_b, options_b);
  comparison.samples = options.samples;
  for (std::size_t i = 0; i < matched.size(); ++i) {
    add_drawn_rows(a.segments[i].id, da.segment(i), db.segment(matched[i]), options.samples,
                   comparison);
  }
  add_drawn_rows("total", da.total(), db.total(), options.samples, comparison);
  return comparison;
}

Comparison compare_risk(const PreparedScenario& prepared_a, const RiskProcess& process_a,
                        const PreparedScenario& prepared_b, const RiskProcess& process_b,
                        const RiskOptions& options, const Location& where) {
  const Scenario& a = prepared_a.scenario();
  const Scenario& b = prepared_b.scenario();
  const std::vector<std::size_t> matched = match_segments(a, b, where);
  Comparison comparison = comparison_header(a, b);
  comparison.seed = options.seed;
  const RiskResult ra = simulate_risk(prepared_a, process_a, options);
  RiskOptions options_b = options;
  options_b.years = ra.years;  // --years auto: B over exactly A's years
  options_b.auto_years = false;
  const RiskResult rb = simulate_risk(prepared_b, process_b, options_b);
  comparison.years = ra.years;
  const YearLosses& ya = ra.year_losses;
  const YearLosses& yb = rb.year_losses;
  const auto add = [&](const std::string& segment, std::size_t column_a, std::size_t column_b,
                       const RiskMeasures& ma, const RiskMeasures& mb) {
    // The paired years' differences: their mean is the AAL difference, their spread its error.
    std::vector<double> differences(static_cast<std::size_t>(ra.years));
    for (std::size_t y = 0; y < differences.size(); ++y) {
      differences[y] = yb.annual[y * yb.columns + column_b] - ya.annual[y * ya.columns + column_a];
    }
    const RiskMeasures md = risk_measures(differences, differences, {});
    comparison.rows.push_back(
        {segment, "AAL", std::nullopt, ma.aal, mb.aal, mb.aal - ma.aal,
         md.has_spread() ? std::optional<double>(md.aal_stderr) : std::nullopt});
    for (std::size_t k = 0; k < ma.ep.size() && k < mb.ep.size(); ++k) {
      const EpPoint& pa = ma.ep[k];
      const EpPoint& pb = mb.ep[k];
      comparison.rows.push_back(
          {segment, "AEP", pa.return_period, pa.aep, pb.aep, pb.aep - pa.aep, std::nullopt});
      comparison.rows.push_back(
          {segment, "OEP", pa.return_period, pa.oep, pb.oep, pb.oep - pa.oep, std::nullopt});
    }
  };
  for (std::size_t i = 0; i < matched.size(); ++i) {
    add(a.segments[i].id, i, matched[i], ra.segments[i], rb.segments[matched[i]]);
  }
  add("total", ya.columns - 1, yb.columns - 1, ra.total, rb.total);
  add_side_warnings(ra.warnings, rb.warnings, comparison);
  return comparison;
}

}  // namespace outage
