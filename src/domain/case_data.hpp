// Case-level records, as the national returns hold them and as the indicators need them: only
// the fields an indicator or its exception list uses (DESIGN.md §3: store only what the
// indicators need). Child identifiers are kept as given (already pseudonymous in the returns).
// Every record carries `source`, the file and line it came from, so that an exception or a
// data-quality note can point back to the row.
//
// Readers in src/import/ produce these; the indicator engine in src/domain/indicators/ reads
// them. Tables are plain vectors in file order; the engine sorts and groups as a rule needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/date.hpp"

namespace csip::domain {

struct SourceRef {
    std::string file;
    std::uint32_t line = 0;
};

// CIN census <Assessments>: AssessmentActualStartDate, AssessmentAuthorisationDate.
struct Assessment {
    std::string child_id;
    std::optional<Date> start;
    std::optional<Date> authorised;
    SourceRef source;
};

// CIN census <Section47>: S47ActualStartDate, DateOfInitialCPC, ICPCnotRequired.
struct Section47Enquiry {
    std::string child_id;
    std::optional<Date> start;
    std::optional<Date> initial_conference;
    bool conference_not_required = false;
    SourceRef source;
};

// CIN census <ChildProtectionPlans>: CPPstartDate, CPPendDate, every Reviews/CPPreviewDate.
struct ProtectionPlan {
    std::string child_id;
    Date start;
    std::optional<Date> end;  // none while the plan is open
    std::vector<Date> reviews;  // as recorded; may repeat and be out of order
    SourceRef source;
};

// SSDA903 `episodes`: CHILD, DECOM, LS, DEC, REC (blank DEC = open).
struct CareEpisode {
    std::string child_id;
    Date start;
    std::string legal_status;  // LS, e.g. C2, V2, V3, V4
    std::optional<Date> end;
    std::string reason_ended;  // REC, e.g. E11, X1; blank while open
    SourceRef source;
};

// SSDA903 `reviews`: CHILD, REVIEW.
struct CareReview {
    std::string child_id;
    Date held;
    SourceRef source;
};

// SSDA903 `oc2`: one row per child looked after continuously for 12 months at 31 March.
struct ContinuouslyLookedAfter {
    std::string child_id;
    std::optional<bool> health_assessment;  // HEALTH_ASSESSMENT = 1
    std::optional<bool> teeth_check;        // TEETH_CHECK = 1
    SourceRef source;
};

// CP visits CSV (Standard Safeguarding Dataset shape).
struct ProtectionVisit {
    std::string child_id;
    Date on;
    bool seen = false;
    std::optional<bool> seen_alone;
    std::string worker;  // where known
    SourceRef source;
};

enum class ConferenceType { Initial, Review };

// Conference reports CSV (csip's own): when the report was shared with the family.
struct ConferenceReport {
    std::string child_id;
    ConferenceType type = ConferenceType::Initial;
    Date conference;
    std::optional<Date> shared;  // none = not shared
    SourceRef source;
};

// CSWW <CSWWWorker>, or a row of the workforce CSV (csip's own).
struct SocialWorker {
    std::string worker_id;
    std::string team;
    bool qualified = true;
    bool agency = false;
    double fte = 0.0;
    std::optional<Date> start;
    std::optional<Date> end;
    SourceRef source;
};

// The workforce on one date: a CSWW census (30 September) or a monthly HR extract. Several
// snapshots give the agency rate month by month.
struct WorkforceSnapshot {
    Date reference_date;
    std::vector<SocialWorker> workers;
};

// One child's row of an Ofsted Annex A list (ILACS), as at its snapshot's date. Annex A holds
// only the latest dates (last visit, latest review), so a row is a fact about the as-at date,
// never a history. The fields the figures read are typed; which of them a list has:
//   List 1 (contacts): start (date of contact).
//   List 2 (early help assessments): start, end (completion).
//   List 3 (referrals): start (date of referral).
//   List 4 (assessments): start, end (authorisation).
//   List 5 (section 47 enquiries): start (strategy discussion), end (initial conference),
//     no_conference_needed.
//   List 6 (children in need): start (CIN start), end (closure), last_visit (date last seen).
//   List 7 (child protection): start, end (plan), last_visit (last statutory visit),
//     latest_review (latest review conference), previous_plans (number of previous plans).
//   List 8 (looked after): start, end (ceased), last_visit (last social work visit),
//     latest_review (latest statutory review), health_assessment, dental_check,
//     placements_last_12_months.
//   List 9 (care leavers): in_touch, suitable_accommodation, activity (the code: F1, G4, ...),
//     latest_review (pathway plan review), last_visit (latest date of contact).
//   List 10 (adoption): start (entered care), end (adoption order).
//   List 11 (adopters): child_id is the adopter's identifier; start (enquiry received), end
//     (adoption order).
// Every list may give birth (date of birth), team and worker.
// Every column of every list, these included, is kept as read in `values` (header, value with
// a code's letter stripped and dates as YYYY-MM-DD), in the file's order.
struct AnnexAChild {
    int list = 0;  // 1 to 11
    std::string child_id;
    std::string team;    // the allocated team, where given
    std::string worker;  // the allocated worker, where given
    std::optional<Date> birth;
    std::optional<Date> start;
    std::optional<Date> end;
    std::optional<Date> last_visit;
    std::optional<Date> latest_review;
    std::optional<Date> health_assessment;
    std::optional<Date> dental_check;
    std::optional<int> placements_last_12_months;
    std::optional<int> previous_plans;
    std::optional<bool> in_touch;
    std::optional<bool> suitable_accommodation;
    std::optional<bool> no_conference_needed;  // List 5: an ICPC was deemed unnecessary
    std::string activity;
    std::vector<std::pair<std::string, std::string>> values;
    SourceRef source;
};

// An Annex A extract as at one date: every row of every list it holds, in the workbook's order
// (list by list).
struct AnnexASnapshot {
    Date as_at;
    std::vector<AnnexAChild> children;
};

// Everything the indicators read. A reader fills the tables of its format; the app merges.
struct CaseData {
    std::vector<Assessment> assessments;
    std::vector<Section47Enquiry> enquiries;
    std::vector<ProtectionPlan> protection_plans;
    std::vector<CareEpisode> care_episodes;
    std::vector<CareReview> care_reviews;
    std::vector<ContinuouslyLookedAfter> continuously_looked_after;
    std::optional<Date> oc2_year_end;  // the 31 March the OC2 cohort is taken at, when known
    std::vector<ProtectionVisit> protection_visits;
    std::vector<ConferenceReport> conference_reports;
    std::vector<WorkforceSnapshot> workforce;  // one per census or extract, in any order
    // One per Annex A import, in any order. A reader gives one snapshot with as_at unset (the
    // app dates it: --as-at, or the latest date its rows carry); an Annex A return holds one.
    std::vector<AnnexASnapshot> annex_a;
};

}  // namespace csip::domain
