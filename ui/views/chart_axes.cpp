#include "ui/views/chart_axes.h"

#include <QCategoryAxis>

#include <algorithm>
#include <cmath>

namespace vanikeys::ui {
namespace {

void clear_categories(QCategoryAxis* axis) {
    for (const QString& label : axis->categoriesLabels()) axis->remove(label);
}

// QCategoryAxis labels each category at its end value: a first, empty-width category ending at
// `first` puts a label there.
void begin_at(QCategoryAxis* axis, double first, double span) {
    clear_categories(axis);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(first - std::max(span, 1e-300) * 1e-9);
}

} // namespace

double nice_max(double v) {
    if (!(v > 0)) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (v <= step * magnitude * (1 + 1e-12)) return step * magnitude;
    return 10 * magnitude;
}

double nice_step(double max, int intervals) {
    const double raw = max / std::max(1, intervals);
    if (!(raw > 0)) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double step : {1.0, 2.0, 2.5, 5.0})
        if (raw <= step * magnitude * (1 + 1e-12)) return step * magnitude;
    return 10 * magnitude;
}

QString short_count(double v) {
    if (v == 0) return QStringLiteral("0");
    const double a = std::abs(v);
    if (a >= 1e15 || a < 1e-3) return QString::number(v, 'g', 2);
    struct Unit {
        double size;
        const char* suffix;
    };
    for (const Unit& u : {Unit{1e12, "T"}, Unit{1e9, "B"}, Unit{1e6, "M"}, Unit{1e3, "k"}})
        if (a >= u.size) return QString::number(v / u.size, 'g', 3) + QLatin1String(u.suffix);
    return QString::number(v, 'g', 3);
}

void set_linear_ticks(QCategoryAxis* axis, double max, int intervals, const AxisLabel& label) {
    const double step = nice_step(max, intervals);
    const int steps = std::max(1, static_cast<int>(std::ceil(max / step - 1e-9)));
    const double top = steps * step;
    begin_at(axis, 0, top);
    for (int i = 0; i <= steps; ++i) axis->append(label(i * step), i * step);
    axis->setRange(0, top);
}

void set_log_ticks(QCategoryAxis* axis, double lo, double hi, const std::vector<LogTick>& candidates, int max_labels) {
    std::vector<LogTick> inside;
    for (const LogTick& t : candidates) {
        const double x = std::log10(t.first);
        if (x >= lo - 1e-9 && x <= hi + 1e-9) inside.push_back(t);
    }
    const std::size_t every = inside.size() > static_cast<std::size_t>(max_labels)
                                  ? (inside.size() + static_cast<std::size_t>(max_labels) - 1) / static_cast<std::size_t>(max_labels)
                                  : 1;
    begin_at(axis, inside.empty() ? lo : std::log10(inside.front().first), hi - lo);
    for (std::size_t i = 0; i < inside.size(); i += every) axis->append(inside[i].second, std::log10(inside[i].first));
    axis->setRange(lo, hi);
}

std::vector<LogTick> decade_ticks(int lo, int hi, const AxisLabel& label) {
    std::vector<LogTick> out;
    for (int k = lo; k <= hi; ++k) out.emplace_back(std::pow(10.0, k), label(std::pow(10.0, k)));
    return out;
}

std::vector<LogTick> duration_ticks() {
    std::vector<LogTick> out = {{1e-3, QStringLiteral("1 ms")},  {1e-2, QStringLiteral("10 ms")},
                                {0.1, QStringLiteral("0.1 s")},  {1, QStringLiteral("1 s")},
                                {10, QStringLiteral("10 s")},    {60, QStringLiteral("1 min")},
                                {600, QStringLiteral("10 min")}, {3600, QStringLiteral("1 h")},
                                {36000, QStringLiteral("10 h")}, {86400, QStringLiteral("1 day")},
                                {864000, QStringLiteral("10 days")}, {8640000, QStringLiteral("100 days")}};
    constexpr double kYear = 365.25 * 86400;
    for (int k = 0; k <= 30; ++k) {
        const double years = std::pow(10.0, k);
        out.emplace_back(years * kYear, k == 0 ? QStringLiteral("1 year") : short_count(years) + QStringLiteral(" y"));
    }
    return out;
}

QString usd_tick(double usd) {
    if (usd >= 1) return QStringLiteral("$") + short_count(usd);
    if (usd >= 1e-4) return QStringLiteral("$") + QString::number(usd, 'f', static_cast<int>(std::ceil(-std::log10(usd) - 1e-9)));
    return QStringLiteral("$") + QString::number(usd, 'g', 1);
}

} // namespace vanikeys::ui
