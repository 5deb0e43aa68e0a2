#include <Eigen/LU>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "model/iim/inoperability.hpp"
#include "model/io_tables/io_table.hpp"
#include "model/io_tables/supply_use.hpp"

using namespace outage;

namespace {

const std::string kBea = std::string(TEST_DATA_DIR) + "/bea";
const std::string kOutputRow = "Total industry output (basic prices)";

IoTableOptions hand_use_options() {
  IoTableOptions options;
  options.output_row = kOutputRow;
  options.end_column = "Total Intermediate";
  return options;
}

// A BEA table pair read both ways: the industry-by-industry result, the Supply table, and the
// Use table's purchasers'-price rows for every commodity (intermediate columns, then one column
// of final uses P_k - sum_j u_kj).
struct Pair {
  IoTable table;
  SupplyTable supply;
  Matrix uses;
};

Pair read_pair(const std::string& size, const IoTableOptions& options) {
  Pair pair;
  const std::string use = kBea + "/use_" + size + "_2021.csv";
  const std::string supply = kBea + "/supply_" + size + "_2021.csv";
  pair.table = read_supply_use(use, options, supply, SupplyTableOptions{}, Location{});
  const auto n = static_cast<Eigen::Index>(pair.table.sectors.size());
  pair.supply = read_supply_table(supply, static_cast<std::size_t>(n), {}, Location{});
  IoTableOptions with_rest = options;
  with_rest.extra_rows.assign(pair.supply.commodities.begin() + n, pair.supply.commodities.end());
  const IoTable raw = read_io_table(use, with_rest, Location{});
  const auto count = static_cast<Eigen::Index>(pair.supply.commodities.size());
  pair.uses = Matrix::Zero(count, n + 1);
  pair.uses.topLeftCorner(n, n) = raw.transactions;
  for (Eigen::Index k = n; k < count; ++k) {
    pair.uses.block(k, 0, 1, n) = raw.extra_rows[static_cast<std::size_t>(k - n)].transpose();
  }
  pair.uses.col(n) = pair.supply.purchasers - pair.uses.leftCols(n).rowwise().sum();
  return pair;
}

// What the tables imply: every commodity's domestic basic-price uses (intermediate and final)
// add up to its domestic output q_k; the Leontief inverse applied to the industries' final
// demand f = D (domestic basic final uses) gives back their output of the square block's
// commodities, D q, exactly (to rounding) when A is taken on D q, and the table's x
// with the A the tool uses to 1 % (x also holds each industry's scrap, which has no row: 0.8 %
// of waste management's output in the 71-industry table).
void check_pair(const Pair& pair, double rounding) {
  const auto n = static_cast<Eigen::Index>(pair.table.sectors.size());
  const Matrix domestic = domestic_basic_use(pair.supply, pair.uses);
  for (Eigen::Index k = 0; k < n; ++k) {
    INFO("commodity " << pair.supply.commodities[static_cast<std::size_t>(k)]);
    CHECK(std::fabs(domestic.row(k).sum() - pair.supply.domestic_output[k]) <= rounding);
  }
  const Matrix shares = market_shares(pair.supply).leftCols(n);
  const Vector final_demand = shares * domestic.col(n).head(n);
  const Vector made = shares * pair.supply.domestic_output.head(n);
  const Matrix identity = Matrix::Identity(n, n);
  const Matrix on_made = pair.table.transactions * made.cwiseInverse().asDiagonal();
  const Vector exact = (identity - on_made).partialPivLu().solve(final_demand);
  const Vector implied =
      (identity - technical_coefficients(pair.table)).partialPivLu().solve(final_demand);
  for (Eigen::Index i = 0; i < n; ++i) {
    INFO("industry " << pair.table.sectors[static_cast<std::size_t>(i)]);
    CHECK(std::fabs(exact[i] - made[i]) <= 10 * rounding);
    CHECK(implied[i] == Approx(pair.table.output[i]).epsilon(1e-2));
  }
  // Every row of A* is a share of the industry's output sold to industries: at most 1.
  const Matrix star = interdependency_from_io(pair.table);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double sum = star.row(i).sum();
    INFO("industry " << pair.table.sectors[static_cast<std::size_t>(i)] << " row sum " << sum);
    CHECK(sum >= 0.0);
    CHECK(sum <= 1.0);
  }
}

}  // namespace

// The hand-made pair (tests/data/su_use.csv, su_supply.csv): industries Goods and Trade.
// Supply: the Goods industry makes 90 of goods and 10 of trade services, the Trade industry 40
// of trade, so q = (90, 50), x = (100, 40); goods: imports 30, B = 120, trade margins 20, taxes
// 10, P = 150; trade: B = 50, margin -20 (it earns all the margins), P = 30.
// Use at purchasers' prices: goods (30, 15), trade (6, 3).
// 1. Basic prices: a purchase of goods is (150 - 20 - 10) / 150 = 0.8 goods and 20/150 = 2/15
//    trade margin; trade services keep their value (30 / 30 = 1). Goods: (24, 12); trade:
//    direct (6, 3) plus margins (30 x 2/15, 15 x 2/15) = (4, 2), so (10, 5).
// 2. Domestic: goods x 90/120 = 0.75 -> (18, 9); trade x 50/50 -> (10, 5).
// 3. Market shares: goods all from Goods; trade 0.2 from Goods, 0.8 from Trade.
//    Z = [[18 + 0.2 x 10, 9 + 0.2 x 5], [0.8 x 10, 0.8 x 5]] = [[20, 10], [8, 4]],
//    A* = diag(100, 40)^-1 Z = [[0.2, 0.1], [0.2, 0.1]].
// (The purchasers'-price path would give [[0.3, 0.15], [0.15, 0.075]].)
TEST_CASE("a hand-made supply-use pair gives the hand-computed domestic basic A*", "[io][su]") {
  const std::string data(TEST_DATA_DIR);
  const IoTable table = read_supply_use(data + "/su_use.csv", hand_use_options(),
                                        data + "/su_supply.csv", {}, Location{});
  REQUIRE(table.sectors == std::vector<std::string>{"Goods", "Trade"});
  CHECK(table.output[0] == 100.0);
  CHECK(table.output[1] == 40.0);
  CHECK(table.transactions(0, 0) == Approx(20.0).epsilon(1e-12));
  CHECK(table.transactions(0, 1) == Approx(10.0).epsilon(1e-12));
  CHECK(table.transactions(1, 0) == Approx(8.0).epsilon(1e-12));
  CHECK(table.transactions(1, 1) == Approx(4.0).epsilon(1e-12));
  const Matrix star = interdependency_from_io(table);
  CHECK(star(0, 0) == Approx(0.2).epsilon(1e-12));
  CHECK(star(0, 1) == Approx(0.1).epsilon(1e-12));
  CHECK(star(1, 0) == Approx(0.2).epsilon(1e-12));
  CHECK(star(1, 1) == Approx(0.1).epsilon(1e-12));
  // Final uses (105 goods, 21 trade) -> domestic basic (63, 21 + 14 = 35): with the
  // intermediate uses, goods 18 + 9 + 63 = 90 = q and trade 10 + 5 + 35 = 50 = q.
  const SupplyTable supply = read_supply_table(data + "/su_supply.csv", 2, {}, Location{});
  Matrix uses(2, 3);
  uses << 30, 15, 105, 6, 3, 21;
  const Matrix domestic = domestic_basic_use(supply, uses);
  CHECK(domestic(0, 2) == Approx(63.0).epsilon(1e-12));
  CHECK(domestic(1, 2) == Approx(35.0).epsilon(1e-12));
  CHECK(domestic.rowwise().sum()(0) == Approx(90.0).epsilon(1e-12));
  CHECK(domestic.rowwise().sum()(1) == Approx(50.0).epsilon(1e-12));
}

TEST_CASE("a supply table that does not match the use table is an error", "[io][su]") {
  const std::string data(TEST_DATA_DIR);
  SupplyTableOptions bad;
  bad.end_column = "Nope";
  CHECK_THROWS_WITH(read_supply_use(data + "/su_use.csv", hand_use_options(),
                                    data + "/su_supply.csv", bad, Location{}),
                    Catch::Contains("no column 'Nope' in the header"));
  // The use table read as a supply table: its rows are right but it has no margin columns.
  SupplyTableOptions use_as_supply;
  use_as_supply.end_column = "Total Intermediate";
  use_as_supply.output_column = "Total Intermediate";
  CHECK_THROWS_WITH(read_supply_use(data + "/su_use.csv", hand_use_options(), data + "/su_use.csv",
                                    use_as_supply, Location{}),
                    Catch::Contains("no column 'Imports'"));
  CHECK_THROWS_WITH(read_supply_use(data + "/su_use.csv", hand_use_options(),
                                    data + "/miller_blair.csv", {}, Location{}),
                    Catch::Contains("no column 'Total Commodity Output'"));
}

TEST_CASE("the 15-sector BEA supply-use pair balances and gives row sums <= 1", "[io][su][bea]") {
  IoTableOptions options;
  options.output_row = kOutputRow;
  options.end_column = "Total Intermediate";
  options.extra_rows = {"Value Added (basic prices)"};
  const Pair pair = read_pair("15", options);
  REQUIRE(pair.table.sectors.size() == 15);
  check_pair(pair, 5.0);  // the README's rounding: 5 $M
  // Wholesale trade (row 5) now sells its margins to the industries that buy goods.
  const Matrix star = interdependency_from_io(pair.table);
  CHECK(star.row(5).sum() > 0.3);
  CHECK(spectral_radius(star) < 0.5);
}

TEST_CASE("the 71-industry BEA supply-use pair balances and gives row sums <= 1", "[io][su][bea]") {
  IoTableOptions options;
  options.output_row = kOutputRow;
  options.end_column = "T001";
  options.rows_by_position = true;
  const Pair pair = read_pair("71", options);
  REQUIRE(pair.table.sectors.size() == 71);
  check_pair(pair, 5.0);
  CHECK(spectral_radius(interdependency_from_io(pair.table)) < 0.5);
}
