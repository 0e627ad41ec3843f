// The generic form page (templates/plan_form.mustache): a heading, fields of the Design System's
// kinds (text, textarea, select, radios, checkboxes, file, date input, heading, HTML placed as
// it is), an error summary linking to each field at fault, and, after a conflict, the item as it
// now is. The plan editor and the indicator settings draw every form with it; a page builds a
// Form, keeps what was typed in FormValues and shows both with show_form.
#pragma once

#include <httplib.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/date_input.hpp"
#include "http/site.hpp"

namespace csip::http {

// A text for a {{#section}}: kainjow mustache takes an empty string as true, so empty is false.
[[nodiscard]] Data maybe(const std::string& text);

// What a form holds: each field's values by name, as typed or as the item has them.
using FormValues = std::map<std::string, std::vector<std::string>>;

// The first value of `name`, or empty.
[[nodiscard]] std::string one(const FormValues& values, const std::string& name);
// Every parameter of a posted form (or a query string).
[[nodiscard]] FormValues values_from(const httplib::Request& request);

struct Option {
    std::string value;
    std::string label;
    std::string hint;
};

struct Field {
    enum class Kind { Text, Textarea, Select, Radios, Checkboxes, File, Date, Heading, Html };
    Kind kind = Kind::Text;
    std::string name;
    std::string label;
    std::string hint;
    std::vector<Option> options;
    std::string width;
    bool numeric = false;
    int rows = 4;
    std::string html;  // Kind::Html: placed as it is
    bool multiple = false;  // Kind::File: more than one file may be chosen
};

struct Form {
    std::string heading;
    std::string caption;
    std::string intro;
    std::string action;
    std::string submit = "Save";
    std::string back;     // the back link and "Cancel"
    std::string section;  // the navigation item the page is under ("plan", "indicators")
    std::optional<int> version;
    bool multipart = false;
    bool warning = false;
    std::vector<Field> fields;
};

// The date fields of `name`, as typed (NAME_day, ...) or from the ISO date in values[name].
[[nodiscard]] DateParts parts_of(const FormValues& values, const std::string& name);

// Shows `form` with `values`, `errors` marked and, after a conflict, `current` (the item as it
// now is, label and value); a date field's problem from `date_problems` marks only its parts at
// fault.
void show_form(Site& site, httplib::Response& response, const Visitor& visitor, const Form& form,
               const FormValues& values, const std::vector<FieldError>& errors, int status,
               const std::vector<std::pair<std::string, std::string>>& current = {},
               const std::map<std::string, DateProblem>& date_problems = {});

// Reads the date field `name` into values[name] as ISO text; a problem goes to `errors` and
// `problems`. `what` names the date as the start of a sentence: "The due date".
void read_date_field(FormValues& values, const std::string& name, const std::string& what,
                     bool required, std::vector<FieldError>& errors,
                     std::map<std::string, DateProblem>& problems);

}  // namespace csip::http
