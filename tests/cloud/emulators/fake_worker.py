#!/usr/bin/env python3
"""A test-only worker that misbehaves on purpose: the emulators run it instead of the real
`vanikeys-cli worker` for jobs that a test gives a scenario (scenario_worker.py), so that the
client can be shown lying, crashing and stalling workers. It speaks the documented worker
protocol (docs/CLOUD.md): one job as JSON on stdin, progress lines and one result (or an error)
as JSON lines on stdout.

It really searches, slowly: did:key addresses of K = sign * lambda^endo * (Q + t*G) for t = t0,
t0+1, ... from a random t0, matching the pattern's words case-insensitively as substrings of the
free part. So its honest results pass every check the client makes, the public-key check of the
split-key partial included. Patterns of one or two characters are found in well under a second.

VANIKEYS_FAKE_SCENARIO picks a misbehaviour for the tests (or, when VANIKEYS_FAKE_SCENARIO_DIR
is set and holds a file named after the job id, that file's content does, per job):
  honest (default)  search until found or the budget ends
  budget            never match; stop at the budget
  error             report a bad_input error and exit 2
  crash             write two progress lines, then die without a result (exit 3)
  garbage           write lines that are not JSON around an honest result
  lie               an honest hit whose partial is then altered (wrong negate flag)
  lie_address       an honest partial and key, but the address of another key (Q's)
  lie_score         the first key it tries, whatever its address, claimed as an exact match
  slow              progress every interval until the budget ends or SIGTERM (then "requested")
"""

import json
import os
import secrets
import signal
import sys
import time

P = 2**256 - 2**32 - 977
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
G = (0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
     0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8)
BETA = 0x7AE96A2B657C07106E64479EAC3434E99CF0497512F58995C1396C28719501EE
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
KEY_WORDS = ("private", "secret", "seed", "nsec", "wif", "mnemonic", "xprv")

stop_requested = False


def on_sigterm(_signum, _frame):
    global stop_requested
    stop_requested = True


def point_add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0] and (a[1] + b[1]) % P == 0:
        return None
    if a == b:
        slope = 3 * a[0] * a[0] * pow(2 * a[1], -1, P) % P
    else:
        slope = (b[1] - a[1]) * pow(b[0] - a[0], -1, P) % P
    x = (slope * slope - a[0] - b[0]) % P
    return x, (slope * (a[0] - x) - a[1]) % P


def point_mul(k, point):
    result = None
    while k:
        if k & 1:
            result = point_add(result, point)
        point = point_add(point, point)
        k >>= 1
    return result


def decompress(hex_key):
    raw = bytes.fromhex(hex_key)
    x = int.from_bytes(raw[1:], "big")
    y = pow((x * x * x + 7) % P, (P + 1) // 4, P)
    if y % 2 != raw[0] % 2:
        y = P - y
    if (y * y - x * x * x - 7) % P:
        raise ValueError("Q is not on the curve")
    return x, y


def compress(point):
    return bytes([2 + (point[1] & 1)]) + point[0].to_bytes(32, "big")


def base58(data):
    value = int.from_bytes(data, "big")
    out = ""
    while value:
        value, digit = divmod(value, 58)
        out = B58[digit] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def did_key(point):
    return "did:key:z" + base58(b"\xe7\x01" + compress(point))


def emit(message):
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def fail(job_id, code, message, exit_code):
    emit({"type": "error", "job_id": job_id, "code": code, "message": message})
    sys.exit(exit_code)


def find_key_words(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if any(word in key.lower() for word in KEY_WORDS) or find_key_words(item):
                return True
    if isinstance(value, list):
        return any(find_key_words(item) for item in value)
    return False


def candidates(base, t):
    """The six keys that share base = Q + t*G's search step: endo 0..2, with and without sign."""
    x, y = base
    for endo in range(3):
        for negate in (False, True):
            yield (x, (P - y) % P if negate else y), endo, negate
        x = x * BETA % P


def hit_for(point, t, endo, negate, attempts):
    return {"address": did_key(point), "score": 1.0, "words_matched": 1,
            "public_key_hex": compress(point).hex(),
            "partial": {"offset_hex": "%064x" % t, "endo": endo, "negate": negate},
            "attempts": attempts}


def main():
    signal.signal(signal.SIGTERM, on_sigterm)
    scenario = os.environ.get("VANIKEYS_FAKE_SCENARIO", "honest")
    try:
        job = json.loads(sys.stdin.read())
    except ValueError:
        fail("", "bad_input", "the job is not valid JSON", 2)
    job_id = job.get("job_id", "")
    per_job = os.path.join(os.environ.get("VANIKEYS_FAKE_SCENARIO_DIR", ""), str(job_id))
    if os.environ.get("VANIKEYS_FAKE_SCENARIO_DIR") and os.path.isfile(per_job):
        with open(per_job, encoding="utf-8") as f:
            scenario = f.read().strip() or scenario
    if find_key_words(job):
        fail(job_id, "bad_input", "refusing a job that carries key material", 2)
    if job.get("protocol") != 1 or job.get("format") != "didkey":
        fail(job_id, "bad_input", "the fake worker speaks protocol 1 and did:key only", 2)
    if scenario == "error":
        fail(job_id, "bad_input", "'0' (word 1, position 1) never occurs in base58 addresses", 2)

    q = decompress(job["split_key"]["public_key_hex"])
    words = [w.lower() for w in job["pattern"].split()]
    budget = job.get("budget", {})
    max_keys = int(budget.get("max_keys") or 0) or job.get("pull_keys") or 0
    max_seconds = float(budget.get("max_seconds") or 60)
    interval = float(job.get("progress_interval_seconds") or 1)
    resume = job.get("resume") or {}
    attempts = int(resume.get("attempts", 0))
    seconds_before = float(resume.get("seconds", 0))

    start = time.monotonic()
    last_report = start
    t = secrets.randbelow(N - 1) + 1
    base = point_add(q, point_mul(t, G))
    hits = []
    reports = 0
    reason = "budget"
    while True:
        now = time.monotonic()
        if stop_requested:
            reason = "requested"
            break
        if now - start >= max_seconds or (max_keys and attempts >= max_keys):
            break
        if scenario == "crash" and reports >= 2:
            sys.exit(3)
        if scenario == "slow":
            time.sleep(min(interval, 0.05))
        elif base is not None:
            for point, endo, negate in candidates(base, t):
                attempts += 1
                free = did_key(point)[len("did:key:zQ3sh"):].lower()
                if scenario == "lie_score" or (scenario != "budget" and all(w in free for w in words)):
                    hits.append(hit_for(point, t, endo, negate, attempts))
                    hits[-1]["words_matched"] = len(words)
                    break
            if hits:
                reason = "found"
                break
            base = point_add(base, G)
            t += 1
        if now - last_report >= interval:
            last_report = now
            reports += 1
            elapsed = seconds_before + now - start
            emit({"type": "progress", "job_id": job_id, "attempts": attempts, "seconds": elapsed,
                  "keys_per_second": attempts / elapsed if elapsed > 0 else 0,
                  "devices": [{"device": "fake worker (Python)", "keys_per_second": attempts / elapsed if elapsed > 0 else 0}]})
            if scenario == "garbage":
                sys.stdout.write("this line is not JSON\n")

    if scenario == "lie" and hits:
        hits[0]["partial"]["negate"] = not hits[0]["partial"]["negate"]
    if scenario == "lie_address" and hits:
        hits[0]["address"] = did_key(q)
    elapsed = seconds_before + time.monotonic() - start
    if scenario == "garbage":
        sys.stdout.write("{\"type\": \"progress\", \"job_id\": \n")
    emit({"type": "result", "job_id": job_id, "reason": reason, "attempts": attempts, "seconds": elapsed,
          "keys_per_second": attempts / elapsed if elapsed > 0 else 0, "hits": hits,
          "best": hits[0] if hits else None,
          "devices": [{"device": "fake worker (Python)", "keys_per_second": attempts / elapsed if elapsed > 0 else 0}]})
    sys.exit(0 if hits else 1)


if __name__ == "__main__":
    main()
