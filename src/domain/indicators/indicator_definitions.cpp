#include "domain/indicators/indicator_definitions.hpp"

#include <array>
#include <cassert>

namespace csip::domain {
namespace {

constexpr std::string_view kWorkingTogether = "Working Together to Safeguard Children 2015";
constexpr std::string_view kCarePlanningRegulations =
    "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33";
constexpr std::string_view kCarePlanningVisits =
    "Care Planning, Placement and Case Review (England) Regulations 2010, reg 28";
constexpr std::string_view kHealthGuidance =
    "Promoting the health and wellbeing of looked-after children (statutory guidance, 2015)";
constexpr std::string_view kLocalVisits = "local procedures (visiting standard)";
constexpr std::string_view kDfePublished =
    "DfE children in need and looked-after children statistics";
constexpr std::string_view kIlacsCareLeavers =
    "Ofsted ILACS framework: the experiences and progress of care leavers";

// Sources (docs/indicators.md gives each in full):
// - Working Together to Safeguard Children (HM Government, 2015), chapter 1: an assessment
//   concludes within 45 working days; the initial child protection conference is held within
//   15 working days (the DfE's CIN statistics time it from the start of the section 47
//   enquiry); the first review conference within 3 months of the initial one, later ones at
//   intervals of no more than 6 months. The 2018 and 2023 editions keep these timescales.
// - The Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33:
//   first review within 20 working days of the day the child becomes looked after, the second
//   within 3 months of the first, later ones within 6 months of the one before.
// - SSDA903 (children looked after return) guidance, table OC2: children looked after
//   continuously for at least 12 months at 31 March; HEALTH_ASSESSMENT and TEETH_CHECK.
// - Children's social work workforce (CSWW) statistics, DfE: the agency rate is agency FTE as
//   a share of all FTE of children and family social workers in post.
// - CP visits and conference reports: the council's own procedures (local standards).
constexpr auto kDefinitions = std::to_array<IndicatorDefinition>({
    {IndicatorId::Assessments45Wd, "assessments_45wd",
     "Assessments completed within 45 working days", IndicatorKind::Event, true,
     "a CIN assessment, dated by its authorisation", "AssessmentActualStartDate",
     "AssessmentAuthorisationDate",
     "every assessment with both dates; authorised before it started is excluded", kWorkingTogether,
     DayCount::Working},
    {IndicatorId::Icpc15Wd, "icpc_15wd",
     "Initial child protection conferences within 15 working days of the section 47 enquiry",
     IndicatorKind::Event, true, "a section 47 enquiry's initial conference, dated by the ICPC",
     "S47ActualStartDate", "DateOfInitialCPC",
     "every section 47 enquiry with an ICPC date and ICPCnotRequired not true; an ICPC before "
     "the enquiry started is excluded",
     kWorkingTogether, DayCount::Working},
    {IndicatorId::CpReviewsOnTime, "cp_reviews_on_time",
     "Child protection review conferences held on time", IndicatorKind::Event, true,
     "a distinct review date of a CP plan, dated by the review",
     "CPPstartDate, then the previous review", "CPPreviewDate",
     "reviews within the plan (start to end, or open); reviews outside it are excluded",
     kWorkingTogether, DayCount::Calendar},
    {IndicatorId::ClaReviewsOnTime, "cla_reviews_on_time",
     "Looked-after children's reviews held on time", IndicatorKind::Event, true,
     "a distinct review date within a period of care, dated by the review",
     "DECOM of the period of care's first episode, then the previous review", "REVIEW",
     "episodes other than short breaks (LS V3, V4), joined into periods of care by REC X1; "
     "reviews outside any period of care are excluded",
     kCarePlanningRegulations, DayCount::Calendar},
    {IndicatorId::CpVisitsOnTime, "cp_visits_on_time", "Child protection visits within timescale",
     IndicatorKind::Event, true,
     "a distinct date the child was seen on a visit, dated by the visit",
     "the previous seen visit of the plan, or the plan's start", "the visit",
     "seen visits within a CP plan; unseen visits and visits outside any plan are excluded",
     "local procedures (visiting standard)", DayCount::Working},
    {IndicatorId::CpReportsSharedOnTime, "cp_reports_shared_on_time",
     "Conference reports shared with the family on time", IndicatorKind::Event, true,
     "a conference, dated by the conference", "the report shared with the family", "the conference",
     "every conference row; a report not shared is late", "local procedures (conference reports)",
     DayCount::Working},
    {IndicatorId::ClaHealthAssessments, "cla_health_assessments",
     "Looked-after children with an annual health assessment", IndicatorKind::Snapshot, true,
     "a child in the OC2 cohort", "", "HEALTH_ASSESSMENT = 1",
     "each distinct child looked after continuously for 12 months at 31 March",
     "SSDA903 guidance, table OC2", DayCount::Calendar},
    {IndicatorId::ClaDentalChecks, "cla_dental_checks", "Looked-after children with a dental check",
     IndicatorKind::Snapshot, true, "a child in the OC2 cohort", "", "TEETH_CHECK = 1",
     "each distinct child looked after continuously for 12 months at 31 March",
     "SSDA903 guidance, table OC2", DayCount::Calendar},
    {IndicatorId::AgencySwRate, "agency_sw_rate", "Agency social workers (FTE rate)",
     IndicatorKind::Snapshot, false, "a qualified social worker in post, weighted by FTE", "",
     "AgencyWorker = true",
     "workers in post on the reference date (started on or before it, not yet left)",
     "DfE children's social work workforce statistics", DayCount::Calendar, true},
    // The Annex A figures: one snapshot per extract, on its as-at date T (annex_a_figures.hpp
    // gives each rule's source).
    {IndicatorId::AnnexCpVisits, "annex_cp_visits",
     "Annex A: children on a plan visited in timescale", IndicatorKind::Snapshot, true,
     "a child on a CP plan at T (List 7)", "the last statutory visit, or the plan's start", "T",
     "plans started on or before T and not ended by it", kLocalVisits, DayCount::Working, true},
    {IndicatorId::AnnexCpReviews, "annex_cp_reviews",
     "Annex A: child protection plans reviewed in timescale", IndicatorKind::Snapshot, true,
     "a child on a CP plan at T (List 7)", "the latest review conference, or the plan's start", "T",
     "plans started on or before T and not ended by it", kWorkingTogether, DayCount::Calendar,
     true},
    {IndicatorId::AnnexCpOverTwoYears, "annex_cp_over_two_years",
     "Annex A: child protection plans lasting more than two years", IndicatorKind::Snapshot, false,
     "a child on a CP plan at T (List 7)", "the plan's start", "T",
     "plans started on or before T and not ended by it", kDfePublished, DayCount::Calendar, true},
    {IndicatorId::AnnexClaReviews, "annex_cla_reviews",
     "Annex A: looked-after children reviewed in timescale", IndicatorKind::Snapshot, true,
     "a child looked after at T (List 8)", "the latest statutory review, or the start of care", "T",
     "children who started to be looked after on or before T and had not ceased by it",
     kCarePlanningRegulations, DayCount::Calendar, true},
    {IndicatorId::AnnexClaVisits, "annex_cla_visits",
     "Annex A: looked-after children visited in timescale", IndicatorKind::Snapshot, true,
     "a child looked after at T (List 8)", "the last social work visit, or the start of care", "T",
     "children who started to be looked after on or before T and had not ceased by it",
     kCarePlanningVisits, DayCount::Calendar, true},
    {IndicatorId::AnnexClaHealth, "annex_cla_health",
     "Annex A: looked-after children with a health assessment in date", IndicatorKind::Snapshot,
     true, "a child looked after at T for more than 20 working days (List 8)",
     "the last health assessment", "T", "children looked after more than 20 working days at T",
     kHealthGuidance, DayCount::Calendar, true},
    {IndicatorId::AnnexClaDental, "annex_cla_dental",
     "Annex A: looked-after children with a dental check in date", IndicatorKind::Snapshot, true,
     "a child looked after at T for 12 months or more (List 8)", "the last dental check", "T",
     "children looked after 12 months or more at T", kHealthGuidance, DayCount::Calendar, true},
    {IndicatorId::AnnexClaThreePlacements, "annex_cla_three_placements",
     "Annex A: looked-after children with three or more placements in 12 months",
     IndicatorKind::Snapshot, false, "a child looked after at T (List 8)", "",
     "placements in the last 12 months",
     "children looked after at T with the number of placements given", kDfePublished,
     DayCount::Calendar, true},
    {IndicatorId::AnnexCareLeaversInTouch, "annex_care_leavers_in_touch",
     "Annex A: care leavers the local authority is in touch with", IndicatorKind::Snapshot, true,
     "a care leaver (List 9)", "", "in touch = yes", "every List 9 row with an answer",
     kIlacsCareLeavers, DayCount::Calendar, true},
    {IndicatorId::AnnexCareLeaversAccommodation, "annex_care_leavers_accommodation",
     "Annex A: care leavers in suitable accommodation", IndicatorKind::Snapshot, true,
     "a care leaver (List 9)", "", "accommodation suitable = yes",
     "every List 9 row with an answer", kIlacsCareLeavers, DayCount::Calendar, true},
    {IndicatorId::AnnexCareLeaversEet, "annex_care_leavers_eet",
     "Annex A: care leavers in education, employment or training", IndicatorKind::Snapshot, true,
     "a care leaver (List 9)", "", "activity code F* or P*",
     "every List 9 row with an activity code", kIlacsCareLeavers, DayCount::Calendar, true},
    {IndicatorId::AnnexCinVisits, "annex_cin_visits", "Annex A: children in need seen in timescale",
     IndicatorKind::Snapshot, true, "an open child in need case at T (List 6)",
     "the date the child was last seen", "T", "cases started on or before T and not closed by it",
     kLocalVisits, DayCount::Working, true},
});

std::string number(int value) { return std::to_string(value); }

}  // namespace

std::span<const IndicatorDefinition> indicator_definitions() { return kDefinitions; }

bool is_annex_a(IndicatorId id) { return id >= IndicatorId::AnnexCpVisits; }

const IndicatorDefinition& indicator_definition(IndicatorId id) {
    for (const auto& definition : kDefinitions) {
        if (definition.id == id) return definition;
    }
    assert(false && "every IndicatorId has a row in kDefinitions");
    return kDefinitions.front();
}

const IndicatorDefinition* find_indicator(std::string_view key) {
    for (const auto& definition : kDefinitions) {
        if (definition.key == key) return &definition;
    }
    return nullptr;
}

std::string rule_text(const IndicatorDefinition& definition, const IndicatorSettings& settings) {
    const std::string source = " (" + std::string(definition.source) + ")";
    const AnnexAStandards& a = settings.annex_a;
    switch (definition.id) {
        case IndicatorId::Assessments45Wd:
            return "wd(start, authorised) ≤ " + number(settings.assessment_working_days) +
                   " working days" + source;
        case IndicatorId::Icpc15Wd:
            return "wd(S47 start, ICPC) ≤ " + number(settings.initial_conference_working_days) +
                   " working days" + source;
        case IndicatorId::CpReviewsOnTime:
            return "first review ≤ plan start + 3 months; each later review ≤ previous review + "
                   "6 months" +
                   source;
        case IndicatorId::ClaReviewsOnTime:
            return "first review ≤ 20th working day after the period of care began; second ≤ "
                   "first + 3 months; each later ≤ previous + 6 months" +
                   source;
        case IndicatorId::CpVisitsOnTime:
            return "wd(previous seen visit or plan start, visit) ≤ " +
                   number(settings.visit_working_days) + " working days" + source;
        case IndicatorId::CpReportsSharedOnTime:
            return "report shared ≥ " + number(settings.initial_report_working_days) +
                   " working days before an initial conference, ≥ " +
                   number(settings.review_report_working_days) +
                   " before a review conference (wd(shared, conference))" + source;
        case IndicatorId::ClaHealthAssessments:
            return "HEALTH_ASSESSMENT = 1, of children in the OC2 cohort" + source;
        case IndicatorId::ClaDentalChecks:
            return "TEETH_CHECK = 1, of children in the OC2 cohort" + source;
        case IndicatorId::AgencySwRate:
            return "agency FTE ÷ all FTE of qualified social workers in post on the reference "
                   "date" +
                   source;
        case IndicatorId::AnnexCpVisits:
            return "wd(last statutory visit, T) ≤ " + number(a.cp_visit_working_days) +
                   " working days; no visit: wd(plan start, T) ≤ " +
                   number(a.cp_visit_working_days) + source;
        case IndicatorId::AnnexCpReviews:
            return "no review: T ≤ plan start + " + number(a.cp_first_review_months) +
                   " months; else T ≤ latest review + " + number(a.cp_review_months) + " months" +
                   source;
        case IndicatorId::AnnexCpOverTwoYears:
            return "counted when T > plan start + " + number(a.cp_long_plan_months) + " months" +
                   source;
        case IndicatorId::AnnexClaReviews:
            return "no review: T ≤ start + " + number(a.cla_first_review_working_days) +
                   " working days; else T ≤ latest review + " + number(a.cla_review_months) +
                   " months" + source;
        case IndicatorId::AnnexClaVisits:
            return "T ≤ last visit + " + number(a.cla_visit_days) +
                   " days; no visit: T ≤ start + " + number(a.cla_first_visit_days) + " days" +
                   source;
        case IndicatorId::AnnexClaHealth:
            return "looked after more than " + number(a.cla_health_cohort_working_days) +
                   " working days: last health assessment ≥ T − " +
                   number(a.cla_health_under_five_months) + " months under 5, ≥ T − " +
                   number(a.cla_health_months) + " months from 5" + source;
        case IndicatorId::AnnexClaDental:
            return "looked after " + number(a.cla_dental_cohort_months) +
                   " months or more: last dental check ≥ T − " + number(a.cla_dental_months) +
                   " months" + source;
        case IndicatorId::AnnexClaThreePlacements:
            return "counted when placements in the last 12 months ≥ " + number(a.cla_placements) +
                   source;
        case IndicatorId::AnnexCareLeaversInTouch:
            return "the local authority is in touch" + source;
        case IndicatorId::AnnexCareLeaversAccommodation:
            return "the accommodation is suitable" + source;
        case IndicatorId::AnnexCareLeaversEet:
            return "activity code F* or P* (education, training or employment)" + source;
        case IndicatorId::AnnexCinVisits:
            return "wd(date last seen, T) ≤ " + number(a.cin_visit_working_days) + " working days" +
                   source;
    }
    return std::string(definition.key);
}

}  // namespace csip::domain
