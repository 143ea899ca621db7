#!/usr/bin/env bash
# Takes the docs' screenshots of the real app window under Xvfb: the app's --screenshots tour
# pulls "GO BE AWE SOME" three times, shows its costs, grinds "GO BE SMART" for 20 s (charts with
# history), grinds "GO BE KEYS" to a verified key, shows the found keys, runs cloud searches and
# the cloud jobs list, and the settings. Uses a throw-away data folder and no keychain. With the
# cloud tests' Python (.venv, made by ./test.sh) the cloud part runs against the RunPod and Modal
# emulators of tests/cloud/emulators, which run the real worker; without it, it is skipped.
#   scripts/screenshots.sh [DIR]      (default: docs/screenshots)
set -euo pipefail
source "$(dirname "$0")/common.sh"
out="${1:-$VK_ROOT/docs/screenshots}"
data="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$data"
}
trap cleanup EXIT
mkdir -p "$out"

# Starts an emulator in the background; prints the port it listens on.
start_emulator() {
    local log="$data/$1.log"
    VANIKEYS_CLI="$VK_BUILD_DIR/cli/vanikeys-cli" "$VK_ROOT/.venv/bin/python" -u \
        "$VK_ROOT/tests/cloud/emulators/$1" "${@:2}" >"$log" 2>&1 &
    pids+=("$!")
    for _ in $(seq 100); do
        grep -q '^LISTENING ' "$log" 2>/dev/null && break
        sleep 0.1
    done
    sed -n 's/^LISTENING //p' "$log" | head -1
}

cloud=()
if [ -x "$VK_ROOT/.venv/bin/python" ] && [ -x "$VK_BUILD_DIR/cli/vanikeys-cli" ]; then
    runpod_port="$(start_emulator runpod_emulator.py --api-key rp-demo --endpoint demo)"
    modal_port="$(start_emulator modal_emulator.py --key wk-demo --secret ws-demo)"
    if [ -n "$runpod_port" ] && [ -n "$modal_port" ]; then
        export RUNPOD_API_KEY=rp-demo RUNPOD_ENDPOINT_ID=demo RUNPOD_API_BASE="http://127.0.0.1:$runpod_port/v2"
        export MODAL_URL="http://127.0.0.1:$modal_port" MODAL_KEY=wk-demo MODAL_SECRET=ws-demo
        cloud=(--cloud-env)
    fi
fi
[ "${#cloud[@]}" -gt 0 ] || vk_log "no .venv or emulator: the cloud screenshots are skipped"

VANIKEYS_DATA_DIR="$data" VANIKEYS_KEYCHAIN=file QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1400x940x24" \
    "$VK_BUILD_DIR/app/vanikeys" --pattern "GO BE AWE SOME" --threads 2 "${cloud[@]}" --screenshots "$out"
chmod 644 "$out"/*.png  # the app creates files 0600; these are for the docs
vk_log "screenshots in $out"
