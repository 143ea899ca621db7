"""The Modal app's GPU function replaced by a direct call: each spawned job runs
vanikeys_web.run_job_with_checkpoint in a thread, with the worker named by VANIKEYS_CLI, on a
plain directory instead of a Modal Volume. Used by the FastAPI TestClient tests and by the Modal
emulator."""

import itertools
import threading

import emulator_common  # noqa: F401  (puts packaging/ on sys.path)
import vanikeys_web
import vanikeys_worker


class DirectBackend:
    def __init__(self, files, timeout_scenarios=()):
        self.files = files
        self.calls = {}
        self.lock = threading.Lock()
        self.counter = itertools.count(1)
        self.timeout_scenarios = set(timeout_scenarios)

    def spawn(self, job):
        call_id = f"fc-direct-{next(self.counter):04d}"
        stop = threading.Event()
        state = {"thread": None, "stop": stop, "outcome": "running", "detail": None}

        def body():
            try:
                vanikeys_web.run_job_with_checkpoint(job, self.files, vanikeys_worker.run_worker, stop_event=stop)
                state["outcome"] = "cancelled" if stop.is_set() else "done"
            except Exception as error:  # what Modal would report as a failed call
                state["outcome"] = "failed"
                state["detail"] = f"{type(error).__name__}: {error}"

        state["thread"] = threading.Thread(target=body, daemon=True)
        with self.lock:
            self.calls[call_id] = state
        state["thread"].start()
        return call_id

    def poll(self, call_id):
        with self.lock:
            state = self.calls.get(call_id)
        if state is None:
            return "failed", "unknown call"
        return state["outcome"], state["detail"]

    def cancel(self, call_id):
        with self.lock:
            state = self.calls.get(call_id)
        if state is not None:
            state["stop"].set()

    def refresh(self):
        pass

    def in_progress(self):
        with self.lock:
            return sum(1 for s in self.calls.values() if s["outcome"] == "running")
