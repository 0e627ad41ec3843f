// The PlanStore contract (storage/plan_store.hpp), run against every backend: each test runs
// once on SQLite and once on PostgreSQL, on a fresh database of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "domain/action_update.hpp"
#include "domain/plan_audit.hpp"
#include "domain/plan_rules.hpp"
#include "sample_plan.hpp"
#include "test_database.hpp"

namespace csip::storage {
namespace {

using namespace domain;
using fixture::d;
using fixture::describe;
using fixture::sample_plan;
using harness::Backend;

constexpr const char* kTimestamp = "2016-01-04T09:30:00Z";

class StoreContract : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (auto reason = harness::unavailable_reason(GetParam())) {
            if (harness::postgres_required()) {
                FAIL() << "CSIP_REQUIRE_POSTGRES=1 but " << *reason;
            }
            GTEST_SKIP() << *reason;
        }
        m_database = harness::create_test_database(GetParam());
        m_store = open_store();
        ASSERT_NE(m_store, nullptr);
    }

    // Another store object on the same database.
    std::unique_ptr<PlanStore> open_store() {
        auto store = m_database->open_store();
        EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
        return store ? std::move(store).value() : nullptr;
    }

    PlanStore& store() { return *m_store; }

    Plan loaded_plan() {
        auto plan = store().load_plan();
        EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().message);
        EXPECT_TRUE(plan && plan->has_value()) << "the store holds no plan";
        return plan && plan->has_value() ? **plan : Plan{};
    }

    std::vector<AuditEntry> trail(AuditQuery query = {}) {
        auto entries = store().audit_trail(query);
        EXPECT_TRUE(entries.has_value()) << (entries ? "" : entries.error().message);
        return entries ? *entries : std::vector<AuditEntry>{};
    }

    // Imports `plan` as the application does: the audit entries say what changed.
    void import(const Plan& plan, const std::string& actor = "importer") {
        auto before = store().load_plan();
        ASSERT_TRUE(before.has_value());
        auto audit = audit_plan_replacement(*before, plan, actor, kTimestamp);
        auto replaced = store().replace_plan(plan, audit);
        ASSERT_TRUE(replaced.has_value()) << replaced.error().message;
    }

    // A dated status update of action `id`, as a lead officer posts it.
    static PlanStore::ActionEdit status_update(std::string note, std::string actor = "lead",
                                               std::optional<ActionStatus> status = std::nullopt,
                                               std::optional<Rag> rag = std::nullopt) {
        return
            [note = std::move(note), actor = std::move(actor), status, rag](const Action& current) {
                ActionUpdateRequest request;
                request.note = note;
                request.by = "Head of Service";
                request.on = d("2016-01-04");
                request.status = status;
                request.rag = rag;
                return apply_update(current, request, actor, kTimestamp);
            };
    }

    std::unique_ptr<harness::TestDatabase> m_database;
    std::unique_ptr<PlanStore> m_store;
};

// Ids are assigned by the store in the order entries were recorded.
void expect_ids_increase(const std::vector<AuditEntry>& entries) {
    for (std::size_t i = 1; i < entries.size(); ++i) {
        EXPECT_LT(entries[i - 1].id, entries[i].id) << "entry " << i;
    }
}

TEST_P(StoreContract, EmptyStoreHasNoPlanNoAuditAndNoBodies) {
    auto plan = store().load_plan();
    ASSERT_TRUE(plan.has_value()) << plan.error().message;
    EXPECT_FALSE(plan->has_value());
    EXPECT_TRUE(trail().empty());
    auto bodies = store().governance_bodies();
    ASSERT_TRUE(bodies.has_value()) << bodies.error().message;
    EXPECT_TRUE(bodies->empty());
}

TEST_P(StoreContract, LoadGivesBackThePlanAsSavedFieldByFieldInOrder) {
    const Plan plan = sample_plan();
    ASSERT_TRUE(check_plan(plan).empty()) << "the sample must be a valid plan";
    import(plan);
    EXPECT_EQ(describe(loaded_plan()), describe(plan));
}

TEST_P(StoreContract, ReplacingThePlanRemovesWhatIsGoneAndTheAuditTrailKeepsGrowing) {
    const Plan first = sample_plan();
    const auto first_audit = audit_plan_replacement(std::nullopt, first, "importer", kTimestamp);
    ASSERT_TRUE(store().replace_plan(first, first_audit).has_value());

    Plan second = sample_plan();
    second.title = "Improvement plan, second edition";
    auto& timely = second.workstreams[0].commitments[0];
    timely.actions.erase(timely.actions.begin() + 1);  // A9 is dropped
    timely.measures.pop_back();
    second.workstreams[1].commitments[0].actions[0].status = ActionStatus::Complete;
    second.workstreams[1].commitments[0].actions[0].rag.reset();
    second.workstreams.pop_back();  // W3 is dropped
    const auto second_audit = audit_plan_replacement(first, second, "editor", kTimestamp);
    ASSERT_FALSE(second_audit.empty());
    ASSERT_TRUE(store().replace_plan(second, second_audit).has_value());

    const Plan loaded = loaded_plan();
    EXPECT_EQ(describe(loaded), describe(second));
    EXPECT_EQ(loaded.find_action("A9"), nullptr);

    auto expected = first_audit;
    expected.insert(expected.end(), second_audit.begin(), second_audit.end());
    const auto entries = trail();
    EXPECT_EQ(describe(entries), describe(expected));
    expect_ids_increase(entries);
}

TEST_P(StoreContract, EditActionStoresTheNewFieldsAndAppendsTheUpdateAndAudit) {
    import(sample_plan());
    const std::size_t audit_before = trail().size();
    const Action before = *loaded_plan().find_action("A10");

    ActionUpdateRequest request;
    request.status = ActionStatus::Complete;
    request.due = d("2016-03-31");
    request.reason = "waiting for the new case system";
    request.note = "Audit tool in use by every team";
    request.by = "Head of Service";
    request.on = d("2016-01-04");
    auto expected = apply_update(before, request, "lead", kTimestamp);
    ASSERT_TRUE(expected.has_value());

    auto edited = store().edit_action("A10", [&](const Action& current) {
        return apply_update(current, request, "lead", kTimestamp);
    });
    ASSERT_TRUE(edited.has_value()) << edited.error().message;
    EXPECT_EQ(describe(*edited), describe(expected->action));
    EXPECT_EQ(edited->status, ActionStatus::Complete);
    EXPECT_EQ(edited->due, d("2016-03-31"));
    EXPECT_EQ(edited->original_due, before.original_due);
    ASSERT_EQ(edited->updates.size(), before.updates.size() + 1);
    EXPECT_EQ(edited->updates.back().text, "Audit tool in use by every team");

    const Plan loaded = loaded_plan();
    EXPECT_EQ(describe(*loaded.find_action("A10")), describe(expected->action));
    // Nothing else in the plan changed.
    Plan expected_plan = sample_plan();
    *expected_plan.find_action("A10") = expected->action;
    EXPECT_EQ(describe(loaded), describe(expected_plan));

    const auto entries = trail();
    ASSERT_EQ(entries.size(), audit_before + expected->audit.size());
    const std::vector<AuditEntry> appended(
        entries.begin() + static_cast<std::ptrdiff_t>(audit_before), entries.end());
    EXPECT_EQ(describe(appended), describe(expected->audit));
    expect_ids_increase(entries);
}

TEST_P(StoreContract, EditOfAnUnknownActionIsNotFound) {
    import(sample_plan());
    bool called = false;
    auto edited = store().edit_action("A404", [&](const Action& current) {
        called = true;
        return status_update("never")(current);
    });
    ASSERT_FALSE(edited.has_value());
    EXPECT_EQ(edited.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(edited.error().field, "id");
    EXPECT_NE(edited.error().message.find("A404"), std::string::npos) << edited.error().message;
    EXPECT_FALSE(called);
}

TEST_P(StoreContract, EditOfAnEmptyStoreIsNotFound) {
    auto edited = store().edit_action("A1", status_update("nothing to update"));
    ASSERT_FALSE(edited.has_value());
    EXPECT_EQ(edited.error().kind, ErrorKind::NotFound);
}

TEST_P(StoreContract, AFailingEditReturnsItsErrorAndChangesNothing) {
    import(sample_plan());
    const std::string plan_before = describe(loaded_plan());
    const std::string audit_before = describe(trail());

    auto edited = store().edit_action("A2", [](const Action&) -> Result<ActionChange> {
        return fail(ErrorKind::Conflict, "a not-started action has no RAG", "rag");
    });
    ASSERT_FALSE(edited.has_value());
    EXPECT_EQ(edited.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(edited.error().message, "a not-started action has no RAG");
    EXPECT_EQ(edited.error().field, "rag");

    EXPECT_EQ(describe(loaded_plan()), plan_before);
    EXPECT_EQ(describe(trail()), audit_before);
}

TEST_P(StoreContract, AFailureHalfwayThroughReplacingThePlanLeavesTheOldPlanAndAudit) {
    import(sample_plan());
    const std::string plan_before = describe(loaded_plan());
    const auto audit_before = trail();

    // Built directly, as check_plan would refuse it: the last commitment names a recommendation
    // that does not exist, so the database refuses the plan after most of it is written.
    Plan broken = sample_plan();
    broken.title = "Half-written plan";
    broken.workstreams[1].commitments[1].recommendations = {"R99"};
    ASSERT_FALSE(check_plan(broken).empty());
    std::vector<AuditEntry> audit{
        fixture::audit_entry("importer", "plan", "plan", "title", "x", "Half-written plan")};
    auto replaced = store().replace_plan(broken, audit);
    ASSERT_FALSE(replaced.has_value());
    EXPECT_EQ(replaced.error().kind, ErrorKind::InvalidInput) << replaced.error().message;

    EXPECT_EQ(describe(loaded_plan()), plan_before);
    EXPECT_EQ(describe(trail()), describe(audit_before));

    // The store is still usable afterwards.
    auto edited = store().edit_action("A2", status_update("still here"));
    EXPECT_TRUE(edited.has_value()) << edited.error().message;
}

TEST_P(StoreContract, AuditEntriesCannotBeChangedOrDeletedEvenWithSql) {
    import(sample_plan());
    const auto before = trail();
    ASSERT_FALSE(before.empty());

    const std::vector<std::string> statements{
        "UPDATE audit_trail SET actor = 'someone else'",
        "UPDATE audit_trail SET new_value = NULL WHERE id = " + std::to_string(before[0].id),
        "DELETE FROM audit_trail WHERE id = " + std::to_string(before[0].id),
        "DELETE FROM audit_trail"};
    for (const auto& sql : statements) {
        auto error = m_database->execute(sql);
        ASSERT_TRUE(error.has_value()) << "the database accepted: " << sql;
        EXPECT_NE(error->find("append-only"), std::string::npos) << sql << ": " << *error;
    }
    if (GetParam() == Backend::Postgres) {
        auto error = m_database->execute("TRUNCATE audit_trail");
        ASSERT_TRUE(error.has_value()) << "the database accepted TRUNCATE";
        EXPECT_NE(error->find("append-only"), std::string::npos) << *error;
    }

    const auto after = trail();
    EXPECT_EQ(describe(after), describe(before));
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) EXPECT_EQ(after[i].id, before[i].id);
}

TEST_P(StoreContract, AuditTrailFiltersByEntityIdAndActorOldestFirst) {
    import(sample_plan(), "importer");
    ASSERT_TRUE(store().edit_action("A2", status_update("first", "lead.a")).has_value());
    ASSERT_TRUE(store().edit_action("A10", status_update("second", "lead.b")).has_value());
    ASSERT_TRUE(store()
                    .edit_action("A2", status_update("third", "lead.b", ActionStatus::Complete))
                    .has_value());
    const auto all = trail();
    expect_ids_increase(all);

    auto matching = [&](auto predicate) {
        std::vector<AuditEntry> out;
        std::copy_if(all.begin(), all.end(), std::back_inserter(out), predicate);
        return out;
    };
    auto check = [&](const AuditQuery& query, const std::vector<AuditEntry>& expected) {
        ASSERT_FALSE(expected.empty()) << "the filter should match something";
        const auto entries = trail(query);
        EXPECT_EQ(describe(entries), describe(expected));
        expect_ids_increase(entries);
    };

    check({"action", std::nullopt, std::nullopt, 0},
          matching([](const AuditEntry& e) { return e.entity == "action"; }));
    check({"action", "A2", std::nullopt, 0}, matching([](const AuditEntry& e) {
              return e.entity == "action" && e.entity_id == "A2";
          }));
    check({std::nullopt, std::nullopt, "lead.b", 0},
          matching([](const AuditEntry& e) { return e.actor == "lead.b"; }));
    check({"action", "A2", "lead.b", 0},
          matching([](const AuditEntry& e) { return e.entity_id == "A2" && e.actor == "lead.b"; }));
    const auto a2 = matching([](const AuditEntry& e) { return e.entity_id == "A2"; });
    ASSERT_GT(a2.size(), 2U);
    check({std::nullopt, "A2", std::nullopt, 2}, {a2[0], a2[1]});

    const auto changes_of_a2 = trail({std::nullopt, "A2", std::nullopt, 0});
    // The last entries of A2 are the status change of the third update, then the update itself.
    ASSERT_GE(changes_of_a2.size(), 2U);
    EXPECT_EQ(changes_of_a2.back().field, "status_update");
    EXPECT_EQ(changes_of_a2.back().new_value, "2016-01-04: third");
    EXPECT_TRUE(trail({"action", "A404", std::nullopt, 0}).empty());
}

// Edits the action from several threads, each posting `per_thread` updates through the store
// `store_for(thread)` gives it, and checks that every update and its audit entry was kept.
template <typename StoreFor>
void expect_no_lost_updates(PlanStore& reader, int threads, int per_thread, StoreFor store_for) {
    const std::string id = "A2";
    auto before = reader.load_plan();
    ASSERT_TRUE(before && before->has_value());
    const std::size_t updates_before = (*before)->find_action(id)->updates.size();

    std::vector<std::thread> workers;
    std::vector<int> failures(static_cast<std::size_t>(threads), 0);
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            PlanStore& store = store_for(t);
            for (int i = 0; i < per_thread; ++i) {
                const std::string note =
                    "thread " + std::to_string(t) + " update " + std::to_string(i);
                auto edited = store.edit_action(id, [&](const Action& current) {
                    ActionUpdateRequest request;
                    request.note = note;
                    request.by = "Head of Service";
                    request.on = d("2016-01-04");
                    return apply_update(current, request, "lead", kTimestamp);
                });
                if (!edited) ++failures[static_cast<std::size_t>(t)];
            }
        });
    }
    for (auto& worker : workers) worker.join();
    for (int t = 0; t < threads; ++t)
        EXPECT_EQ(failures[static_cast<std::size_t>(t)], 0) << "thread " << t;

    auto after = reader.load_plan();
    ASSERT_TRUE(after && after->has_value());
    const auto& updates = (*after)->find_action(id)->updates;
    const auto total = static_cast<std::size_t>(threads * per_thread);
    ASSERT_EQ(updates.size(), updates_before + total);
    // Each update once, and each thread's own updates in the order it posted them.
    std::map<int, int> next_of_thread;
    for (std::size_t u = updates_before; u < updates.size(); ++u) {
        int thread = -1;
        int index = -1;
        ASSERT_EQ(std::sscanf(updates[u].text.c_str(), "thread %d update %d", &thread, &index), 2);
        EXPECT_EQ(index, next_of_thread[thread]++) << updates[u].text;
    }
    EXPECT_EQ(next_of_thread.size(), static_cast<std::size_t>(threads));

    auto audit = reader.audit_trail({"action", id, std::nullopt, 0});
    ASSERT_TRUE(audit.has_value());
    const auto logged = std::count_if(audit->begin(), audit->end(), [](const AuditEntry& e) {
        return e.field == "status_update";
    });
    EXPECT_EQ(static_cast<std::size_t>(logged), total);
}

TEST_P(StoreContract, ConcurrentEditsThroughOneStoreLoseNoUpdate) {
    import(sample_plan());
    expect_no_lost_updates(store(), 8, 50, [&](int) -> PlanStore& { return store(); });
}

TEST_P(StoreContract, ConcurrentEditsThroughSeveralStoresLoseNoUpdate) {
    import(sample_plan());
    std::vector<std::unique_ptr<PlanStore>> stores;
    for (int i = 0; i < 4; ++i) {
        stores.push_back(open_store());
        ASSERT_NE(stores.back(), nullptr);
    }
    expect_no_lost_updates(store(), 4, 50, [&](int thread) -> PlanStore& {
        return *stores[static_cast<std::size_t>(thread)];
    });
}

// A command-line run beside a busy web server: opening a store, reading and editing while
// another connection writes request after request wait for the lock in turn, and none fails.
TEST_P(StoreContract, OpeningReadingAndEditingWaitWhileAnotherConnectionWrites) {
    import(sample_plan());
    auto writer_store = open_store();
    ASSERT_NE(writer_store, nullptr);
    std::atomic<bool> stop = false;
    int writer_failures = 0;
    std::thread writer([&] {
        // As a web server's updates come: one after another, a request's round trip apart.
        for (int i = 0; i < 5000 && !stop; ++i) {
            if (!writer_store->edit_action("A10", status_update("server " + std::to_string(i)))) {
                ++writer_failures;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    std::vector<std::string> failures;
    for (int i = 0; i < 20; ++i) {
        auto opened = m_database->open_store();
        if (!opened) {
            failures.push_back("open: " + opened.error().message);
            continue;
        }
        auto plan = (*opened)->load_plan();
        if (!plan) failures.push_back("load: " + plan.error().message);
        auto edited =
            (*opened)->edit_action("A2", status_update("command line " + std::to_string(i)));
        if (!edited) failures.push_back("edit: " + edited.error().message);
    }
    stop = true;
    writer.join();
    EXPECT_EQ(writer_failures, 0);
    EXPECT_TRUE(failures.empty()) << failures.size() << " failed, the first: " << failures.front();
}

TEST_P(StoreContract, MigrationsRunOnceAndReopeningKeepsTheData) {
    import(sample_plan());
    m_store.reset();
    m_store = open_store();
    ASSERT_NE(m_store, nullptr);
    auto again = open_store();
    ASSERT_NE(again, nullptr);

    const auto rows = m_database->query(
        "SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version");
    std::vector<int> versions;
    for (const auto& row : rows) {
        versions.push_back(std::stoi(row[0]));
        EXPECT_EQ(row[1], "1") << "version " << row[0] << " was applied " << row[1] << " times";
    }
    EXPECT_EQ(versions, m_database->known_migrations());
    EXPECT_EQ(describe(loaded_plan()), describe(sample_plan()));
}

TEST_P(StoreContract, GovernanceBodiesAreSavedReplacedAndKeptInOrder) {
    const GovernanceBody board{"IPB", "Improvement Programme Board", "monthly", false};
    const GovernanceBody scrutiny{"OSMC", "Overview and Scrutiny", "quarterly", true};
    const GovernanceBody lscb{"LSCB", "Local Safeguarding Children Board", "bi-monthly", false};
    for (const auto& body : {board, scrutiny, lscb}) {
        auto saved = store().save_governance_body(
            body, {fixture::audit_entry("admin", "governance_body", body.id, "name", std::nullopt,
                                        body.name)});
        ASSERT_TRUE(saved.has_value()) << saved.error().message;
    }
    const GovernanceBody renamed{"OSMC", "Overview and Scrutiny Management Commission", "monthly",
                                 false};
    ASSERT_TRUE(store()
                    .save_governance_body(
                        renamed, {fixture::audit_entry("admin", "governance_body", "OSMC", "name",
                                                       scrutiny.name, renamed.name)})
                    .has_value());
    // Replacing the plan leaves the bodies alone.
    import(sample_plan());

    auto bodies = store().governance_bodies();
    ASSERT_TRUE(bodies.has_value()) << bodies.error().message;
    ASSERT_EQ(bodies->size(), 3U);
    const std::vector<GovernanceBody> expected{board, renamed, lscb};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ((*bodies)[i].id, expected[i].id);
        EXPECT_EQ((*bodies)[i].name, expected[i].name);
        EXPECT_EQ((*bodies)[i].cadence, expected[i].cadence);
        EXPECT_EQ((*bodies)[i].is_public, expected[i].is_public);
    }
    EXPECT_EQ(trail({"governance_body", "OSMC", std::nullopt, 0}).size(), 2U);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return harness::backend_name(backend.param); });

}  // namespace
}  // namespace csip::storage
