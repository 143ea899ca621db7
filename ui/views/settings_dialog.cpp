#include "ui/views/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include "cloud/cost/pricing_catalog.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

enum PriceColumn { PlatformColumn, FieldColumn, ValueColumn };

// The price fields a user may change for a platform of each kind.
std::vector<std::pair<QString, double>> price_fields(const cost::Platform& p) {
    switch (p.kind) {
    case cost::PlatformKind::Dedicated: return {{QStringLiteral("usd_per_month"), p.usd_per_month}};
    case cost::PlatformKind::OwnHardware:
        return {{QStringLiteral("watts"), p.watts}, {QStringLiteral("usd_per_kwh"), p.usd_per_kwh}};
    default:
        return {{QStringLiteral("usd_per_hour"), p.usd_per_hour}, {QStringLiteral("cold_start_s.p50"), p.cold_start.p50_s}};
    }
}

Result<cost::PricingCatalog> load_catalog(const QString& path, const std::vector<cost::CatalogOverride>& overrides) {
    return path.isEmpty() ? cost::builtin_catalog(overrides) : cost::load_catalog_file(path.toStdString(), overrides);
}

} // namespace

SettingsDialog::SettingsDialog(AppSettings* settings, const std::vector<EngineEntry>& engines, QWidget* parent)
    : QDialog(parent), m_settings(settings) {
    setWindowTitle(tr("VaniKeys settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    m_engine = new QComboBox(this);
    m_engine->setObjectName(QStringLiteral("defaultEngineCombo"));
    for (const EngineEntry& e : engines) m_engine->addItem(e.label, e.id);
    m_engine->setCurrentIndex(std::max(0, m_engine->findData(settings->engine_id())));
    m_threads = new QSpinBox(this);
    m_threads->setObjectName(QStringLiteral("cpuThreadsSpin"));
    m_threads->setRange(0, 4096);
    m_threads->setSpecialValueText(tr("one per core (%1)").arg(QThread::idealThreadCount()));
    m_threads->setValue(settings->cpu_threads());
    m_calibration = new QDoubleSpinBox(this);
    m_calibration->setObjectName(QStringLiteral("calibrationSecondsSpin"));
    m_calibration->setRange(0.2, 60);
    m_calibration->setSuffix(tr(" s"));
    m_calibration->setValue(settings->calibration_seconds());
    m_storing = new QCheckBox(tr("Save every found key in the encrypted results store"), this);
    m_storing->setObjectName(QStringLiteral("storingCheck"));
    m_storing->setChecked(settings->storing_enabled());
    m_catalog = new QLineEdit(settings->catalog_path(), this);
    m_catalog->setObjectName(QStringLiteral("catalogPathEdit"));
    m_catalog->setPlaceholderText(tr("built-in catalog"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("catalogBrowseButton"));
    auto* catalog_row = new QHBoxLayout();
    catalog_row->addWidget(m_catalog, 1);
    catalog_row->addWidget(browse);

    m_prices = new QTableWidget(0, 3, this);
    m_prices->setObjectName(QStringLiteral("priceTable"));
    m_prices->setHorizontalHeaderLabels({tr("Platform"), tr("Field"), tr("Value")});
    m_prices->verticalHeader()->setVisible(false);
    m_prices->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_price_note = new QLabel(this);
    m_price_note->setWordWrap(true);
    auto* reset = new QPushButton(tr("Reset prices to the catalog's"), this);
    reset->setObjectName(QStringLiteral("resetPricesButton"));

    auto* form = new QFormLayout();
    form->addRow(tr("Default engine"), m_engine);
    form->addRow(tr("CPU threads"), m_threads);
    form->addRow(tr("Calibration bench"), m_calibration);
    form->addRow(tr("Results store"), m_storing);
    form->addRow(tr("Pricing catalog"), catalog_row);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Prices (a changed value overrides the catalog; the Costs charts follow):"), this));
    layout->addWidget(m_prices, 1);
    layout->addWidget(m_price_note);
    layout->addWidget(reset);
    layout->addWidget(buttons);
    resize(640, 620);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Pricing catalog"), QString(), tr("JSON (*.json)"));
        if (!path.isEmpty()) {
            m_catalog->setText(path);
            load_prices();
        }
    });
    connect(reset, &QPushButton::clicked, this, [this] {
        m_settings->set_price_overrides({});
        load_prices();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    load_prices();
}

void SettingsDialog::load_prices() {
    std::vector<cost::CatalogOverride> overrides;
    for (const QString& line : m_settings->price_overrides())
        if (auto o = cost::parse_override(line.toStdString())) overrides.push_back(std::move(o.value()));
    auto catalog = load_catalog(m_catalog->text(), overrides);
    m_prices->setRowCount(0);
    if (!catalog) {
        m_price_note->setText(qs(catalog.error().message));
        return;
    }
    m_price_note->setText(tr("Catalog of %1 (%2).").arg(qs(catalog->updated), qs(catalog->currency)));
    for (const cost::Platform& p : catalog->platforms) {
        for (const auto& [field, value] : price_fields(p)) {
            const int row = m_prices->rowCount();
            m_prices->insertRow(row);
            auto* name = new QTableWidgetItem(qs(p.name));
            name->setData(Qt::UserRole, qs(p.id));
            name->setFlags(name->flags() & ~Qt::ItemIsEditable);
            auto* f = new QTableWidgetItem(field);
            f->setFlags(f->flags() & ~Qt::ItemIsEditable);
            auto* v = new QTableWidgetItem(QString::number(value, 'g', 10));
            if (p.is_overridden(field.toStdString())) v->setBackground(QColor(0xff, 0xf3, 0xc4));
            m_prices->setItem(row, PlatformColumn, name);
            m_prices->setItem(row, FieldColumn, f);
            m_prices->setItem(row, ValueColumn, v);
        }
    }
}

bool SettingsDialog::set_price(const QString& platform_id, const QString& field, double value) {
    for (int row = 0; row < m_prices->rowCount(); ++row) {
        if (m_prices->item(row, PlatformColumn)->data(Qt::UserRole).toString() == platform_id &&
            m_prices->item(row, FieldColumn)->text() == field) {
            m_prices->item(row, ValueColumn)->setText(QString::number(value, 'g', 10));
            return true;
        }
    }
    return false;
}

void SettingsDialog::apply() {
    m_settings->set_engine_id(m_engine->currentData().toString());
    m_settings->set_cpu_threads(m_threads->value());
    m_settings->set_calibration_seconds(m_calibration->value());
    if (m_storing->isChecked() != m_settings->storing_enabled()) m_settings->set_storing_enabled(m_storing->isChecked());
    // A price that differs from the catalog's own becomes an override.
    QStringList overrides;
    auto base = load_catalog(m_catalog->text(), {});
    if (base) {
        for (int row = 0; row < m_prices->rowCount(); ++row) {
            const QString id = m_prices->item(row, PlatformColumn)->data(Qt::UserRole).toString();
            const QString field = m_prices->item(row, FieldColumn)->text();
            bool ok = false;
            const double value = m_prices->item(row, ValueColumn)->text().toDouble(&ok);
            const cost::Platform* p = base->find(id.toStdString());
            if (!ok || !p) continue;
            for (const auto& [base_field, base_value] : price_fields(*p))
                if (base_field == field && std::abs(base_value - value) > 1e-12 * std::max(1.0, std::abs(base_value)))
                    overrides << QStringLiteral("%1.%2=%3").arg(id, field, QString::number(value, 'g', 12));
        }
    }
    if (m_catalog->text() != m_settings->catalog_path()) m_settings->set_catalog_path(m_catalog->text());
    if (overrides != m_settings->price_overrides()) m_settings->set_price_overrides(overrides);
}

} // namespace vanikeys::ui
