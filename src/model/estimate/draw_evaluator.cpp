#include "model/estimate/draw_evaluator.hpp"

namespace outage {

DrawEvaluator::DrawEvaluator(const PreparedScenario& prepared, std::uint64_t seed,
                             std::vector<std::uint32_t> streams)
    : m_table(prepared.table()),
      m_sampler(m_table, seed, std::move(streams)),
      m_pricer(prepared, drawn_variation(m_table, m_sampler.uncertain())) {}

DrawScratch DrawEvaluator::scratch() const {
  DrawScratch scratch;
  static_cast<PricerScratch&>(scratch) = m_pricer.scratch();
  scratch.values = m_sampler.central_values();
  return scratch;
}

void DrawEvaluator::evaluate(std::int64_t draw, DrawScratch& scratch, Vector& net) const {
  m_sampler.draw(static_cast<std::uint64_t>(draw), scratch.values);
  evaluate_drawn(scratch, net);
}

void DrawEvaluator::evaluate_drawn(DrawScratch& scratch, Vector& net) const {
  for (const std::size_t k : m_sampler.uncertain()) {
    m_table.apply(k, scratch.values[k], scratch.inputs);
  }
  m_pricer.net(scratch, net);
}

}  // namespace outage
