// Draws every uncertain input of a scenario for one Monte Carlo draw: independent inputs from
// their own streams (seed, draw, input position), correlated groups through a Gaussian copula
// (docs/model.md, "Version 2 additions"), every value truncated to its input's domain.
#pragma once

#include <cstdint>
#include <tl/expected.hpp>
#include <vector>

#include "model/scenario/correlations.hpp"
#include "model/scenario/inputs.hpp"
#include "model/stats/sampling.hpp"

namespace outage {

class InputSampler {
 public:
  // `table` must outlive the sampler; its scenario must have passed check_inputs(). Input k
  // draws from stream k, or from streams[k] when given (common random numbers in `compare`).
  InputSampler(const InputTable& table, std::uint64_t seed,
               std::vector<std::uint32_t> streams = {});

  // Writes the uncertain inputs' values in draw `draw` into `values` (table order). `values`
  // holds every input: when it has the wrong size it is first set to the central values, and
  // fixed inputs are never written, so a buffer can be reused from draw to draw.
  void draw(std::uint64_t draw, std::vector<double>& values) const;
  // Draws [first, first + count) of the uncertain inputs at once (a loop per input keeps many
  // table lookups in flight): block[m * count + j] is uncertain input m (uncertain()'s order)
  // in draw first + j, the value draw() gives.
  void draw_block(std::uint64_t first, std::size_t count, std::vector<double>& block) const;
  const std::vector<double>& central_values() const { return m_central; }
  // Positions of the uncertain inputs, in table order.
  const std::vector<std::size_t>& uncertain() const { return m_uncertain; }
  const InputTable& table() const { return *m_table; }

 private:
  const InputTable* m_table;
  std::uint64_t m_seed;
  std::vector<std::uint32_t> m_streams;    // per input: its random stream
  std::vector<Sampler> m_samplers;         // per input
  std::vector<std::size_t> m_uncertain;    // uncertain inputs
  std::vector<std::size_t> m_position;     // per input: its place in m_uncertain
  std::vector<std::size_t> m_independent;  // uncertain inputs in no group
  std::vector<CorrelationGroup> m_groups;
  std::vector<double> m_central;
};

// The streams that give `variant`'s inputs the same random numbers as `base`'s inputs of the
// same name (common random numbers): an input found in both draws from the base's stream, one
// only in the variant from a stream the base does not use.
std::vector<std::uint32_t> common_streams(const InputTable& base, const InputTable& variant);

}  // namespace outage
