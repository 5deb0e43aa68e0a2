// Domestic, basic-price, industry-by-industry transactions from a Use table (commodity by
// industry, purchasers' prices, imports included) and its Supply table (each industry's make of
// each commodity, imports, margins, taxes), as in BEA's Supply-Use framework:
//   1. purchasers' to basic prices: each user pays the same margin and tax rates on a commodity;
//      the margins move to the commodities that earn them (the negative margin entries);
//   2. imports out: each user buys the same imported share m_k / B_k of a commodity;
//   3. commodities to industries with market shares D = V diag(V'1)^-1 (industry technology,
//      Miller & Blair 2009, chapter 5): Z = D U_d.
// The equations are in docs/model.md ("Domestic, basic-price links from Supply and Use").
#pragma once

#include <string>
#include <vector>

#include "model/io_tables/io_table.hpp"
#include "util/eigen.hpp"
#include "util/error.hpp"

namespace outage {

struct SupplyTableOptions {
  // The industries are the columns just before `end_column` (as many as the Use table has);
  // the column before them holds the commodity labels.
  std::string end_column = "Total Commodity Output";
  std::string output_column = "Total Commodity Output";  // q: domestic output per commodity
  std::string imports_column = "Imports";
  std::string basic_column = "Total product supply (basic prices)";
  std::vector<std::string> margin_columns = {"Trade margins", "Transport margins"};
  std::string taxes_column = "Total tax less subsidies on products";
  std::string purchasers_column = "Total product supply (purchaser prices)";
  std::string total_row = "Total industry supply";  // skipped
  double scale = 1.0;
  std::vector<std::string> missing = {"---", ""};
};

struct SupplyTable {
  std::vector<std::string> commodities;  // row labels in file order (the total row left out)
  Matrix make;                           // V: industry j's output of commodity k (n x C)
  Vector domestic_output;                // q_k
  Vector imports;                        // m_k
  Vector basic;                          // B_k: total supply at basic prices
  Matrix margins;                        // M_kc: C x margin types (negative: earned by k)
  Vector taxes;                          // T_k: taxes less subsidies on products
  Vector purchasers;                     // P_k = B_k + sum_c M_kc + T_k
};

// Reads a Supply table with `industries` industry columns. Throws Error with the file and line.
SupplyTable read_supply_table(const std::string& path, std::size_t industries,
                              const SupplyTableOptions& options, const Location& where);

// Steps 1 and 2 for any users: `purchasers_use` is C x users at purchasers' prices, rows in the
// Supply table's commodity order; returns the domestic basic-price use, C x users.
Matrix domestic_basic_use(const SupplyTable& supply, const Matrix& purchasers_use);

// D: n x C, d_jk = v_jk / sum_j v_jk (0 for a commodity no industry makes).
Matrix market_shares(const SupplyTable& supply);

// Reads both tables and returns the industry-by-industry table: transactions Z = D U_d over the
// square block's commodities (scrap and non-comparable imports, made by no industry of the
// block as a primary product, add margins but no row), output x from the Use table. The Supply
// table's first commodities must be the Use table's sector rows, in the same order.
IoTable read_supply_use(const std::string& use_path, const IoTableOptions& use_options,
                        const std::string& supply_path, const SupplyTableOptions& supply_options,
                        const Location& where);

}  // namespace outage
