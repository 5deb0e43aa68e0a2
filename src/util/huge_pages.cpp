#include "util/huge_pages.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace outage {
namespace {

// Buffers smaller than this keep ordinary pages (a huge page is 2 MB).
constexpr std::size_t kHugePagesFrom = std::size_t{8} << 20;

}  // namespace

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
