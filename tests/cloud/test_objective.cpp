// The router's objectives on a small catalog whose answers are known by hand: a cheap slow
// platform, an expensive fast one, a middle one, and a dedicated machine.
#include <QtTest>

#include "cloud/cost/objective.h"
#include "cost_test_support.h"

using namespace vanikeys;
using namespace vanikeys::cost;

namespace {

// For 3.6e9 expected attempts, billed per second, no cold start:
//   slow    10 million keys/s, $0.36/h:  360 s, $0.036
//   middle  30 million keys/s, $1.80/h:  120 s, $0.06
//   fast    90 million keys/s, $7.20/h:   40 s, $0.08
//   monthly 30 million keys/s, $300/month: 120 s
CostTable table(std::optional<double> jobs_per_day = {}) {
    using testing::cold;
    using testing::platform;
    nlohmann::json json = testing::worked_example_catalog();
    json["platforms"] = {
        platform("slow", "serverless", {{"usd_per_hour", 0.36}}, "s", cold(0, 0, 0), 10e6),
        platform("middle", "batch", {{"usd_per_hour", 1.80}}, "s", cold(0, 0, 0), 30e6),
        platform("fast", "serverless", {{"usd_per_hour", 7.20}}, "s", cold(0, 0, 0), 90e6),
        platform("monthly", "dedicated", {{"usd_per_month", 300}}, "month", cold(0, 0, 0), 30e6)};
    auto catalog = parse_catalog(json.dump());
    if (!catalog) qFatal("%s", catalog.error().message.c_str());
    CostQuery q;
    q.job = JobSize::from_expected_attempts(3.6e9);
    q.jobs_per_day = jobs_per_day;
    return *CostModel(std::move(*catalog), RateBook{}).table(q);
}

ObjectiveRequest request(Objective o, double deadline_s = 0, Quantile q = Quantile::Expected,
                         std::vector<PlatformKind> kinds = {}) {
    return ObjectiveRequest{o, q, deadline_s, std::move(kinds)};
}

} // namespace

class TestObjective : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cheapest() {
        const PlatformChoice c = choose_platform(table(), request(Objective::Cheapest));
        QCOMPARE(c.platform_id, std::string("slow"));
        QCOMPARE(c.ranking, (std::vector<std::string>{"slow", "middle", "fast", "monthly"}));
        QCOMPARE(c.reason, std::string("slow name: cheapest of 4 platforms, $0.036 a job, 6 min expected. "
                                       "Next: middle name, $0.06."));
    }

    void fastest() {
        const PlatformChoice c = choose_platform(table(), request(Objective::Fastest));
        QCOMPARE(c.platform_id, std::string("fast"));
        // middle and monthly take the same 120 s: the cheaper one ranks first.
        QCOMPARE(c.ranking, (std::vector<std::string>{"fast", "middle", "monthly", "slow"}));
        QCOMPARE(c.reason, std::string("fast name: fastest of 4 platforms, 40 s expected for $0.08 a job. "
                                       "Next: middle name, 2 min."));
    }

    void cheapest_within_deadline() {
        // Within 3 min on average: middle (2 min), monthly (2 min, but $300) and fast (40 s).
        const PlatformChoice c = choose_platform(table(), request(Objective::CheapestWithinDeadline, 180));
        QCOMPARE(c.platform_id, std::string("middle"));
        QCOMPARE(c.ranking, (std::vector<std::string>{"middle", "fast", "monthly"}));
        QCOMPARE(c.reason, std::string("middle name: cheapest of the 3 platforms (out of 4) that finish within 3 min, "
                                       "$0.06 a job, 2 min expected. Next: fast name, $0.08."));
    }

    void deadline_at_a_chance() {
        // For a 90 % chance the job is 2.3 times longer: middle needs 4 min 36 s, fast 1 min 32 s.
        const PlatformChoice c = choose_platform(table(), request(Objective::CheapestWithinDeadline, 180, Quantile::P90));
        QCOMPARE(c.platform_id, std::string("fast"));
    }

    void nothing_meets_the_deadline() {
        const PlatformChoice c = choose_platform(table(), request(Objective::CheapestWithinDeadline, 30));
        QVERIFY(c.platform_id.empty());
        QVERIFY(c.ranking.empty());
        QCOMPARE(c.reason, std::string("No platform finishes within 30 s expected; the fastest, fast name, needs 40 s."));
    }

    void kinds_limit_the_choice() {
        const PlatformChoice batch = choose_platform(table(), request(Objective::Fastest, 0, Quantile::Expected,
                                                                     {PlatformKind::Batch}));
        QCOMPARE(batch.platform_id, std::string("middle"));
        const PlatformChoice none = choose_platform(table(), request(Objective::Cheapest, 0, Quantile::Expected,
                                                                    {PlatformKind::OwnHardware}));
        QVERIFY(none.platform_id.empty());
        QCOMPARE(none.reason, std::string("No platform of the kinds allowed is in the catalog."));
    }

    void volume_spreads_a_dedicated_fee() {
        // At 400 jobs a day (12,000 a month, 16.7 days of work) the $300 fee is $0.025 a job,
        // below slow's $0.036: the dedicated machine becomes the cheapest.
        const PlatformChoice c = choose_platform(table(400), request(Objective::Cheapest));
        QCOMPARE(c.platform_id, std::string("monthly"));
        QCOMPARE(c.reason, std::string("monthly name: cheapest of 4 platforms, $0.025 a job at 400 jobs a day, "
                                       "2 min expected. Next: slow name, $0.036."));
        // At 100 jobs a day it is $0.10 a job: slow again.
        QCOMPARE(choose_platform(table(100), request(Objective::Cheapest)).platform_id, std::string("slow"));
    }
};

QTEST_GUILESS_MAIN(TestObjective)
#include "test_objective.moc"
