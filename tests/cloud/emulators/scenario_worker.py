#!/usr/bin/env python3
"""The worker program the emulators start for every job: the real `vanikeys-cli worker`
(VANIKEYS_REAL_CLI), unless the test gave that job a misbehaviour that only the fake worker can
act out (lying, crashing, writing garbage, stalling): a scenario file named after the job id in
VANIKEYS_FAKE_SCENARIO_DIR. Either program is exec'd in place of this one, with the job on its
stdin, so it gets signals (a cancel's SIGTERM) directly.
"""

import json
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    text = sys.stdin.read()
    try:
        job = json.loads(text)
        job_id = str(job.get("job_id", "")) if isinstance(job, dict) else ""
    except ValueError:
        job_id = ""
    scenario_dir = os.environ.get("VANIKEYS_FAKE_SCENARIO_DIR", "")
    if scenario_dir and job_id and os.path.isfile(os.path.join(scenario_dir, job_id)):
        argv = [sys.executable, os.path.join(HERE, "fake_worker.py")]
    else:
        argv = shlex.split(os.environ["VANIKEYS_REAL_CLI"]) + ["worker"]
    read_end, write_end = os.pipe()
    os.write(write_end, text.encode())  # a job is far smaller than a pipe's buffer
    os.close(write_end)
    os.dup2(read_end, 0)
    os.close(read_end)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
