#include "ui/models/app_context.h"

#include <QDir>

#include "ui/store/private_file.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

std::unique_ptr<AppContext> AppContext::create(std::unique_ptr<AppSettings> settings, const QString& data_dir,
                                               std::unique_ptr<KeyVault> vault) {
    std::unique_ptr<AppContext> ctx(new AppContext());
    ctx->m_settings = std::move(settings);
    ctx->m_data_dir = data_dir;
    (void)ensure_private_dir(data_dir.toStdString());
    if (vault) {
        ctx->m_vault = std::move(vault);
    } else if (qgetenv("VANIKEYS_KEYCHAIN") != "file") {
        ctx->m_vault = make_system_keychain_vault();
    }
    std::optional<Result<std::shared_ptr<const KeyCipher>>> cipher;
    if (ctx->m_vault) cipher = load_or_create_cipher(*ctx->m_vault);
    if (!cipher || !*cipher) {
        // No keychain: only the key file's mode protects the store.
        ctx->m_vault = std::make_unique<FileKeyVault>(ctx->key_file_path());
        cipher = load_or_create_cipher(*ctx->m_vault);
    }
    if (*cipher) {
        ctx->m_cipher = cipher->value();
        ctx->m_keychain = ctx->m_vault->is_system_keychain();
    } else {
        ctx->m_error = qs(cipher->error().message);
    }
    ctx->set_storing(ctx->m_settings->storing_enabled());
    return ctx;
}

AppContext::~AppContext() = default;

std::filesystem::path AppContext::store_path() const {
    return QDir(m_data_dir).filePath(QStringLiteral("results.sqlite")).toStdString();
}

std::filesystem::path AppContext::key_file_path() const {
    return QDir(m_data_dir).filePath(QStringLiteral("store.key")).toStdString();
}

std::filesystem::path AppContext::checkpoint_path() const {
    return QDir(m_data_dir).filePath(QStringLiteral("grind-checkpoint.json")).toStdString();
}

void AppContext::set_storing(bool on) {
    if (!on || !m_cipher) {
        m_writer.reset();
        return;
    }
    if (m_writer) return;
    auto writer = StoreWriter::start(store_path(), m_cipher);
    if (writer) {
        m_writer = std::move(writer.value());
        m_error.clear();
    } else {
        m_error = qs(writer.error().message);
    }
}

std::vector<FoundKeyRecord> AppContext::stored_records() const {
    if (!m_cipher) return {};
    std::error_code ec;
    if (!std::filesystem::exists(store_path(), ec)) return {};
    auto store = ResultsStore::open(store_path(), m_cipher);
    if (!store) return {};
    auto records = (*store)->list();
    return records ? std::move(records.value()) : std::vector<FoundKeyRecord>{};
}

bool AppContext::store_warning() const { return !m_writer || !m_keychain; }

QString AppContext::store_note() const {
    if (!m_error.isEmpty())
        return QObject::tr("The results store cannot be used (%1). Keys found now live only until the app closes.")
            .arg(m_error);
    if (!m_writer)
        return QObject::tr("Storing is off: keys found now are kept in memory only and are gone when the app closes.");
    if (!m_keychain)
        return QObject::tr("No system keychain is available: only file permissions protect the results store "
                           "(its key is in %1, mode 0600). Turn storing off in Settings if that is not enough.")
            .arg(QString::fromStdString(key_file_path().string()));
    return QObject::tr("Found keys are saved the moment they are verified, encrypted under a key kept in %1.")
        .arg(qs(m_vault->description()));
}

} // namespace vanikeys::ui
