"""pytest setup for the cloud packaging tests: packaging/ on sys.path and a worker to run."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import emulator_common  # noqa: E402,F401  (adds packaging/common, runpod, modal to sys.path)

os.environ.setdefault("VANIKEYS_CLI", emulator_common.default_worker_command())
