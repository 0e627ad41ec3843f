// The data behind a published report, as JSON stored with it: the body, the dates, the action
// counts, coverage, each indicator's figures as the report stated them and the published figures
// (benchmarks) it set beside them. The next report's "changes since" reads the indicators back
// from it (the plan itself is stored beside it as a csip-plan/1 document). Written in a canonical
// form, so the same model gives the same bytes. A snapshot published before reports carried
// benchmarks has no "benchmarks": it reads back as none.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/indicators/benchmarks.hpp"
#include "domain/indicators/indicator_result.hpp"
#include "domain/result.hpp"
#include "reporting/report_model.hpp"

namespace csip::reporting {

[[nodiscard]] std::string write_report_snapshot(const ReportModel& model);

// The indicators as the snapshot holds them: key, title, the period's percentage (the year to
// date, or a snapshot indicator's latest figure), the target and the RAG. InvalidInput if the
// text is not such a snapshot.
[[nodiscard]] Result<std::vector<domain::IndicatorResult>> read_snapshot_indicators(
    const std::string& snapshot_json);

// The published figures the report set beside its indicators, by indicator key, as it showed
// them: empty for a snapshot without any (one published before reports carried them), and an
// entry whose measure csip no longer knows is passed over. InvalidInput if the text is not such a
// snapshot.
[[nodiscard]] Result<std::map<std::string, domain::MeasureComparison>> read_snapshot_benchmarks(
    const std::string& snapshot_json);

// Whether the published report holds case-level content (a private body whose profile allows
// it); true for a snapshot that cannot be read, so that it is never shown to the wrong reader.
[[nodiscard]] bool snapshot_includes_case_level(const std::string& snapshot_json);

}  // namespace csip::reporting
