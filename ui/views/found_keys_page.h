// FoundKeysPage: the verified keys. The private key stays masked until the user reveals it;
// copy buttons for each text; export of one key to a file created 0600.
#pragma once

#include <QWidget>

#include "ui/models/found_keys_model.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace vanikeys::ui {

class FoundKeysPage : public QWidget {
    Q_OBJECT
public:
    explicit FoundKeysPage(FoundKeysModel* model, QWidget* parent = nullptr);

    void select_row(int row);
    [[nodiscard]] int selected_row() const;
    void set_store_note(const QString& text);
    // Writes the selected key (address, public key, private key texts) to `path`, mode 0600.
    Result<bool> export_to(const QString& path);
    [[nodiscard]] bool revealed() const;

private:
    void show_selected();
    void set_revealed(bool on);
    void copy(const QString& text, const QString& what);

    FoundKeysModel* m_model;
    QTableView* m_table;
    QLabel* m_note;
    QLabel* m_address;
    QLineEdit* m_public;
    QLineEdit* m_private;
    QLineEdit* m_private_alt;
    QLabel* m_private_alt_label;
    QPushButton* m_reveal;
    QPushButton* m_copy_address;
    QPushButton* m_copy_public;
    QPushButton* m_copy_private;
    QPushButton* m_export;
    QLabel* m_status;
};

} // namespace vanikeys::ui
