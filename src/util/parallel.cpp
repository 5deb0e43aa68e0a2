#include "util/parallel.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace outage {
namespace {

struct Slot {
  bool done = false;
  std::exception_ptr error;
};

// The state the workers and the calling thread share, under one mutex.
class ChunkScheduler {
 public:
  ChunkScheduler(std::int64_t chunks, std::int64_t window)
      : m_chunks(chunks), m_slots(static_cast<std::size_t>(window)) {}

  // A worker's loop: takes the next chunk while the window has room, until none is left.
  void work(const std::function<bool(std::int64_t, std::size_t)>& produce, std::size_t worker) {
    for (;;) {
      std::int64_t chunk = 0;
      {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(
            lock, [&] { return m_stop || m_next >= m_chunks || m_next < m_consumed + window(); });
        if (m_stop || m_next >= m_chunks) return;
        chunk = m_next++;
      }
      std::exception_ptr error;
      bool produced = true;
      try {
        produced = produce(chunk, worker);
      } catch (...) {
        error = std::current_exception();
      }
      {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (!produced) m_chunks = std::min(m_chunks, chunk);  // the stream ended before it
        Slot& done = slot(chunk);
        done.error = error;
        done.done = true;
      }
      m_changed.notify_all();
    }
  }

  // The chunks there are (fewer once a stream has ended).
  std::int64_t chunks() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_chunks;
  }
  // A chunk produced on the calling thread (no worker started) ended the stream.
  void end_at(std::int64_t chunk) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_chunks = std::min(m_chunks, chunk);
  }

  // Waits until `chunk` is produced (calling `progress` every 50 ms); returns its error.
  std::exception_ptr wait_for(std::int64_t chunk,
                              const std::function<void(std::int64_t)>& progress) {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!slot(chunk).done) {
      if (!progress) {
        m_changed.wait(lock);
        continue;
      }
      m_changed.wait_for(lock, std::chrono::milliseconds(50));
      const std::int64_t consumed = m_consumed;
      lock.unlock();
      progress(consumed);
      lock.lock();
    }
    return slot(chunk).error;
  }

  // Frees the slot of a consumed chunk for the chunk `window` ahead.
  void release(std::int64_t chunk) {
    {
      const std::lock_guard<std::mutex> lock(m_mutex);
      slot(chunk) = Slot{};
      ++m_consumed;
    }
    m_changed.notify_all();
  }

  void stop() {
    {
      const std::lock_guard<std::mutex> lock(m_mutex);
      m_stop = true;
    }
    m_changed.notify_all();
  }

 private:
  std::int64_t window() const { return static_cast<std::int64_t>(m_slots.size()); }
  Slot& slot(std::int64_t chunk) { return m_slots[static_cast<std::size_t>(chunk % window())]; }

  std::int64_t m_chunks;
  std::vector<Slot> m_slots;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::int64_t m_next = 0, m_consumed = 0;
  bool m_stop = false;
};

}  // namespace

std::size_t chunk_workers(int threads) {
  return static_cast<std::size_t>(std::max(1, threads));
}

void run_chunks(const ChunkPlan& plan,
                const std::function<void(std::int64_t chunk, std::size_t worker)>& produce,
                const std::function<void(std::int64_t chunk)>& consume,
                const std::function<void(std::int64_t consumed)>& progress) {
  run_chunks_until(
      plan,
      [&produce](std::int64_t chunk, std::size_t worker) {
        produce(chunk, worker);
        return true;
      },
      consume, progress);
}

void run_chunks_until(const ChunkPlan& plan,
                      const std::function<bool(std::int64_t chunk, std::size_t worker)>& produce,
                      const std::function<void(std::int64_t chunk)>& consume,
                      const std::function<void(std::int64_t consumed)>& progress) {
  if (plan.chunks <= 0) return;
  if (plan.ahead <= 0 && plan.chunks > (std::int64_t{1} << 24)) {
    throw std::invalid_argument("run_chunks_until: a stream needs ChunkPlan::ahead > 0");
  }
  const std::int64_t window = plan.ahead > 0 ? std::min(plan.ahead, plan.chunks) : plan.chunks;
  ChunkScheduler scheduler(plan.chunks, window);
  std::vector<std::thread> pool;
  try {
    for (std::size_t t = 0; t < chunk_workers(plan.threads); ++t) {
      pool.emplace_back([&scheduler, &produce, t] { scheduler.work(produce, t); });
    }
  } catch (const std::system_error&) {
    // Fewer threads than asked: those that started share the work (none: this thread does).
  }
  std::exception_ptr failure;
  for (std::int64_t chunk = 0; chunk < scheduler.chunks() && !failure; ++chunk) {
    if (pool.empty()) {
      try {
        if (!produce(chunk, 0)) {
          scheduler.end_at(chunk);
          break;
        }
      } catch (...) {
        failure = std::current_exception();
        break;
      }
    } else {
      failure = scheduler.wait_for(chunk, progress);
      if (failure) break;
      if (chunk >= scheduler.chunks()) break;  // the stream ended before this chunk
    }
    try {
      if (consume) consume(chunk);
    } catch (...) {
      failure = std::current_exception();
      break;  // stopped before its slot is freed: no chunk starts after a failure
    }
    scheduler.release(chunk);
    if (progress) progress(chunk + 1);
  }
  scheduler.stop();
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace outage
