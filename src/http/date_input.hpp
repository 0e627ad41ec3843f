// The GOV.UK date input (design-system.service.gov.uk/components/date-input): a date asked for
// as day, month and year in a fieldset, read and checked as the Design System says (one message
// naming only the parts at fault: "The new due date must include a month", "must be a real date",
// "Year must include 4 numbers") and drawn from one template, templates/date_input.mustache,
// wherever a page asks for a date. A page renders it with Site::templates and places the HTML
// with {{{...}}}.
#pragma once

#include <optional>
#include <string>

#include <httplib.h>

#include "domain/date.hpp"
#include "http/templates.hpp"

namespace csip::http {

// What was typed into the three fields, as typed.
struct DateParts {
    std::string day;
    std::string month;
    std::string year;
};

// The fields NAME_day, NAME_month and NAME_year of a form or a query string.
[[nodiscard]] DateParts date_parts(const httplib::Request& request, const std::string& name);
// A date as the fields show it: 15, 9, 2015.
[[nodiscard]] DateParts date_parts(domain::Date date);

// What is wrong with a date as typed, and which of its parts to mark.
struct DateProblem {
    std::string message;
    bool day = false;
    bool month = false;
    bool year = false;
};

// The date the parts make, or the problem with them, or neither when all three are empty.
// `what` names the date as its legend does, as the start of a sentence: "The new due date".
struct DateReading {
    std::optional<domain::Date> date;
    std::optional<DateProblem> problem;
};
[[nodiscard]] DateReading read_date(const DateParts& parts, const std::string& what);
// A date a page is asked for in its address: from the fields NAME_day, NAME_month and NAME_year,
// or, when all three are absent, from a link's NAME=YYYY-MM-DD. `parts` is set to what the
// fields are to show.
[[nodiscard]] DateReading read_date(const httplib::Request& request, const std::string& name,
                                    const std::string& what, DateParts& parts);

// The date input's HTML: the fieldset with `legend` and `hint`, the fields NAME_day ... with ids
// NAME-day ..., `parts` as their values and `problem` shown and marked. The error summary links
// to NAME-day, or to the first part at fault (date_error_target).
struct DateInput {
    std::string name;
    std::string legend;
    std::string hint;
    bool legend_as_heading = false;  // a page whose one question is this date
};
[[nodiscard]] std::string render_date_input(const Templates& templates, const DateInput& input,
                                            const DateParts& parts,
                                            const std::optional<DateProblem>& problem);
// The id the error summary links to for `problem`: the first part at fault.
[[nodiscard]] std::string date_error_target(const std::string& name, const DateProblem& problem);

}  // namespace csip::http
