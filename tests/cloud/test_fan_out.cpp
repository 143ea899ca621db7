// Fan-out orchestration with a scripted provider: the plan's ids and budgets, cancel-on-first-
// match, and that every fault (failed submit, bad key, lying worker, dead polls, a forgotten job,
// a wait that ends) leaves each worker in a clear state with nothing found dropped; the store
// sees all of it. Also the caller's hooks (its own result check, stop and detach) and picking a
// group up again from the store after a restart.
#include <QtTest>

#include <map>

#include "cloud/router/fan_out.h"
#include "cloud/transport/fake_transport.h"
#include "cloud_test_data.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using namespace vanikeys::cloud::testdata;

namespace {

// Plays back, per client ref, a list of stream() answers (the last repeats).
class ScriptedProvider final : public ICloudProvider {
public:
    std::map<std::string, std::vector<CloudResult<JobUpdate>>> script;
    std::map<std::string, CloudError> submit_errors;
    std::map<std::string, JobState> cancel_replies;  // what cancel() answers (default Cancelled)
    std::vector<std::string> submitted;
    std::vector<std::string> cancelled;

    [[nodiscard]] std::string name() const override { return "scripted"; }
    CloudResult<JobHandle> submit(const WorkerJob& job) override {
        if (auto it = submit_errors.find(job.job_id); it != submit_errors.end()) return it->second;
        submitted.push_back(job.job_id);
        return JobHandle{"scripted", "ep", "id-" + job.job_id, job.job_id};
    }
    CloudResult<JobUpdate> status(const JobHandle& h, const WorkerJob& job) override { return stream(h, job); }
    CloudResult<JobUpdate> stream(const JobHandle& h, const WorkerJob&) override {
        auto& steps = script[h.client_ref];
        if (steps.empty()) return running();
        CloudResult<JobUpdate> next = steps.front();
        if (steps.size() > 1) steps.erase(steps.begin());
        return next;
    }
    CloudResult<JobState> cancel(const JobHandle& h) override {
        cancelled.push_back(h.client_ref);
        if (auto it = cancel_replies.find(h.client_ref); it != cancel_replies.end()) return it->second;
        return JobState::Cancelled;
    }
    CloudResult<ProviderHealth> health() override { return ProviderHealth{}; }

    static JobUpdate running() {
        JobUpdate u;
        u.state = JobState::Running;
        return u;
    }
};

JobUpdate found(const std::string& ref) {
    JobUpdate u;
    u.state = JobState::Completed;
    u.result = found_result(grind_job(ref));
    return u;
}

JobUpdate budget_spent(const std::string& ref) {
    JobUpdate u;
    u.state = JobState::Completed;
    WorkerResult r = found_result(grind_job(ref));
    r.reason = WorkerStopReason::Budget;
    r.hits.clear();
    u.result = r;
    return u;
}

FanOutPlan plan(int n) { return plan_fan_out(grind_job(), n, "vk-grp").value(); }

FanOutOptions fast() {
    FanOutOptions o;
    o.poll_interval = std::chrono::milliseconds(1000);
    o.overall_timeout = std::chrono::milliseconds(60'000);
    return o;
}

} // namespace

class TestFanOut : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void planGivesEachWorkerItsPlace() {
        WorkerJob base = grind_job();
        base.budget.max_keys = 1001;
        const FanOutPlan p = plan_fan_out(base, 4, "vk-grp").value();
        QCOMPARE(p.jobs.size(), std::size_t(4));
        for (std::uint32_t i = 0; i < 4; ++i) {
            QCOMPARE(QString::fromStdString(p.jobs[i].job_id), QStringLiteral("vk-grp-w%1").arg(i));
            QCOMPARE(p.jobs[i].worker_index, i);
            QCOMPARE(p.jobs[i].worker_count, 4u);
            QCOMPARE(p.jobs[i].budget.max_keys, std::uint64_t(251));
            QCOMPARE(p.jobs[i].budget.max_seconds, base.budget.max_seconds);
            QVERIFY(p.jobs[i].split_key == base.split_key);
        }
        QVERIFY(!plan_fan_out(base, 0, "g").ok());
        QVERIFY(!plan_fan_out(base, 2, std::string(59, 'g')).ok());
    }

    void firstMatchCancelsTheRest() {
        QTemporaryDir dir;
        auto store = JobStore::open(dir.path().toStdString());
        ScriptedProvider provider;
        provider.script["vk-grp-w1"] = {ScriptedProvider::running(), found("vk-grp-w1")};
        FakeClock clock;
        FanOut fan(provider, clock, store.value().get(), fast());
        int updates = 0;
        FanOutCallbacks callbacks;
        callbacks.on_update = [&](const std::string&, const JobUpdate&) { ++updates; };
        const FanOutOutcome out = fan.run(plan(3), callbacks);

        QVERIFY(out.winner.has_value());
        QCOMPARE(QString::fromStdString(out.winner_ref), QStringLiteral("vk-grp-w1"));
        QCOMPARE(provider.cancelled, (std::vector<std::string>{"vk-grp-w0", "vk-grp-w2"}));
        QCOMPARE(out.workers[0].state, JobState::Cancelled);
        QVERIFY(out.workers[0].cancelled_by_us);
        QCOMPARE(out.workers[1].state, JobState::Completed);
        QVERIFY(!out.timed_out);
        QVERIFY(updates >= 4);
        QCOMPARE(clock.sleeps().size(), std::size_t(1));

        const std::vector<StoredJob> jobs = (*store)->list();
        QCOMPARE(jobs.size(), std::size_t(3));
        QCOMPARE(jobs[1].state, JobState::Completed);
        QVERIFY(jobs[1].result.has_value());
        QCOMPARE(jobs[0].state, JobState::Cancelled);
        QCOMPARE(QString::fromStdString(jobs[0].secret_ref), QStringLiteral("vk-grp"));
    }

    void aFailedSubmitDoesNotStopTheOthers() {
        ScriptedProvider provider;
        provider.submit_errors["vk-grp-w0"] = cloud_error(CloudErrorKind::ServerError, "HTTP 503 after 5 attempts");
        provider.script["vk-grp-w1"] = {found("vk-grp-w1")};
        FakeClock clock;
        const FanOutOutcome out = FanOut(provider, clock, nullptr, fast()).run(plan(2));
        QCOMPARE(out.workers[0].state, JobState::Failed);
        QVERIFY(out.workers[0].problem->find("503") != std::string::npos);
        QVERIFY(out.winner.has_value());
        QVERIFY(!out.fatal);
    }

    void aBadKeyStopsEverything() {
        ScriptedProvider provider;
        provider.submit_errors["vk-grp-w0"] = cloud_error(CloudErrorKind::Unauthorized, "check RUNPOD_API_KEY");
        FakeClock clock;
        const FanOutOutcome out = FanOut(provider, clock, nullptr, fast()).run(plan(3));
        QVERIFY(out.fatal.has_value());
        QCOMPARE(out.fatal->kind, CloudErrorKind::Unauthorized);
        QVERIFY(provider.submitted.empty());
        for (const WorkerOutcome& w : out.workers) QCOMPARE(w.state, JobState::Failed);
        QVERIFY(!out.winner);
    }

    void aLyingWorkerDoesNotWin() {
        ScriptedProvider provider;
        JobUpdate lie;
        lie.state = JobState::Completed;
        lie.rejection = "the worker lied: its partial gives another key";
        provider.script["vk-grp-w0"] = {lie};
        provider.script["vk-grp-w1"] = {ScriptedProvider::running(), ScriptedProvider::running(), found("vk-grp-w1")};
        FakeClock clock;
        const FanOutOutcome out = FanOut(provider, clock, nullptr, fast()).run(plan(2));
        QVERIFY(out.workers[0].problem->find("lied") != std::string::npos);
        QCOMPARE(QString::fromStdString(out.winner_ref), QStringLiteral("vk-grp-w1"));
        QVERIFY(provider.cancelled.empty());  // w0 had already ended
    }

    void deadPollsAreGivenUpButKept() {
        ScriptedProvider provider;
        provider.script["vk-grp-w0"] = {cloud_error(CloudErrorKind::Dropped, "connection reset")};
        provider.script["vk-grp-w1"] = {budget_spent("vk-grp-w1")};
        FakeClock clock;
        const FanOutOutcome out = FanOut(provider, clock, nullptr, fast()).run(plan(2));
        QCOMPARE(out.workers[0].state, JobState::Failed);
        QVERIFY(out.workers[0].problem->find("5 failed poll") != std::string::npos);
        QVERIFY(out.workers[0].problem->find("kept in the job list") != std::string::npos);
        QVERIFY(!out.winner);
        QCOMPARE(out.other_results.size(), std::size_t(1));
    }

    void theWaitEndsClearly() {
        ScriptedProvider provider;
        FakeClock clock;
        const FanOutOutcome out = FanOut(provider, clock, nullptr, fast()).run(plan(2));
        QVERIFY(out.timed_out);
        QVERIFY(provider.cancelled.empty());
        for (const WorkerOutcome& w : out.workers) QVERIFY(w.problem->find("stays in the job list") != std::string::npos);
        QVERIFY(clock.elapsed() >= std::chrono::milliseconds(60'000));
    }

    void theCallersCheckCanRejectAResult() {
        QTemporaryDir dir;
        auto store = JobStore::open(dir.path().toStdString());
        ScriptedProvider provider;
        provider.script["vk-grp-w0"] = {found("vk-grp-w0")};
        provider.script["vk-grp-w1"] = {ScriptedProvider::running(), found("vk-grp-w1")};
        FakeClock clock;
        FanOutCallbacks callbacks;
        callbacks.check_result = [](const std::string& ref, const WorkerResult&) -> std::optional<std::string> {
            if (ref == "vk-grp-w0") return "the worker lied: its address is not its key's";
            return std::nullopt;
        };
        const FanOutOutcome out = FanOut(provider, clock, store.value().get(), fast()).run(plan(2), callbacks);
        QCOMPARE(QString::fromStdString(out.winner_ref), QStringLiteral("vk-grp-w1"));
        QVERIFY(out.workers[0].problem->find("result rejected: the worker lied") != std::string::npos);
        const StoredJob w0 = *(*store)->find("vk-grp-w0");
        QVERIFY(!w0.result);
        QVERIFY(w0.rejection->find("lied") != std::string::npos);
    }

    void aStopCancelsEveryWorkerAndADetachNone() {
        for (const WatchControl control : {WatchControl::CancelAll, WatchControl::Detach}) {
            ScriptedProvider provider;
            FakeClock clock;
            int asked = 0;
            FanOutCallbacks callbacks;
            callbacks.control = [&] { return ++asked > 3 ? control : WatchControl::Continue; };
            const FanOutOutcome out = FanOut(provider, clock, nullptr, fast()).run(plan(2), callbacks);
            QVERIFY(out.stopped);
            QVERIFY(!out.timed_out);
            QVERIFY(clock.elapsed() < std::chrono::milliseconds(1000));  // acted on within a slice
            if (control == WatchControl::CancelAll) {
                QCOMPARE(provider.cancelled, (std::vector<std::string>{"vk-grp-w0", "vk-grp-w1"}));
                for (const WorkerOutcome& w : out.workers) QCOMPARE(w.state, JobState::Cancelled);
            } else {
                QVERIFY(provider.cancelled.empty());
                for (const WorkerOutcome& w : out.workers) QCOMPARE(w.state, JobState::Running);
            }
        }
    }

    void aJobThatEndedBeforeItsCancelIsStillRead() {
        ScriptedProvider provider;
        provider.script["vk-grp-w0"] = {ScriptedProvider::running(), ScriptedProvider::running(), found("vk-grp-w0")};
        provider.script["vk-grp-w1"] = {ScriptedProvider::running(), found("vk-grp-w1")};
        provider.cancel_replies["vk-grp-w0"] = JobState::Completed;  // its match raced the cancel
        FakeClock clock;
        const FanOutOutcome out = FanOut(provider, clock, nullptr, fast()).run(plan(2));
        QCOMPARE(QString::fromStdString(out.winner_ref), QStringLiteral("vk-grp-w1"));
        QCOMPARE(out.workers[0].state, JobState::Completed);
        QCOMPARE(out.other_results.size(), std::size_t(1));  // the second match is kept
        QCOMPARE(out.other_results[0].job_id, std::string("vk-grp-w0"));
    }

    void aForgottenJobEndsFailedInTheStore() {
        QTemporaryDir dir;
        auto store = JobStore::open(dir.path().toStdString());
        ScriptedProvider provider;
        provider.script["vk-grp-w0"] = {cloud_error(CloudErrorKind::NotFound, "RunPod: not found (HTTP 404)")};
        FakeClock clock;
        const FanOutOutcome out = FanOut(provider, clock, store.value().get(), fast()).run(plan(1));
        QCOMPARE(out.workers[0].state, JobState::Failed);
        const StoredJob w0 = *(*store)->find("vk-grp-w0");
        QCOMPARE(w0.state, JobState::Failed);
        QVERIFY(w0.error->find("no longer knows this job") != std::string::npos);
        QVERIFY((*store)->pending().empty());
    }

    void aGroupIsPickedUpAgainFromTheStore() {
        QTemporaryDir dir;
        auto store = JobStore::open(dir.path().toStdString());
        ScriptedProvider provider;
        FakeClock clock;
        FanOut fan(provider, clock, store.value().get(), fast());
        const FanOutOutcome submitted = fan.submit(plan(3));
        QCOMPARE(provider.submitted.size(), std::size_t(3));
        // A restart: w1's match came in meanwhile (recorded by another process).
        QVERIFY((*store)->apply("vk-grp-w1", found("vk-grp-w1"), 5).ok());
        const std::vector<StoredJob> jobs = (*store)->list();
        const FanOutPlan again = plan_from_store(jobs, "vk-grp").value();
        QCOMPARE(again.jobs.size(), std::size_t(3));
        QCOMPARE(again.jobs[2].job_id, std::string("vk-grp-w2"));
        const FanOutOutcome before = outcome_from_store(jobs, again);
        QCOMPARE(QString::fromStdString(before.winner_ref), QStringLiteral("vk-grp-w1"));
        QVERIFY(before.workers[0].handle == submitted.workers[0].handle);
        // Watching it cancels the workers still running, at once.
        const FanOutOutcome out = fan.watch(again, before);
        QCOMPARE(provider.cancelled, (std::vector<std::string>{"vk-grp-w0", "vk-grp-w2"}));
        QVERIFY(out.winner.has_value());
        QVERIFY(!plan_from_store(jobs, "vk-nothing").ok());
    }
};

QTEST_GUILESS_MAIN(TestFanOut)
#include "test_fan_out.moc"
