// batch's incidents estimated and formatted by several threads, a chunk at a time, each thread
// with its own IncidentEstimator (and IncidentInsurer with covers); the caller reads the chunk and
// writes its rows in input order, so the output is the same bytes with any number of threads.
#pragma once

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/batch.hpp"
#include "model/batch_cover.hpp"
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
  BatchWorkers(const Scenario& scenario, const RenderOptions& render, unsigned threads);
  ~BatchWorkers();

  // Estimates and formats rows[0, count) that have an incident and no error.
  void run(std::vector<BatchRow>& rows, std::size_t count);

 private:
  void run_slice(std::size_t worker, std::vector<BatchRow>& rows, std::size_t begin,
                 std::size_t end);

  const Scenario& m_scenario;
  RenderOptions m_render;
  std::vector<std::string> m_segment_ids;
  BatchSegments m_economics;  // value-added shares, welfare segments
  std::vector<std::unique_ptr<IncidentEstimator>> m_estimators;
  std::vector<std::unique_ptr<IncidentInsurer>> m_insurers;  // with covers, one per worker
};

}  // namespace outage
