#!/usr/bin/env bash
# Installs what is missing, builds, and starts VaniKeys.
#   ./run.sh            the desktop app
#   ./run.sh cli ARGS   vanikeys-cli ARGS (for example: ./run.sh cli estimate --help)
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"

vk_install_packages
vk_build

if [ "${1:-}" = "cli" ]; then
    shift
    exec "$VK_BUILD_DIR/cli/vanikeys-cli" "$@"
fi
if [ -x "$VK_BUILD_DIR/app/vanikeys" ]; then
    exec "$VK_BUILD_DIR/app/vanikeys" "$@"
fi
# Until the desktop app exists, show what the command line can do.
exec "$VK_BUILD_DIR/cli/vanikeys-cli" --help
