// Result<T>: a value or a user-facing error, for library code that must not throw across the
// engine boundary or exit(). (std::expected arrives with C++23; this is the subset we use.)
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace vanikeys {

// What went wrong, in words a user can act on. `code` follows SPEC §5's exit codes:
// 2 = bad input (nothing was done), 3 = runtime failure (device, network, file system).
struct Error {
    int code = 2;
    std::string message;
};

inline Error bad_input(std::string message) { return Error{2, std::move(message)}; }
inline Error runtime_failure(std::string message) { return Error{3, std::move(message)}; }

// A value or an error of type E: Result<T> here, CloudResult<T> in the cloud layer.
template <class T, class E>
class BasicResult {
public:
    BasicResult(T value) : state_(std::move(value)) {}   // NOLINT(google-explicit-constructor)
    BasicResult(E error) : state_(std::move(error)) {}   // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const noexcept { return std::holds_alternative<T>(state_); }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { assert(ok()); return std::get<T>(state_); }
    const T& value() const& { assert(ok()); return std::get<T>(state_); }
    T&& value() && { assert(ok()); return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const E& error() const { assert(!ok()); return std::get<E>(state_); }

private:
    std::variant<T, E> state_;
};

template <class T>
using Result = BasicResult<T, Error>;

} // namespace vanikeys
