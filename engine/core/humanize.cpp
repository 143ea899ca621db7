#include "engine/core/humanize.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <limits>

namespace vanikeys {
namespace {

__attribute__((format(printf, 1, 2))) std::string printf_string(const char* format, ...) {
    char buf[64];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return buf;
}

// Two or three significant digits, without a trailing ".0".
std::string short_number(double value) {
    std::string s = value < 10 ? printf_string("%.2g", value) : printf_string("%.3g", value);
    if (value >= 10 && value < 100) s = printf_string("%.1f", value);
    if (value >= 100) s = printf_string("%.0f", value);
    if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

std::string with_thousands(double value) {
    std::string digits = printf_string("%.0f", value);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        out += digits[static_cast<std::size_t>(i)];
        if ((n - 1 - i) % 3 == 0 && i != n - 1) out += ',';
    }
    return out;
}

struct Scale {
    double factor;
    const char* name;
};
constexpr Scale kScales[] = {{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};

} // namespace

std::string human_count(double value) {
    if (std::isnan(value)) return "unknown";
    if (std::isinf(value)) return "infinitely many";
    if (value < 0) return "-" + human_count(-value);
    if (value >= 1e15) return printf_string("%.2g", value);
    for (const Scale& s : kScales) {
        if (value >= s.factor) return short_number(value / s.factor) + " " + s.name;
    }
    if (value >= 1000) return with_thousands(std::round(value));
    if (value == std::floor(value)) return printf_string("%.0f", value);
    return short_number(value);
}

std::string human_odds(double probability) {
    if (!(probability > 0)) return "impossible";
    if (probability >= 1) return "certain";
    return "1 in " + human_count(1.0 / probability);
}

std::string human_duration(double seconds) {
    if (std::isnan(seconds)) return "unknown";
    if (std::isinf(seconds)) return "never";
    if (seconds < 0.001) return "< 1 ms";
    if (seconds < 0.01) return short_number(seconds * 1000) + " ms";
    if (seconds < 1) return short_number(seconds) + " s";
    constexpr double kMinute = 60, kHour = 3600, kDay = 86400, kYear = 365.25 * 86400;
    if (seconds >= 1000 * kYear) return human_count(seconds / kYear) + " years";
    auto two_units = [](double value, double big, const char* big_name, const char* big_plural,
                        double small, const char* small_name, const char* small_plural) {
        const double whole = std::floor(value / big);
        const double rest = std::floor((value - whole * big) / small);
        std::string s = printf_string("%.0f", whole) + " " + (whole == 1 ? big_name : big_plural);
        if (rest > 0) s += " " + printf_string("%.0f", rest) + " " + (rest == 1 ? small_name : small_plural);
        return s;
    };
    if (seconds >= kYear) return short_number(seconds / kYear) + " years";
    if (seconds >= kDay) return two_units(seconds, kDay, "day", "days", kHour, "h", "h");
    if (seconds >= kHour) return two_units(seconds, kHour, "h", "h", kMinute, "min", "min");
    if (seconds >= kMinute) return two_units(seconds, kMinute, "min", "min", 1, "s", "s");
    return short_number(seconds) + " s";
}

std::string human_rate(double keys_per_second) {
    return human_count(keys_per_second) + " keys/s";
}

std::string human_percent(double fraction) {
    const double pct = fraction * 100;
    if (pct >= 10 || pct == 0) return printf_string("%.0f", pct) + " %";
    if (pct >= 1) {
        std::string s = printf_string("%.1f", pct);
        if (s.ends_with(".0")) s.resize(s.size() - 2);
        return s + " %";
    }
    return printf_string("%.2g", pct) + " %";
}

std::string human_usd(double dollars) {
    if (std::isnan(dollars)) return "unknown";
    if (std::isinf(dollars)) return "unbounded";
    if (dollars >= 1000) return "$" + with_thousands(std::round(dollars));
    if (dollars >= 1) return printf_string("$%.2f", dollars);
    if (dollars == 0) return "$0";
    if (dollars < 0.0001) return "< $0.0001";
    return "$" + printf_string("%.2g", dollars);
}

} // namespace vanikeys
