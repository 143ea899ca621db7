"""RunPod Serverless handler for VaniKeys: runs `vanikeys-cli worker` on one job and streams
its progress lines; the last item it yields is the worker's result.

Started by the container (see Dockerfile) as `python -u handler.py`. Locally:
  python handler.py --test_input '{"input": {...job...}}'     one job, then exit
  python handler.py --rp_serve_api --rp_api_port 8000         RunPod's local test server
VANIKEYS_CLI names the worker program (default `vanikeys-cli`).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# In the image vanikeys_worker.py sits next to this file; in the source tree in ../common.
sys.path[:0] = [HERE, os.path.join(HERE, "..", "common")]

import runpod  # noqa: E402
import vanikeys_worker  # noqa: E402


def handler(job):
    """A streaming handler: every progress line is one stream item, the result the last one.

    A worker error becomes {"error": "..."}, which makes RunPod mark the job FAILED with that
    text (the SDK turns a yielded dict with "error" into the job's error).
    """
    for message in vanikeys_worker.run_worker(job.get("input")):
        if message["type"] == "error":
            yield {"error": f"{message['code']}: {message['message']}"}
            return
        yield message


def run_to_completion(job):
    """The same handler, collected: RunPod's --test_input mode (runpod 1.12, rp_local.run_local
    → rp_job.run_job) calls the handler once and does not iterate a generator, so for that mode
    we hand it this wrapper, which returns the list that the hosted API aggregates."""
    items = []
    for item in handler(job):
        if "error" in item:
            return {"error": item["error"]}
        items.append(item)
    return items


if __name__ == "__main__":
    local_test = any(arg == "--test_input" or arg.startswith("--test_input=") for arg in sys.argv)
    runpod.serverless.start({
        "handler": run_to_completion if local_test else handler,
        "return_aggregate_stream": True,
    })
