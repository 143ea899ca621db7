#include "ui/models/cloud_jobs_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

#include "engine/core/humanize.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

QString optional_duration(const std::optional<double>& seconds) {
    return seconds ? qs(human_duration(*seconds)) : QStringLiteral("—");
}

QString details(const cloud::CloudGroup& g) {
    QStringList lines;
    lines << QObject::tr("%1 on %2, %3 worker(s)").arg(qs(g.name), provider_title(qs(g.provider))).arg(g.workers.size());
    for (const cloud::StoredJob& w : g.workers)
        lines << QObject::tr("w%1: %2 (job %3)")
                     .arg(w.job.worker_index)
                     .arg(qs(cloud::job_state_name(w.state)), qs(w.handle.job_id));
    for (const std::string& problem : g.problems) lines << qs(problem);
    if (!g.collected && g.found) lines << QObject::tr("Its key has not been rebuilt here yet: Refresh collects it.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString provider_title(const QString& provider) {
    if (provider == QLatin1String("runpod")) return QStringLiteral("RunPod");
    if (provider == QLatin1String("modal")) return QStringLiteral("Modal");
    return provider;
}

QString cloud_state_text(const cloud::CloudGroup& g) {
    if (g.found) return g.collected ? QObject::tr("Found") : QObject::tr("Found (to collect)");
    switch (g.state) {
    case cloud::JobState::Queued: return QObject::tr("In queue / cold start");
    case cloud::JobState::Running: return QObject::tr("Running");
    case cloud::JobState::Completed: return QObject::tr("Ended without a match");
    case cloud::JobState::Cancelled: return QObject::tr("Cancelled");
    case cloud::JobState::TimedOut: return QObject::tr("Timed out");
    case cloud::JobState::Failed: break;
    }
    return g.problems.empty() ? QObject::tr("Failed") : QObject::tr("Failed: %1").arg(qs(g.problems.front()));
}

CloudJobsModel::CloudJobsModel(QObject* parent) : QAbstractTableModel(parent) {}

void CloudJobsModel::set_groups(std::vector<cloud::CloudGroup> groups) {
    beginResetModel();
    m_groups = std::move(groups);
    endResetModel();
}

int CloudJobsModel::find(const QString& name) const {
    for (std::size_t i = 0; i < m_groups.size(); ++i)
        if (qs(m_groups[i].name) == name) return static_cast<int>(i);
    return -1;
}

int CloudJobsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_groups.size());
}

int CloudJobsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CloudJobsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_groups.size())) return {};
    const cloud::CloudGroup& g = m_groups[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole) return details(g);
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (g.found) return QBrush(QColor(0x2e, 0x7d, 0x32));
        if (g.state == cloud::JobState::Failed || g.state == cloud::JobState::TimedOut) return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Name: return qs(g.name);
    case Pattern:
        return QStringLiteral("%1 (%2, %3)")
            .arg(qs(g.job.pattern), format_name(g.job.format), qs(match_mode_name(g.job.mode)));
    case Provider: return provider_title(qs(g.provider));
    case State: return cloud_state_text(g);
    case Queue: return optional_duration(g.queue_seconds);
    case RunTime: return optional_duration(g.run_seconds);
    case Cost: return g.cost_usd ? qs(human_usd(*g.cost_usd)) : QStringLiteral("—");
    case Keys: return qs(human_count(static_cast<double>(g.attempts)));
    case Started:
        return QDateTime::fromSecsSinceEpoch(g.submitted_at).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    default: return {};
    }
}

QVariant CloudJobsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Queue: return tr("The longest wait for a worker: queue and cold start");
        case RunTime: return tr("The workers' run times added up: what is billed");
        case Cost: return tr("The run time priced at the provider's platform in the pricing catalog");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case Name: return tr("Search");
    case Pattern: return tr("Pattern");
    case Provider: return tr("Provider");
    case State: return tr("State");
    case Queue: return tr("Queue / cold start");
    case RunTime: return tr("Run time");
    case Cost: return tr("Cost so far");
    case Keys: return tr("Keys tested");
    case Started: return tr("Started");
    default: return {};
    }
}

} // namespace vanikeys::ui
