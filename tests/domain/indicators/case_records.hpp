// Case records for the indicator tests, written the way the readers would produce them:
// records(assessment("A", "2015-09-14", "2015-11-16"), ...) puts each row in its table.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "domain/case_data.hpp"

namespace csip::domain::test_records {

inline Date d(const char* iso) { return *Date::parse_iso(iso); }
inline std::optional<Date> od(const char* iso) {
    if (iso == nullptr) return std::nullopt;
    return Date::parse_iso(iso);
}

inline Assessment assessment(const char* child, const char* start, const char* authorised) {
    return {child, od(start), od(authorised), {}};
}

inline Section47Enquiry enquiry(const char* child, const char* start, const char* icpc,
                                bool not_required = false) {
    return {child, od(start), od(icpc), not_required, {}};
}

inline ProtectionPlan plan(const char* child, const char* start, const char* end,
                           const std::vector<const char*>& reviews = {}) {
    ProtectionPlan p{child, d(start), od(end), {}, {}};
    for (const char* review : reviews) p.reviews.push_back(d(review));
    return p;
}

inline CareEpisode episode(const char* child, const char* start, const char* legal_status,
                           const char* end, const char* reason_ended) {
    return {child, d(start), legal_status, od(end), reason_ended, {}};
}

inline CareReview care_review(const char* child, const char* held) { return {child, d(held), {}}; }

inline ProtectionVisit visit(const char* child, const char* on, bool seen,
                             const char* worker = "SW1") {
    return {child, d(on), seen, std::nullopt, worker, {}};
}

inline ConferenceReport report(const char* child, ConferenceType type, const char* conference,
                               const char* shared) {
    return {child, type, d(conference), od(shared), {}};
}

inline ContinuouslyLookedAfter oc2(const char* child, std::optional<bool> health,
                                   std::optional<bool> teeth) {
    return {child, health, teeth, {}};
}

inline SocialWorker worker(const char* id, bool agency, double fte, const char* start,
                           const char* end, bool qualified = true) {
    return {id, "Team 1", qualified, agency, fte, od(start), od(end), {}};
}

inline void put(CaseData& data, Assessment row) { data.assessments.push_back(std::move(row)); }
inline void put(CaseData& data, Section47Enquiry row) { data.enquiries.push_back(std::move(row)); }
inline void put(CaseData& data, ProtectionPlan row) {
    data.protection_plans.push_back(std::move(row));
}
inline void put(CaseData& data, CareEpisode row) { data.care_episodes.push_back(std::move(row)); }
inline void put(CaseData& data, CareReview row) { data.care_reviews.push_back(std::move(row)); }
inline void put(CaseData& data, ProtectionVisit row) {
    data.protection_visits.push_back(std::move(row));
}
inline void put(CaseData& data, ConferenceReport row) {
    data.conference_reports.push_back(std::move(row));
}
inline void put(CaseData& data, ContinuouslyLookedAfter row) {
    data.continuously_looked_after.push_back(std::move(row));
}

template <typename... Rows>
CaseData records(Rows... rows) {
    CaseData data;
    (put(data, std::move(rows)), ...);
    return data;
}

}  // namespace csip::domain::test_records
