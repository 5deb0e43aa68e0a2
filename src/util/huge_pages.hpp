// Large buffers that are filled once (matrices of thousands of segments, a million draws per
// column) are offered to the kernel's transparent huge pages before they are first touched
// (madvise; Linux's default mode is "madvise"): a 128 MB matrix is then 64 page faults instead
// of 32,768, which on a virtual machine was a third of a static estimate's time
// (docs/performance.md).
#pragma once

#include <cstddef>
#include <vector>

namespace outage {

// Advice only: buffers under a few megabytes, and kernels without huge pages, are left as
// they are.
void advise_huge_pages(const void* data, std::size_t bytes);

// Called first thing in main: the program's heap grows 64 MB at a time, keeps what is freed,
// serves allocations up to 32 MB, and its first 64 MB are advised for huge pages. Loading a
// 4,000-segment scenario builds a 40 MB TOML tree of small nodes: 11,000 page faults on
// ordinary pages (half the time of `check` on a virtual machine), a few dozen on huge ones.
// Memory is only mapped when touched; where glibc or the kernel offers none of this, nothing
// changes.
void prepare_huge_heap();

// `values` resized to `count` copies of `value`, its memory advised before it is touched.
template <typename T>
void assign_large(std::vector<T>& values, std::size_t count, const T& value) {
  values.clear();
  values.reserve(count);
  advise_huge_pages(values.data(), count * sizeof(T));
  values.assign(count, value);
}

}  // namespace outage
