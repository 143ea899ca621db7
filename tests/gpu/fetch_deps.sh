#!/usr/bin/env bash
# Run HERE (a Debian/Ubuntu machine with network) before the GPU check: downloads the Debian
# packages the offline GPU machine needs to build the engine and vanikeys-cli (libsecp256k1 and
# the nlohmann-json headers) into .deps/, which git ignores and the device tool carries
# (carry: [".deps"]). tests/gpu/check.sh unpacks them there with dpkg -x.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$root/.deps"
cd "$root/.deps"
packages=(libsecp256k1-1 libsecp256k1-dev nlohmann-json3-dev)
if ! apt-get download "${packages[@]}"; then
    echo "apt-get download failed; run 'apt-get update' first (as root) and try again" >&2
    exit 1
fi
ls -l "$root/.deps"
