// batch's pipeline (docs/ARCHITECTURE.md, "Flow of batch"): the incidents of a source read a
// chunk at a time, in order, priced (and formatted, by the caller's `format`) on
// run_chunks_until's worker threads, and handed back on the calling thread in input order, so the
// output is the same bytes with any number of threads. Reading, pricing and writing overlap: while
// one chunk is priced the next is read and the one before delivered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>

#include "model/batch/batch.hpp"
#include "model/incidents/incident_sources.hpp"

namespace outage {

// One record of the source as delivered.
struct IncidentRow {
  std::optional<Incident> incident;  // empty when reading the record failed (then `error`)
  Location where;
  std::string duration_text;  // the source's duration cell as written (IncidentSource)
  std::exception_ptr error;   // an Error of this record (reading, pricing): it may be skipped
  std::exception_ptr fatal;   // anything else from pricing or formatting (the delivery rethrows)
  std::string text;           // what `format` made of it
};

struct IncidentRunOptions {
  int threads = 1;
  std::size_t chunk = 4096;  // records read at a time
};

// On a worker thread: what one priced incident becomes in the output (appended to `text`);
// `insured` is null without covers. An Error thrown here is the record's (skippable) error.
using IncidentFormat = std::function<void(const IncidentRow& row, const SegmentLosses& losses,
                                          const Vector* insured, std::string& text)>;
// On the calling thread, each record in input order (its `text`, or its `error` or `fatal`):
// throwing stops the run.
using IncidentDelivery = std::function<void(const IncidentRow& row)>;

// Reads every record of `source`, prices each incident with one shared Pricer and delivers
// them in order (`prepared` for Purpose::incidents). A delivery that throws stops the run:
// no further chunk is read. A broken source (any error but a RecordError) ends the run after the
// chunks before it were delivered, and is rethrown.
void run_incidents(const PreparedScenario& prepared, IncidentSource& source,
                   const IncidentRunOptions& options, const IncidentFormat& format,
                   const IncidentDelivery& deliver);

}  // namespace outage
