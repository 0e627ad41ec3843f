#include "reporting/report_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace csip::reporting {
namespace {

using domain::ActionStatus;
using domain::Date;
using domain::Rag;

constexpr std::array<const char*, 12> kMonths{"January", "February", "March",     "April",
                                              "May",     "June",     "July",      "August",
                                              "September", "October", "November", "December"};

std::string setting(const ReportInputs& inputs, const std::string& key,
                    const std::string& fallback = {}) {
    const auto found = inputs.settings.find(key);
    return found == inputs.settings.end() || found->second.empty() ? fallback : found->second;
}

bool wants(const BodyProfile& profile, const char* section) {
    return profile.sections.empty() ||
           std::find(profile.sections.begin(), profile.sections.end(), section) !=
               profile.sections.end();
}

std::string state_word(const domain::Action& action) {
    switch (action.status) {
        case ActionStatus::NotStarted: return "Not started";
        case ActionStatus::Complete: return "Complete";
        case ActionStatus::InProgress:
            return action.rag ? std::string(domain::describe(*action.rag)) : "In progress";
    }
    return {};
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

// "one action", "3 actions".
std::string count_of(int count, std::string_view one, std::string_view many) {
    if (count == 1) return fmt::format("one {}", one);
    return fmt::format("{} {}", count, many);
}

std::string grade_word(domain::Grade grade) { return std::string(domain::describe(grade)); }

// Builds the document block by block, numbering paragraphs within each numbered section as
// committee reports do (2.1, 2.2 ...).
class Writer {
public:
    void heading(int level, std::string text) {
        Block block;
        block.kind = Block::Kind::Heading;
        block.level = level;
        block.text = std::move(text);
        m_blocks.push_back(std::move(block));
    }
    // A numbered section heading ("2. Progress ..."); paragraphs after it are 2.1, 2.2, ...
    void section(std::string text) {
        ++m_section;
        m_paragraph = 0;
        heading(2, fmt::format("{}. {}", m_section, text));
    }
    void restart_numbering() { m_section = 0; }
    void numbered(std::string text) {
        ++m_paragraph;
        Block block;
        block.number = fmt::format("{}.{}", m_section, m_paragraph);
        block.text = std::move(text);
        m_blocks.push_back(std::move(block));
    }
    void paragraph(std::string text) {
        Block block;
        block.text = std::move(text);
        m_blocks.push_back(std::move(block));
    }
    void bullets(std::vector<std::string> items) {
        if (items.empty()) return;
        Block block;
        block.kind = Block::Kind::Bullets;
        block.items = std::move(items);
        m_blocks.push_back(std::move(block));
    }
    void table(std::string caption, std::vector<std::string> header,
               std::vector<std::vector<Cell>> rows, std::vector<int> widths) {
        Block block;
        block.kind = Block::Kind::Table;
        block.text = std::move(caption);
        block.header = std::move(header);
        block.rows = std::move(rows);
        block.widths = std::move(widths);
        m_blocks.push_back(std::move(block));
    }
    void details(std::vector<std::pair<std::string, std::string>> pairs) {
        Block block;
        block.kind = Block::Kind::Details;
        for (auto& [label, value] : pairs) {
            if (value.empty()) continue;
            block.rows.push_back({Cell{label, {}, false}, Cell{value, {}, false}});
        }
        if (!block.rows.empty()) m_blocks.push_back(std::move(block));
    }
    void page_break(bool landscape) {
        Block block;
        block.kind = Block::Kind::PageBreak;
        block.landscape = landscape;
        m_blocks.push_back(std::move(block));
    }
    std::vector<Block> take() { return std::move(m_blocks); }

private:
    std::vector<Block> m_blocks;
    int m_section = 0;
    int m_paragraph = 0;
};

Cell state_cell(const domain::Action& action) {
    return Cell{state_word(action), action.status == ActionStatus::InProgress ? action.rag : std::nullopt,
                action.status == ActionStatus::Complete};
}

Cell rag_cell(const std::optional<Rag>& rag) {
    return Cell{rag ? std::string(domain::describe(*rag)) : "No RAG", rag, false};
}

IndicatorRow indicator_row(const domain::IndicatorResult& result) {
    IndicatorRow row;
    row.key = result.key;
    row.title = result.title;
    row.higher_is_better = result.higher_is_better;
    row.months = result.months;
    row.rag = result.rag;
    if (result.target) row.target = result.target->value;
    if (result.year_to_date) row.year_to_date = result.year_to_date->percent;

    const domain::MonthFigure* first = nullptr;
    const domain::MonthFigure* last = nullptr;
    for (const auto& month : result.months) {
        if (!month.figure.percent) continue;
        if (first == nullptr) first = &month;
        last = &month;
    }
    if (last != nullptr) {
        row.latest = last->figure.percent;
        row.latest_label = month_name(last->month);
        row.small_denominator = last->figure.small_denominator;
        row.first = first->figure.percent;
        row.first_label = month_name(first->month);
    } else if (result.period.percent) {
        row.latest = result.period.percent;
        row.latest_label = result.as_of ? long_date(*result.as_of) : long_date(result.to);
        row.small_denominator = result.period.small_denominator;
    }

    const std::string target_clause =
        row.target ? fmt::format(", against a target of {}", percent_text(*row.target)) : "";
    if (!row.latest) {
        row.sentence = fmt::format("{}: there are no figures yet for this period.", row.title);
        return row;
    }
    if (first != nullptr && first != last) {
        const double change = *row.latest - *row.first;
        const bool same = std::round(*row.latest) == std::round(*row.first);
        const char* verb = same ? "stayed at" : (change > 0 ? "rose from" : "fell from");
        if (same) {
            row.direction = "no change";
            row.sentence = fmt::format("{} {} {} from {} to {}{}.", row.title, verb,
                                       percent_text(*row.latest), row.first_label,
                                       row.latest_label, target_clause);
        } else {
            row.direction = (change > 0) == row.higher_is_better ? "improving" : "worsening";
            row.sentence = fmt::format("{} {} {} in {} to {} in {}{}.", row.title, verb,
                                       percent_text(*row.first), row.first_label,
                                       percent_text(*row.latest), row.latest_label, target_clause);
        }
    } else {
        row.sentence = fmt::format("{} was {} in {}{}.", row.title, percent_text(*row.latest),
                                   row.latest_label, target_clause);
    }
    if (row.year_to_date) {
        row.sentence += fmt::format(" The year to date is {}.", percent_text(*row.year_to_date));
    }
    if (row.small_denominator) {
        row.sentence += " The latest figure counts fewer than ten cases, so one child moves it "
                        "by ten points or more.";
    }
    return row;
}

std::string action_label(const domain::ChangedAction& action) {
    return fmt::format("{} ({}): {}", action.id, action.lead, action.text);
}

std::string rag_word(const std::optional<Rag>& rag) {
    return rag ? std::string(domain::describe(*rag)) : "no RAG";
}

void write_changes(Writer& out, const domain::PlanChanges& changes) {
    out.paragraph(fmt::format("This section lists what has changed between {} and {}.",
                              long_date(changes.since), long_date(changes.as_of)));
    if (changes.empty()) {
        out.paragraph("Nothing in the plan or its indicators has changed in this period.");
        return;
    }
    auto list = [&](const char* title, const std::vector<domain::ChangedAction>& actions) {
        if (actions.empty()) return;
        out.heading(3, fmt::format("{} ({})", title, actions.size()));
        std::vector<std::string> items;
        for (const auto& action : actions) items.push_back(action_label(action));
        out.bullets(std::move(items));
    };
    list("Actions completed", changes.completed);
    list("Actions started", changes.started);
    if (!changes.slipped.empty()) {
        out.heading(3, fmt::format("Actions rescheduled ({})", changes.slipped.size()));
        std::vector<std::string> items;
        for (const auto& slip : changes.slipped) {
            items.push_back(fmt::format("{}: target date moved from {} to {}{}",
                                        action_label(slip.action), long_date(slip.from),
                                        long_date(slip.to),
                                        slip.reason.empty() ? std::string(" (no reason recorded)")
                                                            : ". Reason: " + slip.reason));
        }
        out.bullets(std::move(items));
    }
    if (!changes.rag_changes.empty()) {
        out.heading(3, fmt::format("RAG changes ({})", changes.rag_changes.size()));
        std::vector<std::string> items;
        for (const auto& change : changes.rag_changes) {
            items.push_back(fmt::format("{}: {} to {}", action_label(change.action),
                                        rag_word(change.from), rag_word(change.to)));
        }
        out.bullets(std::move(items));
    }
    list("New actions", changes.added);
    list("Actions removed from the plan", changes.removed);
    if (!changes.indicators_crossed.empty()) {
        out.heading(3, fmt::format("Indicators that crossed their target ({})",
                                   changes.indicators_crossed.size()));
        std::vector<std::string> items;
        for (const auto& crossing : changes.indicators_crossed) {
            items.push_back(fmt::format(
                "{} {} its target of {}: {} now{}", crossing.title,
                crossing.now_met ? "reached" : "fell below", percent_text(crossing.target),
                crossing.to ? percent_text(*crossing.to) : "no figure",
                crossing.from ? ", from " + percent_text(*crossing.from) : std::string()));
        }
        out.bullets(std::move(items));
    }
}

}  // namespace

std::string long_date(Date date) {
    return fmt::format("{} {} {}", date.day(), kMonths[static_cast<std::size_t>(date.month() - 1)],
                       date.year());
}

std::string month_name(const std::string& month_key) {
    const auto date = Date::parse_iso(month_key + "-01");
    if (!date) return month_key;
    return fmt::format("{} {}", kMonths[static_cast<std::size_t>(date->month() - 1)], date->year());
}

std::string percent_text(double percent) {
    const double tenth = std::round(percent * 10.0) / 10.0;
    if (std::fabs(tenth - std::round(tenth)) < 1e-9) return fmt::format("{:.0f}%", tenth);
    return fmt::format("{:.1f}%", tenth);
}

ReportModel build_report_model(const ReportInputs& inputs) {
    const domain::Plan& plan = inputs.plan;
    const BodyProfile& profile = inputs.profile;
    ReportModel model;
    model.authority = plan.authority;
    model.title = setting(inputs, "report.title", "Update on " + plan.title);
    model.body_name = inputs.body.name;
    model.public_body = inputs.body.is_public;
    model.as_of = inputs.as_of;
    model.since = inputs.since;
    model.meeting = inputs.meeting.value_or(inputs.as_of);
    model.summary = domain::summarise(plan, inputs.as_of);
    model.coverage = domain::coverage(plan, inputs.as_of);
    model.changes = inputs.changes;
    // A public body never receives case-level content, whatever its profile says.
    model.includes_case_level =
        profile.case_level_allowed && !inputs.body.is_public && wants(profile, kSectionCases);

    for (const auto& result : inputs.indicators) {
        if (!profile.indicators.empty() &&
            std::find(profile.indicators.begin(), profile.indicators.end(), result.key) ==
                profile.indicators.end()) {
            continue;
        }
        model.indicators.push_back(indicator_row(result));
    }

    int commitments = 0;
    std::vector<const domain::Action*> red;
    std::vector<const domain::Action*> overdue;
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            ++commitments;
            for (const auto& action : commitment.actions) {
                ActionRow row;
                row.workstream_id = workstream.id;
                row.workstream = workstream.title;
                row.commitment_id = commitment.id;
                row.commitment = commitment.text;
                row.recommendations = join(commitment.recommendations, ", ");
                row.action_id = action.id;
                row.action = action.text;
                row.lead = action.lead;
                row.due = action.due;
                row.original_due = action.original_due;
                row.rescheduled = action.rescheduled();
                row.overdue = action.overdue(inputs.as_of);
                row.status = action.status;
                row.rag = action.status == ActionStatus::InProgress ? action.rag : std::nullopt;
                row.state = state_word(action);
                if (!action.updates.empty()) {
                    row.latest_update_on = action.updates.back().on;
                    row.latest_update = action.updates.back().text;
                }
                model.actions.push_back(std::move(row));
                if (action.status == ActionStatus::InProgress && action.rag == Rag::Red) {
                    red.push_back(&action);
                }
                if (action.overdue(inputs.as_of)) overdue.push_back(&action);
            }
        }
    }

    const auto& counts = model.summary.actions;
    int priority = 0;
    for (const auto& recommendation : plan.recommendations) {
        if (recommendation.category == domain::RecommendationCategory::Priority) ++priority;
    }
    const int improvement = static_cast<int>(plan.recommendations.size()) - priority;
    std::vector<std::string> uncovered;
    std::vector<std::string> at_risk;
    for (const auto& row : model.coverage) {
        if (!row.covered) uncovered.push_back(row.id);
        if (row.at_risk) at_risk.push_back(row.id);
    }
    const domain::Judgement* limiting = nullptr;
    for (const auto& judgement : plan.inspection.judgements) {
        if (judgement.limiting && judgement.grade == plan.inspection.overall) {
            limiting = &judgement;
            break;
        }
    }
    int on_target = 0;
    int with_target = 0;
    for (const auto& row : model.indicators) {
        if (!row.target || !row.latest) continue;
        ++with_target;
        if (row.rag == Rag::Green) ++on_target;
    }

    Writer out;
    // --- Front sheet -----------------------------------------------------------------------
    out.heading(1, model.title);
    const std::string purpose = setting(
        inputs, "report.purpose",
        fmt::format("To update {} on the progress of the {} following the Ofsted inspection "
                    "published on {}, which judged the overall effectiveness of children's "
                    "services \"{}\".",
                    model.body_name, plan.title, long_date(plan.inspection.published),
                    grade_word(plan.inspection.overall)));
    out.details({{"Report to be considered by", fmt::format("{}, {}", model.body_name,
                                                             long_date(model.meeting))},
                 {"Authority", plan.authority},
                 {"Figures as at", long_date(inputs.as_of)},
                 {"Purpose of report", purpose}});
    out.heading(2, "Recommended action");
    out.paragraph(fmt::format("That the {}:", model.body_name));
    out.bullets({"endorses the progress being made against the Improvement Plan since the "
                 "inspection;",
                 fmt::format("is informed of the improvement journey to ensure that children's "
                             "services become \"good\"{}.",
                             setting(inputs, "strategy.ambition").empty()
                                 ? ""
                                 : " in line with " + setting(inputs, "strategy.ambition"))});
    const auto priorities = setting(inputs, "strategy.priorities");
    const auto principles = setting(inputs, "strategy.principles");
    if (!priorities.empty() || !principles.empty()) {
        out.heading(2, "Council Strategy priorities");
        if (!priorities.empty()) {
            out.paragraph("The proposals in this report will help to achieve the following "
                          "Council Strategy priorities:");
            out.bullets({priorities});
        }
        if (!principles.empty()) {
            out.paragraph("They will also help to achieve the following Council Strategy "
                          "principles:");
            out.bullets({principles});
        }
    }
    out.heading(2, "Portfolio member and contact officer");
    out.details({{"Portfolio member", setting(inputs, "portfolio_member.name")},
                 {"Telephone", setting(inputs, "portfolio_member.phone")},
                 {"E-mail address", setting(inputs, "portfolio_member.email")},
                 {"Date portfolio member agreed report", setting(inputs, "portfolio_member.agreed")},
                 {"Contact officer", setting(inputs, "contact_officer.name")},
                 {"Job title", setting(inputs, "contact_officer.title")},
                 {"Telephone ", setting(inputs, "contact_officer.phone")},
                 {"E-mail address ", setting(inputs, "contact_officer.email")}});

    const std::string inspection_sentence = fmt::format(
        "In {}, Ofsted carried out an inspection of {}'s services for children in need of help "
        "and protection, children looked after and care leavers ({}), published on {}.{}",
        month_name(plan.inspection.start.month_key()), plan.authority, plan.inspection.framework,
        long_date(plan.inspection.published),
        limiting != nullptr
            ? fmt::format(" \"{}\" was judged \"{}\", a limiting judgement, so the overall "
                          "effectiveness of children's services was judged \"{}\" too.",
                          limiting->area, grade_word(limiting->grade),
                          grade_word(plan.inspection.overall))
            : fmt::format(" The overall effectiveness of children's services was judged "
                          "\"{}\".",
                          grade_word(plan.inspection.overall)));
    const std::string recommendations_sentence = fmt::format(
        "The Ofsted report contained {} recommendations which must be implemented effectively: "
        "{} for priority and immediate action and {} areas for improvement.",
        plan.recommendations.size(), priority, improvement);
    const std::string plan_sentence = fmt::format(
        "The Improvement Plan (Appendix A) maps the recommendations to {} workstreams holding {} "
        "improvement commitments and {} SMART actions, each with a target date, a lead officer, "
        "a RAG status (except actions not yet started) and a status update.",
        plan.workstreams.size(), commitments, counts.total);
    const std::string progress_sentence = fmt::format(
        "At {}, {} of the {} actions are complete, {} are green, {} amber and {} red, and {} "
        "have not started. {} overdue and {} been rescheduled from their original target date.",
        long_date(inputs.as_of), counts.complete, counts.total, counts.green, counts.amber,
        counts.red, counts.not_started,
        counts.overdue == 1 ? std::string("One action is")
                            : fmt::format("{} actions are", counts.overdue),
        counts.rescheduled == 1 ? std::string("one has")
                                : fmt::format("{} have", counts.rescheduled));
    std::string coverage_sentence;
    if (uncovered.empty()) {
        coverage_sentence = "Every Ofsted recommendation is served by at least one commitment "
                            "with an action.";
    } else {
        coverage_sentence = fmt::format(
            "{} not yet served by any action: {}.",
            uncovered.size() == 1 ? std::string("One recommendation is")
                                  : fmt::format("{} recommendations are", uncovered.size()),
            join(uncovered, ", "));
    }
    if (!at_risk.empty()) {
        coverage_sentence += fmt::format(" Every action serving {} is red or overdue.",
                                         join(at_risk, ", "));
    }

    // --- Executive summary -----------------------------------------------------------------
    if (wants(profile, kSectionSummary)) {
        out.heading(1, "Executive Summary");
        out.restart_numbering();
        out.section("Introduction");
        out.numbered(inspection_sentence);
        out.numbered(recommendations_sentence);
        out.section("Progress against the Improvement Plan");
        out.numbered(plan_sentence);
        out.numbered(progress_sentence);
        out.numbered(coverage_sentence);
        if (!model.indicators.empty()) {
            out.numbered(fmt::format(
                "Of the {} with a figure and a target, {} on target at {}.",
                count_of(with_target, "performance indicator", "performance indicators"),
                on_target == 1 ? std::string("one is") : fmt::format("{} are", on_target),
                long_date(inputs.as_of)));
        }
        out.section("Conclusion");
        out.numbered(setting(
            inputs, "report.conclusion",
            "The Improvement Plan records and evidences the progress being made. The "
            "improvements now need to be embedded across all areas so that the service sustains "
            "and builds on them."));
    }

    // --- Executive report ------------------------------------------------------------------
    if (wants(profile, kSectionReport) || wants(profile, kSectionIndicators) ||
        wants(profile, kSectionChanges)) {
        out.heading(1, "Executive Report");
        out.restart_numbering();
    }
    if (wants(profile, kSectionReport)) {
        out.section("Introduction");
        out.numbered(inspection_sentence);
        std::vector<std::vector<Cell>> judgements;
        for (const auto& judgement : plan.inspection.judgements) {
            judgements.push_back({Cell{judgement.area, {}, false},
                                  Cell{grade_word(judgement.grade), {}, false},
                                  Cell{judgement.limiting ? "Yes" : "No", {}, false}});
        }
        out.table("Ofsted judgements", {"Judgement area", "Grade", "Limiting judgement"},
                  std::move(judgements), {6, 3, 2});
        out.numbered(recommendations_sentence);
        out.numbered(fmt::format("The recommendations are mapped to {} workstreams:",
                                 plan.workstreams.size()));
        std::vector<std::string> titles;
        for (const auto& workstream : plan.workstreams) {
            titles.push_back(fmt::format("{}) {}", titles.size() + 1, workstream.title));
        }
        out.bullets(std::move(titles));

        out.section("Progress of the Improvement Plan");
        out.numbered(plan_sentence);
        out.numbered(progress_sentence);
        std::vector<std::vector<Cell>> rows;
        auto count_row = [](const std::string& name, const domain::ActionCounts& c) {
            auto number = [](int value) { return Cell{std::to_string(value), {}, false}; };
            return std::vector<Cell>{Cell{name, {}, false}, number(c.total),
                                     number(c.complete),    Cell{std::to_string(c.green), Rag::Green, false},
                                     Cell{std::to_string(c.amber), Rag::Amber, false},
                                     Cell{std::to_string(c.red), Rag::Red, false},
                                     number(c.not_started), number(c.overdue),
                                     number(c.rescheduled)};
        };
        for (const auto& workstream : model.summary.workstreams) {
            rows.push_back(count_row(workstream.title, workstream.actions));
        }
        rows.push_back(count_row("All workstreams", counts));
        out.table("Actions by workstream and RAG status",
                  {"Workstream", "Actions", "Complete", "Green", "Amber", "Red", "Not started",
                   "Overdue", "Rescheduled"},
                  std::move(rows), {8, 2, 2, 2, 2, 2, 2, 2, 2});
        out.numbered(coverage_sentence);
        if (red.empty()) {
            out.numbered("No action is red.");
        } else {
            out.numbered(fmt::format("{} red. Each is listed here with its latest status update:",
                                     red.size() == 1 ? std::string("One action is")
                                                     : fmt::format("{} actions are", red.size())));
            std::vector<std::string> items;
            for (const auto* action : red) {
                items.push_back(fmt::format(
                    "{} ({}, due {}): {}{}", action->id, action->lead, long_date(action->due),
                    action->text,
                    action->updates.empty() ? std::string()
                                            : " Update: " + action->updates.back().text));
            }
            out.bullets(std::move(items));
        }
        if (!overdue.empty()) {
            out.numbered(fmt::format("{} past {} target date and not complete:",
                                     overdue.size() == 1 ? std::string("One action is")
                                                         : fmt::format("{} actions are", overdue.size()),
                                     overdue.size() == 1 ? "its" : "their"));
            std::vector<std::string> items;
            for (const auto* action : overdue) {
                items.push_back(fmt::format("{} ({}, due {}, {}): {}", action->id, action->lead,
                                            long_date(action->due), state_word(*action),
                                            action->text));
            }
            out.bullets(std::move(items));
        }
    }
    if (wants(profile, kSectionIndicators)) {
        out.section("Performance");
        if (model.indicators.empty()) {
            out.numbered("No indicator figures are available for this period.");
        } else {
            out.numbered(fmt::format(
                "The table gives each indicator's latest month, the year to date from 1 April, "
                "its target and its RAG status against the target, figures computed from the "
                "case records at {}.",
                long_date(inputs.as_of)));
            std::vector<std::vector<Cell>> rows;
            for (const auto& row : model.indicators) {
                rows.push_back(
                    {Cell{row.title, {}, false},
                     Cell{row.latest ? fmt::format("{} ({})", percent_text(*row.latest),
                                                   row.latest_label)
                                     : "No figure",
                          {}, false},
                     Cell{row.year_to_date ? percent_text(*row.year_to_date) : "-", {}, false},
                     Cell{row.target ? percent_text(*row.target) : "None", {}, false},
                     rag_cell(row.rag),
                     Cell{row.direction.empty() ? "-" : row.direction, {}, false}});
            }
            out.table("Performance indicators against target",
                      {"Indicator", "Latest month", "Year to date", "Target", "RAG", "Direction"},
                      std::move(rows), {8, 4, 2, 2, 2, 2});
            for (const auto& row : model.indicators) out.numbered(row.sentence);
        }
    }
    if (wants(profile, kSectionChanges)) {
        out.section(fmt::format("Changes since the last report ({})", long_date(inputs.since)));
        write_changes(out, inputs.changes);
    }
    if (wants(profile, kSectionReport)) {
        out.section("Conclusion");
        out.numbered(setting(
            inputs, "report.conclusion",
            "The Improvement Plan records and evidences the progress being made. The "
            "improvements now need to be embedded across all areas so that the service sustains "
            "and builds on them."));
        out.section("Recommendations");
        out.numbered(fmt::format(
            "For the {} to consider the progress of children's services and be informed of the "
            "improvement journey being undertaken to ensure that they become \"good\".",
            model.body_name));
        if (wants(profile, kSectionAppendix)) {
            out.heading(2, "Appendices");
            out.bullets({"Appendix A - Improvement Plan"});
        }
    }

    if (model.includes_case_level && !inputs.exceptions.empty()) {
        out.heading(1, "Cases out of timescale");
        out.paragraph("Case-level information: not for publication. These are the children's "
                      "cases out of timescale on the date of the report, for the body to "
                      "assure itself that each is being acted on.");
        for (const auto& list : inputs.exceptions) {
            std::vector<std::vector<Cell>> rows;
            for (const auto& item : list.cases) {
                rows.push_back({Cell{item.subject_id, {}, false},
                                Cell{item.due ? long_date(*item.due) : "-", {}, false},
                                Cell{item.days_over ? std::to_string(*item.days_over) : "-", {}, false},
                                Cell{item.team, {}, false}, Cell{item.worker, {}, false}});
            }
            out.table(list.indicator_title, {"Child", "Due", "Days over", "Team", "Worker"},
                      std::move(rows), {3, 3, 2, 3, 3});
        }
    }

    // --- Appendix A ------------------------------------------------------------------------
    if (wants(profile, kSectionAppendix)) {
        out.page_break(true);
        out.heading(1, "Appendix A - Improvement Plan");
        out.paragraph(fmt::format("{}: {}, as at {}. RAG status is written in words as well as "
                                  "shown by colour; complete actions carry no RAG.",
                                  plan.authority, plan.title, long_date(inputs.as_of)));
        out.heading(2, "Our vision");
        out.paragraph(plan.vision);
        std::map<std::string, const domain::Recommendation*, std::less<>> recommendations;
        for (const auto& recommendation : plan.recommendations) {
            recommendations[recommendation.id] = &recommendation;
        }
        for (std::size_t w = 0; w < plan.workstreams.size(); ++w) {
            const auto& workstream = plan.workstreams[w];
            out.heading(2, fmt::format("Workstream {}: {}", w + 1, workstream.title));
            out.details({{"Sponsor", workstream.sponsor}, {"Operational lead", workstream.lead}});
            for (const auto& commitment : workstream.commitments) {
                out.heading(3, fmt::format("Improvement commitment {}: {}", commitment.id,
                                           commitment.text));
                std::vector<std::string> linked;
                for (const auto& id : commitment.recommendations) {
                    const auto found = recommendations.find(id);
                    linked.push_back(found == recommendations.end()
                                         ? id
                                         : fmt::format("{} ({}): {}", id,
                                                       found->second->category ==
                                                               domain::RecommendationCategory::Priority
                                                           ? "priority and immediate action"
                                                           : "area for improvement",
                                                       found->second->text));
                }
                out.paragraph("Ofsted recommendations served:");
                out.bullets(std::move(linked));
                if (!commitment.measures.empty()) {
                    std::vector<std::vector<Cell>> rows;
                    for (const auto& measure : commitment.measures) {
                        std::string kind(domain::to_string(measure.kind));
                        kind[0] = static_cast<char>(kind[0] - 'a' + 'A');
                        rows.push_back({Cell{kind, {}, false}, Cell{measure.text, {}, false},
                                        Cell{measure.target ? percent_text(*measure.target) : "-",
                                             {}, false}});
                    }
                    out.table("How will we know we have done it", {"Type", "Measure", "Target"},
                              std::move(rows), {2, 10, 2});
                }
                if (commitment.actions.empty()) {
                    out.paragraph("No actions have been set for this commitment yet.");
                    continue;
                }
                std::vector<std::vector<Cell>> rows;
                for (const auto& action : commitment.actions) {
                    std::string due = long_date(action.due);
                    if (action.rescheduled()) {
                        due += fmt::format(" (originally {})", long_date(action.original_due));
                    }
                    if (action.overdue(inputs.as_of)) due += " - overdue";
                    std::string update = "No update yet.";
                    if (!action.updates.empty()) {
                        update = fmt::format("{}: {}", long_date(action.updates.back().on),
                                             action.updates.back().text);
                    }
                    rows.push_back({Cell{action.id, {}, false}, Cell{action.text, {}, false},
                                    Cell{action.lead, {}, false}, Cell{due, {}, false},
                                    state_cell(action), Cell{update, {}, false}});
                }
                out.table("SMART actions", {"Ref", "Action", "Lead officer", "Target date",
                                            "RAG / status", "Status update"},
                          std::move(rows), {1, 7, 3, 3, 2, 8});
            }
        }
    }
    model.blocks = out.take();
    return model;
}

}  // namespace csip::reporting
