#include "model/stats/sampling.hpp"

#include <Random123/philox.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "model/stats/beta_quantile.hpp"

namespace outage {
RandomStream::RandomStream(std::uint64_t seed, std::uint64_t draw, std::uint32_t stream)
    : m_key{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
      m_counter{static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), stream,
                0} {}

void RandomStream::refill() {
  using Philox = r123::Philox4x32;
  const Philox::ctr_type counter = {{m_counter[0], m_counter[1], m_counter[2], m_counter[3]}};
  const Philox::key_type key = {{m_key[0], m_key[1]}};
  const Philox::ctr_type block = Philox()(counter, key);
  for (int i = 0; i < 4; ++i) m_block[i] = block.v[i];
  ++m_counter[3];
  m_used = 0;
}

double RandomStream::uniform() {
  // (first_uniform() repeats the first of these for loops over draws: keep them in step.)
  if (m_used > 2) refill();
  const std::uint64_t bits =
      ((static_cast<std::uint64_t>(m_block[m_used]) << 32) | m_block[m_used + 1]) >> 11;
  m_used += 2;
  return uniform_of_bits(bits);
}

namespace {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define OUTAGE_IMPACT_AVX2_PHILOX 1
// Philox4x32-10 (Random123's rounds and constants) on four counters at once: each 64-bit lane
// holds one 32-bit word of one draw's counter, so _mm256_mul_epu32 gives the full products.
__attribute__((target("avx2"))) void first_uniforms_avx2(std::uint64_t seed, std::uint64_t first,
                                                         std::uint32_t stream, std::size_t count,
                                                         double* out) {
  const __m256i low_word = _mm256_set1_epi64x(0xffffffff);
  const __m256i multiplier0 = _mm256_set1_epi64x(PHILOX_M4x32_0);
  const __m256i multiplier1 = _mm256_set1_epi64x(PHILOX_M4x32_1);
  std::size_t j = 0;
  for (; j + 4 <= count; j += 4) {
    const std::uint64_t d = first + j;
    const auto word = [](std::uint64_t value, int high) {
      return static_cast<long long>(high ? value >> 32 : value & 0xffffffff);
    };
    __m256i c0 = _mm256_set_epi64x(word(d + 3, 0), word(d + 2, 0), word(d + 1, 0), word(d, 0));
    __m256i c1 = _mm256_set_epi64x(word(d + 3, 1), word(d + 2, 1), word(d + 1, 1), word(d, 1));
    __m256i c2 = _mm256_set1_epi64x(stream);
    __m256i c3 = _mm256_setzero_si256();
    std::uint32_t key0 = static_cast<std::uint32_t>(seed);
    std::uint32_t key1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        key0 += PHILOX_W32_0;
        key1 += PHILOX_W32_1;
      }
      const __m256i product0 = _mm256_mul_epu32(multiplier0, c0);
      const __m256i product1 = _mm256_mul_epu32(multiplier1, c2);
      const __m256i next0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(product1, 32), c1),
                                             _mm256_set1_epi64x(key0));
      const __m256i next2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(product0, 32), c3),
                                             _mm256_set1_epi64x(key1));
      c1 = _mm256_and_si256(product1, low_word);
      c3 = _mm256_and_si256(product0, low_word);
      c0 = next0;
      c2 = next2;
    }
    // As RandomStream::uniform: words 0 and 1, their top 53 bits.
    const __m256i bits = _mm256_srli_epi64(_mm256_or_si256(_mm256_slli_epi64(c0, 32), c1), 11);
    alignas(32) std::uint64_t lanes[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), bits);
    for (std::size_t l = 0; l < 4; ++l) {
      out[j + l] = uniform_of_bits(lanes[l]);
    }
  }
  for (; j < count; ++j) out[j] = first_uniform(seed, first + j, stream);
}
#endif

// The beta-PERT tables, one per shape (alpha, beta), shared by every sampler of that shape
// alive at the time: a scenario's inputs often share shapes, and a table is costly to build
// (docs/performance.md).
std::shared_ptr<const QuantileTable> beta_table(double alpha, double beta) {
  static std::mutex mutex;
  static std::map<std::pair<double, double>, std::weak_ptr<const QuantileTable>> tables;
  const std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const QuantileTable> table = tables[{alpha, beta}].lock();
  if (table) return table;
  for (auto it = tables.begin(); it != tables.end();) {
    it = it->second.expired() ? tables.erase(it) : std::next(it);
  }
  const auto exact = std::make_shared<const BetaQuantile>(alpha, beta);
  table = std::make_shared<const QuantileTable>([exact](double p) { return (*exact)(p); },
                                                [exact](double v) { return exact->complement(v); });
  tables[{alpha, beta}] = table;
  return table;
}

// The standard normal CDF at z, and at -z (the complement, exact for large z).
double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

}  // namespace

void first_uniforms(std::uint64_t seed, std::uint64_t first, std::uint32_t stream,
                    std::size_t count, double* out) {
#ifdef OUTAGE_IMPACT_AVX2_PHILOX
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    first_uniforms_avx2(seed, first, stream, count, out);
    return;
  }
#endif
  for (std::size_t j = 0; j < count; ++j) out[j] = first_uniform(seed, first + j, stream);
}

Sampler::Sampler(const Param& param, const Domain& domain)
    : m_param(param),
      m_domain(domain),
      m_truncated(param.is_uncertain() &&
                  (param.support_min() < domain.min || param.support_max() > domain.max)) {
  m_width = param.high - param.low;
  if (param.kind == DistributionKind::pert) {
    m_table = beta_table(1 + 4 * (param.mode - param.low) / m_width,
                         1 + 4 * (param.high - param.mode) / m_width);
  } else if (param.kind == DistributionKind::lognormal) {
    m_mu = param.lognormal_mu();
    m_sigma = param.lognormal_sigma();
  }
  // As Param::truncated_quantile: the truncated distribution's CDF range.
  if (m_truncated) {
    m_below = param.support_min() < domain.min ? param.cdf(domain.min) : 0.0;
    m_upto = param.support_max() > domain.max ? param.cdf(domain.max) : 1.0;
  }
}

double Sampler::draw(RandomStream& stream) const {
  if (!m_param.is_uncertain()) return m_param.mode;
  return from_uniform(stream.uniform());
}

double Sampler::from_uniform(double probability) const {
  double value = probability;
  from_uniforms(&value, 1);
  return value;
}

void Sampler::from_uniforms(double* values, std::size_t count) const {
  if (m_truncated) {
    for (std::size_t j = 0; j < count; ++j) values[j] = m_below + values[j] * (m_upto - m_below);
  }
  switch (m_param.kind) {
    case DistributionKind::fixed:
      std::fill(values, values + count, m_param.mode);
      return;
    case DistributionKind::uniform:
      for (std::size_t j = 0; j < count; ++j) values[j] = m_param.low + values[j] * m_width;
      break;
    case DistributionKind::triangular: {
      // Locals: `values` might alias the parameters, which would keep them in the loop.
      const double low = m_param.low;
      const double mode = m_param.mode;
      const double high = m_param.high;
      for (std::size_t j = 0; j < count; ++j) {
        values[j] = triangular_quantile(values[j], low, mode, high);
      }
      break;
    }
    case DistributionKind::pert: {
      const QuantileTable& table = *m_table;
      for (std::size_t j = 0; j < count; ++j) values[j] = m_param.low + m_width * table(values[j]);
      break;
    }
    case DistributionKind::lognormal: {
      const QuantileTable& table = normal_quantile_table();
      for (std::size_t j = 0; j < count; ++j)
        values[j] = std::exp(m_mu + m_sigma * table(values[j]));
      break;
    }
  }
  if (m_truncated) {
    for (std::size_t j = 0; j < count; ++j) values[j] = inside(values[j]);
  }
}

double Sampler::from_normal(double z) const {
  if (m_truncated || m_param.kind == DistributionKind::uniform ||
      m_param.kind == DistributionKind::triangular) {
    return from_uniform(normal_cdf(z));
  }
  switch (m_param.kind) {
    case DistributionKind::pert:
      return m_param.low +
             m_width * (z < 0 ? (*m_table)(normal_cdf(z)) : m_table->complement(normal_cdf(-z)));
    case DistributionKind::lognormal:
      return std::exp(m_mu + m_sigma * z);
    default:
      return m_param.mode;
  }
}

double Sampler::inside(double value) const {
  // The quantile of a probability strictly inside the CDF's range lies inside the domain up to
  // rounding: a value at or past a bound is that bound, or next to it when the bound is open.
  if (m_domain.contains(value)) return value;
  if (value <= m_domain.min) {
    return m_domain.min_open ? std::nextafter(m_domain.min, INFINITY) : m_domain.min;
  }
  if (value >= m_domain.max) {
    return m_domain.max_open ? std::nextafter(m_domain.max, -INFINITY) : m_domain.max;
  }
  throw std::logic_error("a truncated draw outside its domain: " + m_param.key);
}

}  // namespace outage
