"""The VaniKeys Modal app: a GPU function that runs `vanikeys-cli worker`, checkpointing its
count to a Modal Volume, and a web endpoint (FastAPI, Modal proxy auth) to submit, watch and
cancel jobs. Deploy with `modal deploy packaging/modal/app.py` (docs/CLOUD.md walks through it).

The image builds vanikeys-cli with CUDA from this source tree. GPU type, timeout and retries
can be set with the environment variables below at deploy time.
"""

import os
import pathlib
import threading

import modal

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
APP_NAME = os.environ.get("VANIKEYS_MODAL_APP", "vanikeys")
GPU = os.environ.get("VANIKEYS_MODAL_GPU", "L40S")
TIMEOUT_SECONDS = int(os.environ.get("VANIKEYS_MODAL_TIMEOUT", str(24 * 3600)))
STATE_DIR = "/state"

app = modal.App(APP_NAME)
volume = modal.Volume.from_name(f"{APP_NAME}-state", create_if_missing=True)

# CUDA devel image: the worker is compiled in the image for the cards Modal rents
# (Ampere sm_86, Ada sm_89, Hopper sm_90). Ubuntu 24.04 for libsecp256k1 >= 0.2.
worker_image = (
    modal.Image.from_registry("nvidia/cuda:12.6.3-devel-ubuntu24.04", add_python="3.11")
    .apt_install("g++", "cmake", "ninja-build", "pkg-config", "libsecp256k1-dev", "libsodium-dev",
                 "nlohmann-json3-dev", "libcurl4-openssl-dev")
    .pip_install("fastapi==0.163.2")
    .add_local_dir(str(REPO), "/src", copy=True,
                   ignore=["build*", ".venv", ".git", "**/__pycache__"])
    .run_commands(
        "cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DVANIKEYS_WITH_GUI=OFF "
        "-DVANIKEYS_WITH_TESTS=OFF -DVANIKEYS_WITH_CLOUD=ON -DVANIKEYS_WITH_CUDA=ON "
        "-DCMAKE_CUDA_ARCHITECTURES='86-real;89-real;90-real' && cmake --build /build --target vanikeys-cli",
        "install -m 0755 /build/cli/vanikeys-cli /usr/local/bin/vanikeys-cli",
    )
    .env({"VANIKEYS_CLI": "/usr/local/bin/vanikeys-cli", "PYTHONPATH": "/src/packaging/common:/src/packaging/modal"})
)
web_image = (
    modal.Image.debian_slim(python_version="3.11")
    .pip_install("fastapi==0.163.2")
    .add_local_file(str(HERE / "vanikeys_web.py"), "/root/vanikeys_web.py")
)


@app.function(image=worker_image, gpu=GPU, timeout=TIMEOUT_SECONDS, volumes={STATE_DIR: volume},
              retries=modal.Retries(max_retries=3, backoff_coefficient=2.0, initial_delay=5.0))
def run_job(job: dict):
    import vanikeys_web
    import vanikeys_worker

    files = vanikeys_web.JobFiles(STATE_DIR)
    return vanikeys_web.run_job_with_checkpoint(job, files, vanikeys_worker.run_worker, commit=volume.commit)


class ModalBackend:
    """The web layer's view of the GPU function: spawn, poll, cancel, and Volume reloads."""

    def __init__(self, function):
        self.function = function
        self._lock = threading.Lock()

    def spawn(self, job):
        return self.function.spawn(job).object_id

    def poll(self, call_id):
        call = modal.FunctionCall.from_id(call_id)
        try:
            call.get(timeout=0)
            return "done", None
        except TimeoutError:
            return "running", None
        except modal.exception.FunctionTimeoutError as error:
            return "timed_out", str(error)
        except modal.exception.InputCancellation as error:
            return "cancelled", str(error)
        except Exception as error:  # the function raised, or its output expired
            return "failed", f"{type(error).__name__}: {error}"

    def cancel(self, call_id):
        modal.FunctionCall.from_id(call_id).cancel()

    def refresh(self):
        with self._lock:
            volume.reload()


@app.function(image=web_image, volumes={STATE_DIR: volume})
@modal.asgi_app(requires_proxy_auth=True)
def web():
    import vanikeys_web

    return vanikeys_web.create_web_app(ModalBackend(run_job), vanikeys_web.JobFiles(STATE_DIR))
