// The performance indicators csip computes from case-level records (DESIGN.md §4), as a table of
// declarative definitions: what one unit is and the date that places it in a period, the start
// and end events it is timed between, the cohort, the counting convention, and the source of the
// rule. The thresholds a council may set locally live in IndicatorSettings (defaults are the
// statutory or usual figures); rule_text() states the rule a result was produced by.
// The rules themselves are evaluated by one engine (indicator_units.hpp) and aggregated by one
// function (indicator_result.hpp); docs/indicators.md explains each rule and its gaps.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace csip::domain {

enum class IndicatorId {
    Assessments45Wd,
    Icpc15Wd,
    CpReviewsOnTime,
    ClaReviewsOnTime,
    CpVisitsOnTime,
    CpReportsSharedOnTime,
    ClaHealthAssessments,
    ClaDentalChecks,
    AgencySwRate,
    // From Ofsted's Annex A, as at each snapshot's date (annex_a_figures.hpp).
    AnnexCpVisits,
    AnnexCpReviews,
    AnnexCpOverTwoYears,
    AnnexClaReviews,
    AnnexClaVisits,
    AnnexClaHealth,
    AnnexClaDental,
    AnnexClaThreePlacements,
    AnnexCareLeaversInTouch,
    AnnexCareLeaversAccommodation,
    AnnexCareLeaversEet,
    AnnexCinVisits,
};

// An event indicator counts units dated in a period (monthly, year to date); a snapshot counts
// a cohort on one date (OC2 at 31 March, the workforce on its reference date, an Annex A
// extract on its as-at date).
enum class IndicatorKind { Event, Snapshot };

// The days in which lateness is counted.
enum class DayCount { Working, Calendar };

struct IndicatorDefinition {
    IndicatorId id = IndicatorId::Assessments45Wd;
    std::string_view key;    // stable id used in files, the database and the API
    std::string_view title;  // for people
    IndicatorKind kind = IndicatorKind::Event;
    bool higher_is_better = true;
    std::string_view unit;                  // what one unit is, and its unit date
    std::string_view start_event;           // what the timescale runs from
    std::string_view end_event;             // what ends it
    std::string_view cohort;                // which records count, and which are excluded
    std::string_view source;                // the rule's legal or policy source
    DayCount lateness = DayCount::Working;  // how days over are counted
    // A snapshot taken again and again (monthly HR extracts): reported month by month, each
    // month by its latest snapshot, as well as as of the latest date.
    bool monthly_snapshots = false;
};

// The timescales of the Annex A figures (annex_a_figures.hpp says where each comes from), each a
// setting with this default.
struct AnnexAStandards {
    int cp_visit_working_days = 10;
    int cp_first_review_months = 3;
    int cp_review_months = 6;
    int cp_long_plan_months = 24;
    int cla_first_review_working_days = 20;
    int cla_review_months = 6;
    int cla_visit_days = 42;
    int cla_first_visit_days = 7;
    int cla_health_cohort_working_days = 20;
    int cla_health_under_five_months = 6;
    int cla_health_months = 12;
    int cla_dental_cohort_months = 12;
    int cla_dental_months = 12;
    int cla_placements = 3;
    int cin_visit_working_days = 20;
};

// Local standards and statutory thresholds a council may set (working days).
struct IndicatorSettings {
    int assessment_working_days = 45;          // Working Together to Safeguard Children
    int initial_conference_working_days = 15;  // Working Together to Safeguard Children
    int visit_working_days = 10;               // local procedures
    int initial_report_working_days = 3;       // local procedures: report before an ICPC
    int review_report_working_days = 5;        // local procedures: report before an RCPC
    AnnexAStandards annex_a;
};

// Whether the indicator is one of the Annex A figures.
bool is_annex_a(IndicatorId id);

// Every definition, in the order reports show them.
std::span<const IndicatorDefinition> indicator_definitions();
// The definition for an id or a key; null for an unknown key.
const IndicatorDefinition& indicator_definition(IndicatorId id);
const IndicatorDefinition* find_indicator(std::string_view key);

// The rule as applied with these settings, with its source, e.g.
// "wd(start, authorised) ≤ 45 working days (Working Together to Safeguard Children 2015)".
std::string rule_text(const IndicatorDefinition& definition, const IndicatorSettings& settings);

}  // namespace csip::domain
