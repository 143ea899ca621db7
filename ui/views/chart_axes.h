// Axis labels people can read on the charts: ticks at round values labelled "2.5M", "$0.01",
// "10 min" instead of "2.5e+06", "1e+02" or an elided "…". Log scales are drawn as log10 of
// the value on a linear axis whose ticks are labelled with the values themselves.
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include <QString>

class QCategoryAxis;

namespace vanikeys::ui {

// A round axis maximum at or above v: 1, 2, 2.5 or 5 times a power of ten.
double nice_max(double v);
// A round step that cuts [0, max] into about `intervals` pieces.
double nice_step(double max, int intervals);
// Counts in a few characters: 0 -> "0", 950 -> "950", 12000 -> "12k", 2.5e6 -> "2.5M",
// 3.1e9 -> "3.1B", 7e12 -> "7T"; beyond -> "1e+15".
QString short_count(double v);

using AxisLabel = std::function<QString(double)>;
// Makes `axis` span [0, max] with a labelled tick at each multiple of a round step (about
// `intervals` of them); `max` is rounded up to a whole step.
void set_linear_ticks(QCategoryAxis* axis, double max, int intervals, const AxisLabel& label);

// A log scale on a linear axis: values are plotted as log10(value). Ticks are the candidates
// (value, label) that fall in [10^lo, 10^hi], thinned to at most `max_labels`.
using LogTick = std::pair<double, QString>;
void set_log_ticks(QCategoryAxis* axis, double lo, double hi, const std::vector<LogTick>& candidates, int max_labels = 8);
// Candidates: every power of ten with `label` (dollars: "$0.01", "$1", "$1k").
std::vector<LogTick> decade_ticks(int lo, int hi, const AxisLabel& label);
// Candidates for durations: 1 ms, 10 ms, 0.1 s, 1 s, 10 s, 1 min, 10 min, 1 h, 10 h, 1 day,
// 10 days, 100 days, 1 year, then powers of ten of years.
std::vector<LogTick> duration_ticks();
// "$0.001", "$1", "$100", "$10k": a dollar amount that is a power of ten.
QString usd_tick(double usd);

} // namespace vanikeys::ui
