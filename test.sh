#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest; fails on any failure.
#   ./test.sh               everything
#   ./test.sh -R pattern    only tests whose name matches (passed on to ctest)
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"

start=$(date +%s)
vk_install_packages
vk_python_env
vk_build
vk_log "running tests"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$VK_BUILD_DIR" --output-on-failure --timeout 900 -j "$(nproc)" "$@"
vk_log "all tests passed in $(( $(date +%s) - start )) s (setup, build and tests)"
