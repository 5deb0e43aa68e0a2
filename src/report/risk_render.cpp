#include "report/risk_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "report/currency.hpp"
#include "report/json_text.hpp"
#include "util/csv.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

using json = nlohmann::ordered_json;

// ORD codes (OasisLMF, oasislmf/pytools/lec/data.py and aal/data.py).
// --central prices each outage at the other inputs' central values: no secondary uncertainty,
// so the mean damage (EPCalc 1, SampleType 1, as Oasis writes for sidx -1); otherwise every
// outage's inputs are drawn: full uncertainty (EPCalc 2, SampleType 2).
constexpr int kEpCalcMeanDamage = 1;
constexpr int kEpCalcFullUncertainty = 2;
constexpr int kEpTypeOep = 1, kEpTypeOepTvar = 2, kEpTypeAep = 3, kEpTypeAepTvar = 4;
constexpr int kSampleTypeAnalytical = 1;
constexpr int kSampleTypeSample = 2;

std::string money(double value, const std::string& currency, const RenderOptions& options) {
  return format_money(value, currency, options.currency_format);
}

std::string raw(double value) {
  return format_number_raw(value);
}

// Rows of cells, left-aligned first column, right-aligned others, two spaces apart. Cells are
// shown terminal-safe (names come from the scenario: an ESC or a U+202E must stay inert).
std::string aligned(std::vector<std::vector<std::string>> rows) {
  for (auto& row : rows) {
    for (auto& cell : row) cell = sanitize_for_terminal(cell);
  }
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string padding(widths[c] - display_width(row[c]), ' ');
      line += c == 0 ? row[c] + padding : "  " + padding + row[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string describe_run(const RiskResult& result) {
  std::string text = fmt::format("{} years, seed {}", result.years, result.seed);
  if (result.auto_years) {
    // What was reached, beside the target (it stops once within the target, or at the cap).
    const RiskMeasures& total = result.total;
    if (total.aal > 0 && total.has_spread()) {
      text += fmt::format(
          " (--years auto: the total AAL's standard error is {:.2g} % of it; target {:g} %)",
          100 * total.aal_stderr / total.aal, 100 * result.tolerance);
    } else {
      text += fmt::format(" (--years auto: target {:g} %; the total AAL is {})",
                          100 * result.tolerance, total.aal > 0 ? "known to one year" : "0");
    }
  }
  text += result.central ? "; other inputs at central values"
                         : "; uncertain inputs drawn for each outage";
  return text;
}

// The total's return-period table for one basis ("" when no return period fits the years).
std::string ep_table(const std::string& title, const RiskMeasures& total,
                     const std::string& currency, const RenderOptions& options) {
  if (total.ep.empty()) return "";
  std::string out = "\n" + title + " by return period (1 year in T):\n";
  std::vector<std::vector<std::string>> ep{{"T (years)", "AEP", "AEP TVaR", "OEP", "OEP TVaR"}};
  for (const EpPoint& point : total.ep) {
    ep.push_back({fmt::format("{:g}", point.return_period), money(point.aep, currency, options),
                  money(point.aep_tvar, currency, options), money(point.oep, currency, options),
                  money(point.oep_tvar, currency, options)});
  }
  return out + aligned(ep);
}

// A measure of spread, '-' when one year gives none.
std::string stderr_cell(const RiskMeasures& m, const std::string& currency,
                        const RenderOptions& options) {
  return m.has_spread() ? "± " + money(m.aal_stderr, currency, options) : "-";
}

std::string sd_cell(const RiskMeasures& m, const std::string& currency,
                    const RenderOptions& options) {
  return m.has_spread() ? money(m.sd, currency, options) : "-";
}

std::string render_table(const RiskResult& result, const RenderOptions& options) {
  const std::string& currency = result.currency;
  std::string out = fmt::format("Outage risk: {}\n{}\n", sanitize_for_terminal(result.scenario),
                                describe_run(result));
  out += fmt::format("{:.4g} outages a year on average; {} of years have at least one\n\n",
                     result.events_per_year, format_percent(result.share_of_years_with_outage));
  std::vector<std::vector<std::string>> rows{{"Segment", "AAL", "std. error", "SD"}};
  for (std::size_t i = 0; i < result.segments.size(); ++i) {
    const RiskMeasures& m = result.segments[i];
    rows.push_back({result.segment_names[i], money(m.aal, currency, options),
                    stderr_cell(m, currency, options), sd_cell(m, currency, options)});
  }
  const RiskMeasures& total = result.total;
  rows.push_back({"Total", money(total.aal, currency, options),
                  stderr_cell(total, currency, options), sd_cell(total, currency, options)});
  if (result.insured_total) {
    rows[0].insert(rows[0].end(), {"Insured AAL", "std. error"});
    for (std::size_t i = 0; i <= result.segments.size(); ++i) {
      const RiskMeasures& m =
          i < result.segments.size() ? result.insured_segments[i] : *result.insured_total;
      rows[i + 1].insert(rows[i + 1].end(),
                         {money(m.aal, currency, options), stderr_cell(m, currency, options)});
    }
  }
  out += aligned(rows);
  out += ep_table("Total net loss", total, currency, options);
  if (result.insured_total) {
    out += ep_table("Total insured loss (after the covers' terms and aggregate limits)",
                    *result.insured_total, currency, options);
  }
  return out;
}

void append_measure_rows(std::string& out, const std::string& segment, const char* basis,
                         const RiskMeasures& m, bool raw_text) {
  const auto text_row = [&](const char* measure, const std::string& period,
                            const std::string& value) {
    // The segment is text from the scenario: neutralised for spreadsheets (text_safety.hpp).
    out += csv_text_field(segment, raw_text) + "," + csv_row({basis, measure, period, value});
  };
  const auto row = [&](const char* measure, const std::string& period, double value) {
    text_row(measure, period, raw(value));
  };
  row("AAL", "", m.aal);
  // One year has no spread: the value is empty.
  text_row("AAL_STDERR", "", m.has_spread() ? raw(m.aal_stderr) : "");
  text_row("SD", "", m.has_spread() ? raw(m.sd) : "");
  for (const EpPoint& p : m.ep) row("AEP", raw(p.return_period), p.aep);
  for (const EpPoint& p : m.ep) row("AEP_TVAR", raw(p.return_period), p.aep_tvar);
  for (const EpPoint& p : m.ep) row("OEP", raw(p.return_period), p.oep);
  for (const EpPoint& p : m.ep) row("OEP_TVAR", raw(p.return_period), p.oep_tvar);
}

std::string render_csv(const RiskResult& result, bool raw_text) {
  std::string out = "segment,basis,measure,return_period,value\n";
  for (std::size_t i = 0; i < result.segments.size(); ++i) {
    append_measure_rows(out, result.segment_ids[i], "net", result.segments[i], raw_text);
    if (result.insured_total) {
      append_measure_rows(out, result.segment_ids[i], "insured", result.insured_segments[i],
                          raw_text);
    }
  }
  append_measure_rows(out, "total", "net", result.total, raw_text);
  if (result.insured_total) {
    append_measure_rows(out, "total", "insured", *result.insured_total, raw_text);
  }
  return out;
}

json measures_json(const RiskMeasures& m) {
  json ep = json::array();
  for (const EpPoint& p : m.ep) {
    ep.push_back(json{{"return_period", p.return_period},
                      {"aep", p.aep},
                      {"aep_tvar", p.aep_tvar},
                      {"oep", p.oep},
                      {"oep_tvar", p.oep_tvar}});
  }
  const json none;  // one year has no spread: null
  return json{{"aal", m.aal},
              {"aal_stderr", m.has_spread() ? json(m.aal_stderr) : none},
              {"sd", m.has_spread() ? json(m.sd) : none},
              {"ep", std::move(ep)}};
}

std::string render_json(const RiskResult& result) {
  json out;
  out["scenario"] = result.scenario;
  out["currency"] = result.currency;
  out["years"] = result.years;
  out["seed"] = result.seed;
  out["central"] = result.central;
  out["events_per_year"] = result.events_per_year;
  out["share_of_years_with_outage"] = result.share_of_years_with_outage;
  json segments = json::array();
  for (std::size_t i = 0; i < result.segments.size(); ++i) {
    segments.push_back(
        json{{"id", result.segment_ids[i]},
             {"name", result.segment_names[i]},
             {"net", measures_json(result.segments[i])},
             {"insured",
              result.insured_total ? measures_json(result.insured_segments[i]) : json(nullptr)}});
  }
  out["segments"] = std::move(segments);
  out["total"] = json{
      {"net", measures_json(result.total)},
      {"insured", result.insured_total ? measures_json(*result.insured_total) : json(nullptr)}};
  out["warnings"] = result.warnings;
  return json_document(out);
}

}  // namespace

std::string render_risk(const RiskResult& result, OutputFormat format,
                        const RenderOptions& options) {
  switch (format) {
    case OutputFormat::csv:
      return render_csv(result, options.csv_raw_text);
    case OutputFormat::json:
      return render_json(result);
    case OutputFormat::table:
    case OutputFormat::markdown:
      return render_table(result, options);
  }
  return render_table(result, options);
}

std::string ylt_header(bool insured) {
  return insured ? "year,events,segment,net_loss,insured_loss\n" : "year,events,segment,net_loss\n";
}

void append_ylt_rows(std::string& out, const RiskResult& result, std::int64_t first,
                     std::int64_t last, bool raw_text) {
  const YearLosses& years = result.year_losses;
  for (std::int64_t year = first; year <= last; ++year) {
    const auto row = static_cast<std::size_t>(year - 1);
    const std::string prefix = fmt::format("{},{},", year, years.events[row]);
    for (std::size_t i = 0; i < years.columns; ++i) {
      out += prefix;
      out += i + 1 < years.columns ? csv_text_field(result.segment_ids[i], raw_text)
                                   : std::string("total");
      out += ',';
      append_number_raw(out, years.annual[row * years.columns + i]);
      if (years.insured) {
        out += ',';
        append_number_raw(out, years.insured_annual[row * years.columns + i]);
      }
      out += '\n';
    }
  }
}

std::string elt_header(bool insured) {
  return std::string("year,event,start_hour_of_week,duration_hours,severity,segment,net_loss") +
         (insured ? ",insured_loss\n" : "\n");
}

void append_elt_rows(std::string& out, const OutageBlock& outages,
                     const std::vector<std::string>& segment_ids, bool raw_text) {
  const std::size_t columns = outages.columns;
  std::string prefix;
  for (std::size_t k = 0; k < outages.year.size(); ++k) {
    prefix = fmt::format("{},{},", outages.year[k], outages.event[k]);
    append_number_raw(prefix, outages.start_hour_of_week[k]);
    prefix += ',';
    append_number_raw(prefix, outages.duration_hours[k]);
    prefix += ',';
    append_number_raw(prefix, outages.severity[k]);
    prefix += ',';
    for (std::size_t i = 0; i < columns; ++i) {
      out += prefix;
      out += i + 1 < columns ? csv_text_field(segment_ids[i], raw_text) : std::string("total");
      out += ',';
      append_number_raw(out, outages.net[k * columns + i]);
      if (!outages.insured.empty()) {
        out += ',';
        append_number_raw(out, outages.insured[k * columns + i]);
      }
      out += '\n';
    }
  }
}

std::string ord_ept(const RiskResult& result, bool insured) {
  std::string out = "SummaryId,EPCalc,EPType,ReturnPeriod,Loss\n";
  const auto rows = [&](std::size_t summary_id, const RiskMeasures& m) {
    const auto type_rows = [&](int type, double EpPoint::*field) {
      // Longest return period first, as Oasis writes them.
      for (auto p = m.ep.rbegin(); p != m.ep.rend(); ++p) {
        out += fmt::format("{},{},{},", summary_id,
                           result.central ? kEpCalcMeanDamage : kEpCalcFullUncertainty, type);
        append_number_raw(out, p->return_period);
        out += ',';
        append_number_raw(out, (*p).*field);
        out += '\n';
      }
    };
    type_rows(kEpTypeOep, &EpPoint::oep);
    type_rows(kEpTypeOepTvar, &EpPoint::oep_tvar);
    type_rows(kEpTypeAep, &EpPoint::aep);
    type_rows(kEpTypeAepTvar, &EpPoint::aep_tvar);
  };
  const auto& segments = insured ? result.insured_segments : result.segments;
  for (std::size_t i = 0; i < segments.size(); ++i) rows(i + 1, segments[i]);
  rows(segments.size() + 1, insured ? *result.insured_total : result.total);
  return out;
}

std::string ord_alt(const RiskResult& result, bool insured) {
  std::string out = "SummaryId,SampleType,MeanLoss,SDLoss\n";
  const auto row = [&](std::size_t summary_id, const RiskMeasures& m) {
    out += fmt::format("{},{},", summary_id,
                       result.central ? kSampleTypeAnalytical : kSampleTypeSample);
    append_number_raw(out, m.aal);
    out += ',';
    append_number_raw(out, m.sd);
    out += '\n';
  };
  const auto& segments = insured ? result.insured_segments : result.segments;
  for (std::size_t i = 0; i < segments.size(); ++i) row(i + 1, segments[i]);
  row(segments.size() + 1, insured ? *result.insured_total : result.total);
  return out;
}

std::string ord_plt_header() {
  return "Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss,"
         "ImpactedExposure\n";
}

void append_ord_plt_rows(std::string& out, const OutageBlock& outages, std::int64_t years,
                         std::int64_t& next_event_id, bool insured) {
  const std::vector<double>& losses = insured ? outages.insured : outages.net;
  const std::string weight = raw(1.0 / static_cast<double>(years));
  for (std::size_t k = 0; k < outages.year.size(); ++k) {
    // The outage starts on the week of Monday 2024-01-01: day 1-7 of month 1 of its period.
    const double hour = outages.start_hour_of_week[k];
    const auto day = static_cast<int>(hour / 24.0);
    const auto hour_of_day = static_cast<int>(hour - 24.0 * day);
    const auto minute = std::min(59, static_cast<int>((hour - std::floor(hour)) * 60.0));
    const std::string prefix =
        fmt::format("{},{},{},{},1,{},{},{},", outages.year[k], weight, next_event_id++,
                    outages.year[k], day + 1, hour_of_day, minute);
    for (std::size_t i = 0; i < outages.columns; ++i) {
      out += prefix;
      out += fmt::format("{},1,", i + 1);
      append_number_raw(out, losses[k * outages.columns + i]);
      out += ",0\n";
    }
  }
}

std::string ord_summary_info(const RiskResult& result, bool raw_text) {
  std::string out = "SummaryId,segment,name\n";
  for (std::size_t i = 0; i < result.segment_ids.size(); ++i) {
    out += fmt::format("{},{},{}\n", i + 1, csv_text_field(result.segment_ids[i], raw_text),
                       csv_text_field(result.segment_names[i], raw_text));
  }
  out += fmt::format("{},total,Total\n", result.segment_ids.size() + 1);
  return out;
}

}  // namespace outage
