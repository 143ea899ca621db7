"""The Modal app's web layer under FastAPI's TestClient, with the `modal` package installed and
the GPU function replaced by a direct call of the real `vanikeys-cli worker`; and the
checkpoint/resume logic of the GPU function's body."""

import contextlib
import time

import pytest
from fastapi.testclient import TestClient

import vanikeys_web
import vanikeys_worker
from modal_direct import DirectBackend
from split_key_math import check_hit

Q7 = "025cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc"


def job(job_id, pattern="ab", seconds=20):
    return {"protocol": 1, "job_id": job_id, "kind": "grind", "format": "didkey", "pattern": pattern,
            "mode": "contains", "case_sensitive": False, "fuzzy": False,
            "split_key": {"public_key_hex": Q7}, "budget": {"max_keys": 0, "max_seconds": seconds},
            "progress_interval_seconds": 0.1, "worker_index": 0, "worker_count": 1}


@pytest.fixture
def client(tmp_path):
    files = vanikeys_web.JobFiles(str(tmp_path / "volume"))
    with TestClient(vanikeys_web.create_web_app(DirectBackend(files), files)) as c:
        yield c


def wait_final(client, call_id, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = client.get(f"/jobs/{call_id}").json()
        if reply["status"] not in ("IN_QUEUE", "IN_PROGRESS"):
            return reply
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


def test_the_deployable_app_imports_with_modal_installed():
    import modal
    import app  # packaging/modal/app.py

    assert isinstance(app.app, modal.App)
    assert app.run_job is not None and app.web is not None
    assert callable(app.ModalBackend(app.run_job).spawn)


def test_submit_status_stream_and_a_verified_result(client):
    submitted = client.post("/jobs", json={"job": job("vk-m-1")}).json()
    assert submitted["status"] == "IN_QUEUE"
    again = client.post("/jobs", json={"job": job("vk-m-1")}).json()
    assert again["id"] == submitted["id"]  # a retried submit starts nothing new
    final = wait_final(client, submitted["id"])
    assert final["status"] == "COMPLETED"
    assert final["result"]["reason"] == "found"
    assert "delayTime" in final and "executionTime" in final
    for hit in final["result"]["hits"]:
        check_hit(Q7, hit)
    stream = client.get(f"/jobs/{submitted['id']}/stream", params={"after": 0}).json()
    assert stream["items"][-1]["type"] == "result" and stream["next"] == len(stream["items"])
    tail = client.get(f"/jobs/{submitted['id']}/stream", params={"after": stream["next"]}).json()
    assert tail["items"] == [] and tail["next"] == stream["next"]


def test_worker_errors_fail_the_job(client):
    call_id = client.post("/jobs", json={"job": job("vk-m-err", pattern="G0")}).json()["id"]
    final = wait_final(client, call_id)
    assert final["status"] == "FAILED"
    assert final["error"].startswith("bad_input: ") and "never occurs" in final["error"]


def test_cancel_stops_a_running_job(client):
    call_id = client.post("/jobs", json={"job": job("vk-m-slow", pattern="zzzzzzzzz")}).json()["id"]
    time.sleep(0.5)
    assert client.post(f"/jobs/{call_id}/cancel").json()["status"] == "CANCELLED"
    final = wait_final(client, call_id)
    assert final["status"] == "CANCELLED"
    # The worker stops on SIGTERM and still reports: its clean "requested" result is logged.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        items = client.get(f"/jobs/{call_id}/stream").json()["items"]
        if items and items[-1]["type"] != "progress":
            break
        time.sleep(0.05)
    assert items[-1]["type"] == "result" and items[-1]["reason"] == "requested"
    assert client.get(f"/jobs/{call_id}").json()["status"] == "CANCELLED"


def test_bad_requests_are_refused(client):
    assert client.post("/jobs", json={"nojob": 1}).status_code == 400
    assert client.post("/jobs", json={"job": dict(job("vk-m-k"), nsec="x")}).status_code == 400
    assert client.post("/jobs", json={"job": dict(job("vk-m-p"), protocol=2)}).status_code == 400
    assert client.get("/jobs/fc-unknown").status_code == 404
    assert client.get("/jobs/..%2Fetc").status_code == 404
    assert client.get("/health").json() == {"ok": True, "service": "vanikeys-modal", "protocol": 1,
                                            "jobs_in_progress": 0}


def worker_killed_after_two_progress_lines(job, stop_event=None):
    """The worker as a preempted container sees it: it is killed mid-search, leaving no result."""
    seen = 0
    with contextlib.closing(vanikeys_worker.run_worker(job, stop_event)) as messages:
        for message in messages:
            yield message
            if message["type"] == "progress":
                seen += 1
                if seen == 2:
                    return


def test_a_restarted_call_resumes_its_count(tmp_path):
    """Modal re-runs a preempted call with the same input; the checkpoint in the Volume makes the
    worker continue the count (and spend only what is left of the budget) instead of starting
    again from zero."""
    files = vanikeys_web.JobFiles(str(tmp_path))
    first = vanikeys_web.run_job_with_checkpoint(job("vk-m-resume", pattern="zzzzzzzzz", seconds=5), files,
                                                 worker_killed_after_two_progress_lines)
    assert first is None  # no result: the run died
    checkpoint = files.checkpoint("vk-m-resume")
    assert checkpoint and checkpoint["attempts"] > 0

    second = vanikeys_web.run_job_with_checkpoint(job("vk-m-resume", pattern="zzzzzzzzz", seconds=1.0), files,
                                                  vanikeys_worker.run_worker)
    assert second["type"] == "result" and second["reason"] == "budget"
    assert second["attempts"] > checkpoint["attempts"]
    assert second["seconds"] >= checkpoint["seconds"]
    progress = [item for item in files.log("vk-m-resume") if item.get("type") == "progress"]
    assert all(later["attempts"] >= earlier["attempts"] for earlier, later in zip(progress, progress[1:]))
    started = [item for item in files.log("vk-m-resume") if item.get("type") == "started"]
    assert [item["resumed"] for item in started] == [False, True]
