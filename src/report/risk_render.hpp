// Renderers for `risk` (docs/risk.md, "Output"): the measures as a table, long-form CSV or JSON;
// the year and event loss tables; and the same results as Open Results Data (ORD) files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/risk/risk.hpp"
#include "report/render.hpp"

namespace outage {

// Table (per segment AAL with its standard error, the total's return-period table), CSV
// (segment,basis,measure,return_period,value) or JSON; markdown renders the table's content.
// CSV text cells (segment ids and names, here and in the YLT, ELT and ORD summary info) are
// neutralised for spreadsheets unless options.csv_raw_text (--csv-raw), as everywhere else.
std::string render_risk(const RiskResult& result, OutputFormat format,
                        const RenderOptions& options);

// The year loss table: year,events,segment,net_loss; rows for years [first, last] (1-based).
std::string ylt_header(bool insured = false);  // with covers: an insured_loss column
void append_ylt_rows(std::string& out, const RiskResult& result, std::int64_t first,
                     std::int64_t last, bool raw_text = false);

// The event loss table: year,event,start_hour_of_week,duration_hours,severity,segment,net_loss.
std::string elt_header(bool insured = false);  // with covers: an insured_loss column
void append_elt_rows(std::string& out, const OutageBlock& outages,
                     const std::vector<std::string>& segment_ids, bool raw_text = false);

// Open Results Data (OasisLMF): SummaryId i = segment i (1-based), the total is n + 1.
// EPT: SummaryId,EPCalc,EPType,ReturnPeriod,Loss (EPCalc 2, full uncertainty; EPType 1 OEP,
// 2 OEP TVaR, 3 AEP, 4 AEP TVaR). ALT (period AAL): SummaryId,SampleType,MeanLoss,SDLoss.
// PLT (sample period loss table): Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,
// SummaryId,SampleId,Loss,ImpactedExposure. The summary info file maps SummaryId to segments.
// With `insured`, the insured perspective (OasisLMF's il_ files) from the covers' results.
std::string ord_ept(const RiskResult& result, bool insured = false);
std::string ord_alt(const RiskResult& result, bool insured = false);
std::string ord_plt_header();
// `next_event_id` numbers the outages across the whole run (1, 2, ...) and is advanced.
void append_ord_plt_rows(std::string& out, const OutageBlock& outages, std::int64_t years,
                         std::int64_t& next_event_id, bool insured = false);
std::string ord_summary_info(const RiskResult& result, bool raw_text = false);

}  // namespace outage
