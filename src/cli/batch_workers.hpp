// batch's incidents estimated and formatted by several threads, a chunk at a time, each thread
// with its own IncidentEstimator (and IncidentInsurer with covers); the caller reads the chunk and
// writes its rows in input order, so the output is the same bytes with any number of threads.
// start() returns at once, so that the caller reads the next chunk and writes the previous one
// while the workers estimate this one.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "model/batch/batch.hpp"
#include "model/batch/batch_cover.hpp"
#include "report/render.hpp"

namespace outage {

struct BatchRow {
  std::optional<Incident> incident;  // empty when reading failed (then `error`)
  Location where;
  std::exception_ptr error;  // an Error of this row (reading, estimating): it may be skipped
  std::exception_ptr fatal;  // anything else: stops the run
  std::string text;          // the formatted rows
};

class BatchWorkers {
 public:
  // `scenario` must be valid and outlive the workers.
  BatchWorkers(const PreparedScenario& prepared, const RenderOptions& render, unsigned threads);
  ~BatchWorkers();

  // Estimates and formats rows[0, count) that have an incident and no error: start() hands
  // them to the worker threads and returns, wait() returns once they are done (the rows must
  // not be touched in between).
  void start(std::vector<BatchRow>& rows, std::size_t count);
  void wait();

 private:
  void run_slice(std::size_t worker, std::vector<BatchRow>& rows, std::size_t begin,
                 std::size_t end);

  const Scenario& m_scenario;
  RenderOptions m_render;
  std::vector<std::string> m_segment_ids;
  const Rollup& m_rollup;  // value-added shares, welfare segments
  std::vector<std::unique_ptr<IncidentEstimator>> m_estimators;
  std::vector<std::unique_ptr<IncidentInsurer>> m_insurers;  // with covers, one per worker
  void serve(std::size_t worker);        // a thread's loop: a chunk per generation
  void take_slices(std::size_t worker);  // slices of the current chunk until none is left

  std::vector<std::thread> m_threads;  // one per estimator (started once)
  std::mutex m_mutex;
  std::condition_variable m_wake, m_done;
  std::uint64_t m_generation = 0;  // one per start()
  std::size_t m_busy = 0;          // threads still on the current chunk
  bool m_stopping = false;
  std::vector<BatchRow>* m_rows = nullptr;
  std::size_t m_count = 0;
  std::atomic<std::size_t> m_next{0};  // the next slice's first row
};

}  // namespace outage
