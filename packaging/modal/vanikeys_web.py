"""The web layer and the job runner of the VaniKeys Modal app, without Modal itself.

app.py binds these to Modal (a GPU function, a Volume, proxy auth); the tests bind them to a
direct call of the worker in a thread and a temporary directory, and drive the FastAPI app with
its TestClient or over HTTP. Routes (all JSON; Modal's proxy checks Modal-Key/Modal-Secret
before a request reaches them):

  POST /jobs                      {"job": {...}} -> {"id", "status"}; the same job_id again
                                  returns the call already started (safe to retry)
  GET  /jobs/{id}                 {"id", "status", "delayTime", "executionTime", "progress",
                                   "result", "error"} (RunPod's state names and time fields)
  GET  /jobs/{id}/stream?after=N  {"id", "status", "items": [...], "next": M}
  POST /jobs/{id}/cancel          {"id", "status"}
  GET  /health                    {"ok": true, "protocol": 1, "jobs_in_progress": n}

State lives in files under one directory (the Modal Volume), so a restarted container and the
web containers all see the same jobs:
  refs/<job_id>          the call id started for that client job id
  jobs/<call_id>.json    {"job_id", "submitted_at", "cancelled"}
  log/<job_id>.jsonl     {"type": "started", "at"} and the worker's messages, appended
  checkpoint/<job_id>.json  the last progress: attempts and seconds, for a resumed run
"""

import json
import os
import re
import time

PROTOCOL = 1
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CALL_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
KEY_WORDS = ("private", "secret", "seed", "nsec", "wif", "mnemonic", "xprv")


class JobFiles:
    """The state directory's layout, with atomic writes (temp file + rename)."""

    def __init__(self, root):
        self.root = root
        for sub in ("refs", "jobs", "log", "checkpoint"):
            os.makedirs(os.path.join(root, sub), exist_ok=True)

    def _write(self, path, text):
        temp = f"{path}.tmp.{os.getpid()}"
        with open(temp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)

    def _read_json(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def call_for(self, job_id):
        try:
            with open(os.path.join(self.root, "refs", job_id), encoding="utf-8") as f:
                return f.read().strip() or None
        except OSError:
            return None

    def record(self, call_id):
        return self._read_json(os.path.join(self.root, "jobs", f"{call_id}.json"))

    def save_record(self, call_id, record):
        self._write(os.path.join(self.root, "jobs", f"{call_id}.json"), json.dumps(record))

    def remember(self, job_id, call_id, record):
        self.save_record(call_id, record)
        self._write(os.path.join(self.root, "refs", job_id), call_id)

    def append(self, job_id, item):
        with open(os.path.join(self.root, "log", f"{job_id}.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(item, separators=(",", ":")) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def log(self, job_id):
        items = []
        try:
            with open(os.path.join(self.root, "log", f"{job_id}.jsonl"), encoding="utf-8") as f:
                for line in f:
                    try:
                        items.append(json.loads(line))
                    except ValueError:
                        pass  # a line cut short by a crash
        except OSError:
            pass
        return items

    def checkpoint(self, job_id):
        return self._read_json(os.path.join(self.root, "checkpoint", f"{job_id}.json"))

    def save_checkpoint(self, job_id, attempts, seconds):
        self._write(os.path.join(self.root, "checkpoint", f"{job_id}.json"),
                    json.dumps({"attempts": attempts, "seconds": seconds}))


def run_job_with_checkpoint(job, files, run_worker, commit=lambda: None, stop_event=None, commit_every=30.0):
    """The GPU function's body: runs the worker, logging every message and checkpointing its
    count. A restarted call (Modal retries a preempted container with the same input) finds the
    checkpoint and passes it as job["resume"], so the worker's count continues. Returns the
    final message (result or error)."""
    job_id = job["job_id"]
    checkpoint = files.checkpoint(job_id)
    if checkpoint and checkpoint.get("attempts", 0) > 0:
        job = dict(job, resume={"attempts": int(checkpoint["attempts"]), "seconds": float(checkpoint["seconds"])})
    files.append(job_id, {"type": "started", "at": time.time(), "resumed": bool(checkpoint)})
    commit()
    last_commit = time.monotonic()
    final = None
    for message in run_worker(job, stop_event):
        files.append(job_id, message)
        if message["type"] == "progress":
            files.save_checkpoint(job_id, message.get("attempts", 0), message.get("seconds", 0.0))
            if time.monotonic() - last_commit >= commit_every:
                commit()
                last_commit = time.monotonic()
        else:
            final = message
    commit()
    return final


def _key_material_field(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if any(word in str(key).lower() for word in KEY_WORDS) or _key_material_field(item):
                return True
    elif isinstance(value, list):
        return any(_key_material_field(item) for item in value)
    return False


def create_web_app(backend, files):
    """The FastAPI app. `backend` starts and watches the GPU function:
         backend.spawn(job) -> call id
         backend.poll(call_id) -> "running" | "done" | "failed" | "timed_out" | "cancelled", detail
         backend.cancel(call_id)
         backend.refresh()  (reload the Volume so other containers' writes show)
    """
    from fastapi import Body, FastAPI, HTTPException

    app = FastAPI(title="VaniKeys worker", docs_url=None, redoc_url=None)

    def lookup(call_id):
        if not CALL_PATTERN.match(call_id):
            raise HTTPException(status_code=404, detail="no such job")
        backend.refresh()
        record = files.record(call_id)
        if record is None:
            raise HTTPException(status_code=404, detail="no such job")
        return record

    def worker_items(job_id):
        return [item for item in files.log(job_id) if item.get("type") in ("progress", "result", "error")]

    def describe(call_id, record):
        job_id = record["job_id"]
        log = files.log(job_id)
        started = [item["at"] for item in log if item.get("type") == "started"]
        progress = [item for item in log if item.get("type") == "progress"]
        final = next((item for item in reversed(log) if item.get("type") in ("result", "error")), None)
        reply = {"id": call_id, "progress": progress[-1] if progress else None, "result": None, "error": None}
        if started:
            reply["delayTime"] = int(max(0.0, started[0] - record["submitted_at"]) * 1000)
            end = record.get("finished_at") or time.time()
            reply["executionTime"] = int(max(0.0, end - started[0]) * 1000)
        if final is not None and final["type"] == "result":
            found = bool(final.get("hits"))
            # A match is never hidden behind a cancel that raced it.
            reply["status"] = "CANCELLED" if record.get("cancelled") and not found else "COMPLETED"
            reply["result"] = final
            return reply
        if final is not None:
            reply["status"] = "FAILED"
            reply["error"] = f"{final.get('code', 'runtime')}: {final.get('message', '')}"
            return reply
        if record.get("cancelled"):
            reply["status"] = "CANCELLED"
            return reply
        state, detail = backend.poll(call_id)
        if state == "running":
            reply["status"] = "IN_PROGRESS" if started else "IN_QUEUE"
        elif state == "timed_out":
            reply["status"] = "TIMED_OUT"
            reply["error"] = detail or "the function ran past its timeout"
        elif state == "cancelled":
            reply["status"] = "CANCELLED"
        elif state == "done":
            # Finished, but the log has no final line yet (the Volume lags): report running.
            reply["status"] = "IN_PROGRESS"
        else:
            reply["status"] = "FAILED"
            reply["error"] = detail or "the function failed"
        return reply

    @app.post("/jobs")
    def submit(payload: dict = Body(...)):
        job = payload.get("job") if isinstance(payload, dict) else None
        if not isinstance(job, dict):
            raise HTTPException(status_code=400, detail='the body must be {"job": {...}}')
        if _key_material_field(job):
            raise HTTPException(status_code=400, detail="refusing a job that carries key material")
        job_id = job.get("job_id")
        if not isinstance(job_id, str) or not ID_PATTERN.match(job_id) or job.get("protocol") != PROTOCOL:
            raise HTTPException(status_code=400, detail="job_id missing or invalid, or another protocol version")
        backend.refresh()
        existing = files.call_for(job_id)
        if existing:
            return {"id": existing, "status": describe(existing, files.record(existing))["status"]}
        call_id = backend.spawn(job)
        files.remember(job_id, call_id, {"job_id": job_id, "submitted_at": time.time(), "cancelled": False})
        return {"id": call_id, "status": "IN_QUEUE"}

    @app.get("/jobs/{call_id}")
    def status(call_id: str):
        return describe(call_id, lookup(call_id))

    @app.get("/jobs/{call_id}/stream")
    def stream(call_id: str, after: int = 0):
        record = lookup(call_id)
        items = worker_items(record["job_id"])
        after = max(0, min(after, len(items)))
        return {"id": call_id, "status": describe(call_id, record)["status"], "items": items[after:],
                "next": len(items)}

    @app.post("/jobs/{call_id}/cancel")
    def cancel(call_id: str):
        record = lookup(call_id)
        if not record.get("cancelled"):
            record["cancelled"] = True
            files.save_record(call_id, record)
            backend.cancel(call_id)
        return {"id": call_id, "status": describe(call_id, record)["status"]}

    @app.get("/health")
    def health():
        return {"ok": True, "service": "vanikeys-modal", "protocol": PROTOCOL,
                "jobs_in_progress": backend.in_progress() if hasattr(backend, "in_progress") else 0}

    return app
