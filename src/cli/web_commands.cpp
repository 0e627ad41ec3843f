// The web application's commands: `serve` runs csip's web server on the database --db names;
// `user add`, `user list` and `token create` manage who may use it. Passwords are read from
// standard input, never from the command line, where other users could see them.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <pthread.h>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "app/accounts.hpp"
#include "app/benchmark_service.hpp"
#include "app/indicator_service.hpp"
#include "app/plan_service.hpp"
#include "app/report_service.hpp"
#include "cli/cli_context.hpp"
#include "cli/store_factory.hpp"
#include "http/web_server.hpp"

namespace csip::cli {
namespace {

struct WebOptions {
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string assets;
    std::string upload_dir;
    std::string as_of;
    std::size_t threads = 128;
    bool secure_cookies = false;
    std::string name;
    std::string role;
    std::string officer;
    bool password_stdin = false;
    std::string by;
    std::string label;
    int days = app::TokenRequest{}.days;
    std::string id;
};

std::string default_actor() {
    const char* user = std::getenv("USER");
    return user != nullptr && *user != '\0' ? user : "csip";
}

// "Now" moved by a fixed offset, so that `serve --as-of 2015-09-15` shows the plan as on that
// day while time still passes (sessions expire, the trail's timestamps advance).
class ShiftedClock final : public domain::Clock {
  public:
    ShiftedClock(const domain::Clock& base, std::chrono::seconds offset)
        : m_base(base), m_offset(offset) {}
    [[nodiscard]] std::chrono::sys_seconds now() const override { return m_base.now() + m_offset; }

  private:
    const domain::Clock& m_base;
    std::chrono::seconds m_offset;
};

Result<std::unique_ptr<storage::AccountStore>> accounts_of(CliContext& context) {
    return open_account_store(context.db);
}

void serve(CliContext& context, const WebOptions& options) {
    std::chrono::seconds offset{0};
    if (!options.as_of.empty()) {
        const auto as_of = date_option(options.as_of, "--as-of", context.clock);
        if (!as_of) return context.refuse(as_of.error());
        offset =
            std::chrono::days{as_of->days_since_epoch() - context.clock.today().days_since_epoch()};
    }
    const ShiftedClock clock(context.clock, offset);

    auto plans = context.plan_store();
    if (!plans) return context.refuse(plans.error());
    auto cases = context.case_store();
    if (!cases) return context.refuse(cases.error());
    auto accounts_store = accounts_of(context);
    if (!accounts_store) return context.refuse(accounts_store.error());
    auto report_store = open_report_store(context.db);
    if (!report_store) return context.refuse(report_store.error());

    app::PlanService plan_service(**plans, clock);
    app::AccountService accounts(**accounts_store, clock);
    app::IndicatorService indicators(**plans, **cases, clock);
    app::BenchmarkService benchmarks(**cases, indicators, clock);
    app::ReportService reports(**plans, **report_store, clock, app::indicator_source(indicators),
                               app::exception_source(indicators),
                               app::benchmark_source(benchmarks));

    // SIGINT and SIGTERM are taken by a thread of their own, which stops the server: blocked
    // here, before any server thread starts, so that every thread inherits the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    http::ServerOptions server_options;
    server_options.assets_dir = options.assets;
    server_options.upload_dir = options.upload_dir;
    server_options.threads = options.threads;
    server_options.secure_cookies = options.secure_cookies;
    http::WebServer server(http::Services{plan_service, accounts, clock, &indicators, &reports, &benchmarks},
                           server_options);
    if (auto warning = server.assets_warning()) context.err << "csip serve: " << *warning << "\n";
    auto port = server.bind(options.bind, options.port);
    if (!port) return context.refuse(port.error());

    std::thread stopper([&server, stop_signals] {
        int received = 0;
        sigwait(&stop_signals, &received);
        server.stop();
    });
    const std::string host =
        options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
    context.out << fmt::format("csip is serving {} on http://{}:{}/", context.db, host, *port);
    if (!options.as_of.empty()) context.out << fmt::format(" as of {}", options.as_of);
    context.out << " (Ctrl-C stops it)\n";
    context.out.flush();
    server.run();
    // The server may have stopped for another reason (its socket failed): release the stopper.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    context.out << "csip serve: stopped\n";
}

Result<std::string> password_from_stdin() {
    std::string password;
    if (!std::getline(std::cin, password)) {
        return fail(ErrorKind::InvalidInput,
                    "--password-stdin: give the password on standard input, e.g. "
                    "printf '%s\\n' \"$PASSWORD\" | csip user add ...",
                    "password");
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

void user_add(CliContext& context, const WebOptions& options) {
    const auto role = domain::parse_role(options.role);
    if (!role) {
        return context.refuse(
            Error{ErrorKind::InvalidInput,
                  "--role '" + options.role + "': use admin, editor, lead or viewer", "role"});
    }
    if (!options.password_stdin) {
        return context.refuse(Error{ErrorKind::InvalidInput,
                                    "give the password on standard input with --password-stdin "
                                    "(never on the command line, where others can see it)",
                                    "password"});
    }
    auto password = password_from_stdin();
    if (!password) return context.refuse(password.error());
    auto store = accounts_of(context);
    if (!store) return context.refuse(store.error());
    app::AccountService accounts(**store, context.clock);
    const std::string actor = options.by.empty() ? default_actor() : options.by;
    auto added = accounts.add_user(options.name, *role, options.officer, *password, actor);
    if (!added) return context.refuse(added.error());
    context.out << fmt::format("Added {} ({}{}).\n", added->name, domain::describe(added->role),
                               added->officer.empty() ? "" : ", " + added->officer);
}

void user_list(CliContext& context) {
    auto store = accounts_of(context);
    if (!store) return context.refuse(store.error());
    app::AccountService accounts(**store, context.clock);
    auto users = accounts.users();
    if (!users) return context.refuse(users.error());
    context.out << fmt::format("{:<24} {:<14} {:<9} {}\n", "name", "role", "status", "officer");
    for (const auto& user : *users) {
        context.out << fmt::format("{:<24} {:<14} {:<9} {}\n", user.name,
                                   domain::to_string(user.role),
                                   user.disabled       ? "disabled"
                                   : user.locked_until ? "locked"
                                                       : "active",
                                   user.officer);
    }
}

void user_unlock(CliContext& context, const WebOptions& options) {
    auto store = accounts_of(context);
    if (!store) return context.refuse(store.error());
    app::AccountService accounts(**store, context.clock);
    auto user = accounts.user(options.name);
    if (!user) return context.refuse(user.error());
    auto unlocked = accounts.unlock(user->name, options.by.empty() ? default_actor() : options.by);
    if (!unlocked) return context.refuse(unlocked.error());
    context.out << fmt::format("{} can sign in again{}.\n", user->name,
                               user->locked_until ? "" : " (sign-ins were not locked)");
}

// "2026-12-02 14:05 UTC".
std::string moment(storage::Seconds at) {
    return fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(at.time_since_epoch().count()));
}

void token_create(CliContext& context, const WebOptions& options) {
    auto store = accounts_of(context);
    if (!store) return context.refuse(store.error());
    app::AccountService accounts(**store, context.clock);
    const std::string actor = options.by.empty() ? default_actor() : options.by;
    auto token = accounts.create_token(options.name, actor, {options.label, options.days});
    if (!token) return context.refuse(token.error());
    context.out << token->secret << "\n";
    context.err << fmt::format(
        "csip: API token {} for {}, until {}; it is shown once and only its hash is kept. Send "
        "it as 'Authorization: Bearer TOKEN'; 'csip token revoke {}' ends it.\n",
        token->token.id, token->token.user, moment(token->token.expires_at), token->token.id);
}

void token_list(CliContext& context, const WebOptions& options) {
    auto store = accounts_of(context);
    if (!store) return context.refuse(store.error());
    app::AccountService accounts(**store, context.clock);
    auto tokens = accounts.tokens(options.name);
    if (!tokens) return context.refuse(tokens.error());
    if (tokens->empty()) {
        context.out << (options.name.empty() ? "There are no API tokens"
                                             : "There are no API tokens for " + options.name)
                    << ": csip token create NAME makes one.\n";
        return;
    }
    context.out << fmt::format("{:<13} {:<24} {:<20} {:<28} {}\n", "id", "user", "created",
                               "expires", "label");
    for (const auto& token : *tokens) {
        context.out << fmt::format("{:<13} {:<24} {:<20} {:<28} {}\n", token.id, token.user,
                                   moment(token.created_at),
                                   moment(token.expires_at) + (token.expired ? " (expired)" : ""),
                                   token.label);
    }
}

void token_revoke(CliContext& context, const WebOptions& options) {
    auto store = accounts_of(context);
    if (!store) return context.refuse(store.error());
    app::AccountService accounts(**store, context.clock);
    auto revoked =
        accounts.revoke_token(options.id, options.by.empty() ? default_actor() : options.by);
    if (!revoked) return context.refuse(revoked.error());
    context.out << fmt::format("Revoked API token {} of {}: it is refused from now on.\n",
                               revoked->id, revoked->user);
}

}  // namespace

void add_web_commands(CLI::App& cli, CliContext& context) {
    auto options = std::make_shared<WebOptions>();
    auto& o = *options;

    auto* serve_command = cli.add_subcommand("serve", "run the web application and its JSON API");
    serve_command->add_option("--bind", o.bind, "the address to listen on (default: 127.0.0.1)");
    serve_command->add_option("--port", o.port, "the port (default: 8080; 0: any free port)")
        ->check(CLI::Range(0, 65535));
    serve_command->add_option(
        "--assets", o.assets,
        "govuk-frontend's dist/govuk folder (default: node_modules/govuk-frontend/dist/govuk "
        "beside csip's source tree, or below the working directory)");
    serve_command->add_option("--upload-dir", o.upload_dir,
                              "where uploaded returns are saved while they are imported, on a "
                              "disk with room for the largest upload (default: $TMPDIR or /tmp)");
    serve_command->add_option("--as-of", o.as_of,
                              "show the plan as if today were this date, YYYY-MM-DD (for "
                              "demonstrations and reviews of a past date)");
    serve_command
        ->add_option("--threads", o.threads,
                     "threads serving requests; each kept-alive connection holds one "
                     "(default: 128)")
        ->check(CLI::Range(2, 4096));
    serve_command->add_flag("--secure-cookies", o.secure_cookies,
                            "mark cookies Secure, when csip is reached over HTTPS");
    serve_command->callback([&context, options] { serve(context, *options); });

    auto* user = cli.add_subcommand("user", "who may sign in to the web application");
    user->require_subcommand(1);
    auto* add = user->add_subcommand("add", "add a user");
    add->add_option("NAME", o.name, "the user name, e.g. j.smith")->required();
    add->add_option("--role", o.role, "admin, editor, lead or viewer")
        ->required()
        ->check(CLI::IsMember({"admin", "editor", "lead", "viewer"}));
    add->add_option("--officer", o.officer,
                    "for a lead: the role title their actions name as lead");
    add->add_flag("--password-stdin", o.password_stdin, "read the password from standard input");
    add->add_option("--by", o.by, "who is adding, for the audit trail (default: $USER)");
    add->callback([&context, options] { user_add(context, *options); });

    auto* list = user->add_subcommand("list", "every user, their role and officer title");
    list->callback([&context] { user_list(context); });

    auto* unlock = user->add_subcommand(
        "unlock", "lift the lock that repeated failed sign-ins put on a user, and forget them");
    unlock->add_option("NAME", o.name, "the user name")->required();
    unlock->add_option("--by", o.by, "who is unlocking, for the audit trail (default: $USER)");
    unlock->callback([&context, options] { user_unlock(context, *options); });

    auto* token = cli.add_subcommand("token", "API tokens");
    token->require_subcommand(1);
    auto* create = token->add_subcommand("create", "print a new API token for a user");
    create->add_option("NAME", o.name, "the user the token acts for")->required();
    create->add_option("--label", o.label, "what it is for, e.g. \"Power BI refresh\"");
    create->add_option("--days", o.days, "how many days it lasts (default: 90; at most 365)");
    create->add_option("--by", o.by, "who is creating it, for the audit trail (default: $USER)");
    create->callback([&context, options] { token_create(context, *options); });
    auto* list_tokens = token->add_subcommand(
        "list", "every API token (or one user's): id, user, when made, expiry and label");
    list_tokens->add_option("NAME", o.name, "only this user's");
    list_tokens->callback([&context, options] { token_list(context, *options); });
    auto* revoke = token->add_subcommand("revoke", "end an API token at once");
    revoke->add_option("ID", o.id, "the token's id, from 'csip token list'")->required();
    revoke->add_option("--by", o.by, "who is revoking it, for the audit trail (default: $USER)");
    revoke->callback([&context, options] { token_revoke(context, *options); });
}

}  // namespace csip::cli
