// The PlanStore contract for editing the plan item by item and for the evidence behind its
// success measures (storage/plan_store.hpp: edit_plan, edit_action's versions, add_evidence,
// evidence, evidence_file), and schema version 9 reached from version 8. Each test runs once on
// SQLite and once on PostgreSQL, on a fresh database of its own.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "domain/action_update.hpp"
#include "domain/evidence.hpp"
#include "domain/plan_audit.hpp"
#include "domain/plan_edit.hpp"
#include "sample_plan.hpp"
#include "storage/sql/schema.hpp"
#include "test_database.hpp"

namespace csip::storage {
namespace {

using namespace domain;
using namespace std::string_literals;
using fixture::d;
using fixture::describe;
using fixture::sample_plan;
using harness::Backend;

constexpr const char* kTimestamp = "2016-01-04T09:30:00Z";

EditBy editor(std::string actor = "amy") {
    return EditBy{std::move(actor), kTimestamp, d("2016-01-04"), {"assessments_45wd", "icpc_15wd"}};
}

std::string retirement(const std::optional<Retirement>& retired) {
    if (!retired) return "";
    return " retired " + retired->on.iso() + " by '" + retired->by + "': '" + retired->reason + "'";
}

// Everything fixture::describe writes, and what plan editing added: each item's version and
// retirement, a measure's status and who set it, when.
std::string everything(const Plan& plan) {
    std::ostringstream out;
    out << describe(plan) << "plan version " << plan.version << ", inspection version "
        << plan.inspection.version << "\n";
    for (const auto& recommendation : plan.recommendations) {
        out << "recommendation " << recommendation.id << " v" << recommendation.version
            << retirement(recommendation.retired) << "\n";
    }
    for (const auto& workstream : plan.workstreams) {
        out << "workstream " << workstream.id << " v" << workstream.version
            << retirement(workstream.retired) << "\n";
        for (const auto& commitment : workstream.commitments) {
            out << " commitment " << commitment.id << " v" << commitment.version
                << retirement(commitment.retired) << "\n";
            for (const auto& measure : commitment.measures) {
                out << "  measure " << measure.id << " v" << measure.version << " "
                    << to_string(measure.status) << " by '" << measure.status_by << "' at '"
                    << measure.status_at << "'" << retirement(measure.retired) << "\n";
            }
            for (const auto& action : commitment.actions) {
                out << "  action " << action.id << " v" << action.version
                    << retirement(action.retired) << "\n";
            }
        }
    }
    return out.str();
}

std::string describe_evidence(const Evidence& evidence) {
    std::ostringstream out;
    out << evidence.id << " " << evidence.measure << " " << evidence.on.iso() << " '"
        << evidence.text << "' by '" << evidence.by << "' link "
        << fixture::optional(evidence.link) << " recorded " << evidence.recorded_at << " by "
        << evidence.recorded_by;
    if (evidence.file) {
        out << " file '" << evidence.file->name << "' " << evidence.file->content_type << " "
            << evidence.file->size << " " << evidence.file->sha256;
    }
    return out.str();
}

// The sample plan as an edited one would be: versions apart from 1, an item of each kind
// retired (with an apostrophe and non-ASCII letters in the reason), a measure assessed, and no
// overall grade.
Plan edited_plan() {
    Plan plan = sample_plan();
    plan.version = 4;
    plan.inspection.version = 3;
    plan.inspection.overall.reset();
    plan.recommendations[1].version = 2;  // R1
    plan.recommendations[2].retired = Retirement{d("2015-12-01"), "amy", "Met – Ofsted's letter"};
    plan.recommendations[2].version = 5;  // R10
    auto& practice = plan.workstreams[0];
    practice.version = 6;
    auto& timely = practice.commitments[0];
    timely.version = 7;
    timely.measures[0].status = MeasureStatus::PartlyMet;
    timely.measures[0].status_by = "ben";
    timely.measures[0].status_at = "2015-12-02T16:45:09Z";
    timely.measures[0].version = 8;
    timely.measures[1].retired = Retirement{d("2015-12-03"), "ben", "Observed by QA instead"};
    timely.measures[1].version = 2;
    timely.measures[2].status = MeasureStatus::Met;
    timely.measures[2].status_by = "amy";
    timely.measures[2].status_at = "2015-12-04T08:00:00Z";
    timely.actions[1].retired = Retirement{d("2015-12-05"), "amy", "Merged into A10"};  // A9
    timely.actions[1].version = 9;
    timely.actions[0].version = 12;  // A10
    plan.workstreams[1].commitments[1].retired = Retirement{d("2015-12-06"), "amy", "Not needed"};
    plan.workstreams[2].retired = Retirement{d("2015-12-07"), "carl", "Closed"};  // W3
    plan.workstreams[2].version = 3;
    return plan;
}

// An edit that stores `plan` as it is, with `audit`.
PlanStore::PlanEdit storing(Plan plan, std::vector<AuditEntry> audit = {}) {
    return [plan = std::move(plan), audit = std::move(audit)](const std::optional<Plan>&)
               -> Result<PlanRevision> { return PlanRevision{plan, "plan", audit}; };
}

Evidence evidence_on(std::string measure, std::string text) {
    Evidence evidence;
    evidence.measure = std::move(measure);
    evidence.on = d("2015-12-14");
    evidence.text = std::move(text);
    evidence.by = "QA Manager";
    evidence.recorded_at = kTimestamp;
    evidence.recorded_by = "amy";
    return evidence;
}

EvidenceFile file_of(std::string name, std::size_t size) {
    return EvidenceFile{std::move(name), "application/pdf", static_cast<std::int64_t>(size),
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"};
}

AuditEntry evidence_created(const Evidence& evidence) {
    return {0, kTimestamp, evidence.recorded_by, "evidence", "", "created", std::nullopt,
            evidence.measure + ": " + evidence.text, std::nullopt};
}

// An evidence edit that adds `evidence` whatever the plan, with its audit entry.
PlanStore::EvidenceEdit adding(Evidence evidence) {
    return [evidence = std::move(evidence)](const std::optional<Plan>&)
               -> Result<PlanStore::EvidenceRevision> {
        return PlanStore::EvidenceRevision{evidence, {evidence_created(evidence)}};
    };
}

// Every byte value, NUL and 0xFF among them, in an order no text encoding would give.
std::string every_byte(std::size_t size) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = static_cast<char>(static_cast<unsigned char>((i * 131 + (i >> 8)) & 0xffU));
    }
    return bytes;
}

class PlanEditContract : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (auto reason = harness::unavailable_reason(GetParam())) {
            if (harness::postgres_required()) {
                FAIL() << "CSIP_REQUIRE_POSTGRES=1 but " << *reason;
            }
            GTEST_SKIP() << *reason;
        }
        m_database = harness::create_test_database(GetParam());
        m_store = open_store(*m_database);
        ASSERT_NE(m_store, nullptr);
    }

    static std::unique_ptr<PlanStore> open_store(harness::TestDatabase& database) {
        auto store = database.open_store();
        EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
        return store ? std::move(store).value() : nullptr;
    }

    PlanStore& store() { return *m_store; }

    Plan loaded_plan(PlanStore& from) {
        auto plan = from.load_plan();
        EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().message);
        EXPECT_TRUE(plan && plan->has_value()) << "the store holds no plan";
        return plan && plan->has_value() ? **plan : Plan{};
    }
    Plan loaded_plan() { return loaded_plan(store()); }

    std::vector<AuditEntry> trail() {
        auto entries = store().audit_trail({});
        EXPECT_TRUE(entries.has_value()) << (entries ? "" : entries.error().message);
        return entries ? *entries : std::vector<AuditEntry>{};
    }

    std::vector<Evidence> evidence(std::string_view measure) {
        auto entries = store().evidence(measure);
        EXPECT_TRUE(entries.has_value()) << (entries ? "" : entries.error().message);
        return entries ? *entries : std::vector<Evidence>{};
    }

    void import(const Plan& plan) {
        auto before = store().load_plan();
        ASSERT_TRUE(before.has_value());
        auto replaced =
            store().replace_plan(plan, audit_plan_replacement(*before, plan, "importer", kTimestamp));
        ASSERT_TRUE(replaced.has_value()) << replaced.error().message;
    }

    Evidence added(Evidence entry, std::string_view content = {}) {
        auto stored = store().add_evidence(adding(std::move(entry)), content);
        EXPECT_TRUE(stored.has_value()) << (stored ? "" : stored.error().message);
        return stored ? *stored : Evidence{};
    }

    std::unique_ptr<harness::TestDatabase> m_database;
    std::unique_ptr<PlanStore> m_store;
};

// --- edit_plan ------------------------------------------------------------------------------

TEST_P(PlanEditContract, EditPlanStoresVersionsRetirementsMeasureStatusAndNoOverallGradeExactly) {
    const Plan plan = edited_plan();
    auto stored = store().edit_plan(storing(plan));
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    EXPECT_EQ(everything(*stored), everything(plan));
    EXPECT_EQ(everything(loaded_plan()), everything(plan));
    // Read by another connection, from what is in the database.
    auto other = open_store(*m_database);
    ASSERT_NE(other, nullptr);
    const Plan reloaded = loaded_plan(*other);
    EXPECT_EQ(everything(reloaded), everything(plan));
    EXPECT_EQ(reloaded.inspection.overall, std::nullopt);

    // A grade given again is stored again.
    Plan graded = plan;
    graded.inspection.overall = Grade::Inadequate;
    ASSERT_TRUE(store().edit_plan(storing(graded)).has_value());
    EXPECT_EQ(loaded_plan().inspection.overall, Grade::Inadequate);
}

TEST_P(PlanEditContract, EditPlanSeesNoPlanWhenThereIsNoneThenThePlanAsStored) {
    bool saw_none = false;
    auto started = store().edit_plan([&](const std::optional<Plan>& current) {
        saw_none = !current.has_value();
        return start_plan(current, {"West Testshire", "Improvement plan", ""}, editor());
    });
    ASSERT_TRUE(started.has_value()) << started.error().message;
    EXPECT_TRUE(saw_none);
    EXPECT_EQ(everything(loaded_plan()), everything(*started));

    std::string seen;
    auto second = store().edit_plan([&](const std::optional<Plan>& current) {
        seen = current ? everything(*current) : "none";
        return start_plan(current, {"West Testshire", "Another plan", ""}, editor());
    });
    ASSERT_FALSE(second.has_value());
    EXPECT_EQ(second.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(seen, everything(*started));
}

TEST_P(PlanEditContract, EditPlanAppendsTheEditsAuditEntriesInOrder) {
    import(sample_plan());
    const auto before = trail();
    std::vector<AuditEntry> expected;
    auto changed = store().edit_plan([&](const std::optional<Plan>& current) {
        WorkstreamFields fields;
        fields.title = "Practice quality";
        fields.lead = "Principal Social Worker";
        auto revision = change_workstream(*current, "W2", 1, fields, editor());
        if (revision) expected = revision->audit;
        return revision;
    });
    ASSERT_TRUE(changed.has_value()) << changed.error().message;
    ASSERT_EQ(expected.size(), 2U);
    EXPECT_EQ(changed->workstreams[0].version, 2);
    EXPECT_EQ(loaded_plan().workstreams[0].version, 2);
    EXPECT_EQ(loaded_plan().workstreams[1].version, 1);

    const auto after = trail();
    ASSERT_EQ(after.size(), before.size() + expected.size());
    const std::vector<AuditEntry> kept(after.begin(),
                                       after.begin() + static_cast<std::ptrdiff_t>(before.size()));
    EXPECT_EQ(describe(kept), describe(before));
    const std::vector<AuditEntry> appended(
        after.begin() + static_cast<std::ptrdiff_t>(before.size()), after.end());
    EXPECT_EQ(describe(appended), describe(expected));
    for (std::size_t i = 1; i < after.size(); ++i) EXPECT_LT(after[i - 1].id, after[i].id);
}

TEST_P(PlanEditContract, AFailingEditWritesNothing) {
    import(edited_plan());
    const std::string plan_before = everything(loaded_plan());
    const std::string trail_before = describe(trail());
    const std::size_t entries_before = trail().size();

    // The edit refuses: its error comes back as it gave it.
    auto refused = store().edit_plan([](const std::optional<Plan>& current) {
        return retire(*current, PlanItem::Action, "A10", 1, "Not needed", editor());
    });
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(refused.error().field, "version");

    // The edit returns a plan the database refuses (two actions with one id) after the old rows
    // were deleted: the deletion is undone with the rest.
    Plan broken = edited_plan();
    broken.workstreams[1].commitments[0].actions.push_back(
        fixture::sample_action("A10", ActionStatus::NotStarted, std::nullopt, "2016-05-01"));
    auto failed = store().edit_plan(storing(
        broken, {fixture::audit_entry("amy", "action", "A10", "created", std::nullopt, "Do A10")}));
    ASSERT_FALSE(failed.has_value());

    EXPECT_EQ(everything(loaded_plan()), plan_before);
    EXPECT_EQ(describe(trail()), trail_before);
    EXPECT_EQ(trail().size(), entries_before);
}

TEST_P(PlanEditContract, AnEditFromAVersionSinceChangedIsRefusedThroughTheStore) {
    import(sample_plan());
    auto other = open_store(*m_database);
    ASSERT_NE(other, nullptr);
    // Both people opened R1 at version 1; the first to save wins.
    const int opened = loaded_plan(*other).recommendations[1].version;
    ASSERT_EQ(opened, 1);
    auto first = store().edit_plan([&](const std::optional<Plan>& current) {
        return change_recommendation(*current, "R1", opened, {{}, "Hold every ICPC on time"},
                                     editor("amy"));
    });
    ASSERT_TRUE(first.has_value()) << first.error().message;
    auto second = other->edit_plan([&](const std::optional<Plan>& current) {
        return change_recommendation(*current, "R1", opened, {{}, "Hold ICPCs within 15 days"},
                                     editor("ben"));
    });
    ASSERT_FALSE(second.has_value());
    EXPECT_EQ(second.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(second.error().field, "version");
    const Plan now = loaded_plan(*other);
    EXPECT_EQ(now.recommendations[1].text, "Hold every ICPC on time");
    EXPECT_EQ(now.recommendations[1].version, 2);
}

TEST_P(PlanEditContract, ConcurrentEditsFromSeveralConnectionsAreEachKept) {
    import(sample_plan());
    constexpr int kThreads = 4;
    constexpr int kEach = 5;
    std::vector<std::unique_ptr<PlanStore>> stores;
    for (int t = 0; t < kThreads; ++t) {
        stores.push_back(open_store(*m_database));
        ASSERT_NE(stores.back(), nullptr);
    }
    std::vector<int> failures(kThreads, 0);
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto added = stores[static_cast<std::size_t>(t)]->edit_plan(
                    [&](const std::optional<Plan>& current) {
                        return add_recommendation(
                            *current,
                            {RecommendationCategory::Improvement,
                             "From " + std::to_string(t) + ", number " + std::to_string(i)},
                            editor());
                    });
                if (!added) ++failures[static_cast<std::size_t>(t)];
            }
        });
    }
    for (auto& worker : workers) worker.join();
    for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[static_cast<std::size_t>(t)], 0) << t;
    const Plan plan = loaded_plan();
    ASSERT_EQ(plan.recommendations.size(), 4U + kThreads * kEach);
    // Each took the next id: R11 to R30, none twice.
    for (std::size_t r = 4; r < plan.recommendations.size(); ++r) {
        EXPECT_EQ(plan.recommendations[r].id, "R" + std::to_string(7 + r)) << r;
    }
}

// --- edit_action and versions ---------------------------------------------------------------

TEST_P(PlanEditContract, AStatusUpdateRaisesTheActionsVersion) {
    import(edited_plan());  // A10 is at version 12
    ActionUpdateRequest request;
    request.note = "Audit tool in use";
    request.by = "Head of Service";
    request.on = d("2016-01-04");
    request.version = 12;
    auto edit = [&](const Action& current) {
        return apply_update(current, request, "lead", kTimestamp);
    };
    auto updated = store().edit_action("A10", edit);
    ASSERT_TRUE(updated.has_value()) << updated.error().message;
    EXPECT_EQ(updated->version, 13);
    EXPECT_EQ(loaded_plan().find_action("A10")->version, 13);
    // Nothing else changed its version.
    Plan expected = edited_plan();
    *expected.find_action("A10") = *updated;
    EXPECT_EQ(everything(loaded_plan()), everything(expected));

    // The same update again, from version 12, is refused and writes nothing.
    const auto entries = trail().size();
    auto stale = store().edit_action("A10", edit);
    ASSERT_FALSE(stale.has_value());
    EXPECT_EQ(stale.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(stale.error().field, "version");
    EXPECT_EQ(loaded_plan().find_action("A10")->updates.size(), updated->updates.size());
    EXPECT_EQ(trail().size(), entries);
}

TEST_P(PlanEditContract, EditActionSeesTheRetirementAndKeepsIt) {
    import(edited_plan());  // A9 is retired, at version 9
    ActionUpdateRequest request;
    request.note = "Still wanted";
    request.by = "Head of Service";
    request.on = d("2016-01-04");
    auto refused = store().edit_action("A9", [&](const Action& current) {
        return apply_update(current, request, "lead", kTimestamp);
    });
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(loaded_plan().find_action("A9")->updates.size(), 0U);

    // An edit that does not look at the retirement cannot lose it either.
    std::optional<Retirement> seen;
    int seen_version = 0;
    auto edited = store().edit_action("A9", [&](const Action& current) -> Result<ActionChange> {
        seen = current.retired;
        seen_version = current.version;
        Action next = current;
        next.retired.reset();
        next.text = "Do A9 now";
        const StatusUpdate update{d("2016-01-04"), "Head of Service", "Noted", std::nullopt,
                                  std::nullopt};
        next.updates.push_back(update);
        return ActionChange{next, update, {}};
    });
    ASSERT_TRUE(edited.has_value()) << edited.error().message;
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->reason, "Merged into A10");
    EXPECT_EQ(seen_version, 9);
    EXPECT_EQ(edited->version, 10);
    ASSERT_TRUE(edited->retired);
    const Action stored = *loaded_plan().find_action("A9");
    EXPECT_EQ(stored.version, 10);
    EXPECT_EQ(stored.text, "Do A9 now");
    EXPECT_EQ(retirement(stored.retired), retirement(edited_plan().find_action("A9")->retired));
}

// --- Evidence -------------------------------------------------------------------------------

TEST_P(PlanEditContract, EvidenceGetsIncreasingIdsAndIsListedOldestFirst) {
    import(sample_plan());
    auto first = evidence_on("M2", "Audit: 41 of 50 on time");
    first.link = "https://intranet.testshire.gov.uk/audits/2015-12";
    const auto one = added(first);
    const auto two = added(evidence_on("M1", "Observed by the principal social worker"));
    const auto three = added(evidence_on("M2", "Audit: 45 of 50 on time"));
    EXPECT_GT(one.id, 0);
    EXPECT_LT(one.id, two.id);
    EXPECT_LT(two.id, three.id);

    first.id = one.id;
    EXPECT_EQ(describe_evidence(one), describe_evidence(first));
    const auto on_m2 = evidence("M2");
    ASSERT_EQ(on_m2.size(), 2U);
    EXPECT_EQ(describe_evidence(on_m2[0]), describe_evidence(first));
    EXPECT_EQ(describe_evidence(on_m2[1]), describe_evidence(three));
    EXPECT_EQ(on_m2[1].link, std::nullopt);
    EXPECT_FALSE(on_m2[1].file);
    const auto all = evidence("");
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].id, one.id);
    EXPECT_EQ(all[1].id, two.id);
    EXPECT_EQ(all[2].id, three.id);
    EXPECT_TRUE(evidence("M9").empty());
}

TEST_P(PlanEditContract, AFileIsStoredByteForByte) {
    import(sample_plan());
    const std::string small = "%PDF-1.4\n"s + std::string("\x00\xff\x00\r\n\x1a\xfe", 7) +
                              every_byte(512) + "\xff";
    auto entry = evidence_on("M2", "Audit report");
    entry.file = file_of("Audit – December.pdf", small.size());
    const auto stored = added(entry, small);
    ASSERT_TRUE(stored.file);

    auto found = store().evidence_file(stored.id);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->content.size(), small.size());
    EXPECT_TRUE((*found)->content == small) << "the bytes read back differ";
    entry.id = stored.id;
    EXPECT_EQ(describe_evidence((*found)->evidence), describe_evidence(entry));
    // The list gives the metadata without the content.
    ASSERT_EQ(evidence("M2").size(), 1U);
    EXPECT_EQ(describe_evidence(evidence("M2")[0]), describe_evidence(entry));
}

TEST_P(PlanEditContract, AFileOfTheLargestSizeAllowedIsStoredByteForByte) {
    import(sample_plan());
    const std::string largest = every_byte(kMaximumEvidenceFile);
    auto entry = evidence_on("M1", "Practice observations, whole year");
    entry.file = file_of("observations.pdf", largest.size());
    const auto stored = added(entry, largest);

    auto found = store().evidence_file(stored.id);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    ASSERT_EQ((*found)->content.size(), largest.size());
    EXPECT_TRUE((*found)->content == largest) << "the bytes read back differ";
    ASSERT_TRUE((*found)->evidence.file);
    EXPECT_EQ((*found)->evidence.file->size, static_cast<std::int64_t>(kMaximumEvidenceFile));
}

TEST_P(PlanEditContract, EvidenceWithoutAFileHasNoContentAndAnUnknownIdIsNothing) {
    import(sample_plan());
    // Bytes given with an entry that has no file are not kept.
    const auto stored = added(evidence_on("M1", "Seen at the board"), "stray bytes");
    auto found = store().evidence_file(stored.id);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_FALSE((*found)->evidence.file);
    EXPECT_EQ((*found)->content, "");

    auto missing = store().evidence_file(stored.id + 1000);
    ASSERT_TRUE(missing.has_value()) << missing.error().message;
    EXPECT_FALSE(missing->has_value());
}

TEST_P(PlanEditContract, EvidenceSurvivesReplacingAndEditingThePlan) {
    import(sample_plan());
    const std::string content = every_byte(2048);
    auto entry = evidence_on("M2", "Audit report");
    entry.file = file_of("audit.pdf", content.size());
    const auto stored = added(entry, content);

    Plan second = sample_plan();
    second.title = "Improvement plan, second edition";
    import(second);
    auto edited = store().edit_plan([](const std::optional<Plan>& current) {
        return retire(*current, PlanItem::Measure, "M2", 1, "Replaced by M4", editor());
    });
    ASSERT_TRUE(edited.has_value()) << edited.error().message;
    // Even a plan without the measure keeps the evidence recorded on it.
    Plan without = sample_plan();
    without.workstreams[0].commitments[0].measures.erase(
        without.workstreams[0].commitments[0].measures.begin());
    import(without);

    const auto kept = evidence("M2");
    ASSERT_EQ(kept.size(), 1U);
    entry.id = stored.id;
    EXPECT_EQ(describe_evidence(kept[0]), describe_evidence(entry));
    auto found = store().evidence_file(stored.id);
    ASSERT_TRUE(found.has_value() && found->has_value());
    EXPECT_TRUE((*found)->content == content);
}

TEST_P(PlanEditContract, AnEvidenceEditsErrorStoresNothing) {
    import(sample_plan());
    const auto entries = trail().size();
    std::optional<std::string> title_seen;
    auto refused = store().add_evidence(
        [&](const std::optional<Plan>& current) -> Result<PlanStore::EvidenceRevision> {
            title_seen = current ? std::optional(current->title) : std::nullopt;
            return fail(ErrorKind::Forbidden, "ben may not add evidence to M2", "measure");
        },
        every_byte(100));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::Forbidden);
    EXPECT_EQ(refused.error().field, "measure");
    EXPECT_EQ(refused.error().message, "ben may not add evidence to M2");
    EXPECT_EQ(title_seen, sample_plan().title);  // the edit saw the plan
    EXPECT_TRUE(evidence("").empty());
    EXPECT_EQ(trail().size(), entries);
}

TEST_P(PlanEditContract, TheAuditEntriesOfEvidenceNameItsNewId) {
    import(sample_plan());
    added(evidence_on("M1", "First"));
    auto entry = evidence_on("M2", "Audit: 41 of 50 on time");
    auto stored = store().add_evidence(
        [&](const std::optional<Plan>&) -> Result<PlanStore::EvidenceRevision> {
            auto second = evidence_created(entry);
            second.field = "file";
            return PlanStore::EvidenceRevision{entry, {evidence_created(entry), second}};
        },
        {});
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    const auto evidence_trail = store().audit_trail({"evidence", std::nullopt, std::nullopt, 0});
    ASSERT_TRUE(evidence_trail.has_value());
    ASSERT_EQ(evidence_trail->size(), 3U);
    EXPECT_EQ((*evidence_trail)[1].entity_id, std::to_string(stored->id));
    EXPECT_EQ((*evidence_trail)[2].entity_id, std::to_string(stored->id));
    EXPECT_EQ((*evidence_trail)[2].field, "file");
    EXPECT_NE((*evidence_trail)[0].entity_id, (*evidence_trail)[1].entity_id);
    const auto by_id =
        store().audit_trail({"evidence", std::to_string(stored->id), std::nullopt, 0});
    ASSERT_TRUE(by_id.has_value());
    EXPECT_EQ(by_id->size(), 2U);
    EXPECT_EQ((*by_id)[0].new_value, "M2: Audit: 41 of 50 on time");
}

// --- Schema version 8 to 9 ------------------------------------------------------------------

// A plan as csip wrote it at schema version 8: no versions, retirements or measure status, and
// an overall grade, which that version required.
constexpr std::string_view kVersion8Plan = R"sql(
INSERT INTO plan (authority, title, vision, inspection_framework, inspection_start,
    inspection_end, inspection_published, overall_grade)
VALUES ('Old Testshire', 'Improvement plan', 'Children are safe', 'SIF', '2015-03-02',
    '2015-03-24', '2015-05-18', 'requires_improvement');
INSERT INTO judgements (ordinal, area, grade, limiting)
VALUES (0, 'Help and protection', 'requires_improvement', TRUE), (1, 'Adoption', 'good', FALSE);
INSERT INTO recommendations (id, ordinal, category, text)
VALUES ('R1', 0, 'priority', 'Improve assessments'), ('R2', 1, 'improvement', 'Supervise');
INSERT INTO workstreams (id, ordinal, title, sponsor, lead)
VALUES ('W1', 0, 'Practice', 'Director', 'Head of Service');
INSERT INTO commitments (id, workstream_id, ordinal, text) VALUES ('C1', 'W1', 0, 'Timely work');
INSERT INTO commitment_recommendations (commitment_id, recommendation_id, ordinal)
VALUES ('C1', 'R2', 0), ('C1', 'R1', 1);
INSERT INTO success_measures (id, commitment_id, ordinal, kind, text, indicator, target)
VALUES ('M1', 'C1', 0, 'measured', 'Assessments on time', 'assessments_45wd', 85.5),
       ('M2', 'C1', 1, 'observed', 'Practice observed', NULL, NULL);
INSERT INTO actions (id, commitment_id, ordinal, text, lead, due, original_due, status, rag)
VALUES ('A1', 'C1', 0, 'Audit files', 'Head of Service', '2016-02-01', '2015-12-01',
        'in_progress', 'amber');
INSERT INTO status_updates (action_id, ordinal, reported_on, reported_by, text, status, rag)
VALUES ('A1', 0, '2015-09-01', 'Head of Service', 'Started', 'in_progress', 'amber');
INSERT INTO audit_trail (at, actor, entity, entity_id, field, old_value, new_value, reason)
VALUES ('2015-06-01T09:00:00Z', 'importer', 'plan', 'plan', 'created', NULL, 'Improvement plan',
        NULL);
)sql";

Plan version8_plan() {
    Plan plan;
    plan.authority = "Old Testshire";
    plan.title = "Improvement plan";
    plan.vision = "Children are safe";
    plan.inspection = {"SIF", d("2015-03-02"), d("2015-03-24"), d("2015-05-18"),
                       {{"Help and protection", Grade::RequiresImprovement, true},
                        {"Adoption", Grade::Good, false}},
                       Grade::RequiresImprovement};
    plan.recommendations = {{"R1", RecommendationCategory::Priority, "Improve assessments"},
                            {"R2", RecommendationCategory::Improvement, "Supervise"}};
    Commitment commitment{"C1", "Timely work", {"R2", "R1"}, {}, {}};
    commitment.measures = {
        {"M1", MeasureKind::Measured, "Assessments on time", "assessments_45wd", 85.5},
        {"M2", MeasureKind::Observed, "Practice observed", std::nullopt, std::nullopt}};
    Action action = fixture::sample_action("A1", ActionStatus::InProgress, Rag::Amber, "2015-12-01");
    action.text = "Audit files";
    action.due = d("2016-02-01");
    action.updates = {
        {d("2015-09-01"), "Head of Service", "Started", ActionStatus::InProgress, Rag::Amber}};
    commitment.actions = {action};
    plan.workstreams = {{"W1", "Practice", "Director", "Head of Service", {commitment}}};
    return plan;
}

TEST_P(PlanEditContract, ADatabaseAtSchemaVersion8MigratesToVersion9KeepingItsPlan) {
    // A database of its own, given migrations 1 to 8 only, as that release applied them.
    auto old = harness::create_test_database(GetParam());
    const bool sqlite = GetParam() == Backend::Sqlite;
    if (sqlite) {
        std::ofstream create(old->location());  // an empty file is an empty SQLite database
        ASSERT_TRUE(create.good());
    }
    const auto backend = sqlite ? sql::Backend::Sqlite : sql::Backend::Postgres;
    ASSERT_EQ(old->execute(sqlite ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY "
                                    "KEY, applied_at TEXT NOT NULL) STRICT"
                                  : "CREATE TABLE schema_migrations (version integer PRIMARY "
                                    "KEY, applied_at timestamptz NOT NULL DEFAULT now())"),
              std::nullopt);
    bool has_version_9 = false;
    for (const auto& migration : sql::migrations()) {
        if (migration.version == 9) has_version_9 = true;
        if (migration.version > 8) continue;
        const std::string text = sql::render(migration, backend);
        if (!text.empty()) {
            const auto error = old->execute(text);
            ASSERT_EQ(error, std::nullopt) << "migration " << migration.version << ": " << *error;
        }
        ASSERT_EQ(old->execute("INSERT INTO schema_migrations (version, applied_at) VALUES (" +
                               std::to_string(migration.version) + ", CURRENT_TIMESTAMP)"),
                  std::nullopt);
    }
    ASSERT_TRUE(has_version_9) << "this test is for the step from version 8 to 9";
    const auto error = old->execute(std::string(kVersion8Plan));
    ASSERT_EQ(error, std::nullopt) << *error;

    auto migrated = open_store(*old);
    ASSERT_NE(migrated, nullptr);
    const auto versions = old->query("SELECT version FROM schema_migrations ORDER BY version");
    ASSERT_FALSE(versions.empty());
    EXPECT_EQ(versions.back()[0], std::to_string(old->known_migrations().back()));
    EXPECT_EQ(versions.size(), old->known_migrations().size());

    const Plan plan = loaded_plan(*migrated);
    const Plan expected = version8_plan();  // every version 1, nothing retired, not assessed
    EXPECT_EQ(everything(plan), everything(expected));
    EXPECT_EQ(plan.inspection.overall, Grade::RequiresImprovement);
    auto entries = migrated->audit_trail({});
    ASSERT_TRUE(entries.has_value());
    ASSERT_EQ(entries->size(), 1U);
    EXPECT_EQ((*entries)[0].new_value, "Improvement plan");

    // What version 9 added works on the migrated database: no overall grade, and evidence.
    auto edited = migrated->edit_plan([](const std::optional<Plan>& current) {
        Inspection inspection = current->inspection;
        inspection.framework = "ILACS";
        inspection.overall.reset();
        return change_inspection(*current, 1, inspection, editor());
    });
    ASSERT_TRUE(edited.has_value()) << edited.error().message;
    const Plan after = loaded_plan(*migrated);
    EXPECT_EQ(after.inspection.overall, std::nullopt);
    EXPECT_EQ(after.inspection.version, 2);
    auto entry = evidence_on("M1", "Audit report");
    entry.file = file_of("audit.pdf", 3);
    auto stored = migrated->add_evidence(adding(entry), "\x00\xff\x01"s);
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    auto found = migrated->evidence_file(stored->id);
    ASSERT_TRUE(found.has_value() && found->has_value());
    EXPECT_EQ((*found)->content, "\x00\xff\x01"s);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanEditContract,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return harness::backend_name(backend.param); });

}  // namespace
}  // namespace csip::storage
