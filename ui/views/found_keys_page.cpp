#include "ui/views/found_keys_page.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <sodium.h>

#include "engine/format/address.h"
#include "ui/store/private_file.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

const QString kMask = QStringLiteral("••••••••••••••••••••••••••••••••••••••••••••••••••••••••••••••••");

// Overwrites a QString's characters before it is freed (best effort: Qt may hold copies).
void wipe(QString& text) {
    if (!text.isEmpty()) sodium_memzero(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    text.clear();
}

} // namespace

FoundKeysPage::FoundKeysPage(FoundKeysModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("foundKeysTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(FoundKeysModel::Address, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("foundKeysNote"));
    m_note->setWordWrap(true);
    m_address = new QLabel(this);
    m_address->setObjectName(QStringLiteral("foundAddressLabel"));
    m_address->setTextFormat(Qt::RichText);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_public = new QLineEdit(this);
    m_public->setObjectName(QStringLiteral("publicKeyEdit"));
    m_public->setReadOnly(true);
    m_private = new QLineEdit(this);
    m_private->setObjectName(QStringLiteral("privateKeyEdit"));
    m_private->setReadOnly(true);
    m_private_alt = new QLineEdit(this);
    m_private_alt->setObjectName(QStringLiteral("privateKeyAltEdit"));
    m_private_alt->setReadOnly(true);
    m_private_alt_label = new QLabel(tr("WIF / nsec"), this);
    QFont mono = m_public->font();
    mono.setFamily(QStringLiteral("monospace"));
    for (QLineEdit* e : {m_public, m_private, m_private_alt}) e->setFont(mono);

    m_reveal = new QPushButton(tr("&Reveal private key"), this);
    m_reveal->setObjectName(QStringLiteral("revealButton"));
    m_reveal->setCheckable(true);
    m_copy_address = new QPushButton(tr("Copy address"), this);
    m_copy_address->setObjectName(QStringLiteral("copyAddressButton"));
    m_copy_public = new QPushButton(tr("Copy public key"), this);
    m_copy_public->setObjectName(QStringLiteral("copyPublicKeyButton"));
    m_copy_private = new QPushButton(tr("Copy private key"), this);
    m_copy_private->setObjectName(QStringLiteral("copyPrivateKeyButton"));
    m_export = new QPushButton(tr("&Export…"), this);
    m_export->setObjectName(QStringLiteral("exportKeyButton"));
    m_export->setToolTip(tr("Write this key to a file only you can read (mode 0600)"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("foundKeysStatus"));

    auto* form = new QFormLayout();
    form->addRow(tr("Address"), m_address);
    form->addRow(tr("Public key"), m_public);
    form->addRow(tr("Private key (hex)"), m_private);
    form->addRow(m_private_alt_label, m_private_alt);
    auto* buttons = new QHBoxLayout();
    buttons->addWidget(m_reveal);
    buttons->addWidget(m_copy_address);
    buttons->addWidget(m_copy_public);
    buttons->addWidget(m_copy_private);
    buttons->addWidget(m_export);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_reveal->setChecked(false);
        show_selected();
    });
    connect(m_reveal, &QPushButton::toggled, this, &FoundKeysPage::set_revealed);
    connect(m_copy_address, &QPushButton::clicked, this, [this] {
        if (selected_row() >= 0) copy(qs(m_model->record(selected_row()).address), tr("Address"));
    });
    connect(m_copy_public, &QPushButton::clicked, this, [this] { copy(m_public->text(), tr("Public key")); });
    connect(m_copy_private, &QPushButton::clicked, this, [this] {
        auto key = m_model->private_key(selected_row());
        if (!key) {
            m_status->setText(qs(key.error().message));
            return;
        }
        QString hex = qs(secret_hex(*key));
        copy(hex, tr("Private key"));
        wipe(hex);
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        if (selected_row() < 0) return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Export key"),
                                                          QStringLiteral("vanikeys-key.txt"), tr("Text (*.txt)"));
        if (path.isEmpty()) return;
        auto done = export_to(path);
        m_status->setText(done ? tr("Exported to %1 (readable only by you).").arg(path) : qs(done.error().message));
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] { show_selected(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { show_selected(); });
    show_selected();
}

int FoundKeysPage::selected_row() const {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void FoundKeysPage::select_row(int row) {
    m_table->selectRow(row);
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void FoundKeysPage::set_store_note(const QString& text) {
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

bool FoundKeysPage::revealed() const { return m_reveal->isChecked(); }

void FoundKeysPage::show_selected() {
    const int row = selected_row();
    const bool has = row >= 0;
    for (QWidget* w : std::initializer_list<QWidget*>{m_reveal, m_copy_address, m_copy_public, m_copy_private, m_export})
        w->setEnabled(has);
    if (!has) {
        m_address->setText(m_model->rowCount() == 0 ? tr("No keys found yet.") : tr("Select a key."));
        m_public->clear();
        m_private->clear();
        m_private_alt->clear();
        return;
    }
    const FoundKeyRecord& r = m_model->record(row);
    m_address->setText(highlighted_address_html(r.address, r.matches, free_part_offset(r.format)) +
                       tr("  <i>verified</i>"));
    m_public->setText(qs(r.public_key_hex));
    const bool alt = r.format == KeyFormat::P2pkh || r.format == KeyFormat::Npub;
    m_private_alt_label->setText(r.format == KeyFormat::P2pkh ? tr("WIF") : tr("nsec"));
    m_private_alt_label->setVisible(alt);
    m_private_alt->setVisible(alt);
    set_revealed(m_reveal->isChecked());
}

void FoundKeysPage::set_revealed(bool on) {
    const int row = selected_row();
    m_reveal->setText(on ? tr("&Hide private key") : tr("&Reveal private key"));
    QString hex = m_private->text();
    wipe(hex);
    if (!on || row < 0) {
        m_private->setText(row < 0 ? QString() : kMask);
        m_private_alt->setText(row < 0 ? QString() : kMask.left(52));
        return;
    }
    auto key = m_model->private_key(row);
    if (!key) {
        m_private->setText(QString());
        m_status->setText(qs(key.error().message));
        return;
    }
    m_private->setText(qs(secret_hex(*key)));
    const FoundKeyRecord& r = m_model->record(row);
    if (r.format == KeyFormat::P2pkh) m_private_alt->setText(qs(secret_wif(*key)));
    if (r.format == KeyFormat::Npub) m_private_alt->setText(qs(secret_nsec(*key)));
}

void FoundKeysPage::copy(const QString& text, const QString& what) {
    if (text.isEmpty()) return;
    QApplication::clipboard()->setText(text);
    m_status->setText(tr("%1 copied to the clipboard.").arg(what));
}

Result<bool> FoundKeysPage::export_to(const QString& path) {
    const int row = selected_row();
    if (row < 0) return bad_input("no key selected");
    auto key = m_model->private_key(row);
    if (!key) return key.error();
    const FoundKeyRecord& r = m_model->record(row);
    std::string text = "# VaniKeys key, verified with libsecp256k1. Keep this file secret.\n";
    text += "format: " + std::string(format_info(r.format).name) + "\n";
    text += "address: " + r.address + "\n";
    text += "public_key_hex: " + r.public_key_hex + "\n";
    text += "private_key_hex: " + secret_hex(*key) + "\n";
    if (r.format == KeyFormat::P2pkh) text += "private_key_wif: " + secret_wif(*key) + "\n";
    if (r.format == KeyFormat::Npub) text += "private_key_nsec: " + secret_nsec(*key) + "\n";
    text += "pattern: " + r.pattern + " (" + r.mode + ")\n";
    auto written = write_private_file(path.toStdString(), text);
    sodium_memzero(text.data(), text.size());
    return written;
}

} // namespace vanikeys::ui
