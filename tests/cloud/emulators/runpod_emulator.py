#!/usr/bin/env python3
"""An emulator of RunPod Serverless's hosted queue API on 127.0.0.1, with fault injection.

  /v2/{endpoint}/run  /status/{id}  /stream/{id}  /cancel/{id}  /health   (as api.runpod.ai)

Jobs run through the real packaging/runpod/handler.py (its streaming generator), which runs the
worker named by VANIKEYS_CLI as a subprocess; each job in its own thread. Shapes follow RunPod's
documentation and its Python SDK (docs/CLOUD.md lists the sources). Prints "LISTENING <port>"
when ready. Control routes: see emulator_common.py; besides, a job whose scenario is
"timed_out" never runs and ends TIMED_OUT.

  runpod_emulator.py --api-key KEY --endpoint ID [--port 0] [--tls DIR] [--state DIR]
"""

import argparse
import http.server
import json
import os
import re
import socket
import ssl
import sys
import tempfile
import threading
import time
import uuid

import emulator_common

ROUTE = re.compile(r"^/v2/([^/]+)/(run|status|stream|cancel|health)(?:/([^/?]+))?/?(?:\?.*)?$")


class Job:
    def __init__(self, job_id, job_input):
        self.id = job_id
        self.input = job_input
        self.status = "IN_QUEUE"
        self.created = time.time()
        self.started = None
        self.finished = None
        self.output = []        # every item yielded, for /status
        self.unstreamed = []    # items not yet sent by /stream
        self.error = None
        self.cancel = threading.Event()
        self.lock = threading.Lock()

    def timings(self):
        now = time.time()
        reply = {"delayTime": int(((self.started or now) - self.created) * 1000)}
        if self.started:
            reply["executionTime"] = int(((self.finished or now) - self.started) * 1000)
        return reply


class Emulator:
    def __init__(self, api_key, endpoint, control):
        self.api_key = api_key
        self.endpoint = endpoint
        self.control = control
        self.jobs = {}
        self.lock = threading.Lock()
        import handler  # packaging/runpod/handler.py: the code that runs on RunPod
        self.handler = handler.handler

    def run(self, job, scenario):
        if scenario == "timed_out":
            time.sleep(0.3)
            with job.lock:
                job.status = "TIMED_OUT"
                job.finished = time.time()
            return
        with job.lock:
            if job.cancel.is_set():
                return
            job.status = "IN_PROGRESS"
            job.started = time.time()
        stream = self.handler({"id": job.id, "input": job.input})
        try:
            for item in stream:
                with job.lock:
                    if job.cancel.is_set():
                        break
                    if isinstance(item, dict) and "error" in item:
                        job.error = str(item["error"])
                        job.status = "FAILED"
                        break
                    job.output.append(item)
                    job.unstreamed.append({"output": item})
        finally:
            stream.close()  # stops the worker when the job was cancelled
        with job.lock:
            job.finished = time.time()
            if job.status == "IN_PROGRESS":
                job.status = "CANCELLED" if job.cancel.is_set() else "COMPLETED"

    def submit(self, body):
        try:
            request = json.loads(body)
        except ValueError:
            return 400, {"error": "body is not JSON"}
        if not isinstance(request, dict) or not isinstance(request.get("input"), dict):
            return 400, {"error": "missing input"}
        job = Job(f"{uuid.uuid4()}-u1", request["input"])
        scenario_file = os.path.join(self.control.scenario_dir, str(request["input"].get("job_id", "")))
        scenario = open(scenario_file, encoding="utf-8").read().strip() if os.path.isfile(scenario_file) else ""
        with self.lock:
            self.jobs[job.id] = job
        threading.Thread(target=self.run, args=(job, scenario), daemon=True).start()
        return 200, {"id": job.id, "status": "IN_QUEUE"}

    def answer(self, method, path, headers, body):
        match = ROUTE.match(path)
        if not match:
            return 404, {"error": "not found"}
        endpoint, operation, job_id = match.groups()
        if headers.get("authorization") != f"Bearer {self.api_key}":
            return 401, {"error": "Unauthorized"}
        if endpoint != self.endpoint:
            return 404, {"error": f"endpoint {endpoint} not found"}
        expected = "POST" if operation in ("run", "cancel") else "GET"
        if method != expected and not (operation in ("status", "stream") and method == "POST"):
            return 405, {"error": "method not allowed"}
        if operation == "run":
            return self.submit(body)
        if operation == "health":
            with self.lock:
                jobs = list(self.jobs.values())
            return 200, {"jobs": {"completed": sum(j.status == "COMPLETED" for j in jobs),
                                  "failed": sum(j.status == "FAILED" for j in jobs),
                                  "inProgress": sum(j.status == "IN_PROGRESS" for j in jobs),
                                  "inQueue": sum(j.status == "IN_QUEUE" for j in jobs), "retried": 0},
                         "workers": {"idle": 1, "initializing": 0, "ready": 1,
                                     "running": sum(j.status == "IN_PROGRESS" for j in jobs), "throttled": 0}}
        with self.lock:
            job = self.jobs.get(job_id)
        if job is None:
            return 404, {"error": "job not found"}
        with job.lock:
            if operation == "status":
                reply = {"id": job.id, "status": job.status, **job.timings()}
                if job.status == "COMPLETED":
                    reply["output"] = list(job.output)
                if job.error:
                    reply["error"] = job.error
                return 200, reply
            if operation == "stream":
                chunk, job.unstreamed = job.unstreamed, []
                return 200, {"status": job.status, "stream": chunk, **job.timings()}
            # cancel
            if job.status in ("IN_QUEUE", "IN_PROGRESS"):
                job.cancel.set()
                job.status = "CANCELLED"
                job.finished = time.time()
            return 200, {"id": job.id, "status": job.status}


def make_handler(emulator, control):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, payload, extra_headers=None, raw=None):
            data = raw if raw is not None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (extra_headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def serve(self, method):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            control_reply = control.handle(method, self.path, body)
            if control_reply is not None:
                return self.reply(*control_reply)
            control.record(method, self.path, dict(self.headers), body)
            fault = control.take_fault(self.path)
            if fault:
                action = fault.get("action")
                if action == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if action == "garbage":
                    return self.reply(200, None, raw=b"<html>502 Bad Gateway</html>{")
                if action == "status":
                    headers = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else {}
                    return self.reply(int(fault.get("code", 500)), None, headers,
                                      raw=fault.get("body", '{"error":"injected fault"}').encode())
                if action == "delay":
                    time.sleep(float(fault.get("seconds", 1)))
            self.reply(*emulator.answer(method, self.path, {k.lower(): v for k, v in self.headers.items()}, body))

        def do_GET(self):
            self.serve("GET")

        def do_POST(self):
            self.serve("POST")

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls", help="serve https with a fresh self-signed certificate written to this directory")
    parser.add_argument("--state", help="directory for per-job scenarios (default: a temporary one)")
    args = parser.parse_args()
    control = emulator_common.Control(args.state or tempfile.mkdtemp(prefix="runpod-emulator-"))
    emulator = Emulator(args.api_key, args.endpoint, control)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(emulator, control))
    server.daemon_threads = True
    if args.tls:
        os.makedirs(args.tls, exist_ok=True)
        cert, key = emulator_common.self_signed_certificate(args.tls)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"LISTENING {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
