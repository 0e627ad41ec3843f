// AccountService: the use cases of signing in and of managing who may (the command line's
// `user` and `token` commands and the web application's sign-in and users pages call these,
// neither re-implements them). Passwords are hashed with argon2id (libsodium's crypto_pwhash_str);
// session cookies, CSRF tokens and API tokens are random secrets of which the store keeps only a
// BLAKE2b hash (the CSRF token, which is no credential by itself, is kept as it is). Repeated
// failed sign-ins of a name are slowed and then locked for a while, and the refusal says the
// same for an unknown name as for a wrong password. Every account change is audited with the
// person who made it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "domain/rights.hpp"
#include "storage/account_store.hpp"

namespace csip::app {

// How costly a password hash is. Interactive is libsodium's interactive level (2 passes over
// 64 MiB, about a tenth of a second); Fast is its minimum, for tests only. A stored hash carries
// its own parameters, so either verifies the other's hashes.
enum class PasswordHashing { Interactive, Fast };

struct AccountSettings {
    PasswordHashing hashing = PasswordHashing::Interactive;
    std::chrono::seconds session_lifetime = std::chrono::hours(8);
    // From this many failed sign-ins of a name on, each refusal is held back slow_step longer
    // (at most slow_limit); at failures_before_lock the name is locked for lock_for.
    int failures_before_slowing = 2;
    std::chrono::milliseconds slow_step{500};
    std::chrono::milliseconds slow_limit{3000};
    int failures_before_lock = 5;
    std::chrono::seconds lock_for = std::chrono::minutes(15);
    // How long a session or API token, once checked against the store, is taken as valid without
    // asking the store again (0: ask every time). Signing out, disabling a user or changing their
    // password through this service takes effect at once; the same done by another process (the
    // command line, another server) within this time.
    std::chrono::milliseconds credentials_cached_for{5000};
    // Password hashes computed at once at most, each 64 MiB at the interactive level (0: one per
    // hardware thread), so that many sign-ins at once cannot take the server's memory. Another
    // waits up to password_hash_wait for its turn and is then refused as Unavailable.
    std::size_t concurrent_password_hashes = 0;
    std::chrono::milliseconds password_hash_wait{2000};
};

// The refusal of a sign-in or a new password while the server is computing as many password
// hashes as it may at once.
inline constexpr const char* kPasswordHashingBusy =
    "csip is busy checking other sign-ins: try again in a few seconds";

// A user as shown to an administrator: never the password hash.
struct UserView {
    std::string name;
    domain::Role role = domain::Role::Viewer;
    std::string officer;
    bool disabled = false;
    storage::Seconds created_at{};
    // Until when sign-ins are refused after repeated failures, while they are.
    std::optional<storage::Seconds> locked_until;
};

// A valid session: who it acts for and the CSRF token its forms must carry.
struct SignedIn {
    domain::Person person;
    std::string csrf_token;
    storage::Seconds expires_at{};
};

// A session just started: the secret for the cookie (shown once, never stored) and the session.
struct NewSession {
    std::string token;
    SignedIn session;
};

// An API token as an administrator sees it: never the secret, nor the whole hash.
struct TokenView {
    std::string id;  // the first characters of its hash (storage::kTokenIdLength)
    std::string user;
    std::string label;
    storage::Seconds created_at{};
    storage::Seconds expires_at{};
    bool expired = false;
};

// What a new API token is for and how long it lasts.
struct TokenRequest {
    std::string label;
    int days = 90;
};
inline constexpr int kLongestTokenDays = 365;

// A token just made: the secret (shown once, never stored) and the token.
struct NewToken {
    std::string secret;
    TokenView token;
};

// The refusal of every failed sign-in, whatever was wrong, so that it tells nothing about which
// user names exist.
inline constexpr const char* kSignInRefused = "Enter a correct user name and password";

class AccountService {
  public:
    static constexpr std::ptrdiff_t kMaximumConcurrentHashes = 1024;

    AccountService(storage::AccountStore& store, const domain::Clock& clock,
                   AccountSettings settings = {});

    // A new user. Names are folded to lower case; 1-64 letters, digits, '.', '_' or '-'. A lead
    // needs an officer title (what actions name as their lead). Passwords: 10 to 1024
    // characters. Conflict if the name is taken.
    [[nodiscard]] Result<UserView> add_user(const std::string& name, domain::Role role,
                                            const std::string& officer, const std::string& password,
                                            const std::string& actor);
    [[nodiscard]] Result<std::vector<UserView>> users();
    [[nodiscard]] Result<UserView> user(const std::string& name);
    // Changes role, officer title and whether the user is disabled; disabling ends their
    // sessions and API tokens. An administrator cannot disable or demote themselves (the service would be
    // left without one).
    [[nodiscard]] Result<UserView> change_user(const std::string& name, domain::Role role,
                                               const std::string& officer, bool disabled,
                                               const std::string& actor);
    // A new password; ends the user's sessions and API tokens.
    [[nodiscard]] Result<void> set_password(const std::string& name, const std::string& password,
                                            const std::string& actor);

    // A new API token for `name`, its secret returned once: only its hash is kept. It lasts
    // `request.days` (1 to kLongestTokenDays); a disabled user gets none (Conflict).
    [[nodiscard]] Result<NewToken> create_token(const std::string& name, const std::string& actor,
                                                const TokenRequest& request = {});
    // Every API token, or only those of `name`, expired ones included, by user and age.
    [[nodiscard]] Result<std::vector<TokenView>> tokens(const std::string& name = {});
    // Ends the token `id` at once, recording who did it; NotFound when there is none.
    [[nodiscard]] Result<TokenView> revoke_token(const std::string& id, const std::string& actor);

    // Signs in, or refuses with kSignInRefused (InvalidInput, field "username") for an unknown
    // name, a wrong password or a disabled user alike, or (Forbidden) while the name is locked.
    // Attempts on one name take turns, so that attempts sent at once past failures_before_lock
    // are refused unchecked. A refusal is held back longer after each repeated failure of the
    // name, and of `client` (the address it came from) across names.
    [[nodiscard]] Result<NewSession> sign_in(const std::string& name, const std::string& password,
                                             const std::string& client = {});
    // Lifts a lock on sign-ins of `name` and forgets its failures, recording who did it. A new
    // password (set_password) does the same.
    [[nodiscard]] Result<void> unlock(const std::string& name, const std::string& actor);
    // The session a cookie's secret names, if it exists, has not expired and its user is
    // enabled; nothing otherwise.
    [[nodiscard]] Result<std::optional<SignedIn>> session(const std::string& token);
    // Ends the session (nothing if there is none), recording the sign-out.
    [[nodiscard]] Result<void> sign_out(const std::string& token);
    // The person an API token acts for, if it is known, has not expired and its user is enabled.
    [[nodiscard]] Result<std::optional<domain::Person>> authenticate_token(
        const std::string& token);

    // A new random secret for forms of a page with no session yet (the sign-in form), 256 bits,
    // URL-safe.
    [[nodiscard]] static std::string random_secret();
    // Compares two secrets in time that does not depend on where they differ.
    [[nodiscard]] static bool same_secret(const std::string& a, const std::string& b);

  private:
    [[nodiscard]] Result<std::string> hash_password(const std::string& password) const;
    // Waits for a turn to compute a password hash (release_hashing() gives it back); false when
    // none came within the wait.
    [[nodiscard]] bool acquire_hashing() const;
    void release_hashing() const;
    [[nodiscard]] domain::AuditEntry audit(const std::string& actor, const std::string& name,
                                           const std::string& field,
                                           std::optional<std::string> old_value,
                                           std::optional<std::string> new_value) const;
    void hold_back(int failures) const;
    [[nodiscard]] Result<UserView> with_lock(UserView user);
    // Waits for the turn of sign-ins of `name`; it is held until the result is dropped.
    [[nodiscard]] std::shared_ptr<void> take_turn(const std::string& name);
    [[nodiscard]] Result<void> lock(const std::string& name, storage::Seconds now, int failures);
    [[nodiscard]] Error locked_out(const storage::SignInFailures& failures,
                                   storage::Seconds now) const;

    struct CachedSession {
        SignedIn session;
        std::chrono::steady_clock::time_point checked_at;
    };
    struct CachedToken {
        domain::Person person;
        storage::Seconds expires_at;
        std::chrono::steady_clock::time_point checked_at;
    };
    [[nodiscard]] TokenView token_view(const storage::ApiTokenRecord& record) const;
    [[nodiscard]] bool fresh(std::chrono::steady_clock::time_point checked_at) const;
    // Forgets every cached session and token of `name` (all of them when empty).
    void forget_credentials(const std::string& name) const;

    // A hash of a random password, of the same cost as a real one, which an unknown name is
    // checked against so that the time taken does not tell which names exist.
    [[nodiscard]] const std::string& dummy_hash() const;

    storage::AccountStore& m_store;
    const domain::Clock& m_clock;
    AccountSettings m_settings;
    // Turns to compute a password hash (concurrent_password_hashes).
    mutable std::counting_semaphore<kMaximumConcurrentHashes> m_hashing;
    mutable std::once_flag m_dummy_once;
    mutable std::string m_dummy_hash;
    // Sessions and API tokens recently found valid, by the hash of their secret: every request
    // names one, and the store need not be asked each time.
    mutable std::shared_mutex m_cache_mutex;
    mutable std::unordered_map<std::string, CachedSession> m_sessions;
    mutable std::unordered_map<std::string, CachedToken> m_tokens;
    // One mutex per name with a sign-in under way (take_turn).
    std::mutex m_turns_mutex;
    std::unordered_map<std::string, std::shared_ptr<std::mutex>> m_turns;
    // Counts forgettings, so that a check that began before one does not cache what it found.
    mutable std::uint64_t m_cache_generation = 0;
};

// Whether an audit entry records failed sign-ins of a name. Its name is what was typed into the
// user-name box, which is at times a password typed in the wrong box: only administrators may
// see these entries.
[[nodiscard]] bool records_failed_sign_in(const domain::AuditEntry& entry);

// A user name as csip keeps it: trimmed and folded to lower case.
[[nodiscard]] std::string fold_user_name(const std::string& name);

}  // namespace csip::app
