"""Runs `vanikeys-cli worker` for one job and turns its output into Python dicts.

Shared by the RunPod handler (packaging/runpod/handler.py) and the Modal app
(packaging/modal/app.py). The worker reads the job as JSON on stdin and writes one JSON object
per line: progress lines, then one result or one error (protocol in docs/CLOUD.md).

VANIKEYS_CLI names the worker program (default: `vanikeys-cli` on PATH). It is split like a
shell command line, so tests can run `python3 tests/cloud/emulators/fake_worker.py` instead.
"""

import json
import os
import shlex
import subprocess
import sys
import threading

KEY_WORDS = ("private", "secret", "seed", "nsec", "wif", "mnemonic", "xprv")
MAX_LINE = 1 << 20  # one progress or result line is far below this


def worker_command():
    cli = os.environ.get("VANIKEYS_CLI", "vanikeys-cli")
    return shlex.split(cli) + ["worker"]


def key_material_field(value, path="job"):
    """The path of the first field named like key material, or None (jobs must not carry one)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if any(word in str(key).lower() for word in KEY_WORDS):
                return f"{path}.{key}"
            found = key_material_field(item, f"{path}.{key}")
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = key_material_field(item, f"{path}[{index}]")
            if found:
                return found
    return None


def error_message(job_id, code, message):
    return {"type": "error", "job_id": job_id, "code": code, "message": message}


def run_worker(job, stop_event=None, env=None):
    """Yields the worker's messages (dicts with "type" progress / result / error) in order.

    Always ends with exactly one result or error: a worker that dies without a result, writes
    no valid final line, or cannot be started yields an error message instead. Lines that are
    not JSON objects with a "type" are logged to stderr and skipped. Setting `stop_event` sends
    SIGTERM; the worker then finishes with reason "requested".
    """
    job_id = str(job.get("job_id", "")) if isinstance(job, dict) else ""
    if not isinstance(job, dict):
        yield error_message(job_id, "bad_input", "the job must be a JSON object")
        return
    field = key_material_field(job)
    if field:
        yield error_message(job_id, "bad_input",
                            f"refusing a job with a field named like key material ({field}): "
                            "cloud jobs are split-key and never carry a private key")
        return
    try:
        process = subprocess.Popen(worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=None, text=True, env=env)
    except OSError as error:
        yield error_message(job_id, "runtime", f"cannot start the worker ({' '.join(worker_command())}): {error}")
        return

    def stop_when_asked():
        while not stop_event.wait(0.2):
            if process.poll() is not None:
                return
        if process.poll() is None:
            process.terminate()

    if stop_event is not None:
        threading.Thread(target=stop_when_asked, daemon=True).start()
    try:
        process.stdin.write(json.dumps(job))
        process.stdin.close()
    except BrokenPipeError:
        pass

    final = None
    finished = False
    try:
        for message in _messages(process):
            if message["type"] == "progress":
                yield message
            elif final is None:
                final = message
        finished = True
    finally:
        # The consumer stopped early (a cancel closed this generator): stop the worker too.
        if not finished and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    code = process.wait()
    if final is None:
        final = error_message(job_id, "runtime", f"the worker exited with status {code} without a result")
    yield final


def _messages(process):
    for line in process.stdout:
        line = line.strip()
        if not line:
            continue
        try:
            message = json.loads(line[:MAX_LINE])
        except ValueError:
            print(f"vanikeys worker: skipping a line that is not JSON: {line[:200]!r}", file=sys.stderr)
            continue
        if not isinstance(message, dict) or message.get("type") not in ("progress", "result", "error"):
            print(f"vanikeys worker: skipping an unknown line: {line[:200]!r}", file=sys.stderr)
            continue
        yield message
