// Opening a store that cannot be used: the error says which database and what to do, and never
// shows a password.
#include <gtest/gtest.h>

#include "../support/temp_dir.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::storage {
namespace {

TEST(SqliteStoreOpen, AFolderThatDoesNotExistIsUnavailableAndNamed) {
    csip::testing::TempDir dir;
    const auto path = (dir / "no-such-folder" / "csip.db").string();
    auto store = sql::open_plan_store(sqlite::connector(path));
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().kind, ErrorKind::Unavailable);
    EXPECT_NE(store.error().message.find(path), std::string::npos) << store.error().message;
    EXPECT_NE(store.error().message.find("folder exists"), std::string::npos)
        << store.error().message;
}

TEST(SqliteStoreOpen, AFileThatIsNotADatabaseIsUnavailableAndLeftAlone) {
    csip::testing::TempDir dir;
    const auto path = dir / "notes.txt";
    const std::string content(4096, 'x');
    csip::testing::write_file(path, content);
    auto store = sql::open_plan_store(sqlite::connector(path.string()));
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().kind, ErrorKind::Unavailable);
    EXPECT_NE(store.error().message.find(path.string()), std::string::npos)
        << store.error().message;
    EXPECT_NE(store.error().message.find("not a SQLite database"), std::string::npos)
        << store.error().message;
    EXPECT_EQ(csip::testing::read_file(path), content);
}

TEST(SqliteStoreOpen, ANewFileIsCreatedInWalMode) {
    csip::testing::TempDir dir;
    const auto path = dir / "new.db";
    auto store = sql::open_plan_store(sqlite::connector(path.string()));
    ASSERT_TRUE(store.has_value()) << store.error().message;
    EXPECT_TRUE(std::filesystem::exists(path));
    // WAL keeps its log beside the database while a connection is open.
    EXPECT_TRUE(std::filesystem::exists(dir / "new.db-wal"));
}

TEST(PostgresStoreOpen, AnUnreachableServerIsUnavailableAndThePasswordIsNotShown) {
    // Port 1 on the loopback address: nothing listens there, so the connection is refused.
    const std::string url = "postgresql://csip:s3cret-word@127.0.0.1:1/csip?connect_timeout=5";
    auto store = sql::open_plan_store(postgres::connector(url));
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().kind, ErrorKind::Unavailable);
    const auto& message = store.error().message;
    EXPECT_EQ(message.find("s3cret-word"), std::string::npos) << message;
    EXPECT_NE(message.find("postgresql://csip:***@127.0.0.1:1/csip"), std::string::npos) << message;
    EXPECT_NE(message.find("check that the server is running"), std::string::npos) << message;
}

TEST(PostgresStoreOpen, APasswordParameterIsNotShownEither) {
    const std::string url = "postgresql://127.0.0.1:1/csip?password=s3cret-word&connect_timeout=5";
    auto store = sql::open_plan_store(postgres::connector(url));
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().message.find("s3cret-word"), std::string::npos)
        << store.error().message;
}

}  // namespace
}  // namespace csip::storage
