#include "domain/indicators/indicator_wording.hpp"

namespace csip::domain {
namespace {

// "1st", "2nd", "3rd", "4th", "11th", "22nd".
std::string ordinal(int day) {
    const int tens = day % 100 / 10;
    const int units = day % 10;
    const char* suffix = tens == 1 || units > 3 || units == 0 ? "th"
                         : units == 1                         ? "st"
                         : units == 2                         ? "nd"
                                                              : "rd";
    return std::to_string(day) + suffix;
}

std::string days(int count) {
    return std::to_string(count) + (count == 1 ? " working day" : " working days");
}

std::string months(int count) {
    return std::to_string(count) + (count == 1 ? " month" : " months");
}

}  // namespace

std::string month_part(const std::string& month, Date from, Date to) {
    const bool starts_within = from.month_key() == month && from.day() != 1;
    const bool ends_within = to.month_key() == month && to.plus_days(1).month() == to.month();
    if (starts_within && ends_within) return ordinal(from.day()) + " to " + ordinal(to.day());
    if (starts_within) return "from the " + ordinal(from.day());
    if (ends_within) return "to the " + ordinal(to.day());
    return {};
}

std::string_view plain_title(const IndicatorDefinition& definition) {
    if (definition.id == IndicatorId::AgencySwRate)
        return "Agency social workers (full-time equivalent rate)";
    return definition.title;
}

IndicatorWording indicator_wording(const IndicatorDefinition& definition,
                                   const IndicatorSettings& settings) {
    const AnnexAStandards& a = settings.annex_a;
    switch (definition.id) {
        case IndicatorId::Assessments45Wd:
            return {
                "An assessment of a child in need is on time when a manager signs it off "
                "within " +
                    days(settings.assessment_working_days) +
                    " of it starting. Each assessment counts in the month it was signed off.",
                "Completed on time", "Assessments completed"};
        case IndicatorId::Icpc15Wd:
            return {"An initial child protection conference is on time when it is held within " +
                        days(settings.initial_conference_working_days) +
                        " of the start of the section 47 enquiry into whether the child is at risk "
                        "of significant harm. Each conference counts in the month it was held.",
                    "Held on time", "Initial conferences held"};
        case IndicatorId::CpReviewsOnTime:
            return {
                "A child protection plan's first review conference is on time when it is held "
                "within 3 months of the plan starting, and each later one within 6 months of "
                "the one before. Each review counts in the month it was held.",
                "Held on time", "Review conferences held"};
        case IndicatorId::ClaReviewsOnTime:
            return {
                "A looked-after child's first review is on time when it is held within 20 "
                "working days of the child coming into care, the second within 3 months of the "
                "first, and each later one within 6 months of the one before. Short breaks do "
                "not count. Each review counts in the month it was held.",
                "Held on time", "Reviews held"};
        case IndicatorId::CpVisitsOnTime:
            return {
                "A visit to a child on a child protection plan is on time when the child is "
                "seen within " +
                    days(settings.visit_working_days) +
                    " of the last time they were seen, or of the plan starting. Each visit "
                    "counts in the month it was made.",
                "Seen on time", "Visits where the child was seen"};
        case IndicatorId::CpReportsSharedOnTime:
            return {"A conference report is on time when the family has it at least " +
                        days(settings.initial_report_working_days) +
                        " before an initial child protection conference, or " +
                        days(settings.review_report_working_days) +
                        " before a review conference. A report never shared is late. Each "
                        "conference counts in the month it was held.",
                    "Shared on time", "Conferences held"};
        case IndicatorId::ClaHealthAssessments:
            return {
                "Of the children looked after for at least 12 months on 31 March, the share "
                "who had their health assessment in the year. Counted once a year, from the "
                "return on looked-after children the council sends the Department for "
                "Education.",
                "With a health assessment", "Children looked after for 12 months"};
        case IndicatorId::ClaDentalChecks:
            return {
                "Of the children looked after for at least 12 months on 31 March, the share "
                "who had a dental check in the year. Counted once a year, from the return on "
                "looked-after children the council sends the Department for Education.",
                "With a dental check", "Children looked after for 12 months"};
        case IndicatorId::AgencySwRate:
            return {
                "Of the qualified children and family social workers in post, the share who "
                "are agency workers, counted in full-time equivalents (someone working half "
                "the week counts as a half). Lower is better. Each month is the council's "
                "latest workforce list of that month.",
                "Agency workers, full-time equivalent", "All social workers, full-time equivalent"};
        case IndicatorId::AnnexCpVisits:
            return {
                "Of the children on a child protection plan on the day the council's Annex A "
                "list was taken, the share seen within " +
                    days(a.cp_visit_working_days) +
                    " of that day (or of the plan starting, when there has been no visit). "
                    "One figure for each monthly list.",
                "Seen in timescale", "Children on a plan"};
        case IndicatorId::AnnexCpReviews:
            return {
                "Of the children on a child protection plan on the day the Annex A list was "
                "taken, the share whose plan was reviewed in time: the first review within " +
                    months(a.cp_first_review_months) + " of the plan starting, later ones within " +
                    months(a.cp_review_months) + " of the one before.",
                "Reviewed in timescale", "Children on a plan"};
        case IndicatorId::AnnexCpOverTwoYears:
            return {
                "Of the children on a child protection plan on the day the Annex A list was "
                "taken, the share whose plan has lasted more than " +
                    months(a.cp_long_plan_months) + ". Lower is better.",
                "On a plan over two years", "Children on a plan"};
        case IndicatorId::AnnexClaReviews:
            return {
                "Of the children looked after on the day the Annex A list was taken, the "
                "share whose care was reviewed in time: the first review within " +
                    days(a.cla_first_review_working_days) +
                    " of coming into care, later ones within " + months(a.cla_review_months) +
                    " of the one before.",
                "Reviewed in timescale", "Children looked after"};
        case IndicatorId::AnnexClaVisits:
            return {
                "Of the children looked after on the day the Annex A list was taken, the "
                "share visited by their social worker in the last " +
                    std::to_string(a.cla_visit_days) + " days (within " +
                    std::to_string(a.cla_first_visit_days) +
                    " days of coming into care, for a child not yet visited).",
                "Visited in timescale", "Children looked after"};
        case IndicatorId::AnnexClaHealth:
            return {"Of the children looked after for more than " +
                        days(a.cla_health_cohort_working_days) +
                        " on the day the Annex A list was taken, the share whose health "
                        "assessment is in date: within " +
                        months(a.cla_health_under_five_months) + " for a child under 5, within " +
                        months(a.cla_health_months) + " from 5.",
                    "Health assessment in date", "Children looked after"};
        case IndicatorId::AnnexClaDental:
            return {"Of the children looked after for " + months(a.cla_dental_cohort_months) +
                        " or more on the day the Annex A list was taken, the share who had a "
                        "dental check within the last " +
                        months(a.cla_dental_months) + ".",
                    "Dental check in date", "Children looked after"};
        case IndicatorId::AnnexClaThreePlacements:
            return {
                "Of the children looked after on the day the Annex A list was taken, the "
                "share who have had " +
                    std::to_string(a.cla_placements) +
                    " or more placements in the last 12 months. Lower is better.",
                "Three or more placements", "Children looked after"};
        case IndicatorId::AnnexCareLeaversInTouch:
            return {
                "Of the care leavers on the council's Annex A list, the share the council is "
                "in touch with.",
                "In touch", "Care leavers"};
        case IndicatorId::AnnexCareLeaversAccommodation:
            return {
                "Of the care leavers on the council's Annex A list, the share whose "
                "accommodation the council considers suitable.",
                "In suitable accommodation", "Care leavers"};
        case IndicatorId::AnnexCareLeaversEet:
            return {
                "Of the care leavers on the council's Annex A list, the share in education, "
                "employment or training.",
                "In education, employment or training", "Care leavers"};
        case IndicatorId::AnnexCinVisits:
            return {
                "Of the children in need with an open case on the day the Annex A list was "
                "taken, the share seen within " +
                    days(a.cin_visit_working_days) + " of that day.",
                "Seen in timescale", "Children in need"};
    }
    return {std::string(definition.title), "Counted", "Of"};
}

}  // namespace csip::domain
