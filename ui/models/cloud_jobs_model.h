// CloudJobsModel: the cloud searches of the job list as a table: state, queue/cold-start delay,
// run time, cost so far, provider, keys tested. One row per search (a fan-out's workers
// together); the tooltip lists the workers and any problem.
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "cloud/client/cloud_group.h"

namespace vanikeys::ui {

// "Found", "Running", "In queue / cold start", "Ended without a match", …
QString cloud_state_text(const cloud::CloudGroup& group);
// "RunPod", "Modal"; anything else as it is.
QString provider_title(const QString& provider);

class CloudJobsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Pattern, Provider, State, Queue, RunTime, Cost, Keys, Started, ColumnCount };

    explicit CloudJobsModel(QObject* parent = nullptr);

    void set_groups(std::vector<cloud::CloudGroup> groups);
    [[nodiscard]] const cloud::CloudGroup& group(int row) const { return m_groups.at(static_cast<std::size_t>(row)); }
    [[nodiscard]] int find(const QString& name) const;  // -1 if absent

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<cloud::CloudGroup> m_groups;
};

} // namespace vanikeys::ui
