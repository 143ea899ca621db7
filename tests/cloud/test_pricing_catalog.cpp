// The pricing catalog: the built-in copy carries the seeded figures, files load, overrides
// apply through validation, and every kind of mistake gets a message naming platform and field.
#include <QtTest>

#include <fstream>

#include "cloud/cost/pricing_catalog.h"
#include "cost_test_support.h"

using namespace vanikeys;
using namespace vanikeys::cost;
using nlohmann::json;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The worked example catalog with one edit at a JSON pointer; a null `value` removes the field.
std::string edited(const std::string& pointer, const json& value) {
    json catalog = testing::worked_example_catalog();
    const json::json_pointer at(pointer);
    if (value.is_null()) catalog[at.parent_pointer()].erase(at.back());
    else catalog[at] = value;
    return catalog.dump();
}

} // namespace

class TestPricingCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtin_matches_resource_file() {
        // The compiled-in copy is regenerated from resources/pricing.json at configure time.
        const std::string file = read_file(VANIKEYS_SOURCE_DIR "/resources/pricing.json");
        QVERIFY(!file.empty());
        QCOMPARE(q(std::string(builtin_catalog_json())), q(file));
    }

    void builtin_is_valid() {
        auto catalog = builtin_catalog();
        if (!catalog) QFAIL(catalog.error().message.c_str());
        QCOMPARE(catalog->schema_version, 1);
        QCOMPARE(q(catalog->currency), QStringLiteral("USD"));
        QCOMPARE(catalog->platforms.size(), std::size_t{11});
        for (const Platform& p : catalog->platforms) {
            for (const FormatInfo& info : kFormats) {
                const CatalogRate& r = p.rate(info.id);
                // No measurements exist yet: every seeded rate must say it is an estimate.
                QVERIFY2(r.status == RateStatus::Estimated, p.id.c_str());
                QVERIFY2(r.keys_per_second > 0 && !r.source.empty() && r.date.size() == 10, p.id.c_str());
            }
        }
    }

    // The figures of the design notes, exactly as seeded (cold starts in seconds).
    void seeded_figures_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("price");  // per hour, per month (dedicated) or watts (own hardware)
        QTest::addColumn<QString>("billing");
        QTest::addColumn<double>("p50");
        QTest::addColumn<double>("p90");
        QTest::addColumn<double>("p99");
        QTest::addColumn<double>("active_worker");  // -1: no such option
        QTest::newRow("runpod 4090") << "runpod-4090" << "serverless" << 0.34 << "ms" << 0.18 << 0.35 << 0.8 << 0.0;
        QTest::newRow("runpod 4000 ada") << "runpod-4000ada" << "serverless" << 0.60 << "ms" << 0.18 << 0.35 << 0.8 << 0.0;
        QTest::newRow("runpod a100") << "runpod-a100" << "serverless" << 1.14 << "ms" << 0.18 << 0.35 << 0.8 << 0.0;
        QTest::newRow("runpod h100") << "runpod-h100" << "serverless" << 1.99 << "ms" << 0.18 << 0.35 << 0.8 << 0.0;
        QTest::newRow("modal a100") << "modal-a100" << "serverless" << 1.10 << "s" << 10.0 << 17.5 << 30.0 << -1.0;
        QTest::newRow("modal h100") << "modal-h100" << "serverless" << 2.40 << "s" << 10.0 << 17.5 << 30.0 << -1.0;
        QTest::newRow("aws batch t4") << "aws-batch-t4" << "batch" << 0.15 << "s" << 210.0 << 300.0 << 300.0 << -1.0;
        QTest::newRow("northflank h100") << "northflank-h100" << "serverless" << 2.74 << "s" << 30.0 << 60.0 << 120.0 << -1.0;
        QTest::newRow("dedicated") << "dedicated-4000ada" << "dedicated" << 1095.0 << "month" << 0.0 << 0.0 << 0.0 << -1.0;
        QTest::newRow("own gpu") << "own-gpu" << "own-hardware" << 450.0 << "ms" << 0.0 << 0.0 << 0.0 << -1.0;
        QTest::newRow("own cpu") << "own-cpu" << "own-hardware" << 125.0 << "ms" << 0.0 << 0.0 << 0.0 << -1.0;
    }
    void seeded_figures() {
        QFETCH(QString, id);
        QFETCH(QString, kind);
        QFETCH(double, price);
        QFETCH(QString, billing);
        QFETCH(double, p50);
        QFETCH(double, p90);
        QFETCH(double, p99);
        QFETCH(double, active_worker);
        auto catalog = builtin_catalog();
        QVERIFY(catalog.ok());
        const Platform* p = catalog->find(id.toStdString());
        QVERIFY(p);
        QCOMPARE(q(std::string(platform_kind_name(p->kind))), kind);
        const double actual = p->kind == PlatformKind::Dedicated     ? p->usd_per_month
                              : p->kind == PlatformKind::OwnHardware ? p->watts
                                                                     : p->usd_per_hour;
        QCOMPARE(actual, price);
        if (p->kind == PlatformKind::OwnHardware) QCOMPARE(p->usd_per_kwh, 0.30);
        QCOMPARE(q(std::string(billing_name(p->billing))), billing);
        QCOMPARE(p->cold_start.p50_s, p50);
        QCOMPARE(p->cold_start.p90_s, p90);
        QCOMPARE(p->cold_start.p99_s, p99);
        QCOMPARE(p->cold_start.active_worker_s.value_or(-1.0), active_worker);
    }

    void seeded_rates_follow_their_derivation() {
        // 50 million keys/s on an RTX 4090, other GPUs scaled by SMs x boost clock.
        auto catalog = builtin_catalog();
        QVERIFY(catalog.ok());
        const auto rate = [&](const char* id) { return catalog->find(id)->rate(KeyFormat::DidKey).keys_per_second; };
        QCOMPARE(rate("runpod-4090"), 50e6);
        QCOMPARE(rate("own-gpu"), 50e6);
        const struct { const char* id; double sms, ghz; } scaled[] = {
            {"runpod-4000ada", 48, 2.175}, {"dedicated-4000ada", 48, 2.175}, {"runpod-a100", 108, 1.41},
            {"modal-a100", 108, 1.41},     {"runpod-h100", 132, 1.98},       {"modal-h100", 132, 1.98},
            {"northflank-h100", 132, 1.98}, {"aws-batch-t4", 40, 1.59}};
        for (const auto& s : scaled) {
            const double derived = 50e6 * s.sms * s.ghz / (128 * 2.52);
            QVERIFY2(std::fabs(rate(s.id) - derived) <= 0.05e6, s.id);  // rounded to 0.1 million
        }
    }

    void loads_a_file_and_reports_its_path() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("pricing.json")).toStdString();
        std::ofstream(path) << testing::worked_example_catalog().dump(2);
        auto catalog = load_catalog_file(path);
        if (!catalog) QFAIL(catalog.error().message.c_str());
        QCOMPARE(catalog->platforms.size(), std::size_t{4});
        QCOMPARE(catalog->find("modal-h100")->usd_per_hour, 2.40);

        std::ofstream(path) << edited("/platforms/1/usd_per_hour", -1).c_str();
        auto bad = load_catalog_file(path);
        QVERIFY(!bad.ok());
        QCOMPARE(q(bad.error().message), q(path + ": platforms[1] 'modal-h100': usd_per_hour must be a positive number"));

        auto missing = load_catalog_file(path + ".nope");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, 2);
        QVERIFY(missing.error().message.starts_with("cannot read the pricing catalog '" + path + ".nope'"));
    }

    void invalid_catalogs_data() {
        QTest::addColumn<QString>("catalog");
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, const std::string& text, const char* message) {
            QTest::newRow(name) << q(text) << QString::fromUtf8(message);
        };
        row("negative price", edited("/platforms/1/usd_per_hour", -1),
            "platforms[1] 'modal-h100': usd_per_hour must be a positive number");
        row("price as text", edited("/platforms/1/usd_per_hour", "2.40"),
            "platforms[1] 'modal-h100': usd_per_hour must be a positive number");
        row("price missing", edited("/platforms/1/usd_per_hour", nullptr),
            "platforms[1] 'modal-h100': usd_per_hour is missing");
        row("monthly fee on serverless", edited("/platforms/1/usd_per_month", 10),
            "platforms[1] 'modal-h100': usd_per_month applies only to dedicated platforms");
        row("hourly price on dedicated", edited("/platforms/2/usd_per_hour", 1.5),
            "platforms[2] 'dedicated': usd_per_hour does not apply to a dedicated platform");
        row("no watts", edited("/platforms/3/watts", nullptr), "platforms[3] 'own-gpu': watts is missing");
        row("negative kwh price", edited("/platforms/3/usd_per_kwh", -0.1),
            "platforms[3] 'own-gpu': usd_per_kwh must be a number >= 0");
        row("unknown kind", edited("/platforms/0/kind", "spot"),
            "platforms[0] 'runpod-4090': kind must be one of serverless, dedicated, own-hardware, batch");
        row("unknown billing", edited("/platforms/0/billing", "hour"),
            "platforms[0] 'runpod-4090': billing must be one of ms, s, minute, month");
        row("dedicated billed per second", edited("/platforms/2/billing", "s"),
            "platforms[2] 'dedicated': billing must be \"month\" for a dedicated platform");
        row("serverless billed per month", edited("/platforms/0/billing", "month"),
            "platforms[0] 'runpod-4090': billing \"month\" applies only to dedicated platforms");
        row("cold start out of order", edited("/platforms/1/cold_start_s/p90", 5),
            "platforms[1] 'modal-h100': cold_start_s.p50 <= p90 <= p99 must hold (got 10, 5, 30)");
        row("negative cold start", edited("/platforms/1/cold_start_s/p50", -1),
            "platforms[1] 'modal-h100': cold_start_s.p50 must be a number >= 0");
        row("cold start missing", edited("/platforms/1/cold_start_s", nullptr),
            "platforms[1] 'modal-h100': cold_start_s is missing");
        row("rate missing a format", edited("/platforms/1/keys_per_second/npub", nullptr),
            "platforms[1] 'modal-h100': keys_per_second.npub is missing");
        row("zero rate", edited("/platforms/1/keys_per_second/eth/value", 0),
            "platforms[1] 'modal-h100': keys_per_second.eth.value must be a positive number");
        row("rate status", edited("/platforms/1/keys_per_second/didkey/status", "guess"),
            "platforms[1] 'modal-h100': keys_per_second.didkey.status must be \"measured\" or \"estimated\"");
        row("rate without source", edited("/platforms/1/keys_per_second/didkey/source", ""),
            "platforms[1] 'modal-h100': keys_per_second.didkey.source must be a non-empty string");
        row("rate date", edited("/platforms/1/keys_per_second/p2pkh/date", "28/11/2026"),
            "platforms[1] 'modal-h100': keys_per_second.p2pkh.date must be a date written YYYY-MM-DD");
        row("unknown format", edited("/platforms/1/keys_per_second/p2sh", testing::rates(1)["eth"]),
            "platforms[1] 'modal-h100': unknown field 'keys_per_second.p2sh'");
        row("misspelt field", edited("/platforms/1/usd_per_hr", 2.4),
            "platforms[1] 'modal-h100': unknown field 'usd_per_hr'");
        row("bad id", edited("/platforms/1/id", "Modal H100"),
            "platforms[1] 'Modal H100': id must use only a-z, 0-9 and '-'");
        row("duplicate id", edited("/platforms/1/id", "runpod-4090"),
            "platforms[1] 'runpod-4090': id is already used by platforms[0]");
        row("no name", edited("/platforms/1/name", nullptr), "platforms[1] 'modal-h100': name is missing");
        row("platform not an object", edited("/platforms/1", 7), "platforms[1]: must be an object");
        row("schema version", edited("/schema_version", 2),
            "catalog: schema_version must be 1 (the version this VaniKeys reads)");
        row("currency", edited("/currency", "EUR"),
            "catalog: currency must be \"USD\" (the only currency VaniKeys computes in)");
        row("no platforms", edited("/platforms", json::array()), "catalog: platforms must be a non-empty list");
        row("not an object", "[1, 2]", "the pricing catalog must be a JSON object");
    }
    void invalid_catalogs() {
        QFETCH(QString, catalog);
        QFETCH(QString, message);
        auto parsed = parse_catalog(catalog.toStdString());
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, 2);
        QCOMPARE(q(parsed.error().message), message);
    }

    void every_problem_is_listed() {
        json catalog = testing::worked_example_catalog();
        catalog["platforms"][0]["usd_per_hour"] = 0;
        catalog["platforms"][3]["watts"] = "450 W";
        auto parsed = parse_catalog(catalog.dump());
        QVERIFY(!parsed.ok());
        QCOMPARE(q(parsed.error().message), QStringLiteral("platforms[0] 'runpod-4090': usd_per_hour must be a positive number\n"
                                                           "platforms[3] 'own-gpu': watts must be a positive number"));
    }

    void not_json() {
        auto parsed = parse_catalog("{\"schema_version\": 1,");
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.starts_with("the pricing catalog is not valid JSON: "), parsed.error().message.c_str());
    }

    void comments_are_allowed() {
        json catalog = testing::worked_example_catalog();
        catalog["_comment"] = "top";
        catalog["platforms"][0]["_note"] = "inside";
        catalog["platforms"][0]["notes"] = "a platform's notes";
        QVERIFY(parse_catalog(catalog.dump()).ok());
    }

    void parse_override_texts_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("platform");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");  // as JSON
        QTest::newRow("number") << "modal-h100.usd_per_hour=2.1" << "modal-h100" << "usd_per_hour" << "2.1";
        QTest::newRow("nested") << "modal-h100.cold_start_s.p50=5" << "modal-h100" << "cold_start_s.p50" << "5";
        QTest::newRow("plain string") << "own-gpu.hardware=RTX 3080" << "own-gpu" << "hardware" << "\"RTX 3080\"";
        QTest::newRow("quoted string") << "own-gpu.billing=\"s\"" << "own-gpu" << "billing" << "\"s\"";
    }
    void parse_override_texts() {
        QFETCH(QString, text);
        QFETCH(QString, platform);
        QFETCH(QString, field);
        QFETCH(QString, value);
        auto o = parse_override(text.toStdString());
        QVERIFY(o.ok());
        QCOMPARE(q(o->platform_id), platform);
        QCOMPARE(q(o->field), field);
        QCOMPARE(q(o->value.dump()), value);
    }

    void malformed_override_texts() {
        for (const char* text : {"usd_per_hour=2", "modal-h100.usd_per_hour", ".usd_per_hour=2", "modal-h100.=2"}) {
            auto o = parse_override(text);
            QVERIFY2(!o.ok(), text);
            QCOMPARE(q(o.error().message), q(std::string("override '") + text +
                                               "' must look like PLATFORM.FIELD=VALUE, e.g. modal-h100.usd_per_hour=2.1"));
        }
    }

    void overrides_change_figures_and_are_recorded() {
        const std::vector<CatalogOverride> overrides = {
            {"modal-h100", "usd_per_hour", 1.5},
            {"modal-h100", "cold_start_s.p50", 2},
            {"modal-h100", "cold_start_s.active_worker", 0},
            {"own-gpu", "usd_per_kwh", 0.12},
            {"runpod-4090", "keys_per_second.eth", 6e7},
            {"runpod-4090", "keys_per_second.npub.value", 7e7},
        };
        auto catalog = parse_catalog(testing::worked_example_catalog().dump(), overrides);
        if (!catalog) QFAIL(catalog.error().message.c_str());
        const Platform* modal = catalog->find("modal-h100");
        QCOMPARE(modal->usd_per_hour, 1.5);
        QCOMPARE(modal->cold_start.p50_s, 2.0);
        QCOMPARE(modal->cold_start.active_worker_s.value_or(-1), 0.0);
        QVERIFY(modal->is_overridden("usd_per_hour"));
        QVERIFY(modal->is_overridden("cold_start_s.p50"));
        QVERIFY(!modal->is_overridden("billing"));
        QCOMPARE(catalog->find("own-gpu")->usd_per_kwh, 0.12);
        const Platform* runpod = catalog->find("runpod-4090");
        QCOMPARE(runpod->rate(KeyFormat::Eth).keys_per_second, 6e7);
        QCOMPARE(runpod->rate(KeyFormat::Npub).keys_per_second, 7e7);
        QCOMPARE(runpod->rate(KeyFormat::DidKey).keys_per_second, 50e6);
        QVERIFY(runpod->is_overridden("keys_per_second.eth"));
        QVERIFY(runpod->is_overridden("keys_per_second.npub"));
        QVERIFY(!runpod->is_overridden("keys_per_second.didkey"));
        QVERIFY(catalog->find("dedicated")->overridden.empty());
    }

    void overrides_meet_the_same_checks_data() {
        QTest::addColumn<QString>("platform");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative price") << "modal-h100" << "usd_per_hour" << "-2"
                                        << "platforms[1] 'modal-h100': usd_per_hour must be a positive number";
        QTest::newRow("wrong kind of price") << "dedicated" << "usd_per_hour" << "1"
                                             << "platforms[2] 'dedicated': usd_per_hour does not apply to a dedicated platform";
        QTest::newRow("misspelt field") << "modal-h100" << "cold_start_s.p51" << "1"
                                        << "platforms[1] 'modal-h100': unknown field 'cold_start_s.p51'";
        QTest::newRow("rate as text") << "own-gpu" << "keys_per_second.eth" << "\"fast\""
                                      << "platforms[3] 'own-gpu': keys_per_second.eth must be an object";
        QTest::newRow("unknown platform") << "vast-4090" << "usd_per_hour" << "1"
                                          << "override 'vast-4090.usd_per_hour': no platform 'vast-4090' in the catalog "
                                             "(there are: runpod-4090, modal-h100, dedicated, own-gpu)";
        QTest::newRow("through a number") << "modal-h100" << "usd_per_hour.x" << "1"
                                          << "override 'modal-h100.usd_per_hour.x': usd_per_hour is not an object";
        QTest::newRow("id") << "modal-h100" << "id" << "\"x\""
                            << "override 'modal-h100.id': a platform's id cannot be overridden";
    }
    void overrides_meet_the_same_checks() {
        QFETCH(QString, platform);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const CatalogOverride o{platform.toStdString(), field.toStdString(), json::parse(value.toStdString())};
        auto catalog = parse_catalog(testing::worked_example_catalog().dump(), {o});
        QVERIFY(!catalog.ok());
        QCOMPARE(q(catalog.error().message), message);
    }

    void overrides_apply_to_the_builtin_catalog() {
        auto catalog = builtin_catalog({{"own-gpu", "watts", 320}});
        QVERIFY(catalog.ok());
        QCOMPARE(catalog->find("own-gpu")->watts, 320.0);
        QCOMPARE(catalog->find("own-gpu")->effective_usd_per_hour(), 0.32 * 0.30);
    }
};

QTEST_GUILESS_MAIN(TestPricingCatalog)
#include "test_pricing_catalog.moc"
