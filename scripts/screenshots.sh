#!/usr/bin/env bash
# Takes the docs' screenshots of the real app window under Xvfb: the app's --screenshots tour
# types "GO BE", pulls twice, grinds (charts moving), grinds "GOB" to a verified key, and shows
# the found keys, the costs and the settings. Uses a throw-away data folder and no keychain.
#   scripts/screenshots.sh [DIR]      (default: docs/screenshots)
set -euo pipefail
source "$(dirname "$0")/common.sh"
out="${1:-$VK_ROOT/docs/screenshots}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
mkdir -p "$out"
VANIKEYS_DATA_DIR="$data" VANIKEYS_KEYCHAIN=file QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1400x940x24" \
    "$VK_BUILD_DIR/app/vanikeys" --pattern "GO BE" --threads 2 --screenshots "$out"
chmod 644 "$out"/*.png  # the app creates files 0600; these are for the docs
vk_log "screenshots in $out"
