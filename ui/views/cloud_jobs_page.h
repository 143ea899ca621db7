// CloudJobsPage: the cloud searches (RunPod, Modal) with their state, queue/cold-start delay,
// run time and cost so far; Refresh polls what may have news, Follow shows a running search in
// the grind view, Cancel stops its workers, Delete forgets it and its split-key secret.
#pragma once

#include <QWidget>

#include "ui/models/cloud_jobs_model.h"

class QLabel;
class QPushButton;
class QTableView;

namespace vanikeys::ui {

class CloudJobsPage : public QWidget {
    Q_OBJECT
public:
    explicit CloudJobsPage(CloudJobsModel* model, QWidget* parent = nullptr);

    void select(const QString& name);
    [[nodiscard]] QString selected() const;  // the selected search's name, or empty
    // Whether a search may be followed now (the grind is idle).
    void set_can_follow(bool can_follow);
    void set_busy(bool busy);
    void show_message(const QString& text, bool error);
    void set_note(const QString& text);

Q_SIGNALS:
    void refresh_requested();
    void follow_requested(const QString& name);
    void cancel_requested(const QString& name);
    void delete_requested(const QString& name);

private:
    void update_buttons();

    CloudJobsModel* m_model;
    QTableView* m_table;
    QLabel* m_note;
    QLabel* m_message;
    QLabel* m_details;
    QPushButton* m_refresh;
    QPushButton* m_follow;
    QPushButton* m_cancel;
    QPushButton* m_delete;
    bool m_can_follow = true;
    bool m_busy = false;
};

} // namespace vanikeys::ui
