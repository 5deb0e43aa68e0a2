// The one thread runner: chunks of work produced on worker threads and consumed in order on
// the calling thread, so that results (and the first error) do not depend on the thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace outage {

struct ChunkPlan {
  std::int64_t chunks = 0;  // chunks 0 .. chunks - 1
  int threads = 1;          // worker threads asked for (fewer when the system refuses some)
  // Chunks produced beyond the last one consumed, at most; 0: no limit. Chunk c and chunk
  // c + ahead never are in flight together, so a caller may keep a chunk's data in slot
  // c % ahead.
  std::int64_t ahead = 0;
};

// Calls produce(chunk, worker) for every chunk on up to plan.threads threads (`worker` is the
// thread's index, below max(1, plan.threads), for per-thread scratch) and consume(chunk), when
// given, on the calling thread in chunk order once that chunk is produced. progress(consumed),
// when given, is called on the calling thread at least every 50 ms and after each chunk.
//
// The first failure in chunk order (an exception from produce or consume) stops the run: no
// further chunk starts, the threads are joined and it is rethrown as thrown (std::bad_alloc
// stays std::bad_alloc). When the system refuses a thread (std::system_error), the threads that
// started share the work; when none started, the calling thread produces every chunk itself.
void run_chunks(const ChunkPlan& plan,
                const std::function<void(std::int64_t chunk, std::size_t worker)>& produce,
                const std::function<void(std::int64_t chunk)>& consume = {},
                const std::function<void(std::int64_t consumed)>& progress = {});

// run_chunks for a stream whose length is found while it runs (batch's incidents): at most
// plan.chunks chunks; produce(chunk, worker) returns false when the stream ended before
// `chunk`, which then and every later chunk is not consumed (a produce of a later chunk that
// already started is waited for and dropped). Chunks are taken in increasing order, so the
// producer of chunk c may wait for the producer of chunk c - 1 (reading a stream in order).
// plan.ahead must be > 0 (a stream's chunks are not counted in advance).
void run_chunks_until(const ChunkPlan& plan,
                      const std::function<bool(std::int64_t chunk, std::size_t worker)>& produce,
                      const std::function<void(std::int64_t chunk)>& consume = {},
                      const std::function<void(std::int64_t consumed)>& progress = {});

// The number of worker indices run_chunks may pass: max(1, threads).
std::size_t chunk_workers(int threads);

}  // namespace outage
