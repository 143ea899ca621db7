// The rate book: which keys-per-second figure a platform gets, and that it says where it came
// from. Precedence: your figure (an override) > measured here > the catalog.
#include <QtTest>

#include <limits>

#include "cloud/cost/rate_book.h"
#include "cost_test_support.h"

using namespace vanikeys;
using namespace vanikeys::cost;

namespace {

PricingCatalog catalog_with(const std::vector<CatalogOverride>& overrides = {}) {
    nlohmann::json json = testing::worked_example_catalog();
    json["platforms"][1]["keys_per_second"] = testing::rates(40e6, "measured");
    auto catalog = parse_catalog(json.dump(), overrides);
    if (!catalog) qFatal("%s", catalog.error().message.c_str());
    return std::move(*catalog);
}

} // namespace

class TestRateBook : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void catalog_rates_say_whether_they_were_measured() {
        const PricingCatalog catalog = catalog_with();
        const RateBook book;
        const Rate estimate = book.rate(*catalog.find("runpod-4090"), KeyFormat::Eth);
        QCOMPARE(estimate.keys_per_second, 50e6);
        QCOMPARE(estimate.source, RateSource::CatalogEstimate);
        QCOMPARE(estimate.detail, std::string("test"));
        QCOMPARE(estimate.date, std::string("2026-01-01"));
        const Rate measured = book.rate(*catalog.find("modal-h100"), KeyFormat::Eth);
        QCOMPARE(measured.keys_per_second, 40e6);
        QCOMPARE(measured.source, RateSource::CatalogMeasured);
    }

    void measurements_win_over_the_catalog() {
        const PricingCatalog catalog = catalog_with();
        RateBook book;
        QVERIFY(book.record_measurement("own-gpu", KeyFormat::Npub, 61e6, "calibration bench, 10 s", "2026-11-28"));
        const Rate npub = book.rate(*catalog.find("own-gpu"), KeyFormat::Npub);
        QCOMPARE(npub.keys_per_second, 61e6);
        QCOMPARE(npub.source, RateSource::MeasuredHere);
        QCOMPARE(npub.detail, std::string("calibration bench, 10 s"));
        // Per format and per platform: the others still come from the catalog.
        QCOMPARE(book.rate(*catalog.find("own-gpu"), KeyFormat::Eth).source, RateSource::CatalogEstimate);
        QCOMPARE(book.rate(*catalog.find("runpod-4090"), KeyFormat::Npub).source, RateSource::CatalogEstimate);
        // A newer measurement replaces the old one; forgetting it restores the catalog's.
        QVERIFY(book.record_measurement("own-gpu", KeyFormat::Npub, 63e6, "cloud job 42", "2026-11-29"));
        QCOMPARE(book.rate(*catalog.find("own-gpu"), KeyFormat::Npub).keys_per_second, 63e6);
        book.forget_measurement("own-gpu", KeyFormat::Npub);
        QCOMPARE(book.rate(*catalog.find("own-gpu"), KeyFormat::Npub).keys_per_second, 50e6);
    }

    void your_figure_wins_over_measurements() {
        const PricingCatalog catalog = catalog_with({{"own-gpu", "keys_per_second.didkey", 70e6}});
        RateBook book;
        QVERIFY(book.record_measurement("own-gpu", KeyFormat::DidKey, 61e6, "bench", "2026-11-28"));
        const Rate rate = book.rate(*catalog.find("own-gpu"), KeyFormat::DidKey);
        QCOMPARE(rate.keys_per_second, 70e6);
        QCOMPARE(rate.source, RateSource::Override);
    }

    void rejects_meaningless_measurements() {
        RateBook book;
        for (double bad : {0.0, -5.0, std::numeric_limits<double>::infinity(), std::nan("")})
            QVERIFY(!book.record_measurement("own-gpu", KeyFormat::DidKey, bad, "bench", "2026-11-28"));
        QCOMPARE(book.rate(*catalog_with().find("own-gpu"), KeyFormat::DidKey).source, RateSource::CatalogEstimate);
    }

    void names_for_the_ui() {
        QCOMPARE(rate_source_text(RateSource::MeasuredHere), std::string_view("measured here"));
        QCOMPARE(rate_source_text(RateSource::CatalogEstimate), std::string_view("catalog (estimate)"));
        QCOMPARE(rate_source_text(RateSource::CatalogMeasured), std::string_view("catalog (measured)"));
        QCOMPARE(rate_source_text(RateSource::Override), std::string_view("your figure"));
        QCOMPARE(rate_source_id(RateSource::MeasuredHere), std::string_view("measured_here"));
    }
};

QTEST_GUILESS_MAIN(TestRateBook)
#include "test_rate_book.moc"
