// The csip-plan/1 reader. nlohmann-json parses the text; a walk over the parsed value checks
// each object's keys against the format (unknown keys are refused, so that a typo such as
// `staus` is not silently ignored) and each value's type and words, building the plan as it
// goes and collecting every problem; domain::check_plan then checks the plan's consistency.
// JsonLocator gives each problem's path a line and column.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <span>

#include <nlohmann/json.hpp>

#include "domain/plan_rules.hpp"
#include "import/json_text.hpp"
#include "import/plan_reader.hpp"
#include "import/spelling.hpp"

namespace csip::import {
namespace {

using Json = nlohmann::ordered_json;
using domain::Date;

constexpr std::string_view kFormat = "csip-plan/1";
constexpr std::string_view kDateExample = "2015-10-31";

// A key an object may have: whether it must be there, and an example value for the message
// that asks for it.
struct Key {
    std::string_view name;
    bool required;
    std::string_view example;
};

// The keys of each object, in the order the writer puts them (docs/plan-format.md).
// `version` and `retired` are optional everywhere: a file written before csip kept them, or by
// another system, leaves them out (version 1, in the plan).
constexpr std::array kPlanKeys{
    Key{"format", true, "\"csip-plan/1\""},     Key{"authority", true, "\"West Berkshire\""},
    Key{"title", true, "\"Improvement plan\""}, Key{"vision", true, "\"...\""},
    Key{"version", false, "1"},                 Key{"inspection", true, "{ ... }"},
    Key{"recommendations", true, "[ ... ]"},    Key{"workstreams", true, "[ ... ]"}};
constexpr std::array kInspectionKeys{
    Key{"framework", true, "\"SIF\""},  Key{"start", true, "\"2015-03-02\""},
    Key{"end", true, "\"2015-03-24\""}, Key{"published", true, "\"2015-05-18\""},
    Key{"judgements", true, "[ ... ]"}, Key{"overall", false, "\"inadequate\""},
    Key{"version", false, "1"}};
constexpr std::array kJudgementKeys{Key{"area", true, "\"Help and protection\""},
                                    Key{"grade", true, "\"inadequate\""},
                                    Key{"limiting", true, "false"}};
constexpr std::array kRecommendationKeys{
    Key{"id", true, "\"R1\""},       Key{"category", true, "\"priority\""},
    Key{"text", true, "\"...\""},    Key{"version", false, "1"},
    Key{"retired", false, "{ ... }"}};
constexpr std::array kWorkstreamKeys{Key{"id", true, "\"W1\""},         Key{"title", true, "\"...\""},
                                     Key{"sponsor", true, "\"...\""},   Key{"lead", true, "\"...\""},
                                     Key{"version", false, "1"},       Key{"retired", false, "{ ... }"},
                                     Key{"commitments", true, "[ ... ]"}};
constexpr std::array kCommitmentKeys{Key{"id", true, "\"C1\""},
                                     Key{"text", true, "\"...\""},
                                     Key{"recommendations", true, "[\"R1\"]"},
                                     Key{"version", false, "1"},
                                     Key{"retired", false, "{ ... }"},
                                     Key{"measures", false, "[ ... ]"},
                                     Key{"actions", true, "[ ... ]"}};
constexpr std::array kMeasureKeys{Key{"id", true, "\"M1\""},
                                  Key{"kind", true, "\"monitored\""},
                                  Key{"text", true, "\"...\""},
                                  Key{"indicator", false, "\"assessments_45wd\""},
                                  Key{"target", false, "85"},
                                  Key{"status", false, "\"not_assessed\""},
                                  Key{"status_by", false, "\"...\""},
                                  Key{"status_at", false, "\"2015-09-01T10:00:00Z\""},
                                  Key{"version", false, "1"},
                                  Key{"retired", false, "{ ... }"}};
constexpr std::array kActionKeys{Key{"id", true, "\"A1\""},
                                 Key{"text", true, "\"...\""},
                                 Key{"lead", true, "\"Head of Service\""},
                                 Key{"due", true, "\"2015-10-31\""},
                                 Key{"original_due", false, "\"2015-10-31\""},
                                 Key{"status", true, "\"not_started\""},
                                 Key{"rag", true, "null"},
                                 Key{"version", false, "1"},
                                 Key{"retired", false, "{ ... }"},
                                 Key{"updates", false, "[ ... ]"}};
constexpr std::array kRetirementKeys{Key{"on", true, "\"2015-09-01\""}, Key{"by", true, "\"...\""},
                                     Key{"reason", true, "\"...\""}};
constexpr std::array kUpdateKeys{Key{"on", true, "\"2015-09-01\""}, Key{"by", true, "\"...\""},
                                 Key{"text", true, "\"...\""}, Key{"status", false, "null"},
                                 Key{"rag", false, "null"}};

constexpr std::array kGrades{domain::Grade::Outstanding, domain::Grade::Good,
                             domain::Grade::RequiresImprovement, domain::Grade::Inadequate};
constexpr std::array kCategories{domain::RecommendationCategory::Priority,
                                 domain::RecommendationCategory::Improvement};
constexpr std::array kKinds{domain::MeasureKind::Measured, domain::MeasureKind::Monitored,
                            domain::MeasureKind::Observed, domain::MeasureKind::Established};
constexpr std::array kStatuses{domain::ActionStatus::NotStarted, domain::ActionStatus::InProgress,
                               domain::ActionStatus::Complete};
constexpr std::array kRags{domain::Rag::Red, domain::Rag::Amber, domain::Rag::Green};
constexpr std::array kMeasureStatuses{domain::MeasureStatus::NotAssessed,
                                      domain::MeasureStatus::NotMet,
                                      domain::MeasureStatus::PartlyMet, domain::MeasureStatus::Met};

// The words of an enumeration, quoted, for messages: "red", "amber", "green".
template <typename E, std::size_t N>
std::string quoted_words(const std::array<E, N>& values) {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i != 0) out += ", ";
        out += "\"" + std::string(domain::to_string(values[i])) + "\"";
    }
    return out;
}

// A value as a message shows it: the text "yes", the number 12, a list.
std::string describe(const Json& value) {
    switch (value.type()) {
        case Json::value_t::string: {
            return "the text \"" + printable(value.get_ref<const std::string&>(), 40) + "\"";
        }
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
            return "the number " + value.dump();
        case Json::value_t::boolean:
            return value.dump();
        case Json::value_t::null:
            return "null";
        case Json::value_t::array:
            return "a list";
        case Json::value_t::object:
            return "an object";
        default:
            return "a value of another kind";
    }
}

bool is_within(const std::string& outer, const std::string& path) {
    if (outer.empty()) return true;
    return path.rfind(outer, 0) == 0 &&
           (path.size() == outer.size() || path[outer.size()] == '.' || path[outer.size()] == '[');
}

class Walker {
  public:
    Walker(std::string file, std::string_view text, std::vector<Problem>& problems)
        : m_file(std::move(file)), m_lines(text), m_locator(text), m_problems(problems) {}

    void add(const std::string& path, std::size_t offset, std::string message, std::string fix) {
        const auto position = m_lines.position(offset);
        m_problems.push_back(
            {m_file, path, position.line, position.column, {}, std::move(message), std::move(fix)});
        m_problem_paths.push_back(path);
    }
    void at_value(const std::string& path, std::string message, std::string fix) {
        add(path, m_locator.value_offset(path), std::move(message), std::move(fix));
    }

    [[nodiscard]] const std::vector<std::string>& problem_paths() const { return m_problem_paths; }

    void report_duplicate_keys() {
        for (const auto& duplicate : m_locator.duplicate_keys()) {
            const auto first = m_lines.position(duplicate.first_offset);
            add(duplicate.path, duplicate.offset,
                "the key '" + printable(last_key(duplicate.path)) +
                    "' is given twice in this object (first on line " + std::to_string(first.line) +
                    ", column " + std::to_string(first.column) + ")",
                "keep one of them");
        }
    }

    // Checks that `value` is an object with the keys of `keys` and no others. False if it is
    // not an object at all, when nothing inside it can be read.
    bool object(const Json& value, const std::string& path, std::string_view noun,
                std::span<const Key> keys) {
        if (!value.is_object()) {
            at_value(
                path,
                "expected " + std::string(noun) + " (an object { ... }), found " + describe(value),
                "write its keys and values between { and }");
            return false;
        }
        for (const auto& [name, member] : value.items()) {
            // A copy: lambdas may capture a structured binding only from C++20 on, which clang
            // (the fuzz build's compiler) does not yet take.
            const std::string& member_name = name;
            const bool known = std::any_of(keys.begin(), keys.end(), [&](const Key& key) {
                return key.name == member_name;
            });
            if (known) continue;
            std::vector<std::string_view> names;
            for (const auto& key : keys) names.push_back(key.name);
            std::string fix;
            if (const auto suggestion = closest_spelling(name, names)) {
                fix = "did you mean '" + std::string(*suggestion) + "'? ";
            }
            fix += "the keys of " + std::string(noun) + " are " + join(names);
            const auto member_at = member_path(path, name);
            add(member_at, m_locator.key_offset(member_at).value_or(m_locator.value_offset(path)),
                "unknown key '" + printable(name) + "' in " + std::string(noun), std::move(fix));
        }
        for (const auto& key : keys) {
            if (key.required && !value.contains(key.name)) {
                at_value(member_path(path, key.name),
                         std::string(noun) + " has no '" + std::string(key.name) + "'",
                         "add \"" + std::string(key.name) + "\": " + std::string(key.example));
            }
        }
        return true;
    }

    // The member `key` of `object`, or null when it is absent (already reported if required).
    static const Json* member(const Json& object, std::string_view key) {
        const auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }

    std::string text(const Json& object, const std::string& path, std::string_view key) {
        const Json* value = member(object, key);
        if (value == nullptr) return {};
        if (value->is_string()) return value->get<std::string>();
        at_value(member_path(path, key), "expected text, found " + describe(*value),
                 "write it in double quotes: \"" + std::string(key) + "\": \"...\"");
        return {};
    }

    std::optional<std::string> optional_text(const Json& object, const std::string& path,
                                             std::string_view key) {
        const Json* value = member(object, key);
        if (value == nullptr || value->is_null()) return std::nullopt;
        return text(object, path, key);
    }

    Date date(const Json& object, const std::string& path, std::string_view key) {
        return optional_date(object, path, key).value_or(Date{});
    }

    std::optional<Date> optional_date(const Json& object, const std::string& path,
                                      std::string_view key) {
        const Json* value = member(object, key);
        if (value == nullptr || value->is_null()) return std::nullopt;
        const auto at = member_path(path, key);
        if (!value->is_string()) {
            at_value(at, "expected a date, found " + describe(*value),
                     "write dates in double quotes as \"YYYY-MM-DD\", e.g. \"" +
                         std::string(kDateExample) + "\"");
            return std::nullopt;
        }
        const auto& written = value->get_ref<const std::string&>();
        if (auto parsed = Date::parse_iso(written)) return parsed;
        at_value(at, "'" + printable(written) + "' is not a date",
                 "write dates as YYYY-MM-DD, e.g. " + std::string(kDateExample));
        return std::nullopt;
    }

    bool flag(const Json& object, const std::string& path, std::string_view key) {
        const Json* value = member(object, key);
        if (value == nullptr) return false;
        if (value->is_boolean()) return value->get<bool>();
        at_value(member_path(path, key), "expected true or false, found " + describe(*value),
                 "write true or false, without quotes");
        return false;
    }

    std::optional<double> optional_number(const Json& object, const std::string& path,
                                          std::string_view key) {
        const Json* value = member(object, key);
        if (value == nullptr || value->is_null()) return std::nullopt;
        if (value->is_number()) return value->get<double>();
        at_value(member_path(path, key), "expected a number, found " + describe(*value),
                 "write the number without quotes, e.g. 85");
        return std::nullopt;
    }

    // One of the words of `values` (domain::to_string), or null when `nullable` allows it.
    template <typename E, std::size_t N>
    std::optional<E> word(const Json& object, const std::string& path, std::string_view key,
                          std::string_view noun, const std::array<E, N>& values,
                          std::optional<E> (*parse)(std::string_view), bool nullable) {
        const Json* value = member(object, key);
        if (value == nullptr || (nullable && value->is_null())) return std::nullopt;
        const auto fix = "use one of " + quoted_words(values) + (nullable ? " or null" : "");
        const auto at = member_path(path, key);
        if (!value->is_string()) {
            at_value(at, "expected " + std::string(noun) + ", found " + describe(*value), fix);
            return std::nullopt;
        }
        const auto& written = value->get_ref<const std::string&>();
        if (auto parsed = parse(written)) return parsed;
        at_value(at, "'" + printable(written) + "' is not " + std::string(noun), fix);
        return std::nullopt;
    }

    // An item's version: a whole number of 1 or more; 1 when it is left out.
    int version(const Json& object, const std::string& path) {
        const Json* value = member(object, "version");
        if (value == nullptr) return 1;
        constexpr std::int64_t kLargest = std::numeric_limits<int>::max();
        if (value->is_number_integer()) {
            const auto number = value->get<std::int64_t>();
            if (number >= 1 && number <= kLargest) return static_cast<int>(number);
        } else if (value->is_number_unsigned() && value->get<std::uint64_t>() <= kLargest) {
            return static_cast<int>(value->get<std::uint64_t>());
        }
        at_value(member_path(path, "version"),
                 "expected a version (a whole number of 1 or more), found " + describe(*value),
                 "write the version csip exported, e.g. \"version\": 3, or leave it out");
        return 1;
    }

    // An item's retirement, or nothing while it is in the plan (`retired` left out or null).
    // A retirement says when, by whom and why: all three are required, the reason not empty.
    std::optional<domain::Retirement> retirement(const Json& object, const std::string& path) {
        const Json* value = member(object, "retired");
        if (value == nullptr || value->is_null()) return std::nullopt;
        const auto at = member_path(path, "retired");
        domain::Retirement retired;
        if (!this->object(*value, at, "a retirement", kRetirementKeys)) return retired;
        retired.on = date(*value, at, "on");
        retired.by = text(*value, at, "by");
        retired.reason = text(*value, at, "reason");
        if (const Json* reason = member(*value, "reason");
            reason != nullptr && reason->is_string() &&
            retired.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
            at_value(member_path(at, "reason"), "a retirement has no reason",
                     "say why the item left the plan, e.g. \"merged into A4\"");
        }
        return retired;
    }

    // The list `key` of `object`, or null when it is absent or not a list (reported).
    const Json* list(const Json& object, const std::string& path, std::string_view key) {
        const Json* value = member(object, key);
        if (value == nullptr) return nullptr;
        if (value->is_array()) return value;
        at_value(member_path(path, key), "expected a list [ ... ], found " + describe(*value),
                 "write the items between [ and ], separated by commas");
        return nullptr;
    }

  private:
    static std::string last_key(const std::string& path) {
        const auto dot = path.find_last_of('.');
        return dot == std::string::npos ? path : path.substr(dot + 1);
    }
    static std::string join(const std::vector<std::string_view>& names) {
        std::string out;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (i != 0) out += i + 1 == names.size() ? " and " : ", ";
            out += names[i];
        }
        return out;
    }

    std::string m_file;
    LineIndex m_lines;
    JsonLocator m_locator;
    std::vector<Problem>& m_problems;
    std::vector<std::string> m_problem_paths;
};

domain::StatusUpdate read_update(Walker& walker, const Json& value, const std::string& path) {
    domain::StatusUpdate update;
    if (!walker.object(value, path, "a status update", kUpdateKeys)) return update;
    update.on = walker.date(value, path, "on");
    update.by = walker.text(value, path, "by");
    update.text = walker.text(value, path, "text");
    update.status = walker.word(value, path, "status", "a status", kStatuses,
                                &domain::parse_action_status, true);
    update.rag = walker.word(value, path, "rag", "a RAG", kRags, &domain::parse_rag, true);
    return update;
}

domain::Action read_action(Walker& walker, const Json& value, const std::string& path) {
    domain::Action action;
    if (!walker.object(value, path, "an action", kActionKeys)) return action;
    action.id = walker.text(value, path, "id");
    action.text = walker.text(value, path, "text");
    action.lead = walker.text(value, path, "lead");
    action.due = walker.date(value, path, "due");
    // No original_due means the action has kept its first target date.
    action.original_due = walker.optional_date(value, path, "original_due").value_or(action.due);
    action.status =
        walker
            .word(value, path, "status", "a status", kStatuses, &domain::parse_action_status, false)
            .value_or(domain::ActionStatus::NotStarted);
    action.rag = walker.word(value, path, "rag", "a RAG", kRags, &domain::parse_rag, true);
    action.version = walker.version(value, path);
    action.retired = walker.retirement(value, path);
    if (const Json* updates = walker.list(value, path, "updates")) {
        for (std::size_t u = 0; u < updates->size(); ++u) {
            action.updates.push_back(
                read_update(walker, (*updates)[u], element_path(member_path(path, "updates"), u)));
        }
    }
    return action;
}

domain::SuccessMeasure read_measure(Walker& walker, const Json& value, const std::string& path) {
    domain::SuccessMeasure measure;
    if (!walker.object(value, path, "a success measure", kMeasureKeys)) return measure;
    measure.id = walker.text(value, path, "id");
    measure.kind = walker
                       .word(value, path, "kind", "a kind of measure", kKinds,
                             &domain::parse_measure_kind, false)
                       .value_or(domain::MeasureKind::Monitored);
    measure.text = walker.text(value, path, "text");
    measure.indicator = walker.optional_text(value, path, "indicator");
    measure.target = walker.optional_number(value, path, "target");
    measure.status = walker
                         .word(value, path, "status", "a measure's status", kMeasureStatuses,
                               &domain::parse_measure_status, false)
                         .value_or(domain::MeasureStatus::NotAssessed);
    measure.status_by = walker.optional_text(value, path, "status_by").value_or("");
    measure.status_at = walker.optional_text(value, path, "status_at").value_or("");
    measure.version = walker.version(value, path);
    measure.retired = walker.retirement(value, path);
    return measure;
}

domain::Commitment read_commitment(Walker& walker, const Json& value, const std::string& path) {
    domain::Commitment commitment;
    if (!walker.object(value, path, "a commitment", kCommitmentKeys)) return commitment;
    commitment.id = walker.text(value, path, "id");
    commitment.text = walker.text(value, path, "text");
    commitment.version = walker.version(value, path);
    commitment.retired = walker.retirement(value, path);
    if (const Json* links = walker.list(value, path, "recommendations")) {
        const auto links_path = member_path(path, "recommendations");
        for (std::size_t l = 0; l < links->size(); ++l) {
            const auto& link = (*links)[l];
            if (link.is_string()) {
                commitment.recommendations.push_back(link.get<std::string>());
            } else {
                walker.at_value(element_path(links_path, l),
                                "expected a recommendation's id, found " + describe(link),
                                "write the id in double quotes, e.g. \"R1\"");
            }
        }
    }
    if (const Json* measures = walker.list(value, path, "measures")) {
        for (std::size_t m = 0; m < measures->size(); ++m) {
            commitment.measures.push_back(read_measure(
                walker, (*measures)[m], element_path(member_path(path, "measures"), m)));
        }
    }
    if (const Json* actions = walker.list(value, path, "actions")) {
        for (std::size_t a = 0; a < actions->size(); ++a) {
            commitment.actions.push_back(
                read_action(walker, (*actions)[a], element_path(member_path(path, "actions"), a)));
        }
    }
    return commitment;
}

domain::Workstream read_workstream(Walker& walker, const Json& value, const std::string& path) {
    domain::Workstream workstream;
    if (!walker.object(value, path, "a workstream", kWorkstreamKeys)) return workstream;
    workstream.id = walker.text(value, path, "id");
    workstream.title = walker.text(value, path, "title");
    workstream.sponsor = walker.text(value, path, "sponsor");
    workstream.lead = walker.text(value, path, "lead");
    workstream.version = walker.version(value, path);
    workstream.retired = walker.retirement(value, path);
    if (const Json* commitments = walker.list(value, path, "commitments")) {
        for (std::size_t c = 0; c < commitments->size(); ++c) {
            workstream.commitments.push_back(read_commitment(
                walker, (*commitments)[c], element_path(member_path(path, "commitments"), c)));
        }
    }
    return workstream;
}

domain::Inspection read_inspection(Walker& walker, const Json& value, const std::string& path) {
    domain::Inspection inspection;
    if (!walker.object(value, path, "the inspection", kInspectionKeys)) return inspection;
    inspection.framework = walker.text(value, path, "framework");
    inspection.start = walker.date(value, path, "start");
    inspection.end = walker.date(value, path, "end");
    inspection.published = walker.date(value, path, "published");
    if (const Json* judgements = walker.list(value, path, "judgements")) {
        const auto list_path = member_path(path, "judgements");
        for (std::size_t j = 0; j < judgements->size(); ++j) {
            const auto& item = (*judgements)[j];
            const auto item_path = element_path(list_path, j);
            domain::Judgement judgement;
            if (walker.object(item, item_path, "a judgement", kJudgementKeys)) {
                judgement.area = walker.text(item, item_path, "area");
                judgement.grade = walker
                                      .word(item, item_path, "grade", "a grade", kGrades,
                                            &domain::parse_grade, false)
                                      .value_or(domain::Grade::Good);
                judgement.limiting = walker.flag(item, item_path, "limiting");
            }
            inspection.judgements.push_back(std::move(judgement));
        }
    }
    // Optional: a framework may give no overall grade (null or left out). An unreadable one is
    // reported and read as none, so that no limiting judgement is reported against it as well.
    inspection.overall =
        walker.word(value, path, "overall", "a grade", kGrades, &domain::parse_grade, true);
    inspection.version = walker.version(value, path);
    return inspection;
}

// Whether a consistency rule's breach may only follow from a value that could not be read (and
// has been reported already): a breach in the same object, inside a value that failed, in an
// inspection with a problem, or a link to a recommendation when the recommendations had one.
bool follows_from_problem(const std::string& violation,
                          const std::vector<std::string>& problem_paths) {
    const auto violation_parent = parent_path(violation);
    const bool links_recommendation = violation.rfind("workstreams", 0) == 0 &&
                                      violation.find(".recommendations[") != std::string::npos;
    for (const auto& problem : problem_paths) {
        if (is_within(problem, violation) || parent_path(problem) == violation_parent) return true;
        if (is_within("inspection", violation) && is_within("inspection", problem)) return true;
        if (links_recommendation && is_within("recommendations", problem)) return true;
    }
    return false;
}

}  // namespace

PlanReadResult read_plan_json(std::string_view text, const std::string& file_name) {
    PlanReadResult result;
    auto& problems = result.problems;

    // Refused before parsing: the parsed value of a text nested this deep could not even be
    // copied without exhausting the stack.
    if (const auto too_deep = find_nesting_too_deep(text)) {
        const auto position = LineIndex(text).position(*too_deep);
        problems.push_back({file_name,
                            {},
                            position.line,
                            position.column,
                            {},
                            "lists and objects are nested more than " +
                                std::to_string(kMaxJsonDepth) +
                                " deep here, far deeper than csip-plan/1 goes (9 levels)",
                            "remove the extra [ and { here: a plan nests workstreams, "
                            "commitments, actions and updates only (docs/plan-format.md)"});
        return result;
    }

    const Json root = Json::parse(text, nullptr, false);
    if (root.is_discarded()) {
        const auto error = find_syntax_error(text);
        const auto position = LineIndex(text).position(error ? error->offset : 0);
        problems.push_back({file_name,
                            {},
                            position.line,
                            position.column,
                            {},
                            error ? error->message : "the file is not valid JSON",
                            error ? error->fix : "check its syntax"});
        return result;
    }

    Walker walker(file_name, text, problems);
    walker.report_duplicate_keys();
    if (!root.is_object()) {
        walker.at_value("",
                        "expected a csip-plan/1 plan (an object { ... }), found " + describe(root),
                        "start the file with { \"format\": \"csip-plan/1\", ... (see "
                        "docs/plan-format.md)");
        return result;
    }
    // A file in another format would only give a flood of unknown keys: say that alone.
    if (const Json* format = Walker::member(root, "format");
        format != nullptr && !(format->is_string() && *format == kFormat)) {
        walker.at_value("format",
                        "the format is " +
                            (format->is_string() ? "'" + printable(format->get<std::string>()) + "'"
                                                 : describe(*format)) +
                            ", and this csip reads '" + std::string(kFormat) + "'",
                        "export the plan as csip-plan/1, or set \"format\": \"csip-plan/1\" if "
                        "the file follows docs/plan-format.md");
        sort_by_position(problems);
        return result;
    }

    domain::Plan plan;
    walker.object(root, "", "a plan", kPlanKeys);
    plan.authority = walker.text(root, "", "authority");
    plan.title = walker.text(root, "", "title");
    plan.vision = walker.text(root, "", "vision");
    plan.version = walker.version(root, "");
    if (const Json* inspection = Walker::member(root, "inspection")) {
        plan.inspection = read_inspection(walker, *inspection, "inspection");
    }
    if (const Json* recommendations = walker.list(root, "", "recommendations")) {
        for (std::size_t r = 0; r < recommendations->size(); ++r) {
            const auto& item = (*recommendations)[r];
            const auto path = element_path("recommendations", r);
            domain::Recommendation recommendation;
            if (walker.object(item, path, "a recommendation", kRecommendationKeys)) {
                recommendation.id = walker.text(item, path, "id");
                recommendation.category =
                    walker
                        .word(item, path, "category", "a category", kCategories,
                              &domain::parse_recommendation_category, false)
                        .value_or(domain::RecommendationCategory::Improvement);
                recommendation.text = walker.text(item, path, "text");
                recommendation.version = walker.version(item, path);
                recommendation.retired = walker.retirement(item, path);
            }
            plan.recommendations.push_back(std::move(recommendation));
        }
    }
    if (const Json* workstreams = walker.list(root, "", "workstreams")) {
        for (std::size_t w = 0; w < workstreams->size(); ++w) {
            plan.workstreams.push_back(
                read_workstream(walker, (*workstreams)[w], element_path("workstreams", w)));
        }
    }

    const auto read_problems = walker.problem_paths();
    for (auto& violation : domain::check_plan(plan)) {
        if (follows_from_problem(violation.path, read_problems)) continue;
        walker.at_value(violation.path, std::move(violation.message), std::move(violation.fix));
    }

    sort_by_position(problems);
    if (problems.empty()) result.plan = std::move(plan);
    return result;
}

}  // namespace csip::import
