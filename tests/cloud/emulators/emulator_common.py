"""What both fault-injecting emulators share: a one-shot fault queue that tests fill through
POST /_control/faults, the record of every request (GET /_control/requests), per-job scenarios
(jobs with a scenario run the fake worker, which can lie, crash or stall; every other job runs the
real `vanikeys-cli worker`), and a self-signed certificate for the TLS tests.

Faults, applied to the next request whose path contains "match" (default: any), once each:
  {"action": "status", "code": 503, "retry_after": "1", "body": "..."}   an error reply
  {"action": "garbage"}                      200 with a body that is not JSON
  {"action": "drop"}                         close the connection without a reply
  {"action": "delay", "seconds": 2}          wait, then answer normally
"""

import datetime
import json
import os
import sys
import threading

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path[:0] = [os.path.join(REPO, "packaging", "common"), os.path.join(REPO, "packaging", "runpod"),
                os.path.join(REPO, "packaging", "modal")]


def default_worker_command():
    """The worker that the emulators, the handler tests and the Modal tests run: the real
    `vanikeys-cli` (CTest sets VANIKEYS_CLI to the built binary; outside CTest, the one in
    $VK_BUILD_DIR or build/)."""
    build = os.environ.get("VK_BUILD_DIR", os.path.join(REPO, "build"))
    return os.path.join(build, "cli", "vanikeys-cli")


def scenario_worker_command():
    """The emulators' worker: the real one, or the fake for jobs with a scenario file."""
    return f"{sys.executable} {os.path.join(os.path.dirname(os.path.abspath(__file__)), 'scenario_worker.py')}"


class Control:
    def __init__(self, scenario_dir):
        self.lock = threading.Lock()
        self.faults = []
        self.requests = []
        self.scenario_dir = scenario_dir
        os.makedirs(scenario_dir, exist_ok=True)
        os.environ["VANIKEYS_FAKE_SCENARIO_DIR"] = scenario_dir
        os.environ["VANIKEYS_REAL_CLI"] = os.environ.get("VANIKEYS_CLI") or default_worker_command()
        os.environ["VANIKEYS_CLI"] = scenario_worker_command()

    def record(self, method, path, headers, body):
        with self.lock:
            self.requests.append({"method": method, "path": path,
                                  "headers": {k.lower(): v for k, v in headers.items()},
                                  "body": body})

    def take_fault(self, path):
        with self.lock:
            for index, fault in enumerate(self.faults):
                if fault.get("match", "") in path:
                    return self.faults.pop(index)
        return None

    def handle(self, method, path, body):
        """Answers /_control/...; returns (status, dict) or None for other paths."""
        if not path.startswith("/_control/"):
            return None
        if method == "POST" and path == "/_control/faults":
            with self.lock:
                self.faults.extend(json.loads(body or "[]"))
            return 200, {"queued": len(self.faults)}
        if method == "POST" and path == "/_control/scenarios":
            for job_id, scenario in json.loads(body or "{}").items():
                with open(os.path.join(self.scenario_dir, job_id), "w", encoding="utf-8") as f:
                    f.write(scenario)
            return 200, {"ok": True}
        if method == "GET" and path == "/_control/requests":
            with self.lock:
                return 200, {"requests": [r for r in self.requests if not r["path"].startswith("/_control/")]}
        if method == "POST" and path == "/_control/reset":
            with self.lock:
                self.faults.clear()
                self.requests.clear()
            return 200, {"ok": True}
        return 404, {"error": "unknown control path"}


def self_signed_certificate(directory):
    """A certificate for 127.0.0.1 and localhost (files cert.pem, key.pem in `directory`)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vanikeys emulator")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path = os.path.join(directory, "cert.pem")
    key_path = os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return cert_path, key_path
