#include <atomic>
#include <catch2/catch.hpp>
#include <new>
#include <stdexcept>
#include <thread>
#include <vector>

#include "util/parallel.hpp"

using namespace outage;

TEST_CASE("run_chunks consumes every chunk once, in order, whatever the threads", "[parallel]") {
  for (const int threads : {1, 2, 7}) {
    for (const std::int64_t ahead : {std::int64_t{0}, std::int64_t{1}, std::int64_t{3}}) {
      std::vector<std::int64_t> produced(100, -1);
      std::vector<std::int64_t> consumed;
      // No Catch assertion on a worker thread (Catch is not thread-safe): workers record, the
      // calling thread checks.
      std::atomic<bool> bad_worker{false};
      run_chunks(
          {100, threads, ahead},
          [&](std::int64_t chunk, std::size_t worker) {
            if (worker >= chunk_workers(threads)) bad_worker = true;
            produced[static_cast<std::size_t>(chunk)] = chunk * chunk;
          },
          [&](std::int64_t chunk) {
            CHECK(produced[static_cast<std::size_t>(chunk)] == chunk * chunk);
            consumed.push_back(chunk);
          });
      CHECK_FALSE(bad_worker.load());
      REQUIRE(consumed.size() == 100);
      for (std::size_t i = 0; i < consumed.size(); ++i) CHECK(consumed[i] == std::int64_t(i));
    }
  }
}

TEST_CASE("run_chunks never produces more than `ahead` chunks beyond the last consumed",
          "[parallel]") {
  std::atomic<std::int64_t> highest{-1};
  std::int64_t consumed = 0;
  bool overrun = false;
  run_chunks(
      {200, 4, 3},
      [&](std::int64_t chunk, std::size_t) {
        std::int64_t seen = highest.load();
        while (chunk > seen && !highest.compare_exchange_weak(seen, chunk)) {
        }
      },
      [&](std::int64_t chunk) {
        if (highest.load() >= chunk + 3) overrun = true;
        consumed = chunk + 1;
      });
  CHECK_FALSE(overrun);
  CHECK(consumed == 200);
}

TEST_CASE("run_chunks rethrows the first failure in chunk order and starts no chunk after it",
          "[parallel]") {
  for (const int threads : {1, 3}) {
    std::vector<std::int64_t> consumed;
    try {
      run_chunks(
          {50, threads, 4},
          [&](std::int64_t chunk, std::size_t) {
            if (chunk == 30) throw std::runtime_error("chunk 30");
            if (chunk == 20) throw std::runtime_error("chunk 20");
          },
          [&](std::int64_t chunk) { consumed.push_back(chunk); });
      FAIL("no exception");
    } catch (const std::runtime_error& error) {
      CHECK(std::string(error.what()) == "chunk 20");
    }
    CHECK(consumed.size() == 20);
  }
}

TEST_CASE("run_chunks keeps an out-of-memory a std::bad_alloc, from produce or consume",
          "[parallel]") {
  CHECK_THROWS_AS(run_chunks({5, 2, 0}, [](std::int64_t, std::size_t) { throw std::bad_alloc(); }),
                  std::bad_alloc);
  CHECK_THROWS_AS(run_chunks(
                      {5, 2, 2}, [](std::int64_t, std::size_t) {},
                      [](std::int64_t chunk) {
                        if (chunk == 3) throw std::bad_alloc();
                      }),
                  std::bad_alloc);
}

TEST_CASE("run_chunks with no chunks calls nothing", "[parallel]") {
  bool called = false;
  run_chunks(
      {0, 2, 0}, [&](std::int64_t, std::size_t) { called = true; },
      [&](std::int64_t) { called = true; }, [&](std::int64_t) { called = true; });
  CHECK_FALSE(called);
}

TEST_CASE("run_chunks reports progress up to the chunks consumed", "[parallel]") {
  std::int64_t last = 0;
  bool backwards = false;
  run_chunks(
      {40, 2, 0}, [](std::int64_t, std::size_t) {}, {},
      [&](std::int64_t consumed) {
        if (consumed < last) backwards = true;
        last = consumed;
      });
  CHECK(last == 40);
  CHECK_FALSE(backwards);
}

TEST_CASE("run_chunks_until consumes a stream's chunks in order and none after its end",
          "[parallel]") {
  for (const int threads : {1, 2, 5}) {
    // A stream of 37 chunks, read in order as batch reads its source: chunk c is produced
    // after chunk c - 1 has taken its turn.
    std::atomic<std::int64_t> next_read{0};
    std::atomic<bool> out_of_order{false};
    std::vector<std::int64_t> consumed;
    run_chunks_until(
        {1'000'000, threads, 4},
        [&](std::int64_t chunk, std::size_t) {
          while (next_read.load() != chunk) std::this_thread::yield();
          const bool more = chunk < 37;
          next_read = chunk + 1;
          return more;
        },
        [&](std::int64_t chunk) {
          if (!consumed.empty() && consumed.back() + 1 != chunk) out_of_order = true;
          consumed.push_back(chunk);
        });
    CHECK_FALSE(out_of_order.load());
    REQUIRE(consumed.size() == 37);
    CHECK(consumed.back() == 36);
  }
  // A failure before the end stops it there, after the chunks before it.
  std::vector<std::int64_t> consumed;
  CHECK_THROWS_AS(run_chunks_until(
                      {1'000'000, 2, 3},
                      [](std::int64_t chunk, std::size_t) {
                        if (chunk == 5) throw std::runtime_error("broken");
                        return true;
                      },
                      [&](std::int64_t chunk) { consumed.push_back(chunk); }),
                  std::runtime_error);
  CHECK(consumed == std::vector<std::int64_t>{0, 1, 2, 3, 4});
  // A consume that throws stops it too: no chunk beyond the window starts after it.
  for (const int threads : {1, 3}) {
    std::atomic<std::int64_t> highest{-1};
    CHECK_THROWS_AS(run_chunks_until(
                        {1'000'000, threads, 2},
                        [&](std::int64_t chunk, std::size_t) {
                          std::int64_t seen = highest.load();
                          while (chunk > seen && !highest.compare_exchange_weak(seen, chunk)) {
                          }
                          return true;
                        },
                        [](std::int64_t chunk) {
                          if (chunk == 3) throw std::runtime_error("a bad row");
                        }),
                    std::runtime_error);
    // Chunks 0-3 and at most the window (2) beyond the last one consumed (2) began.
    CHECK(highest.load() <= 4);
  }
}
