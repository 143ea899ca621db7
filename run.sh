#!/usr/bin/env bash
# Installs what is missing, builds, and starts VaniKeys.
#   ./run.sh            the desktop app (needs a display; see below)
#   ./run.sh cli ARGS   vanikeys-cli ARGS (for example: ./run.sh cli estimate --help)
#   ./run.sh screenshots [DIR]   the app's screenshot tour under Xvfb (default docs/screenshots)
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"

vk_install_packages
vk_build

if [ "${1:-}" = "cli" ]; then
    shift
    exec "$VK_BUILD_DIR/cli/vanikeys-cli" "$@"
fi
if [ "${1:-}" = "screenshots" ]; then
    shift
    exec "$VK_ROOT/scripts/screenshots.sh" "$@"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
    vk_log "no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the desktop app cannot open a window."
    vk_log "Use the command line instead:     ./run.sh cli --help"
    vk_log "or run the app on a virtual display: xvfb-run -a ./run.sh"
    exit 1
fi
exec "$VK_BUILD_DIR/app/vanikeys" "$@"
