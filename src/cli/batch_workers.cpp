#include "cli/batch_workers.hpp"

#include <algorithm>
#include <thread>

#include "model/finite.hpp"

namespace outage {
namespace {

// Below this many incidents in a chunk, one thread does it all.
constexpr std::size_t kRowsPerThread = 256;

}  // namespace

BatchWorkers::BatchWorkers(const Scenario& scenario, const RenderOptions& render, unsigned threads)
    : m_scenario(scenario), m_render(render), m_economics(batch_segments(scenario)) {
  for (const auto& segment : scenario.segments) m_segment_ids.push_back(segment.id);
  for (unsigned t = 0; t < std::max(1u, threads); ++t) {
    m_estimators.push_back(std::make_unique<IncidentEstimator>(scenario));
    if (!scenario.covers.empty()) m_insurers.push_back(std::make_unique<IncidentInsurer>(scenario));
  }
}

BatchWorkers::~BatchWorkers() = default;

void BatchWorkers::run_slice(std::size_t worker, std::vector<BatchRow>& rows, std::size_t begin,
                             std::size_t end) {
  IncidentEstimator& estimator = *m_estimators[worker];
  for (std::size_t k = begin; k < end; ++k) {
    BatchRow& row = rows[k];
    if (!row.incident || row.error) continue;
    try {
      const SegmentLosses& losses = estimator.estimate(*row.incident, row.where);
      check_finite_losses(losses, m_scenario, row.where);
      const Vector* insured =
          m_insurers.empty() ? nullptr : &m_insurers[worker]->insured(*row.incident, losses.net);
      append_batch_rows(row.text, row.incident->id, m_segment_ids, losses, m_scenario.currency,
                        m_render, m_economics, insured);
    } catch (const Error&) {
      row.error = std::current_exception();
    } catch (...) {
      row.fatal = std::current_exception();
    }
  }
}

void BatchWorkers::run(std::vector<BatchRow>& rows, std::size_t count) {
  const std::size_t threads =
      std::min(m_estimators.size(), std::max<std::size_t>(1, count / kRowsPerThread));
  std::vector<std::thread> helpers;
  const std::size_t slice = (count + threads - 1) / threads;
  for (std::size_t t = 1; t < threads; ++t) {
    const std::size_t begin = std::min(count, t * slice);
    const std::size_t end = std::min(count, begin + slice);
    helpers.emplace_back([this, t, &rows, begin, end] { run_slice(t, rows, begin, end); });
  }
  run_slice(0, rows, 0, std::min(count, slice));
  for (auto& helper : helpers) helper.join();
}

}  // namespace outage
