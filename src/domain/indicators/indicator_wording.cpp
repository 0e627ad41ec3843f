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
    }
    return {std::string(definition.title), "Counted", "Of"};
}

}  // namespace csip::domain
