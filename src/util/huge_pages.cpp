#include "util/huge_pages.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace outage {
namespace {

// Buffers smaller than this keep ordinary pages (a huge page is 2 MB).
constexpr std::size_t kHugePagesFrom = std::size_t{8} << 20;

// The heap grows by at least this much at once, and keeps what is freed up to twice as much.
constexpr std::size_t kHeapPad = std::size_t{64} << 20;
// Allocations below this come from the heap, not from mmap (glibc's default starts at 128 kB).
constexpr int kMmapFrom = 32 << 20;
constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

}  // namespace

void prepare_huge_heap() {
#if defined(__GLIBC__) && defined(M_TOP_PAD)
  if (mallopt(M_TOP_PAD, static_cast<int>(kHeapPad)) == 0 ||
      mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kHeapPad)) == 0 ||
      mallopt(M_MMAP_THRESHOLD, kMmapFrom) == 0) {
    return;
  }
  // One allocation larger than what is left at the top makes the heap grow by it and the pad;
  // the new part, from its first whole huge page, is advised while no page of it is touched
  // (advice given later would not cover the pages already faulted in).
  const auto before = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  void* grow = std::malloc(std::size_t{1} << 20);
  const auto after = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  const std::uintptr_t first = (before + kHugePage - 1) & ~(kHugePage - 1);
  if (grow != nullptr && before != ~std::uintptr_t{0} && after > first) {
    (void)::madvise(reinterpret_cast<void*>(first), after - first, MADV_HUGEPAGE);
  }
  std::free(grow);
#endif
}

void advise_huge_pages(const void* data, std::size_t bytes) {
  if (bytes < kHugePagesFrom || data == nullptr) return;
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + page - 1) / page * page;
  const std::uintptr_t last = (begin + bytes) / page * page;
  // Only advice: where the kernel has no huge pages this fails and nothing changes.
  if (last > first) (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace outage
