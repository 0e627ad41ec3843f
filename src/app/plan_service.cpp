#include "app/plan_service.hpp"

#include "app/sha256.hpp"
#include "domain/indicators/indicator_definitions.hpp"

#include "domain/plan_audit.hpp"
#include "domain/plan_rules.hpp"
#include "import/plan_reader.hpp"
#include "reporting/plan_csv_writer.hpp"
#include "reporting/plan_json_writer.hpp"
#include "reporting/xlsx/xlsx_writer.hpp"

namespace csip::app {
namespace {

Error problems_error(const std::vector<import::Problem>& problems) {
    std::string message;
    for (const auto& problem : problems) {
        if (!message.empty()) message += "\n";
        message += import::to_string(problem);
    }
    message += "\nNothing was changed.";
    return Error{ErrorKind::InvalidInput, std::move(message), {}};
}

Error no_plan() {
    return Error{ErrorKind::NotFound,
                 "there is no plan yet: import one with 'csip plan import FILE' (csip-plan/1 JSON)",
                 {}};
}

domain::EditBy edit_by(const domain::Clock& clock, const std::string& actor) {
    domain::EditBy by{actor, clock.timestamp(), clock.today(), {}};
    for (const auto& definition : domain::indicator_definitions()) {
        by.indicators.emplace_back(definition.key);
    }
    return by;
}

}  // namespace

PlanService::PlanService(storage::PlanStore& store, const domain::Clock& clock)
    : m_store(store), m_clock(clock) {}

Result<PlanImportOutcome> PlanService::import_plan(std::string_view text,
                                                   const std::string& file_name, PlanFormat format,
                                                   const std::string& actor) {
    auto stored = m_store.load_plan();
    if (!stored) return fail(stored.error());
    const std::optional<domain::Plan>& before = *stored;

    import::PlanReadResult read;
    if (format == PlanFormat::Json) {
        read = import::read_plan_json(text, file_name);
    } else {
        read = import::read_plan_csv(text, file_name, before ? &*before : nullptr);
    }
    if (!read.problems.empty() || !read.plan) return fail(problems_error(read.problems));

    // Readers run check_plan already; checking again here keeps the rule in force for any
    // future reader that forgets.
    if (const auto violations = domain::check_plan(*read.plan); !violations.empty()) {
        std::vector<import::Problem> problems;
        for (const auto& violation : violations) {
            import::Problem problem;
            problem.file = file_name;
            problem.place = violation.path;
            problem.message = violation.message;
            problem.fix = violation.fix;
            problems.push_back(std::move(problem));
        }
        return fail(problems_error(problems));
    }

    domain::carry_versions(before, *read.plan);
    const auto audit =
        domain::audit_plan_replacement(before, *read.plan, actor, m_clock.timestamp());
    if (auto saved = m_store.replace_plan(*read.plan, audit); !saved) return fail(saved.error());
    return PlanImportOutcome{std::move(*read.plan), before.has_value(), audit.size()};
}

Result<std::string> PlanService::export_plan(PlanFormat format) {
    auto current = stored_plan();
    if (!current) return fail(current.error());
    switch (format) {
        case PlanFormat::Json: return reporting::write_plan_json(*current);
        case PlanFormat::Csv: return reporting::write_plan_csv(*current);
        case PlanFormat::Xlsx: return reporting::xlsx::render_plan_xlsx(*current);
    }
    return reporting::write_plan_json(*current);
}

Result<domain::Plan> PlanService::stored_plan() {
    auto stored = m_store.load_plan();
    if (!stored) return fail(stored.error());
    if (!*stored) return fail(no_plan());
    return std::move(**stored);
}

Result<domain::Plan> PlanService::plan() {
    auto stored = stored_plan();
    if (!stored) return fail(stored.error());
    return domain::without_retired(*stored);
}

Result<domain::PlanSummary> PlanService::summary(domain::Date as_of) {
    auto current = plan();
    if (!current) return fail(current.error());
    return domain::summarise(*current, as_of);
}

Result<std::vector<domain::RecommendationCoverage>> PlanService::coverage(domain::Date as_of) {
    auto current = plan();
    if (!current) return fail(current.error());
    return domain::coverage(*current, as_of);
}

Result<domain::Action> PlanService::update_action(const std::string& id,
                                                  const domain::ActionUpdateRequest& request,
                                                  const std::string& actor) {
    // An action whose commitment or workstream is retired has left the plan with it.
    auto stored = m_store.load_plan();
    if (!stored) return fail(stored.error());
    if (*stored) {
        const auto place = domain::find_item(**stored, domain::PlanItem::Action, id);
        if (place.action != nullptr && !place.action->retired &&
            place.out_of_plan(domain::PlanItem::Action)) {
            return fail(ErrorKind::Conflict,
                        "action '" + id + "' sits in a retired workstream or commitment: restore "
                        "that first to update it",
                        "id");
        }
    }
    const auto timestamp = m_clock.timestamp();
    return m_store.edit_action(id, [&](const domain::Action& current) {
        return domain::apply_update(current, request, actor, timestamp);
    });
}

Result<PlanChangeOutcome> PlanService::change(const Edit& edit, const std::string& actor) {
    const domain::EditBy by = edit_by(m_clock, actor);
    std::string id;
    auto changed = m_store.edit_plan([&](const std::optional<domain::Plan>& current)
                                         -> Result<domain::PlanRevision> {
        if (!current) return fail(no_plan());
        auto revision = edit(*current, by);
        if (revision) id = revision->id;
        return revision;
    });
    if (!changed) return fail(changed.error());
    return PlanChangeOutcome{std::move(*changed), std::move(id)};
}

Result<PlanChangeOutcome> PlanService::start(const domain::PlanHead& head,
                                             const std::string& actor) {
    const domain::EditBy by = edit_by(m_clock, actor);
    auto started = m_store.edit_plan([&](const std::optional<domain::Plan>& current) {
        return domain::start_plan(current, head, by);
    });
    if (!started) return fail(started.error());
    return PlanChangeOutcome{std::move(*started), "plan"};
}

Result<domain::Evidence> PlanService::add_evidence(const std::string& measure,
                                                   const EvidenceRequest& request,
                                                   std::string_view file,
                                                   const domain::Person& person) {
    domain::Evidence evidence;
    evidence.measure = measure;
    evidence.on = request.on;
    evidence.text = request.text;
    evidence.by = person.officer.empty() ? person.name : person.officer;
    if (!request.link.empty()) evidence.link = request.link;
    evidence.recorded_at = m_clock.timestamp();
    evidence.recorded_by = person.name;
    if (!request.file_name.empty() || !file.empty()) {
        if (file.size() > domain::kMaximumEvidenceFile) {
            return fail(ErrorKind::InvalidInput,
                        "the file is larger than 10 MB: attach a smaller copy, or link to it",
                        "file");
        }
        const auto kind = domain::evidence_file_kind(file);
        if (!kind) {
            return fail(ErrorKind::InvalidInput,
                        "the file is not a PDF, Word document (DOCX), Excel workbook (XLSX), PNG "
                        "or JPEG: attach one of those",
                        "file");
        }
        evidence.file = domain::EvidenceFile{
            request.file_name.empty() ? "evidence" + std::string(kind->extension)
                                      : request.file_name,
            std::string(kind->content_type), static_cast<std::int64_t>(file.size()),
            sha256_hex(file)};
    }
    if (auto ok = domain::check_evidence(evidence, m_clock.today()); !ok) return fail(ok.error());
    return m_store.add_evidence(
        [&](const std::optional<domain::Plan>& current)
            -> Result<storage::PlanStore::EvidenceRevision> {
            if (!current) return fail(no_plan());
            const auto place = domain::find_item(*current, domain::PlanItem::Measure, measure);
            if (place.measure == nullptr) {
                return fail(ErrorKind::NotFound, "there is no success measure '" + measure + "'",
                            "measure");
            }
            if (!domain::may_add_evidence(person, *place.commitment)) {
                return fail(ErrorKind::Forbidden,
                            person.name + " may not add evidence to success measure '" + measure +
                                "': an editor may, or the lead of one of its commitment's actions",
                            "measure");
            }
            if (place.out_of_plan(domain::PlanItem::Measure)) {
                return fail(ErrorKind::Conflict,
                            "success measure '" + measure + "' is retired: restore it first", "id");
            }
            std::string summary = measure + ": " + evidence.text;
            if (evidence.file) summary += " (file " + evidence.file->name + ")";
            return storage::PlanStore::EvidenceRevision{
                evidence,
                {domain::AuditEntry{0, evidence.recorded_at, person.name, "evidence", "", "created",
                                    std::nullopt, summary, std::nullopt}}};
        },
        file);
}

Result<std::vector<domain::Evidence>> PlanService::evidence(const std::string& measure) {
    return m_store.evidence(measure);
}

Result<storage::PlanStore::EvidenceWithFile> PlanService::evidence_file(std::int64_t id) {
    auto found = m_store.evidence_file(id);
    if (!found) return fail(found.error());
    if (!*found || !(*found)->evidence.file) {
        return fail(ErrorKind::NotFound, "there is no evidence file " + std::to_string(id), "id");
    }
    return std::move(**found);
}

Result<ActionHistory> PlanService::history(const std::string& id) {
    auto current = plan();
    if (!current) return fail(current.error());
    const auto* action = current->find_action(id);
    if (action == nullptr) {
        return fail(ErrorKind::NotFound,
                    "there is no action '" + id + "'; 'csip plan show' lists the action ids", "id");
    }
    storage::AuditQuery query;
    query.entity = "action";
    query.entity_id = id;
    auto audit = m_store.audit_trail(query);
    if (!audit) return fail(audit.error());
    return ActionHistory{*action, domain::build_history(*action, *audit)};
}

Result<std::vector<domain::AuditEntry>> PlanService::audit_trail(const storage::AuditQuery& query) {
    return m_store.audit_trail(query);
}

}  // namespace csip::app
