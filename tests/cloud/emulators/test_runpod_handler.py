"""packaging/runpod/handler.py under RunPod's own SDK (runpod 1.12): its --test_input mode and its
local API server (--rp_serve_api), running the real `vanikeys-cli worker` (VANIKEYS_CLI) end to
end. Every hit is checked independently here, in Python integers."""

import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from split_key_math import check_hit

HANDLER = os.path.join(os.path.dirname(__file__), "..", "..", "..", "packaging", "runpod", "handler.py")
Q7 = "025cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc"


def job(job_id="vk-rp-1", pattern="ab"):
    return {"protocol": 1, "job_id": job_id, "kind": "grind", "format": "didkey", "pattern": pattern,
            "mode": "contains", "case_sensitive": False, "fuzzy": False,
            "split_key": {"public_key_hex": Q7}, "budget": {"max_keys": 0, "max_seconds": 20},
            "progress_interval_seconds": 0.2, "worker_index": 0, "worker_count": 1}


def run_handler(args, env=None):
    return subprocess.run([sys.executable, HANDLER, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def final_output(log):
    """The SDK logs 'Job result: {...}' (a Python repr) at the end of --test_input. Its logger
    cuts long messages to their head and tail, so only the end of the result is sure to be there."""
    if "Job result:" not in log:
        return ""
    return log.split("Job result:", 1)[1].split("Local testing complete", 1)[0]


def test_test_input_runs_the_worker_to_a_verified_result():
    done = run_handler(["--test_input", json.dumps({"input": job()})])
    assert done.returncode == 0, done.stdout + done.stderr
    log = done.stdout + done.stderr
    assert "'type': 'result'" in final_output(log)
    assert "'reason': 'found'" in final_output(log)


def test_test_input_reports_a_worker_error_as_a_failure():
    # '0' is not a base58 character: the real worker refuses the pattern before searching.
    done = run_handler(["--test_input", json.dumps({"input": job("vk-rp-err", pattern="G0")})])
    assert done.returncode == 1
    assert "never occurs in base58" in done.stdout + done.stderr


def test_test_input_refuses_key_material():
    bad = dict(job("vk-rp-key"), private_key_hex="00" * 32)
    done = run_handler(["--test_input", json.dumps({"input": bad})])
    assert done.returncode == 1
    assert "key material" in done.stdout + done.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def local_api():
    port = free_port()
    server = subprocess.Popen([sys.executable, HANDLER, "--rp_serve_api", "--rp_api_host", "127.0.0.1",
                               "--rp_api_port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/docs", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


def test_local_api_server_runs_a_job_and_aggregates_the_stream(local_api):
    submitted = httpx.post(local_api + "/run", json={"input": job("vk-rp-api")}, timeout=30).json()
    assert submitted["status"] == "IN_PROGRESS"
    status = httpx.post(f"{local_api}/status/{submitted['id']}", timeout=60).json()
    assert status["status"] == "COMPLETED"
    output = status["output"]
    assert isinstance(output, list) and output[-1]["type"] == "result"
    assert all(item["type"] == "progress" for item in output[:-1])
    result = output[-1]
    assert result["reason"] == "found" and result["hits"]
    for hit in result["hits"]:
        check_hit(Q7, hit)


def test_local_api_server_runsync_with_a_failing_worker(local_api):
    bad = dict(job("vk-rp-api-bad"), format="npub", pattern="b1")  # bech32 has neither b nor 1
    reply = httpx.post(local_api + "/runsync", json={"input": bad}, timeout=60).json()
    assert reply["status"] == "COMPLETED"
    error = reply["output"][-1]["error"]
    assert error.startswith("bad_input: ") and "never occurs" in error


def test_local_api_server_streams_progress_of_every_format(local_api):
    for fmt in ("p2pkh", "eth", "npub"):
        submitted = httpx.post(local_api + "/run", json={"input": dict(job(f"vk-rp-{fmt}"), format=fmt, pattern="a")},
                               timeout=30).json()
        status = httpx.post(f"{local_api}/status/{submitted['id']}", timeout=60).json()
        assert status["status"] == "COMPLETED", status
        result = status["output"][-1]
        assert result["type"] == "result" and result["reason"] == "found" and result["hits"]
