# Shared by run.sh and test.sh: install what the build needs, then configure and build.
# Sourced, not executed; every install step of the project lives here so that a clean clone
# (CI included) needs nothing done by hand.

VK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VK_BUILD_DIR="${VK_BUILD_DIR:-$VK_ROOT/build}"

# Debian/Ubuntu packages: compilers and build tools, the libraries the engine, cloud and app
# link, and what the tests use (Xvfb for screenshots, fonts so text renders offscreen).
VK_PACKAGES=(
    g++ cmake ninja-build pkg-config
    libsecp256k1-dev libsodium-dev libcurl4-openssl-dev nlohmann-json3-dev
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite qtkeychain-qt6-dev libgl-dev
    xvfb xauth fonts-dejavu-core
)

vk_log() { printf '\033[1m[vanikeys]\033[0m %s\n' "$*" >&2; }
vk_die() { printf '\033[1;31m[vanikeys] error:\033[0m %s\n' "$*" >&2; exit 1; }

vk_missing_packages() {
    local pkg missing=()
    for pkg in "${VK_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -gt 0 ] && printf '%s\n' "${missing[@]}"
    return 0
}

vk_install_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        vk_log "not a Debian/Ubuntu system: install the equivalents of: ${VK_PACKAGES[*]}"
        return 0
    fi
    local missing
    mapfile -t missing < <(vk_missing_packages)
    [ "${#missing[@]}" -eq 0 ] && return 0
    vk_log "installing missing packages: ${missing[*]}"
    local apt=(apt-get)
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            apt=(sudo apt-get)
        elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
            vk_log "sudo will ask for your password to install packages"
            apt=(sudo apt-get)
        else
            vk_die "these packages are missing and I cannot install them (not root, no usable sudo):
    ${missing[*]}
Ask an administrator to run: apt-get install ${missing[*]}"
        fi
    fi
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq ||
        vk_die "apt-get update failed; check the network or your apt sources"
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" ||
        vk_die "apt-get install failed for: ${missing[*]}"
}

# The cloud tests' Python: a virtual environment in .venv with the pinned packages of
# tests/cloud/emulators/requirements.txt (RunPod's SDK, modal, FastAPI, ...). Idempotent and
# quick when nothing changed: a stamp holds the requirements' checksum. Exports VK_PYTHON.
VK_VENV_DIR="${VK_VENV_DIR:-$VK_ROOT/.venv}"
vk_python_env() {
    local requirements="$VK_ROOT/tests/cloud/emulators/requirements.txt"
    local stamp="$VK_VENV_DIR/.vanikeys-requirements"
    local python="${VK_PYTHON_BASE:-python3}"
    export VK_PYTHON="$VK_VENV_DIR/bin/python"
    [ -f "$requirements" ] || return 0
    local wanted
    wanted="$("$python" --version 2>&1) $(sha256sum "$requirements" | cut -d' ' -f1)"
    if [ -x "$VK_PYTHON" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        return 0
    fi
    command -v "$python" >/dev/null 2>&1 ||
        vk_die "the cloud tests need Python 3.10 or newer ($python not found)"
    vk_log "setting up the Python environment for the cloud tests in $VK_VENV_DIR"
    rm -rf "$VK_VENV_DIR"
    "$python" -m venv "$VK_VENV_DIR" ||
        vk_die "could not create $VK_VENV_DIR (on Debian/Ubuntu: apt-get install python3-venv)"
    "$VK_PYTHON" -m pip install --quiet --disable-pip-version-check -r "$requirements" ||
        vk_die "pip install failed for $requirements; check the network or the package index"
    echo "$wanted" >"$stamp"
}

# nvcc is optional: with it, the CUDA engine is built too. On a machine without a GPU it is
# compiled for one architecture only (it cannot run there anyway), which keeps CI fast.
vk_cuda_args() {
    if [ -x /usr/local/cuda/bin/nvcc ] && ! command -v nvcc >/dev/null 2>&1; then
        export PATH="/usr/local/cuda/bin:$PATH"
    fi
    if ! command -v nvcc >/dev/null 2>&1; then
        return 0
    fi
    if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
        echo "-DCMAKE_CUDA_ARCHITECTURES=native"
    else
        echo "-DCMAKE_CUDA_ARCHITECTURES=${VK_CUDA_ARCHS_NO_GPU:-75-real}"
    fi
}

vk_build() {
    local extra=("$@")
    local cuda_args
    cuda_args=$(vk_cuda_args)
    vk_log "configuring in $VK_BUILD_DIR"
    # shellcheck disable=SC2086
    cmake -S "$VK_ROOT" -B "$VK_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        $cuda_args "${extra[@]}" >/dev/null ||
        vk_die "cmake configure failed (see the messages above)"
    vk_log "building (this takes a few minutes the first time)"
    cmake --build "$VK_BUILD_DIR" --parallel "$(nproc)" ||
        vk_die "build failed (see the messages above)"
}
