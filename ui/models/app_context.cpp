#include "ui/models/app_context.h"

#include <QDir>

#include <algorithm>

#include "ui/store/private_file.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

std::unique_ptr<AppContext> AppContext::create(std::unique_ptr<AppSettings> settings, const QString& data_dir,
                                               std::unique_ptr<KeyVault> store_vault) {
    ContextOptions options;
    options.store_vault = std::move(store_vault);
    return create(std::move(settings), data_dir, std::move(options));
}

std::unique_ptr<AppContext> AppContext::create(std::unique_ptr<AppSettings> settings, const QString& data_dir,
                                               ContextOptions options) {
    std::unique_ptr<AppContext> ctx(new AppContext());
    ctx->m_settings = std::move(settings);
    ctx->m_data_dir = data_dir;
    ctx->m_cloud_directory = options.cloud_directory.empty() ? std::filesystem::path(data_dir.toStdString()) / "cloud"
                                                             : options.cloud_directory;
    (void)ensure_private_dir(data_dir.toStdString());
    ctx->m_keychain_vault = std::move(options.keychain);
    if (!ctx->m_keychain_vault && !options.store_vault && qgetenv("VANIKEYS_KEYCHAIN") != "file")
        ctx->m_keychain_vault = make_system_keychain();
    if (options.store_vault) {
        ctx->m_vault = std::move(options.store_vault);
    } else if (ctx->m_keychain_vault) {
        ctx->m_vault = std::make_unique<VaultKeyVault>(ctx->m_keychain_vault, "results-store-key");
    }
    std::optional<Result<std::shared_ptr<const KeyCipher>>> cipher;
    if (ctx->m_vault) cipher = load_or_create_cipher(*ctx->m_vault);
    if (!cipher || !*cipher) {
        // No keychain: only the key file's mode protects the store, and the cloud's secrets stay
        // in memory unless the user agrees to files.
        if (ctx->m_keychain_vault && ctx->m_vault && ctx->m_vault->is_system_keychain()) ctx->m_keychain_vault.reset();
        ctx->m_vault = std::make_unique<FileKeyVault>(ctx->key_file_path());
        cipher = load_or_create_cipher(*ctx->m_vault);
    }
    if (*cipher) {
        ctx->m_cipher = cipher->value();
        ctx->m_keychain = ctx->m_vault->is_system_keychain();
    } else {
        ctx->m_error = qs(cipher->error().message);
    }
    if (ctx->m_keychain_vault && !ctx->m_keychain_vault->is_system_keychain()) ctx->m_keychain_vault.reset();
    ctx->m_memory_vault = std::make_shared<MemorySecretVault>(true, false);
    ctx->m_file_vault = std::make_shared<FileSecretVault>(ctx->cloud_secrets_dir());
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

std::filesystem::path AppContext::cloud_secrets_dir() const {
    return QDir(m_data_dir).filePath(QStringLiteral("cloud-secrets")).toStdString();
}

std::shared_ptr<SecretVault> AppContext::cloud_vault() const {
    if (m_keychain_vault) return m_keychain_vault;
    if (m_settings->secret_files_allowed()) return m_file_vault;
    return m_memory_vault;
}

namespace {

// Copies every secret of `from` into `to`, then removes it from `from`.
template <class From>
void move_secrets(From& from, SecretVault& to) {
    for (const std::string& name : from.names()) {
        auto value = from.read(name);
        if (!value || !value->has_value()) continue;
        if (to.write(name, **value)) (void)from.remove(name);
        std::fill((*value)->begin(), (*value)->end(), '\0');
    }
}

} // namespace

void AppContext::set_secret_files_allowed(bool allowed) {
    if (allowed == m_settings->secret_files_allowed()) return;
    if (!m_keychain_vault) {
        if (allowed) move_secrets(*m_memory_vault, *m_file_vault);
        else move_secrets(*m_file_vault, *m_memory_vault);
    }
    m_settings->set_secret_files_allowed(allowed);
}

QString AppContext::secrets_note() const {
    if (m_keychain_vault)
        return QObject::tr("API keys and split-key secrets are kept in the system keychain, never in the settings file.");
    if (m_settings->secret_files_allowed())
        return QObject::tr("No system keychain is available. As you agreed, API keys and split-key secrets are kept in "
                           "files only you can read (mode 0600) in %1.")
            .arg(QString::fromStdString(cloud_secrets_dir().string()));
    return QObject::tr("No system keychain is available: API keys and split-key secrets are kept in memory only, so "
                       "they are gone when the app closes (and a cloud search cannot be collected after a restart). "
                       "Tick the box below to keep them in files only you can read (mode 0600) instead.");
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
