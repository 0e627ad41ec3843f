// Result<T>: the value of an operation that can fail in an expected way, with std::expected's
// shape (g++ 12 has no std::expected in C++20). Failures carry an Error: what kind of failure it
// is, a message a person can act on, and, where one input is at fault, the field that names it.
// Callers must look at a Result ([[nodiscard]]); exceptions are kept for the truly exceptional.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace csip {

enum class ErrorKind {
    InvalidInput,  // the input breaks a format or a rule; fix the input
    NotFound,      // the thing named does not exist
    Conflict,      // the change contradicts the current state (e.g. RAG on a not-started action)
    Forbidden,     // the person may not do this
    Unavailable,   // a store or service could not be reached
};

struct Error {
    ErrorKind kind = ErrorKind::InvalidInput;
    std::string message;
    std::string field;  // the input at fault, when there is one
};

template <typename E>
struct Unexpected {
    E error;
};

inline Unexpected<Error> fail(ErrorKind kind, std::string message, std::string field = {}) {
    return Unexpected<Error>{Error{kind, std::move(message), std::move(field)}};
}
inline Unexpected<Error> fail(Error error) { return Unexpected<Error>{std::move(error)}; }

template <typename T, typename E = Error>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Unexpected<E> failure)                                           // NOLINT
        : m_state(std::in_place_index<1>, std::move(failure.error)) {}

    [[nodiscard]] bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & {
        assert(has_value() && "value() of a failed Result");
        return std::get<0>(m_state);
    }
    const T& value() const& {
        assert(has_value() && "value() of a failed Result");
        return std::get<0>(m_state);
    }
    T&& value() && {
        assert(has_value() && "value() of a failed Result");
        return std::get<0>(std::move(m_state));
    }
    const E& error() const& {
        assert(!has_value() && "error() of a successful Result");
        return std::get<1>(m_state);
    }
    E&& error() && { return std::get<1>(std::move(m_state)); }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, E> m_state;
};

template <typename E>
class [[nodiscard]] Result<void, E> {
public:
    Result() = default;
    Result(Unexpected<E> failure) : m_error(std::move(failure.error)), m_failed(true) {}  // NOLINT

    [[nodiscard]] bool has_value() const { return !m_failed; }
    explicit operator bool() const { return has_value(); }
    const E& error() const& {
        assert(m_failed && "error() of a successful Result");
        return m_error;
    }
    E&& error() && { return std::move(m_error); }

private:
    E m_error{};
    bool m_failed = false;
};

}  // namespace csip
