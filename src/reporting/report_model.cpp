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

constexpr std::array<const char*, 12> kMonths{"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};

std::string setting(const ReportInputs& inputs, const std::string& key,
                    const std::string& fallback = {}) {
    const auto found = inputs.settings.find(key);
    return found == inputs.settings.end() || found->second.empty() ? fallback : found->second;
}

bool wants(const BodyProfile& profile, const char* section) {
    return profile.sections.empty() || std::find(profile.sections.begin(), profile.sections.end(),
                                                 section) != profile.sections.end();
}

std::string state_word(const domain::Action& action) {
    switch (action.status) {
        case ActionStatus::NotStarted:
            return "Not started";
        case ActionStatus::Complete:
            return "Complete";
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

// Numbers up to ten in words, as a report writes them in its sentences ("four were for ...").
std::string number_words(std::size_t count) {
    constexpr std::array<const char*, 11> kWords{"no",  "one",   "two",   "three", "four", "five",
                                                 "six", "seven", "eight", "nine",  "ten"};
    return count < kWords.size() ? kWords[count] : std::to_string(count);
}

// "one action", "3 actions".
std::string count_of(int count, std::string_view one, std::string_view many) {
    if (count == 1) return fmt::format("one {}", one);
    return fmt::format("{} {}", count, many);
}

std::string grade_word(domain::Grade grade) { return std::string(domain::describe(grade)); }
// The overall grade, or "not graded" where the framework gave none.
std::string grade_word(const std::optional<domain::Grade>& grade) {
    return grade ? grade_word(*grade) : std::string("not graded");
}

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
    // A paragraph numbered by hand: "i)", "ii)" in a list of recommended actions.
    void labelled(std::string number, std::string text) {
        Block block;
        block.number = std::move(number);
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
    // A table of labels and values. Pairs with an empty value are left out unless `keep_empty`
    // (a front sheet shows its fields, set or not, as the council's template does).
    void details(std::string caption, std::vector<std::pair<std::string, std::string>> pairs,
                 bool keep_empty = false) {
        Block block;
        block.kind = Block::Kind::Details;
        block.text = std::move(caption);
        for (auto& [label, value] : pairs) {
            if (value.empty() && !keep_empty) continue;
            block.rows.push_back({Cell{label, {}, false}, Cell{value, {}, false}});
        }
        if (!block.rows.empty()) m_blocks.push_back(std::move(block));
    }
    void chart(std::string title, int indicator) {
        Block block;
        block.kind = Block::Kind::Chart;
        block.text = std::move(title);
        block.indicator = indicator;
        m_blocks.push_back(std::move(block));
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
    return Cell{state_word(action),
                action.status == ActionStatus::InProgress ? action.rag : std::nullopt,
                action.status == ActionStatus::Complete};
}

Cell rag_cell(const std::optional<Rag>& rag) {
    return Cell{rag ? std::string(domain::describe(*rag)) : "No RAG", rag, false};
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
            items.push_back(fmt::format("{}: due date moved from {} to {}{}",
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
    if (!changes.moved.empty()) {
        out.heading(3, fmt::format("Actions moved to another commitment ({})",
                                   changes.moved.size()));
        std::vector<std::string> items;
        for (const auto& move : changes.moved) {
            items.push_back(fmt::format("{}: moved from commitment {} ({}) to {} ({})",
                                        action_label(move.action), move.from_commitment,
                                        move.from_text, move.to_commitment, move.to_text));
        }
        out.bullets(std::move(items));
    }
    if (!changes.retired.empty()) {
        out.heading(3, fmt::format("Actions retired from the plan ({})", changes.retired.size()));
        std::vector<std::string> items;
        for (const auto& retired : changes.retired) {
            items.push_back(fmt::format(
                "{}: retired{} on {}. Reason: {}", action_label(retired.action),
                retired.with.empty() ? std::string() : " with its " + retired.with,
                long_date(retired.on), retired.reason));
        }
        out.bullets(std::move(items));
    }
    list("Actions removed from the plan", changes.removed);
    if (!changes.evidence_added.empty()) {
        out.heading(3, fmt::format("New evidence ({})", changes.evidence_added.size()));
        std::vector<std::string> items;
        for (const auto& evidence : changes.evidence_added) {
            items.push_back(fmt::format(
                "{}{}: {}{} (recorded {} by {})", evidence.measure,
                evidence.measure_text.empty() ? std::string() : " (" + evidence.measure_text + ")",
                evidence.text, evidence.file.empty() ? std::string() : ". File: " + evidence.file,
                long_date(evidence.on), evidence.by));
        }
        out.bullets(std::move(items));
    }
    if (!changes.indicators_crossed.empty()) {
        out.heading(3, fmt::format("Indicators that crossed their target ({})",
                                   changes.indicators_crossed.size()));
        std::vector<std::string> items;
        for (const auto& crossing : changes.indicators_crossed) {
            items.push_back(fmt::format(
                "{} {} its target of {}: {} now{}", crossing.title,
                crossing.now_met ? "reached" : "fell below", percent_text(crossing.target),
                crossing.to ? figure_text(*crossing.to) : "no figure",
                crossing.from ? ", from " + figure_text(*crossing.from) : std::string()));
        }
        out.bullets(std::move(items));
    }
}

// A setting's lines, one list item each ("CSP1 - Caring for and protecting the vulnerable").
std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

// Each indicator's monthly figures side by side, one column a month: what the charts show, in a
// table a screen reader reads cell by cell. The figures are per cent, as the caption says, so
// that twelve months fit across a portrait page. A figure over fewer than ten cases carries an
// asterisk, explained under the table.
void write_monthly_table(Writer& out, const std::vector<IndicatorRow>& indicators) {
    std::vector<std::string> months;
    for (const auto& row : indicators) {
        for (const auto& month : row.months) {
            if (month.figure.percent) months.push_back(month.month);
        }
    }
    std::sort(months.begin(), months.end());
    months.erase(std::unique(months.begin(), months.end()), months.end());
    if (months.empty()) return;
    // Within one financial year (the usual case) a column is headed by its month alone, and the
    // caption names the year.
    const auto first = Date::parse_iso(months.front() + "-01");
    const auto last = Date::parse_iso(months.back() + "-01");
    const bool one_year =
        first && last &&
        domain::financial_year_start(*first) == domain::financial_year_start(*last);
    std::vector<std::string> header{"Indicator"};
    for (const auto& month : months) {
        const std::string name = month_name(month);
        header.push_back(one_year ? name.substr(0, 3)
                                  : name.substr(0, 3) + name.substr(name.find(' ')));
    }
    std::string caption = "Indicators month by month, per cent";
    if (one_year) {
        const int year = domain::financial_year_start(*first).year();
        caption =
            fmt::format("Indicators month by month in {}-{:02}, per cent", year, (year + 1) % 100);
    }
    bool small = false;
    std::vector<std::vector<Cell>> rows;
    for (const auto& row : indicators) {
        std::vector<Cell> cells{Cell{row.title, {}, false}};
        bool any = false;
        for (const auto& month : months) {
            std::string text = "-";
            for (const auto& figure : row.months) {
                if (figure.month != month || !figure.figure.percent) continue;
                text = figure_text(*figure.figure.percent);
                text.pop_back();  // the '%'
                if (figure.figure.small_denominator) {
                    text += "*";
                    small = true;
                }
                any = true;
            }
            cells.push_back(Cell{text, {}, false});
        }
        if (any) rows.push_back(std::move(cells));
    }
    // Millimetres: the indicator's name takes what twelve months leave of a portrait page.
    std::vector<int> widths{170 - 11 * static_cast<int>(months.size())};
    widths.resize(months.size() + 1, 11);
    out.table(std::move(caption), std::move(header), std::move(rows), std::move(widths));
    if (small) {
        out.paragraph(
            "* Fewer than ten cases in the month: one child moves the figure by ten "
            "points or more.");
    }
}

// The published figures' columns of the performance table: the council's own with its year,
// England's, the statistical neighbours' median and the quartile band ("-" where none).
void append_published_cells(std::vector<Cell>& cells, const IndicatorRow& row) {
    if (!row.benchmark) {
        for (int i = 0; i < 4; ++i) cells.push_back(Cell{"-", {}, false});
        return;
    }
    const domain::MeasureComparison& comparison = *row.benchmark;
    const domain::BenchmarkMeasure& measure = *comparison.measure;
    auto figure = [&](const std::optional<double>& value) {
        return value ? domain::published_text(measure, *value) : std::string("-");
    };
    const std::string year = domain::year_phrase(measure, comparison.year);
    // A council's figure the department withheld (its file marks it, "c" for suppressed) says
    // so; one its file has no row for is not published.
    std::string own = fmt::format("Not published ({})", year);
    if (comparison.la) {
        own = fmt::format("{} ({})", figure(comparison.la), year);
    } else if (!comparison.la_mark.empty()) {
        own = fmt::format("Withheld ({})", year);
    }
    cells.push_back(Cell{std::move(own), {}, false});
    cells.push_back(Cell{figure(comparison.england), {}, false});
    cells.push_back(Cell{figure(comparison.neighbours_median), {}, false});
    cells.push_back(
        Cell{comparison.quartile ? std::string(1, *comparison.quartile) : "-", {}, false});
}

// What the published figures' columns are and where they come from: each publication once, in
// the order the indicators first name it.
std::string published_figures_sentence(const std::vector<IndicatorRow>& indicators) {
    std::vector<std::string> sources;
    for (const auto& row : indicators) {
        if (!row.benchmark) continue;
        for (const auto* source : {&row.benchmark->source, &row.benchmark->england_source}) {
            if (!source->empty() &&
                std::find(sources.begin(), sources.end(), *source) == sources.end()) {
                sources.push_back(*source);
            }
        }
    }
    return fmt::format(
        "Beside them are the Department for Education's latest published figures, each for the "
        "year it names: the council's own figure as published (Published), England's, the "
        "median of its statistical neighbours' figures (Neighbours) and its quartile band among "
        "all councils (Band: A is the best quarter, D the lowest){}.",
        sources.empty() ? std::string()
                        : fmt::format(". {}: {}", sources.size() == 1 ? "Source" : "Sources",
                                      join(sources, "; ")));
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

std::string figure_text(double percent) {
    const double whole = std::round(percent);
    // Rounding 99.6% up to 100% would say that every case was on time.
    if ((whole == 100.0 && percent < 100.0) || (whole == 0.0 && percent > 0.0)) {
        return percent_text(percent);
    }
    return fmt::format("{:.0f}%", whole);
}

ChartSeries indicator_chart(const IndicatorRow& row) {
    ChartSeries series;
    series.title = row.title;
    series.target = row.target;
    series.year_to_date = row.year_to_date;
    series.higher_is_better = row.higher_is_better;
    for (const auto& month : row.months) {
        series.points.push_back(
            {month.month, month.figure.percent, month.figure.small_denominator});
    }
    return series;
}

Date figures_through(Date as_of) {
    const Date next = as_of.plus_days(1);
    if (next.month() != as_of.month()) return as_of;  // the last day of its month
    return as_of.plus_days(-as_of.day());             // the last day of the month before
}

IndicatorRow indicator_row(const domain::IndicatorResult& result, Date figures_to) {
    IndicatorRow row;
    row.key = result.key;
    row.title = result.title;
    row.higher_is_better = result.higher_is_better;
    row.rag = result.rag;
    if (result.target) row.target = result.target->value;
    if (result.year_to_date) row.year_to_date = result.year_to_date->percent;
    const std::string last_month = figures_to.month_key();
    for (const auto& month : result.months) {
        if (month.month <= last_month) row.months.push_back(month);
    }

    const domain::MonthFigure* first = nullptr;
    const domain::MonthFigure* last = nullptr;
    for (const auto& month : row.months) {
        if (!month.figure.percent) continue;
        if (first == nullptr) first = &month;
        last = &month;
    }
    // Within one calendar year the months need no year: "from 71% in April to 84% in August".
    const bool one_year = first != nullptr && first->month.substr(0, 4) == last->month.substr(0, 4);
    auto label = [&](const domain::MonthFigure& month) {
        const std::string name = month_name(month.month);
        return one_year ? name.substr(0, name.find(' ')) : name;
    };
    bool snapshot = false;
    if (last != nullptr) {
        row.latest = last->figure.percent;
        row.latest_label = month_name(last->month);
        row.latest_month = last->month;
        row.small_denominator = last->figure.small_denominator;
        row.first = first->figure.percent;
        row.first_label = month_name(first->month);
    } else if (result.period.percent) {
        snapshot = true;
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
        const double from = std::round(*row.first);
        const double to = std::round(*row.latest);
        if (from == to) {
            row.direction = "no change";
            row.sentence =
                fmt::format("{} stayed at {} from {} to {}{}.", row.title, figure_text(*row.latest),
                            label(*first), label(*last), target_clause);
        } else {
            row.direction = (to > from) == row.higher_is_better ? "improving" : "worsening";
            row.sentence =
                fmt::format("{} {} from {} in {} to {} in {}{}.", row.title,
                            to > from ? "rose" : "fell", figure_text(*row.first), label(*first),
                            figure_text(*row.latest), label(*last), target_clause);
        }
    } else if (snapshot) {
        row.sentence = fmt::format("{} was {} at {}{}.", row.title, figure_text(*row.latest),
                                   row.latest_label, target_clause);
    } else {
        row.sentence = fmt::format("{} was {} in {}{}.", row.title, figure_text(*row.latest),
                                   row.latest_label, target_clause);
    }
    // The RAG is the period's (the year to date; a snapshot's latest figure), as in the table.
    std::string rag;
    if (row.rag) {
        rag = std::string(domain::describe(*row.rag));
        rag[0] = static_cast<char>(rag[0] - 'A' + 'a');
    }
    if (row.year_to_date) {
        row.sentence += fmt::format(" The year to date is {}{}.", figure_text(*row.year_to_date),
                                    rag.empty() ? "" : ", " + rag + " against the target");
    } else if (!rag.empty()) {
        row.sentence += fmt::format(" It is {} against the target.", rag);
    }
    if (row.small_denominator) {
        row.sentence +=
            " The latest figure counts fewer than ten cases, so one child moves it "
            "by ten points or more.";
    }
    return row;
}

ReportModel build_report_model(const ReportInputs& inputs) {
    // The report shows the plan people work from; retired items appear only in the changes,
    // which inputs.changes compares over the whole stored plans.
    const domain::Plan plan = domain::without_retired(inputs.plan);
    const BodyProfile& profile = inputs.profile;
    ReportModel model;
    model.authority = plan.authority;
    model.title = setting(inputs, "report.title", "Update on " + plan.title);
    model.body_name = inputs.body.name;
    model.public_body = inputs.body.is_public;
    model.as_of = inputs.as_of;
    model.since = inputs.since;
    model.meeting = inputs.meeting.value_or(inputs.as_of);
    model.figures_to = inputs.figures_to.value_or(figures_through(inputs.as_of));
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
        auto row = indicator_row(result, model.figures_to);
        // An indicator the plan sets no target for and the data give no figure for says
        // nothing; one with a target is listed, so that the body sees its figure is missing.
        if (!row.latest && !row.target) continue;
        if (const auto found = inputs.benchmarks.find(row.key);
            found != inputs.benchmarks.end() && found->second.measure != nullptr &&
            !found->second.empty()) {
            row.benchmark = found->second;
            row.benchmark_sentence = domain::benchmark_sentence(found->second);
        }
        model.indicators.push_back(std::move(row));
    }

    int commitments = 0;
    int measures = 0;
    int measured = 0;
    std::vector<const domain::Action*> red;
    std::vector<const domain::Action*> overdue;
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            ++commitments;
            for (const auto& measure : commitment.measures) {
                ++measures;
                if (measure.kind == domain::MeasureKind::Measured) ++measured;
            }
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
    std::vector<std::string> off_target;
    for (const auto& row : model.indicators) {
        if (!row.target || !row.latest) continue;
        ++with_target;
        if (row.rag == Rag::Green) {
            ++on_target;
        } else {
            off_target.push_back(row.title);
        }
    }

    Writer out;
    // --- Front sheet, as the council's committee report template lays it out ----------------
    out.heading(1, model.title);
    out.details("",
                {{"Title of Report", model.title},
                 {"Report to be considered by",
                  fmt::format("{}, {}", model.body_name, long_date(model.meeting))},
                 {"Forward Plan Ref", setting(inputs, "report.forward_plan_ref")},
                 {"Figures", fmt::format("The plan as at {}; performance figures to {}",
                                         long_date(inputs.as_of), long_date(model.figures_to))}},
                true);
    out.heading(2, "Purpose of Report");
    out.paragraph(setting(
        inputs, "report.purpose",
        fmt::format("To update the {} on the progress of children's services since the Ofsted "
                    "inspection report published on {}, which judged their overall "
                    "effectiveness \"{}\".",
                    model.body_name, long_date(plan.inspection.published),
                    grade_word(plan.inspection.overall))));
    out.heading(2, "Recommended Action");
    out.paragraph(fmt::format("That the {}:", model.body_name));
    out.labelled("i)",
                 "Endorses the progress being made by children's services since their "
                 "Ofsted inspection.");
    const std::string ambition = setting(inputs, "strategy.ambition");
    out.labelled("ii)", fmt::format("Is informed of the improvement journey to ensure that "
                                    "children's services become \"good\"{}.",
                                    ambition.empty() ? "" : " in line with " + ambition));
    const auto priorities = setting(inputs, "strategy.priorities");
    const auto principles = setting(inputs, "strategy.principles");
    if (!priorities.empty() || !principles.empty()) {
        out.heading(2, "Council Strategy");
        if (!priorities.empty()) {
            out.paragraph(
                "The proposals contained in this report will help to achieve the "
                "following Council Strategy priorities:");
            out.bullets(split_lines(priorities));
        }
        if (!principles.empty()) {
            out.paragraph(
                "The proposals will also help to achieve the following Council "
                "Strategy principles:");
            out.bullets(split_lines(principles));
        }
        const auto how = setting(inputs, "strategy.how");
        if (!how.empty()) {
            out.paragraph(
                "The proposals contained in this report will help to achieve the above "
                "Council Strategy priorities and principles by:");
            out.paragraph(how);
        }
    }
    const std::string member_phone = setting(inputs, "portfolio_member.phone");
    std::string member = setting(inputs, "portfolio_member.name");
    if (!member_phone.empty()) member += (member.empty() ? "" : ", ") + member_phone;
    out.details(
        "Portfolio Member Details",
        {{"Name & Telephone No.", member},
         {"E-mail Address", setting(inputs, "portfolio_member.email")},
         {"Date Portfolio Member agreed report", setting(inputs, "portfolio_member.agreed")}},
        true);
    out.details("Contact Officer Details",
                {{"Name", setting(inputs, "contact_officer.name")},
                 {"Job Title", setting(inputs, "contact_officer.title")},
                 {"Tel. No.", setting(inputs, "contact_officer.phone")},
                 {"E-mail Address", setting(inputs, "contact_officer.email")}},
                true);

    const std::string inspection_sentence = fmt::format(
        "In {}, Ofsted carried out an inspection of {}'s services for children in need of help "
        "and protection, children looked after and care leavers ({}), published on {}.{}",
        month_name(plan.inspection.start.month_key()), plan.authority, plan.inspection.framework,
        long_date(plan.inspection.published),
        limiting != nullptr
            ? fmt::format(" \"{}\" was judged \"{}\". Because this is a limiting judgement, the "
                          "overall effectiveness of children's services was judged \"{}\" too.",
                          limiting->area, grade_word(limiting->grade),
                          grade_word(plan.inspection.overall))
            : fmt::format(" The overall effectiveness of children's services was judged "
                          "\"{}\".",
                          grade_word(plan.inspection.overall)));
    const std::string recommendations_sentence = fmt::format(
        "The Ofsted report contained {} recommendations which must be implemented effectively. "
        "Of these, {} for \"priority and immediate action\" and a further {} {}.",
        plan.recommendations.size(),
        priority == 1 ? std::string("one was")
                      : number_words(static_cast<std::size_t>(priority)) + " were",
        number_words(static_cast<std::size_t>(improvement)),
        improvement == 1 ? "is an \"area for improvement\"" : "are \"areas for improvement\"");
    const std::string plan_sentence = fmt::format(
        "The Improvement Plan (Appendix A) maps the recommendations to {} workstreams holding {} "
        "improvement commitments, statements of intent which show how the service will get to "
        "\"good\", and translates them into {} SMART actions, each with a due date, a lead "
        "officer, a RAG status (except actions not yet started) and a status update.",
        plan.workstreams.size(), commitments, counts.total);
    const std::string measures_sentence = fmt::format(
        "Under \"How will we know we have done it\", the plan shows for each commitment what will "
        "be measured, monitored, observed or established to show that it has been met: {}, {} of "
        "them measured by a performance indicator with a target.",
        count_of(measures, "success measure", "success measures"), measured);
    const std::string progress_sentence = fmt::format(
        "At {}, {} of the {} actions are complete, {} are green, {} amber and {} red, and {} "
        "have not started. {} overdue and {} been rescheduled from their original due date.",
        long_date(inputs.as_of), counts.complete, counts.total, counts.green, counts.amber,
        counts.red, counts.not_started,
        counts.overdue == 1 ? std::string("One action is")
                            : fmt::format("{} actions are", counts.overdue),
        counts.rescheduled == 1 ? std::string("one has")
                                : fmt::format("{} have", counts.rescheduled));
    std::string coverage_sentence;
    if (uncovered.empty()) {
        coverage_sentence =
            "Every Ofsted recommendation is served by at least one commitment "
            "with an action.";
    } else {
        coverage_sentence = fmt::format(
            "{} not yet served by any action: {}.",
            uncovered.size() == 1 ? std::string("One recommendation is")
                                  : fmt::format("{} recommendations are", uncovered.size()),
            join(uncovered, ", "));
    }
    if (!at_risk.empty()) {
        coverage_sentence +=
            fmt::format(" Every action serving {} is red or overdue.", join(at_risk, ", "));
    }
    const std::string performance_sentence = fmt::format(
        "Of the {} with a figure and a target, {} on target for the year to {}{}.",
        count_of(with_target, "performance indicator", "performance indicators"),
        on_target == 1 ? std::string("one is") : fmt::format("{} are", on_target),
        long_date(model.figures_to),
        off_target.empty() ? std::string()
                           : fmt::format("; still short of target: {}", join(off_target, "; ")));
    const std::string conclusion = setting(
        inputs, "report.conclusion",
        "The Improvement Plan records and evidences the progress being made. The improvements "
        "now need to be embedded across all areas so that the service sustains and builds on "
        "them.");
    const std::string response_title =
        fmt::format("{}'s Response to the Ofsted Inspection", plan.authority);

    // --- Executive summary -----------------------------------------------------------------
    if (wants(profile, kSectionSummary)) {
        out.heading(1, "Executive Summary");
        out.restart_numbering();
        out.section("Introduction");
        out.numbered(inspection_sentence);
        out.numbered(recommendations_sentence);
        out.section(response_title);
        out.numbered(plan_sentence);
        out.numbered(measures_sentence);
        out.numbered(progress_sentence);
        out.numbered(coverage_sentence);
        if (!model.indicators.empty()) out.numbered(performance_sentence);
        const auto equalities = setting(inputs, "report.equalities");
        if (!equalities.empty()) {
            out.section("Equalities Impact Assessment Outcomes");
            out.numbered(equalities);
        }
        out.section("Conclusion");
        out.numbered(conclusion);
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
                  std::move(judgements), {9, 5, 3});
        out.numbered(recommendations_sentence);
        out.numbered(fmt::format("The Ofsted recommendations were mapped to {} workstreams:",
                                 plan.workstreams.size()));
        std::vector<std::string> titles;
        for (const auto& workstream : plan.workstreams) {
            titles.push_back(fmt::format("{}) {}", titles.size() + 1, workstream.title));
        }
        out.bullets(std::move(titles));

        out.section(response_title);
        out.numbered(plan_sentence);
        out.numbered("Each workstream has a sponsor and an operational lead:");
        std::vector<std::vector<Cell>> leads;
        for (const auto& workstream : plan.workstreams) {
            leads.push_back({Cell{workstream.title, {}, false}, Cell{workstream.sponsor, {}, false},
                             Cell{workstream.lead, {}, false}});
        }
        out.table("Workstream sponsors and leads", {"Workstream", "Sponsor", "Operational lead"},
                  std::move(leads), {9, 4, 4});
        out.numbered(measures_sentence);

        out.section("Progress of the Improvement Plan");
        out.numbered(progress_sentence);
        std::vector<std::vector<Cell>> rows;
        auto count_row = [](const std::string& name, const domain::ActionCounts& c) {
            auto number = [](int value) { return Cell{std::to_string(value), {}, false}; };
            return std::vector<Cell>{Cell{name, {}, false},
                                     number(c.total),
                                     number(c.complete),
                                     Cell{std::to_string(c.green), Rag::Green, false},
                                     Cell{std::to_string(c.amber), Rag::Amber, false},
                                     Cell{std::to_string(c.red), Rag::Red, false},
                                     number(c.not_started),
                                     number(c.overdue),
                                     number(c.rescheduled)};
        };
        for (const auto& workstream : model.summary.workstreams) {
            rows.push_back(count_row(workstream.title, workstream.actions));
        }
        rows.push_back(count_row("All workstreams", counts));
        // Widths in millimetres of a portrait page's 170: each heading fits on its line.
        out.table("Actions by workstream and RAG status",
                  {"Workstream", "Actions", "Complete", "Green", "Amber", "Red", "Not started",
                   "Overdue", "Rescheduled"},
                  std::move(rows), {49, 15, 17, 12, 14, 9, 15, 17, 22});
        out.numbered(coverage_sentence);
        if (red.empty()) {
            out.numbered("No action is red.");
        } else {
            out.numbered(fmt::format("{} red. Each is listed here with its latest status update:",
                                     red.size() == 1 ? std::string("One action is")
                                                     : fmt::format("{} actions are", red.size())));
            std::vector<std::string> items;
            for (const auto* action : red) {
                items.push_back(fmt::format("{} ({}, due {}): {}{}", action->id, action->lead,
                                            long_date(action->due), action->text,
                                            action->updates.empty()
                                                ? std::string()
                                                : " Update: " + action->updates.back().text));
            }
            out.bullets(std::move(items));
        }
        if (!overdue.empty()) {
            out.numbered(fmt::format("{} past {} due date and not complete:",
                                     overdue.size() == 1
                                         ? std::string("One action is")
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
            out.numbered(performance_sentence);
            out.numbered(fmt::format(
                "The table gives each indicator's latest month, its year to date from 1 April, "
                "its target and its RAG status against the target, computed from the case "
                "records for the months to {}.",
                long_date(model.figures_to)));
            const bool published =
                std::any_of(model.indicators.begin(), model.indicators.end(),
                            [](const IndicatorRow& row) { return row.benchmark.has_value(); });
            if (published) out.numbered(published_figures_sentence(model.indicators));
            std::vector<std::vector<Cell>> rows;
            for (const auto& row : model.indicators) {
                rows.push_back(
                    {Cell{row.title, {}, false},
                     Cell{row.latest
                              ? fmt::format("{} ({})", figure_text(*row.latest), row.latest_label)
                              : "No figure",
                          {},
                          false},
                     Cell{row.year_to_date ? figure_text(*row.year_to_date) : "-", {}, false},
                     Cell{row.target ? percent_text(*row.target) : "None", {}, false},
                     rag_cell(row.rag),
                     Cell{row.direction.empty() ? "-" : row.direction, {}, false}});
                if (published) append_published_cells(rows.back(), row);
            }
            if (published) {
                // Millimetres of a portrait page's 170: ten columns, each wide enough for its
                // header's longest word and its cells' ("improving", "(2024-25)") without
                // breaking them, the indicator's name wrapping in what is left.
                out.table("Performance indicators against target and published figures",
                          {"Indicator", "Latest", "Year to date", "Target", "RAG", "Direction",
                           "Published", "England", "Neighbours", "Band"},
                          std::move(rows), {27, 17, 12, 14, 14, 19, 19, 16, 21, 11});
            } else {
                out.table("Performance indicators against target",
                          {"Indicator", "Latest", "Year to date", "Target", "RAG", "Direction"},
                          std::move(rows), {58, 30, 20, 16, 18, 28});
            }
            write_monthly_table(out, model.indicators);
            // Each indicator's sentence, how it stands against the published figures, then its
            // chart when it has two months or more.
            for (std::size_t i = 0; i < model.indicators.size(); ++i) {
                const auto& row = model.indicators[i];
                out.numbered(row.benchmark_sentence.empty()
                                 ? row.sentence
                                 : row.sentence + " " + row.benchmark_sentence + ".");
                const auto months = std::count_if(row.months.begin(), row.months.end(),
                                                  [](const auto& m) { return m.figure.percent; });
                if (months >= 2) out.chart(row.title, static_cast<int>(i));
            }
        }
    }
    if (wants(profile, kSectionChanges)) {
        out.section(fmt::format("Changes since the last report ({})", long_date(inputs.since)));
        write_changes(out, inputs.changes);
    }
    if (wants(profile, kSectionReport)) {
        out.section("Conclusion");
        out.numbered(conclusion);
        out.section("Recommendations");
        out.numbered(fmt::format(
            "For the {} to consider the progress of children's services and be informed of the "
            "improvement journey being undertaken to ensure that they become \"good\"{}.",
            model.body_name, ambition.empty() ? "" : " in line with " + ambition));
        if (wants(profile, kSectionAppendix)) {
            out.heading(2, "Appendices");
            out.paragraph("Appendix A - Improvement Plan");
        }
        const auto consultees = setting(inputs, "report.consultees");
        if (!consultees.empty()) {
            out.heading(2, "Consultees");
            out.bullets(split_lines(consultees));
        }
    }

    if (model.includes_case_level && !inputs.exceptions.empty()) {
        out.heading(1, "Cases out of timescale");
        out.paragraph(
            "Case-level information: not for publication. These are the children's "
            "cases out of timescale on the date of the report, for the body to "
            "assure itself that each is being acted on.");
        for (const auto& list : inputs.exceptions) {
            std::vector<std::vector<Cell>> rows;
            for (const auto& item : list.cases) {
                rows.push_back(
                    {Cell{item.subject_id, {}, false},
                     Cell{item.due ? long_date(*item.due) : "-", {}, false},
                     Cell{item.days_over ? std::to_string(*item.days_over) : "-", {}, false},
                     Cell{item.team, {}, false}, Cell{item.worker, {}, false}});
            }
            out.table(list.indicator_title, {"Child", "Due", "Days over", "Team", "Worker"},
                      std::move(rows), {3, 3, 2, 3, 3});
        }
    }

    // --- Appendix A: the plan, on landscape pages -------------------------------------------
    if (wants(profile, kSectionAppendix)) {
        out.page_break(true);
        out.heading(1, "Appendix A - Improvement Plan");
        out.paragraph(
            fmt::format("{}: {}, as at {}. RAG status is written in words as well as "
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
            out.details("",
                        {{"Sponsor", workstream.sponsor}, {"Operational lead", workstream.lead}});
            for (const auto& commitment : workstream.commitments) {
                out.heading(3, fmt::format("Improvement commitment {}: {}", commitment.id,
                                           commitment.text));
                std::vector<std::string> linked;
                for (const auto& id : commitment.recommendations) {
                    const auto found = recommendations.find(id);
                    linked.push_back(
                        found == recommendations.end()
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
                        rows.push_back(
                            {Cell{kind, {}, false}, Cell{measure.text, {}, false},
                             Cell{
                                 measure.target ? percent_text(*measure.target) : "-", {}, false}});
                    }
                    out.table("How will we know we have done it", {"Type", "Measure", "Target"},
                              std::move(rows), {3, 20, 2});
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
                // Millimetres of a landscape page's 257.
                out.table("SMART actions",
                          {"Ref", "Action", "Lead officer", "Target date", "RAG / status",
                           "Status update"},
                          std::move(rows), {12, 72, 36, 32, 23, 82});
            }
        }
    }
    model.blocks = out.take();
    return model;
}

}  // namespace csip::reporting
