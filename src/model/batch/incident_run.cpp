#include "model/batch/incident_run.hpp"

#include <condition_variable>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "util/parallel.hpp"

namespace outage {
namespace {

// Reading in order: chunk c is read once chunk c - 1 has been, whichever worker prices it.
class OrderedReader {
 public:
  OrderedReader(IncidentSource& source, std::size_t chunk) : m_source(source), m_chunk(chunk) {}

  // Reads chunk `index` into `rows` (returns the count; 0 at the end of the source). A broken
  // source ends the stream: its error is rethrown for this chunk, later chunks get none.
  std::size_t read(std::int64_t index, std::vector<IncidentRow>& rows) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_turn.wait(lock, [&] { return m_next == index; });
    // The next chunk's turn comes whatever happens here (a throw included).
    struct Pass {
      OrderedReader& reader;
      ~Pass() {
        ++reader.m_next;
        reader.m_turn.notify_all();
      }
    } pass{*this};
    if (m_ended) return 0;
    std::size_t count = 0;
    try {
      for (; count < m_chunk; ++count) {
        if (!read_one(rows[count])) break;
      }
    } catch (...) {
      m_ended = true;
      throw;  // the partial chunk is dropped, as the records after a broken one
    }
    if (count < m_chunk) m_ended = true;
    return count;
  }

 private:
  bool read_one(IncidentRow& row) {
    row.error = row.fatal = nullptr;
    row.text.clear();
    row.duration_text.clear();
    try {
      row.incident = m_source.next();
    } catch (const RecordError&) {
      row.incident.reset();
      row.error = std::current_exception();
      row.where = m_source.where();
      return true;
    }
    if (!row.incident) return false;
    row.where = m_source.where();
    row.duration_text = m_source.duration_text();
    return true;
  }

  IncidentSource& m_source;
  const std::size_t m_chunk;
  std::mutex m_mutex;
  std::condition_variable m_turn;
  std::int64_t m_next = 0;
  bool m_ended = false;
};

}  // namespace

void run_incidents(const PreparedScenario& prepared, IncidentSource& source,
                   const IncidentRunOptions& options, const IncidentFormat& format,
                   const IncidentDelivery& deliver) {
  if (prepared.purpose() != Purpose::incidents || options.chunk == 0) {
    throw std::logic_error(
        "run_incidents: a scenario prepared for incidents, chunks of one or more");
  }
  const auto pricer = std::make_shared<const Pricer>(prepared, incident_variation());
  const bool covered = !prepared.scenario().covers.empty();
  const std::size_t workers = chunk_workers(options.threads);
  std::vector<std::unique_ptr<IncidentEstimator>> estimators;
  for (std::size_t t = 0; t < workers; ++t) {
    estimators.push_back(std::make_unique<IncidentEstimator>(pricer));
  }
  // Chunks in flight: each worker's, and as many read ahead or waiting to be delivered.
  const std::int64_t window = 2 * static_cast<std::int64_t>(workers) + 2;
  std::vector<std::vector<IncidentRow>> slots(static_cast<std::size_t>(window));
  std::vector<std::size_t> counts(slots.size(), 0);
  for (auto& rows : slots) {
    rows.resize(options.chunk);
    // Room for an incident's rows (ten segments' take 1 kB), made here from the main heap
    // (util/huge_pages.hpp): grown by the workers, the strings were page faults.
    for (auto& row : rows) row.text.reserve(1024);
  }
  OrderedReader reader(source, options.chunk);
  const auto produce = [&](std::int64_t chunk, std::size_t worker) {
    const auto slot = static_cast<std::size_t>(chunk % window);
    std::vector<IncidentRow>& rows = slots[slot];
    const std::size_t count = reader.read(chunk, rows);
    counts[slot] = count;
    if (count == 0) return false;
    IncidentEstimator& estimator = *estimators[worker];
    for (std::size_t k = 0; k < count; ++k) {
      IncidentRow& row = rows[k];
      if (k + 1 < count && rows[k + 1].incident) estimator.prefetch(*rows[k + 1].incident);
      if (!row.incident || row.error) continue;
      try {
        const SegmentLosses& losses = estimator.estimate(*row.incident, row.where);
        format(row, losses, covered ? &estimator.insured(losses.net) : nullptr, row.text);
      } catch (const Error&) {
        row.error = std::current_exception();
      } catch (...) {
        row.fatal = std::current_exception();
      }
    }
    return true;
  };
  const auto consume = [&](std::int64_t chunk) {
    const auto slot = static_cast<std::size_t>(chunk % window);
    for (std::size_t k = 0; k < counts[slot]; ++k) deliver(slots[slot][k]);
  };
  run_chunks_until({std::numeric_limits<std::int64_t>::max() / 2, options.threads, window}, produce,
                   consume);
}

}  // namespace outage
