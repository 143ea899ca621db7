#include "ui/views/cloud_jobs_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "engine/core/humanize.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

CloudJobsPage::CloudJobsPage(CloudJobsModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("cloudJobsNote"));
    m_note->setWordWrap(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("cloudJobsTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CloudJobsModel::Pattern, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("cloudRefreshButton"));
    m_refresh->setToolTip(tr("Ask the providers about every search that may have news, and collect found keys"));
    m_follow = new QPushButton(tr("F&ollow"), this);
    m_follow->setObjectName(QStringLiteral("cloudFollowButton"));
    m_follow->setToolTip(tr("Show this running search in the grind view, with its charts"));
    m_cancel = new QPushButton(tr("&Cancel search"), this);
    m_cancel->setObjectName(QStringLiteral("cloudCancelButton"));
    m_cancel->setToolTip(tr("Stop every worker of this search (what they found so far is kept)"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("cloudDeleteButton"));
    m_delete->setToolTip(tr("Forget this search and its split-key secret (found keys stay in Found keys)"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("cloudJobsMessage"));
    m_message->setWordWrap(true);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("cloudJobDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QHBoxLayout();
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_follow);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_message, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);

    connect(m_refresh, &QPushButton::clicked, this, &CloudJobsPage::refresh_requested);
    connect(m_follow, &QPushButton::clicked, this, [this] { Q_EMIT follow_requested(selected()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { Q_EMIT cancel_requested(selected()); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const int row = m_model->find(selected());
        if (row < 0) return;
        const cloud::CloudGroup& g = m_model->group(row);
        if (g.found && !g.collected &&
            QMessageBox::question(this, tr("Delete %1?").arg(selected()),
                                  tr("Its key has not been rebuilt here yet; without its split-key secret it never can "
                                     "be. Delete anyway?")) != QMessageBox::Yes)
            return;
        Q_EMIT delete_requested(selected());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CloudJobsPage::update_buttons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CloudJobsPage::update_buttons);
    update_buttons();
}

QString CloudJobsPage::selected() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.front().row() >= m_model->rowCount()) return {};
    return qs(m_model->group(rows.front().row()).name);
}

void CloudJobsPage::select(const QString& name) {
    const int row = m_model->find(name);
    if (row >= 0) m_table->selectRow(row);
    update_buttons();
}

void CloudJobsPage::set_can_follow(bool can_follow) {
    m_can_follow = can_follow;
    update_buttons();
}

void CloudJobsPage::set_busy(bool busy) {
    m_busy = busy;
    update_buttons();
}

void CloudJobsPage::show_message(const QString& text, bool error) {
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_message->setText(text);
}

void CloudJobsPage::set_note(const QString& text) {
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void CloudJobsPage::update_buttons() {
    m_refresh->setEnabled(!m_busy);
    const int row = m_model->find(selected());
    if (row < 0) {
        // A reset loses the selection: keep the one the user had where the row still exists.
        for (QPushButton* b : {m_follow, m_cancel, m_delete}) b->setEnabled(false);
        m_details->clear();
        return;
    }
    const cloud::CloudGroup& g = m_model->group(row);
    const bool running = !is_final(g.state);
    m_follow->setEnabled(running && m_can_follow);
    m_cancel->setEnabled(running);
    m_delete->setEnabled(!running);
    QString text = tr("<b>%1</b>: %2 on %3").arg(qs(g.name).toHtmlEscaped(), cloud_state_text(g).toHtmlEscaped(),
                                                     provider_title(qs(g.provider)));
    text += tr(" · %1 keys tested").arg(qs(human_count(static_cast<double>(g.attempts))));
    for (const std::string& problem : g.problems) text += QStringLiteral("<br>") + qs(problem).toHtmlEscaped();
    m_details->setText(text);
}

} // namespace vanikeys::ui
