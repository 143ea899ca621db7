// PullPage: the gacha. A Pull button, the batch size and the chance of an exact match per pull,
// the reveal of the best key (matched characters highlighted, score, words, rarity tier with its
// explanation on hover) and the pulls made since the app started.
#pragma once

#include <QWidget>

#include "ui/models/pull_model.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace vanikeys::ui {

class PullPage : public QWidget {
    Q_OBJECT
public:
    explicit PullPage(QWidget* parent = nullptr);

    void set_ready(bool ready, const QString& why_not = {});
    void set_batch(std::uint64_t keys, double chance_of_exact, double seconds);
    void show_busy(std::uint64_t keys);
    void show_result(const PullResult& result);
    [[nodiscard]] QPushButton* pull_button() const { return m_pull; }

Q_SIGNALS:
    void pull_requested();

private:
    QPushButton* m_pull;
    QLabel* m_batch;
    QLabel* m_address;
    QLabel* m_score;
    QLabel* m_rarity;
    QTableWidget* m_history;
};

} // namespace vanikeys::ui
