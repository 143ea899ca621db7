#include "ui/views/pull_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "engine/core/humanize.h"
#include "engine/format/address.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

QString rarity_colour(Rarity r) {
    switch (r) {
    case Rarity::Common: return QStringLiteral("#757575");
    case Rarity::Uncommon: return QStringLiteral("#2e7d32");
    case Rarity::Rare: return QStringLiteral("#1565c0");
    case Rarity::Epic: return QStringLiteral("#6a1b9a");
    case Rarity::Legendary: return QStringLiteral("#ef6c00");
    case Rarity::Mythic: return QStringLiteral("#c62828");
    }
    return {};
}

} // namespace

PullPage::PullPage(QWidget* parent) : QWidget(parent) {
    m_pull = new QPushButton(tr("&Pull"), this);
    m_pull->setObjectName(QStringLiteral("pullButton"));
    m_pull->setMinimumHeight(48);
    QFont f = m_pull->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    m_pull->setFont(f);
    m_batch = new QLabel(this);
    m_batch->setObjectName(QStringLiteral("pullBatchLabel"));
    m_batch->setWordWrap(true);
    m_address = new QLabel(this);
    m_address->setObjectName(QStringLiteral("pullAddressLabel"));
    m_address->setTextFormat(Qt::RichText);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono = m_address->font();
    mono.setPointSizeF(mono.pointSizeF() * 1.3);
    m_address->setFont(mono);
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("pullScoreLabel"));
    m_rarity = new QLabel(this);
    m_rarity->setObjectName(QStringLiteral("rarityLabel"));
    QFont rf = m_rarity->font();
    rf.setPointSizeF(rf.pointSizeF() * 1.6);
    rf.setBold(true);
    m_rarity->setFont(rf);
    m_history = new QTableWidget(0, 6, this);
    m_history->setObjectName(QStringLiteral("pullHistoryTable"));
    m_history->setHorizontalHeaderLabels({tr("#"), tr("Keys"), tr("Best"), tr("Words"), tr("Rarity"), tr("Address")});
    m_history->verticalHeader()->setVisible(false);
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* top = new QHBoxLayout();
    top->addWidget(m_pull);
    top->addWidget(m_batch, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(8);
    layout->addWidget(m_rarity);
    layout->addWidget(m_address);
    layout->addWidget(m_score);
    layout->addWidget(new QLabel(tr("Pulls this session"), this));
    layout->addWidget(m_history, 1);
    connect(m_pull, &QPushButton::clicked, this, &PullPage::pull_requested);
}

void PullPage::set_ready(bool ready, const QString& why_not) {
    m_pull->setEnabled(ready);
    if (!ready && !why_not.isEmpty()) m_batch->setText(why_not);
}

void PullPage::set_batch(std::uint64_t keys, double chance_of_exact, double seconds) {
    m_batch->setText(tr("Each pull draws %1 keys (about %2) and keeps the best.\nChance of an exact match per pull: %3.")
                         .arg(qs(human_count(static_cast<double>(keys))), qs(human_duration(seconds)),
                              qs(human_percent(chance_of_exact))));
}

void PullPage::show_busy(std::uint64_t keys) {
    m_pull->setEnabled(false);
    m_rarity->setText(tr("Pulling %1 keys…").arg(qs(human_count(static_cast<double>(keys)))));
    m_rarity->setStyleSheet(QString());
    m_rarity->setToolTip(QString());
}

void PullPage::show_result(const PullResult& r) {
    m_pull->setEnabled(true);
    if (!r.has_best) {
        m_rarity->setText(tr("No key drawn"));
        return;
    }
    const QString tier = r.exact_hits > 0 ? tr("%1 — EXACT MATCH").arg(r.rarity_name) : r.rarity_name;
    m_rarity->setText(tier);
    m_rarity->setStyleSheet(QStringLiteral("color: %1;").arg(rarity_colour(r.rarity)));
    m_rarity->setToolTip(r.rarity_explanation);
    m_address->setText(highlighted_address_html(r.address, r.match.matches, free_part_offset(r.format)));
    m_address->setToolTip(r.rarity_explanation);
    m_score->setText(tr("Score %1/%2 characters (%3), %4 whole word(s).  %5 keys in %6.")
                         .arg(r.match.matched_chars)
                         .arg(r.match.total_chars)
                         .arg(qs(human_percent(r.match.score)))
                         .arg(r.match.words_matched)
                         .arg(qs(human_count(static_cast<double>(r.keys))), qs(human_duration(r.seconds))));
    const int row = 0;
    m_history->insertRow(row);
    const QStringList cells = {QString::number(r.number),
                               qs(human_count(static_cast<double>(r.keys))),
                               QStringLiteral("%1/%2").arg(r.match.matched_chars).arg(r.match.total_chars),
                               QString::number(r.match.words_matched),
                               r.rarity_name,
                               qs(r.address)};
    for (int c = 0; c < static_cast<int>(cells.size()); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        if (c == 4) {
            item->setToolTip(r.rarity_explanation);
            item->setForeground(QColor(rarity_colour(r.rarity)));
        }
        m_history->setItem(row, c, item);
    }
}

} // namespace vanikeys::ui
