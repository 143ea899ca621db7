// FoundKeysModel: the verified keys (from the results store, plus this session's) as a table.
// A private key leaves the model only through private_key(), which decrypts it and verifies it
// against the row's address again before returning it.
#pragma once

#include <QAbstractTableModel>

#include <memory>
#include <vector>

#include "engine/core/result.h"
#include "ui/store/found_key.h"
#include "ui/store/key_cipher.h"

namespace vanikeys::ui {

class FoundKeysModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { FoundAt, Format, Address, Pattern, Score, Attempts, ColumnCount };

    explicit FoundKeysModel(QObject* parent = nullptr);

    void set_cipher(std::shared_ptr<const KeyCipher> cipher) { m_cipher = std::move(cipher); }
    void set_records(std::vector<FoundKeyRecord> records);
    // Adds a record unless one with the same address is already listed.
    void add(const FoundKeyRecord& record);
    [[nodiscard]] const FoundKeyRecord& record(int row) const { return m_records.at(static_cast<std::size_t>(row)); }
    [[nodiscard]] int find_address(const std::string& address) const;  // -1 if absent

    // Decrypts (or takes from memory) the key of `row` and re-verifies it against the address.
    [[nodiscard]] Result<SecretKey> private_key(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<FoundKeyRecord> m_records;
    std::shared_ptr<const KeyCipher> m_cipher;
};

} // namespace vanikeys::ui
