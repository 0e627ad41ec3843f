#include "app/accounts.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "domain/text.hpp"

namespace csip::app {
namespace {

using storage::Seconds;

constexpr std::size_t kMinimumPassword = 10;
constexpr std::size_t kMaximumPassword = 1024;
constexpr std::size_t kMaximumName = 64;
constexpr std::size_t kMaximumOfficer = 200;
constexpr std::size_t kMaximumTokenLabel = 100;
// Sessions and tokens kept in the cache at most; past it the cache starts again.
constexpr std::size_t kCachedCredentials = 10000;
// The audit field of the entry that records failed sign-ins of a name (records_failed_sign_in).
constexpr const char* kFailedSignInField = "sign_in";
// Failed sign-ins from one client address are counted under this prefix and the address (a
// name never holds a space), and held back as one more failure of a name per this many.
constexpr const char* kClientPrefix = "client ";
constexpr int kClientFailuresPerName = 5;

// Turns to compute a password hash at once: as asked, or one per hardware thread.
std::ptrdiff_t hashing_turns(std::size_t asked) {
    std::size_t turns = asked != 0 ? asked : std::thread::hardware_concurrency();
    turns = std::clamp<std::size_t>(
        turns, 1, static_cast<std::size_t>(AccountService::kMaximumConcurrentHashes));
    return static_cast<std::ptrdiff_t>(turns);
}

void initialise_sodium() {
    // sodium_init is safe to call from several threads and more than once; it fails only when
    // the system has no source of randomness, which is no state to run a server in.
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

unsigned long long ops_limit(PasswordHashing hashing) {
    return hashing == PasswordHashing::Interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                   : crypto_pwhash_OPSLIMIT_MIN;
}

std::size_t mem_limit(PasswordHashing hashing) {
    return hashing == PasswordHashing::Interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                   : crypto_pwhash_MEMLIMIT_MIN;
}

// The store's key for a secret: BLAKE2b-256 of it, in hex. The secrets are 256 random bits, so
// an unsalted fast hash is enough: there is nothing to guess.
std::string hash_secret(const std::string& secret) {
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                       nullptr, 0);
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

UserView view(const storage::UserRecord& user) {
    return UserView{user.name, user.role, user.officer, user.disabled, user.created_at, {}};
}

Result<void> check_name(const std::string& name) {
    const bool well_formed = !name.empty() && name.size() <= kMaximumName &&
                             std::all_of(name.begin(), name.end(), [](char c) {
                                 return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                        c == '.' || c == '_' || c == '-';
                             });
    if (!well_formed) {
        return fail(ErrorKind::InvalidInput,
                    "a user name is 1 to 64 letters, digits, '.', '_' or '-', e.g. j.smith",
                    "name");
    }
    return {};
}

Result<void> check_password(const std::string& password) {
    if (password.size() < kMinimumPassword || password.size() > kMaximumPassword) {
        return fail(ErrorKind::InvalidInput,
                    "a password is 10 to 1024 characters; a few unrelated words make a good one",
                    "password");
    }
    return {};
}

Result<void> check_officer(domain::Role role, const std::string& officer) {
    if (auto checked = domain::check_text(officer, "officer", "officer title"); !checked) return checked;
    if (officer.size() > kMaximumOfficer) {
        return fail(ErrorKind::InvalidInput, "an officer title is at most 200 characters",
                    "officer");
    }
    if (role == domain::Role::Lead && officer.empty()) {
        return fail(ErrorKind::InvalidInput,
                    "a lead needs an officer title: the role title their actions name as lead, "
                    "e.g. \"Service Manager, Safeguarding\"",
                    "officer");
    }
    return {};
}

Error no_user(const std::string& name) {
    return Error{ErrorKind::NotFound, "there is no user called '" + name + "'", "name"};
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace

std::string fold_user_name(const std::string& name) {
    std::string folded = trim(name);
    std::transform(folded.begin(), folded.end(), folded.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return folded;
}

AccountService::AccountService(storage::AccountStore& store, const domain::Clock& clock,
                               AccountSettings settings)
    : m_store(store),
      m_clock(clock),
      m_settings(settings),
      m_hashing(hashing_turns(settings.concurrent_password_hashes)) {
    initialise_sodium();
}

bool AccountService::acquire_hashing() const {
    return m_hashing.try_acquire_for(m_settings.password_hash_wait);
}

void AccountService::release_hashing() const { m_hashing.release(); }

std::string AccountService::random_secret() {
    initialise_sodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::array<char, sodium_base64_ENCODED_LEN(32, kVariant)> text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
    return std::string(text.data());
}

bool AccountService::same_secret(const std::string& a, const std::string& b) {
    if (a.size() != b.size() || a.empty()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> AccountService::hash_password(const std::string& password) const {
    std::array<char, crypto_pwhash_STRBYTES> hashed{};
    if (!acquire_hashing()) return fail(ErrorKind::Unavailable, kPasswordHashingBusy);
    const int computed = crypto_pwhash_str_alg(
        hashed.data(), password.data(), password.size(), ops_limit(m_settings.hashing),
        mem_limit(m_settings.hashing), crypto_pwhash_ALG_ARGON2ID13);
    release_hashing();
    if (computed != 0) {
        return fail(ErrorKind::Unavailable,
                    "there was not enough memory to hash the password; try again when the "
                    "server is less busy");
    }
    return std::string(hashed.data());
}

domain::AuditEntry AccountService::audit(const std::string& actor, const std::string& name,
                                         const std::string& field,
                                         std::optional<std::string> old_value,
                                         std::optional<std::string> new_value) const {
    return domain::AuditEntry{0,
                              m_clock.timestamp(),
                              actor,
                              "user",
                              name,
                              field,
                              std::move(old_value),
                              std::move(new_value),
                              std::nullopt};
}

Result<UserView> AccountService::add_user(const std::string& raw_name, domain::Role role,
                                          const std::string& raw_officer,
                                          const std::string& password, const std::string& actor) {
    const std::string name = fold_user_name(raw_name);
    const std::string officer = trim(raw_officer);
    if (auto checked = check_name(name); !checked) return fail(checked.error());
    if (auto checked = check_officer(role, officer); !checked) return fail(checked.error());
    if (auto checked = check_password(password); !checked) return fail(checked.error());
    auto hashed = hash_password(password);
    if (!hashed) return fail(hashed.error());

    const storage::UserRecord record{name, role, officer, *hashed, false, m_clock.now()};
    std::vector<domain::AuditEntry> entries{
        audit(actor, name, "role", std::nullopt, std::string(domain::to_string(role)))};
    if (!officer.empty()) entries.push_back(audit(actor, name, "officer", std::nullopt, officer));
    if (auto added = m_store.add_user(record, entries); !added) return fail(added.error());
    return view(record);
}

Result<std::vector<UserView>> AccountService::users() {
    auto records = m_store.users();
    if (!records) return fail(records.error());
    std::vector<UserView> views;
    views.reserve(records->size());
    for (const auto& record : *records) {
        auto user = with_lock(view(record));
        if (!user) return fail(user.error());
        views.push_back(std::move(*user));
    }
    return views;
}

Result<UserView> AccountService::user(const std::string& raw_name) {
    const std::string name = fold_user_name(raw_name);
    auto found = m_store.find_user(name);
    if (!found) return fail(found.error());
    if (!*found) return fail(no_user(name));
    return with_lock(view(**found));
}

Result<UserView> AccountService::with_lock(UserView user) {
    auto failures = m_store.sign_in_failures(user.name);
    if (!failures) return fail(failures.error());
    if (failures->locked_until && *failures->locked_until > m_clock.now()) {
        user.locked_until = failures->locked_until;
    }
    return user;
}

Result<UserView> AccountService::change_user(const std::string& raw_name, domain::Role role,
                                             const std::string& raw_officer, bool disabled,
                                             const std::string& actor) {
    const std::string name = fold_user_name(raw_name);
    const std::string officer = trim(raw_officer);
    if (auto checked = check_officer(role, officer); !checked) return fail(checked.error());
    auto found = m_store.find_user(name);
    if (!found) return fail(found.error());
    if (!*found) return fail(no_user(name));
    storage::UserRecord record = **found;
    if (name == fold_user_name(actor) && (disabled || role != domain::Role::Admin) &&
        record.role == domain::Role::Admin) {
        return fail(ErrorKind::Conflict,
                    "you cannot disable yourself or take away your own administrator role: ask "
                    "another administrator",
                    disabled ? "disabled" : "role");
    }

    std::vector<domain::AuditEntry> entries;
    if (record.role != role) {
        entries.push_back(audit(actor, name, "role", std::string(domain::to_string(record.role)),
                                std::string(domain::to_string(role))));
    }
    if (record.officer != officer) {
        entries.push_back(audit(actor, name, "officer", record.officer, officer));
    }
    if (record.disabled != disabled) {
        entries.push_back(audit(actor, name, "disabled", record.disabled ? "yes" : "no",
                                disabled ? "yes" : "no"));
    }
    if (entries.empty()) return view(record);
    const bool newly_disabled = disabled && !record.disabled;
    record.role = role;
    record.officer = officer;
    record.disabled = disabled;
    if (auto updated = m_store.update_user(record, entries, newly_disabled); !updated) {
        return fail(updated.error());
    }
    forget_credentials(name);
    return view(record);
}

Result<void> AccountService::set_password(const std::string& raw_name, const std::string& password,
                                          const std::string& actor) {
    const std::string name = fold_user_name(raw_name);
    if (auto checked = check_password(password); !checked) return fail(checked.error());
    auto found = m_store.find_user(name);
    if (!found) return fail(found.error());
    if (!*found) return fail(no_user(name));
    auto hashed = hash_password(password);
    if (!hashed) return fail(hashed.error());
    storage::UserRecord record = **found;
    record.password_hash = *hashed;
    // The trail says that the password changed, never what it is.
    if (auto updated = m_store.update_user(
            record, {audit(actor, name, "password", std::nullopt, "changed")}, true);
        !updated) {
        return fail(updated.error());
    }
    forget_credentials(name);
    // A new password lifts any lock on the name.
    return m_store.clear_failed_sign_ins(name);
}

Result<NewToken> AccountService::create_token(const std::string& raw_name, const std::string& actor,
                                              const TokenRequest& request) {
    const std::string name = fold_user_name(raw_name);
    const std::string label = trim(request.label);
    if (auto checked = domain::check_text(label, "label", "token's label"); !checked) {
        return fail(checked.error());
    }
    if (label.size() > kMaximumTokenLabel) {
        return fail(ErrorKind::InvalidInput, "a token's label is at most 100 characters", "label");
    }
    if (request.days < 1 || request.days > kLongestTokenDays) {
        return fail(ErrorKind::InvalidInput,
                    "a token lasts from 1 to " + std::to_string(kLongestTokenDays) +
                        " days: make a new one when it ends",
                    "days");
    }
    auto found = m_store.find_user(name);
    if (!found) return fail(found.error());
    if (!*found) return fail(no_user(name));
    if ((*found)->disabled) {
        return fail(ErrorKind::Conflict,
                    name + " is disabled, so a token for them would act for nobody: enable them "
                           "first",
                    "name");
    }
    NewToken created;
    created.secret = "csip_" + random_secret();
    const Seconds now = m_clock.now();
    const storage::ApiTokenRecord record{hash_secret(created.secret), name, now, label,
                                         now + std::chrono::days(request.days)};
    created.token = token_view(record);
    // The token's id names it in the trail without revealing it.
    if (auto added = m_store.add_api_token(
            record, {audit(actor, name, "api_token", std::nullopt,
                           "created " + created.token.id + " until " + domain::iso_timestamp(record.expires_at) +
                               (label.empty() ? "" : ": " + label))});
        !added) {
        return fail(added.error());
    }
    return created;
}

Result<std::vector<TokenView>> AccountService::tokens(const std::string& raw_name) {
    const std::string name = fold_user_name(raw_name);
    auto records = m_store.api_tokens();
    if (!records) return fail(records.error());
    std::vector<TokenView> views;
    for (const auto& record : *records) {
        if (name.empty() || record.user == name) views.push_back(token_view(record));
    }
    return views;
}

Result<TokenView> AccountService::revoke_token(const std::string& raw_id, const std::string& actor) {
    const std::string id = trim(raw_id);
    const auto none = [&] {
        return Error{ErrorKind::NotFound,
                     "there is no API token " + domain::escape_controls(id, false) +
                         ": 'csip token list' shows each token's id",
                     "id"};
    };
    if (id.size() != storage::kTokenIdLength) return fail(none());
    // The audit entry names the token's user, who is known only once the token is found: the
    // store appends it with the removal, so it is made for the user the id belongs to.
    auto all = m_store.api_tokens();
    if (!all) return fail(all.error());
    std::string user;
    for (const auto& record : *all) {
        if (record.token_hash.compare(0, id.size(), id) == 0) user = record.user;
    }
    if (user.empty()) return fail(none());
    auto removed = m_store.remove_api_token(
        id, {audit(actor, user, "api_token", "created " + id, "revoked " + id)});
    if (!removed) return fail(removed.error());
    if (!*removed) return fail(none());
    forget_credentials((*removed)->user);
    return token_view(**removed);
}

TokenView AccountService::token_view(const storage::ApiTokenRecord& record) const {
    return TokenView{record.token_hash.substr(0, storage::kTokenIdLength),
                     record.user,
                     record.label,
                     record.created_at,
                     record.expires_at,
                     m_clock.now() >= record.expires_at};
}

const std::string& AccountService::dummy_hash() const {
    std::call_once(m_dummy_once, [this] {
        auto hashed = hash_password(random_secret());
        if (hashed) m_dummy_hash = std::move(*hashed);
    });
    return m_dummy_hash;
}

std::shared_ptr<void> AccountService::take_turn(const std::string& name) {
    std::shared_ptr<std::mutex> mutex;
    {
        std::lock_guard lock(m_turns_mutex);
        auto& slot = m_turns[name];
        if (!slot) slot = std::make_shared<std::mutex>();
        mutex = slot;
    }
    mutex->lock();
    // Given back when the attempt ends; the name's mutex goes when no attempt holds it.
    return std::shared_ptr<void>(nullptr, [this, name, mutex](void*) {
        mutex->unlock();
        std::lock_guard lock(m_turns_mutex);
        const auto found = m_turns.find(name);
        if (found != m_turns.end() && found->second.use_count() == 2) m_turns.erase(found);
    });
}

Result<void> AccountService::lock(const std::string& name, Seconds now, int failures) {
    const Seconds until = now + m_settings.lock_for;
    return m_store.lock_sign_in(name, until,
                                {audit("csip", name, kFailedSignInField, std::nullopt,
                                       "locked until " + domain::iso_timestamp(until) + " after " +
                                           std::to_string(failures) + " failed sign-ins")});
}

Error AccountService::locked_out(const storage::SignInFailures& failures, Seconds now) const {
    const Seconds until = failures.locked_until.value_or(now + m_settings.lock_for);
    const auto minutes =
        std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::minutes>(until - now).count());
    return Error{ErrorKind::Forbidden,
                 "Too many failed sign-ins: try again in " + std::to_string(minutes) +
                     (minutes == 1 ? " minute" : " minutes") +
                     ", or ask an administrator to unlock the account",
                 "username"};
}

Result<void> AccountService::unlock(const std::string& raw_name, const std::string& actor) {
    const std::string name = fold_user_name(raw_name);
    auto failures = m_store.sign_in_failures(name);
    if (!failures) return fail(failures.error());
    // Locked "until now": the trail says who lifted it; then the count starts again.
    if (auto unlocked = m_store.lock_sign_in(
            name, m_clock.now(),
            {audit(actor, name, kFailedSignInField, std::nullopt, "unlocked")});
        !unlocked) {
        return fail(unlocked.error());
    }
    return m_store.clear_failed_sign_ins(name);
}

void AccountService::hold_back(int failures) const {
    if (failures < m_settings.failures_before_slowing || m_settings.slow_step.count() <= 0) return;
    const auto steps = failures - m_settings.failures_before_slowing + 1;
    const auto wait = std::min(m_settings.slow_step * steps, m_settings.slow_limit);
    std::this_thread::sleep_for(wait);
}

Result<NewSession> AccountService::sign_in(const std::string& raw_name, const std::string& password,
                                           const std::string& client) {
    const std::string name = fold_user_name(raw_name).substr(0, kMaximumName * 2);
    // Attempts on one name take turns, from reading its failures to counting this one, so that
    // guesses sent at once are checked one by one and those after the lock are refused unchecked.
    const auto turn = take_turn(name);
    const Seconds now = m_clock.now();
    auto failures = m_store.sign_in_failures(name);
    if (!failures) return fail(failures.error());
    if (failures->locked_until && *failures->locked_until > now) {
        return fail(locked_out(*failures, now));
    }
    // A lock that has run out, or failures older than a lock would last, start the count again.
    if (failures->count > 0 &&
        ((failures->locked_until && *failures->locked_until <= now) ||
         (failures->last_failed_at && *failures->last_failed_at + m_settings.lock_for <= now))) {
        if (auto cleared = m_store.clear_failed_sign_ins(name); !cleared) {
            return fail(cleared.error());
        }
    }
    auto found = m_store.find_user(name);
    if (!found) return fail(found.error());
    const std::string& stored = *found ? (*found)->password_hash : dummy_hash();
    // A refusal for want of a turn is no failed sign-in: nothing is counted against the name.
    if (!acquire_hashing()) return fail(ErrorKind::Unavailable, kPasswordHashingBusy, "username");
    const bool verified =
        crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
    release_hashing();
    if (!verified || !*found || (*found)->disabled) {
        auto counted = m_store.record_failed_sign_in(name, now);
        if (!counted) return fail(counted.error());
        if (counted->count >= m_settings.failures_before_lock) {
            if (auto locked = lock(name, now, counted->count); !locked) {
                return fail(locked.error());
            }
        }
        // Failures from one address across names are held back too, without locking anyone
        // out: behind a reverse proxy every person has the same address.
        int client_failures = 0;
        if (!client.empty()) {
            auto by_client = m_store.record_failed_sign_in(kClientPrefix + client, now);
            if (!by_client) return fail(by_client.error());
            client_failures = by_client->count / kClientFailuresPerName;
        }
        hold_back(std::max(counted->count, client_failures));
        return fail(ErrorKind::InvalidInput, kSignInRefused, "username");
    }

    if (failures->count > 0) {
        if (auto cleared = m_store.clear_failed_sign_ins(name); !cleared) {
            return fail(cleared.error());
        }
    }
    // Signing in is rare enough to sweep the sessions that have ended on their own.
    if (auto swept = m_store.remove_expired_sessions(now); !swept) return fail(swept.error());
    const auto& user = **found;
    NewSession created;
    created.token = random_secret();
    created.session = SignedIn{domain::Person{user.name, user.role, user.officer}, random_secret(),
                               now + m_settings.session_lifetime};
    const storage::SessionRecord record{hash_secret(created.token), user.name,
                                        created.session.csrf_token, now,
                                        created.session.expires_at};
    if (auto added = m_store.add_session(
            record, {audit(user.name, user.name, "session", std::nullopt, "signed in")});
        !added) {
        return fail(added.error());
    }
    return created;
}

Result<std::optional<SignedIn>> AccountService::session(const std::string& token) {
    if (token.empty()) return std::optional<SignedIn>();
    const std::string hashed = hash_secret(token);
    std::uint64_t generation = 0;
    {
        std::shared_lock lock(m_cache_mutex);
        generation = m_cache_generation;
        const auto cached = m_sessions.find(hashed);
        if (cached != m_sessions.end() && fresh(cached->second.checked_at)) {
            if (cached->second.session.expires_at <= m_clock.now())
                return std::optional<SignedIn>();
            return std::optional<SignedIn>(cached->second.session);
        }
    }
    auto found = m_store.find_session(hashed);
    if (!found) return fail(found.error());
    if (!*found || (*found)->expires_at <= m_clock.now()) return std::optional<SignedIn>();
    auto user = m_store.find_user((*found)->user);
    if (!user) return fail(user.error());
    if (!*user || (*user)->disabled) return std::optional<SignedIn>();
    SignedIn session{domain::Person{(*user)->name, (*user)->role, (*user)->officer},
                     (*found)->csrf_token, (*found)->expires_at};
    if (m_settings.credentials_cached_for.count() > 0) {
        std::unique_lock lock(m_cache_mutex);
        if (m_sessions.size() >= kCachedCredentials) m_sessions.clear();
        if (generation == m_cache_generation) {
            m_sessions[hashed] = CachedSession{session, std::chrono::steady_clock::now()};
        }
    }
    return std::optional<SignedIn>(std::move(session));
}

Result<void> AccountService::sign_out(const std::string& token) {
    if (token.empty()) return {};
    const std::string hashed = hash_secret(token);
    auto found = m_store.find_session(hashed);
    if (!found) return fail(found.error());
    if (!*found) return {};
    const std::string& name = (*found)->user;
    auto removed =
        m_store.remove_session(hashed, {audit(name, name, "session", std::nullopt, "signed out")});
    // After the store: a check that read the session before it went cannot cache it now.
    std::unique_lock lock(m_cache_mutex);
    ++m_cache_generation;
    m_sessions.erase(hashed);
    return removed;
}

Result<std::optional<domain::Person>> AccountService::authenticate_token(const std::string& token) {
    if (token.empty()) return std::optional<domain::Person>();
    const std::string hashed = hash_secret(token);
    std::uint64_t generation = 0;
    {
        std::shared_lock lock(m_cache_mutex);
        generation = m_cache_generation;
        const auto cached = m_tokens.find(hashed);
        if (cached != m_tokens.end() && fresh(cached->second.checked_at) &&
            m_clock.now() < cached->second.expires_at) {
            return std::optional<domain::Person>(cached->second.person);
        }
    }
    auto found = m_store.find_api_token(hashed);
    if (!found) return fail(found.error());
    if (!*found || m_clock.now() >= (*found)->expires_at) return std::optional<domain::Person>();
    auto user = m_store.find_user((*found)->user);
    if (!user) return fail(user.error());
    if (!*user || (*user)->disabled) return std::optional<domain::Person>();
    domain::Person person{(*user)->name, (*user)->role, (*user)->officer};
    if (m_settings.credentials_cached_for.count() > 0) {
        std::unique_lock lock(m_cache_mutex);
        if (m_tokens.size() >= kCachedCredentials) m_tokens.clear();
        if (generation == m_cache_generation) {
            m_tokens[hashed] =
                CachedToken{person, (*found)->expires_at, std::chrono::steady_clock::now()};
        }
    }
    return std::optional<domain::Person>(std::move(person));
}

bool AccountService::fresh(std::chrono::steady_clock::time_point checked_at) const {
    return std::chrono::steady_clock::now() - checked_at < m_settings.credentials_cached_for;
}

void AccountService::forget_credentials(const std::string& name) const {
    std::unique_lock lock(m_cache_mutex);
    ++m_cache_generation;
    std::erase_if(m_sessions, [&](const auto& entry) {
        return name.empty() || entry.second.session.person.name == name;
    });
    std::erase_if(m_tokens, [&](const auto& entry) {
        return name.empty() || entry.second.person.name == name;
    });
}

bool records_failed_sign_in(const domain::AuditEntry& entry) {
    return entry.entity == "user" && entry.field == kFailedSignInField;
}

}  // namespace csip::app
