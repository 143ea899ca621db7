#!/usr/bin/env python3
"""An emulator of the deployed VaniKeys Modal app on 127.0.0.1: the real web layer
(packaging/modal/vanikeys_web.py) served by uvicorn, behind a stand-in for Modal's proxy auth
(Modal-Key / Modal-Secret, 401 "modal-http: missing credentials for proxy authorization"), with
the GPU function replaced by a direct call (modal_direct.py) and the fault injection and request
record of emulator_common.py. Prints "LISTENING <port>" when ready.

  modal_emulator.py --key K --secret S [--port 0] [--state DIR]
"""

import argparse
import asyncio
import json
import socket
import tempfile

import uvicorn

import emulator_common
from modal_direct import DirectBackend
import vanikeys_web


class ProxyAndFaults:
    """ASGI middleware: records requests, injects faults, checks the proxy-auth headers."""

    def __init__(self, app, control, key, secret):
        self.app = app
        self.control = control
        self.key = key
        self.secret = secret

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        path = scope["path"] + (("?" + scope["query_string"].decode()) if scope.get("query_string") else "")
        method = scope["method"]
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}

        async def respond(status, payload=None, raw=None, extra=()):
            data = raw if raw is not None else json.dumps(payload).encode()
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(data)).encode())] + list(extra)})
            await send({"type": "http.response.body", "body": data})

        control_reply = self.control.handle(method, path, body.decode("utf-8", "replace"))
        if control_reply is not None:
            return await respond(*control_reply)
        self.control.record(method, path, headers, body.decode("utf-8", "replace"))
        if headers.get("modal-key") != self.key or headers.get("modal-secret") != self.secret:
            return await respond(401, raw=b"modal-http: missing credentials for proxy authorization")
        fault = self.control.take_fault(path)
        if fault:
            action = fault.get("action")
            if action == "garbage":
                return await respond(200, raw=b"<html>oops")
            if action == "status":
                extra = [(b"retry-after", str(fault["retry_after"]).encode())] if "retry_after" in fault else []
                return await respond(int(fault.get("code", 500)), raw=fault.get("body", "injected fault").encode(),
                                     extra=extra)
            if action == "delay":
                await asyncio.sleep(float(fault.get("seconds", 1)))
            if action == "drop":
                raise ConnectionAbortedError("injected drop")

        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return {"type": "http.disconnect"}
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--state", help="the directory that stands in for the Modal Volume")
    args = parser.parse_args()
    state = args.state or tempfile.mkdtemp(prefix="modal-emulator-")
    control = emulator_common.Control(state + "/scenarios")
    files = vanikeys_web.JobFiles(state + "/volume")
    app = ProxyAndFaults(vanikeys_web.create_web_app(DirectBackend(files), files), control, args.key, args.secret)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    print(f"LISTENING {sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
