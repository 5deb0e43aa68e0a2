#include "cli/batch_workers.hpp"

#include <algorithm>
#include <cstdint>
#include <system_error>
#include <thread>

#include "model/analyses/finite.hpp"

namespace outage {
namespace {

// Below this many incidents in a chunk, one thread does it all.
constexpr std::size_t kRowsPerThread = 256;

}  // namespace

BatchWorkers::BatchWorkers(const PreparedScenario& prepared, const RenderOptions& render,
                           unsigned threads)
    : m_scenario(prepared.scenario()), m_render(render), m_rollup(prepared.rollup()) {
  const Scenario& scenario = m_scenario;
  for (const auto& segment : scenario.segments) m_segment_ids.push_back(segment.id);
  for (unsigned t = 0; t < std::max(1u, threads); ++t) {
    m_estimators.push_back(std::make_unique<IncidentEstimator>(prepared));
    if (!scenario.covers.empty()) m_insurers.push_back(std::make_unique<IncidentInsurer>(prepared));
  }
  // The threads live as long as the workers (one start per chunk of a million-row log would
  // otherwise create and reap two threads per 4,096 rows). When the system refuses a thread,
  // fewer share the slices; with none, the caller does the work in start().
  for (std::size_t t = 0; t < m_estimators.size(); ++t) {
    try {
      m_threads.emplace_back([this, t] { serve(t); });
    } catch (const std::system_error&) {
      break;
    }
  }
}

BatchWorkers::~BatchWorkers() {
  wait();
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  for (auto& thread : m_threads) thread.join();
}

void BatchWorkers::run_slice(std::size_t worker, std::vector<BatchRow>& rows, std::size_t begin,
                             std::size_t end) {
  IncidentEstimator& estimator = *m_estimators[worker];
  for (std::size_t k = begin; k < end; ++k) {
    BatchRow& row = rows[k];
    if (k + 1 < end && rows[k + 1].incident) estimator.prefetch(*rows[k + 1].incident);
    if (!row.incident || row.error) continue;
    try {
      const SegmentLosses& losses = estimator.estimate(*row.incident, row.where);
      check_finite_losses(losses, m_scenario, row.where);
      const Vector* insured =
          m_insurers.empty() ? nullptr : &m_insurers[worker]->insured(*row.incident, losses.net);
      append_batch_rows(row.text, row.incident->id, m_segment_ids, losses, m_scenario.currency,
                        m_render, m_rollup, insured);
    } catch (const Error&) {
      row.error = std::current_exception();
    } catch (...) {
      row.fatal = std::current_exception();
    }
  }
}

void BatchWorkers::take_slices(std::size_t worker) {
  for (;;) {
    const std::size_t begin = m_next.fetch_add(kRowsPerThread);
    if (begin >= m_count) return;
    run_slice(worker, *m_rows, begin, std::min(m_count, begin + kRowsPerThread));
  }
}

void BatchWorkers::serve(std::size_t worker) {
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stopping || m_generation != seen; });
      if (m_stopping) return;
      seen = m_generation;
    }
    take_slices(worker);
    {
      const std::lock_guard<std::mutex> lock(m_mutex);
      --m_busy;
    }
    m_done.notify_all();
  }
}

void BatchWorkers::start(std::vector<BatchRow>& rows, std::size_t count) {
  wait();
  // Slices of kRowsPerThread rows are taken in turn, so a thread that gets less of the
  // machine (the caller reads and writes meanwhile) does less of the chunk.
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_rows = &rows;
    m_count = count;
    m_next.store(0);
    m_busy = m_threads.size();
    ++m_generation;
  }
  m_wake.notify_all();
  if (m_threads.empty()) take_slices(0);  // no thread: the caller does it all
}

void BatchWorkers::wait() {
  std::unique_lock<std::mutex> lock(m_mutex);
  m_done.wait(lock, [&] { return m_busy == 0; });
}

}  // namespace outage
