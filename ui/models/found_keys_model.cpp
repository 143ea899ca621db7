#include "ui/models/found_keys_model.h"

#include <QDateTime>

#include "engine/core/humanize.h"
#include "engine/verify/key_verifier.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

FoundKeysModel::FoundKeysModel(QObject* parent) : QAbstractTableModel(parent) {}

void FoundKeysModel::set_records(std::vector<FoundKeyRecord> records) {
    beginResetModel();
    m_records = std::move(records);
    endResetModel();
}

void FoundKeysModel::add(const FoundKeyRecord& record) {
    if (find_address(record.address) >= 0) return;
    const int row = static_cast<int>(m_records.size());
    beginInsertRows({}, row, row);
    m_records.push_back(record);
    endInsertRows();
}

int FoundKeysModel::find_address(const std::string& address) const {
    for (std::size_t i = 0; i < m_records.size(); ++i)
        if (m_records[i].address == address) return static_cast<int>(i);
    return -1;
}

Result<SecretKey> FoundKeysModel::private_key(int row) const {
    if (row < 0 || row >= static_cast<int>(m_records.size())) return bad_input("no such key");
    const FoundKeyRecord& r = m_records[static_cast<std::size_t>(row)];
    std::optional<SecretKey> secret;
    if (r.session_key) {
        secret = r.session_key->clone();
    } else {
        if (!m_cipher) return runtime_failure("the store key is not available, so stored keys cannot be decrypted");
        auto opened = m_cipher->open(r.sealed_key);
        if (!opened) return opened.error();
        secret = std::move(opened.value());
    }
    auto verified = verify_secret(r.format, *secret);
    if (!verified) return verified.error();
    if (verified->address != r.address)
        return runtime_failure("the stored key does not give the address it was stored with; it is not shown");
    return std::move(*secret);
}

int FoundKeysModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int FoundKeysModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FoundKeysModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_records.size())) return {};
    const FoundKeyRecord& r = m_records[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole && index.column() == Address) return qs(r.address);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case FoundAt:
        return QDateTime::fromString(QString::fromStdString(r.found_at), Qt::ISODate)
            .toLocalTime()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Format: return format_name(r.format);
    case Address: return qs(r.address);
    case Pattern: return qs(r.pattern) + QStringLiteral(" (") + qs(r.mode) + QStringLiteral(")");
    case Score: return QStringLiteral("%1/%2").arg(r.matched_chars).arg(r.total_chars);
    case Attempts: return qs(human_count(static_cast<double>(r.attempts)));
    default: return {};
    }
}

QVariant FoundKeysModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case FoundAt: return tr("Found");
    case Format: return tr("Format");
    case Address: return tr("Address");
    case Pattern: return tr("Pattern");
    case Score: return tr("Score");
    case Attempts: return tr("Attempts");
    default: return {};
    }
}

} // namespace vanikeys::ui
