#!/usr/bin/env bash
# The GPU check, for a machine with an NVIDIA GPU, the CUDA toolkit, CMake, ninja and python3
# but no network, Qt, libsecp256k1, libcurl, nlohmann-json or pkg-config. It
#   1. unpacks the Debian packages in .deps/ (tests/gpu/fetch_deps.sh fetched them) into a
#      private prefix with dpkg -x,
#   2. configures and builds the engine and vanikeys-cli for this GPU (native architecture),
#   3. runs `vanikeys-cli selftest --engine cuda`,
#   4. benches every format with a prefix and a sequence pattern (VK_BENCH_SECONDS, default 10),
#   5. profiles one search launch with ncu when it is installed,
#   6. writes logs and summary.json to $OUT (or out/gpu-check): 7 files, no sub-folders.
# Every step runs even if an earlier one failed (the summary says which); the exit status is 0
# only if the build, the selftest and every bench succeeded.
# Knobs: VK_CUDA_ARCH (default native), VK_BUILD_DIR (default build-gpu), VK_JOBS (default
# nproc), VK_BENCH_SECONDS, VK_CMAKE_ARGS (more configure arguments), VK_EXPECT_NO_GPU=1 (a
# machine without a GPU: the CUDA steps must then fail cleanly with exit 3, which counts as
# success; for testing this script).
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="${OUT:-$root/out/gpu-check}"
mkdir -p "$out"
build="${VK_BUILD_DIR:-$root/build-gpu}"
arch="${VK_CUDA_ARCH:-native}"
jobs="${VK_JOBS:-$(nproc)}"
bench_seconds="${VK_BENCH_SECONDS:-10}"
expect_no_gpu="${VK_EXPECT_NO_GPU:-0}"
prefix="${VK_DEPS_PREFIX:-/tmp/vanikeys-deps}"
cli="$build/cli/vanikeys-cli"
started=$(date +%s)
status_file="$out/steps.tsv"  # step, exit status, seconds (folded into summary.json at the end)
: >"$status_file"

log() { printf '[gpu-check] %s\n' "$*" | tee -a "$out/check.log" >&2; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$status_file"; }
if [ -x /usr/local/cuda/bin/nvcc ]; then export PATH="/usr/local/cuda/bin:$PATH"; fi
: >"$out/check.log"

# 1. Dependencies from .deps/ (dpkg -x, or ar + tar where dpkg is missing).
t0=$(date +%s)
rm -rf "$prefix" && mkdir -p "$prefix"
deps_ok=0
for deb in "$root"/.deps/*.deb; do
    [ -e "$deb" ] || { log "no .deb files in .deps/: run tests/gpu/fetch_deps.sh before the device run"; deps_ok=1; break; }
    if command -v dpkg >/dev/null 2>&1; then
        dpkg -x "$deb" "$prefix" || deps_ok=1
    else
        (cd "$prefix" && ar p "$deb" "$(ar t "$deb" | grep '^data.tar')" | tar -x -J -f - 2>/dev/null ||
            ar p "$deb" "$(ar t "$deb" | grep '^data.tar')" | tar -x -f -) || deps_ok=1
    fi
done
record deps "$deps_ok" $(( $(date +%s) - t0 ))
secp_lib=$(find "$prefix" -name 'libsecp256k1.a' | head -n 1)
json_dir=$(dirname "$(find "$prefix" -name 'nlohmann_jsonConfig.cmake' | head -n 1)")

# 2. Configure and build (only what the check runs), ptxas's register report in the log.
t0=$(date +%s)
{
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DVANIKEYS_WITH_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="$arch" \
        -DVANIKEYS_WITH_GUI=OFF -DVANIKEYS_WITH_CLOUD=OFF -DVANIKEYS_WITH_TESTS=OFF \
        -DCMAKE_PREFIX_PATH="$prefix/usr" \
        -DVANIKEYS_SECP256K1_INCLUDE_DIR="$prefix/usr/include" \
        -DVANIKEYS_SECP256K1_LIBRARY="$secp_lib" \
        -Dnlohmann_json_DIR="$json_dir" ${VK_CMAKE_ARGS:-} &&
        cmake --build "$build" --parallel "$jobs" --target vanikeys-cli
} >"$out/build.log" 2>&1
build_status=$?
record build "$build_status" $(( $(date +%s) - t0 ))
log "build: exit $build_status in $(( $(date +%s) - t0 )) s (log: build.log)"

# What runs on the device, for the record.
{
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1 || true
    nvcc --version 2>&1 | tail -n 2 || true
} >"$out/device.log"

# 3. selftest: every format against libsecp256k1 and the reference scorer.
t0=$(date +%s)
if [ "$build_status" -eq 0 ]; then
    "$cli" selftest --engine cuda --json >"$out/selftest.json" 2>>"$out/check.log"
    selftest_status=$?
else
    selftest_status=127
fi
record selftest "$selftest_status" $(( $(date +%s) - t0 ))
log "selftest: exit $selftest_status"

# 4. bench: each format with a prefix and a sequence pattern.
benches=(
    "didkey sequence GO BE AWE SOME"
    "didkey prefix   Satoshi2"
    "p2pkh  prefix   Satoshi2"
    "p2pkh  sequence GO BE AWE SOME"
    "eth    prefix   c0ffee00"
    "eth    sequence dead beef"
    "npub   prefix   2sats4u0"
    "npub   sequence zap me 2"
)
: >"$out/bench.jsonl"
bench_failures=0
for line in "${benches[@]}"; do
    read -r format mode pattern <<<"$line"
    if [ "$build_status" -eq 0 ]; then
        "$cli" bench --engine cuda --format "$format" --mode "$mode" --pattern "$pattern" \
            --seconds "$bench_seconds" --json >>"$out/bench.jsonl" 2>>"$out/check.log"
        s=$?
    else
        s=127
    fi
    record "bench $format $mode" "$s" 0
    [ "$s" -eq 0 ] || bench_failures=$((bench_failures + 1))
    log "bench $format $mode \"$pattern\": exit $s"
done

# 5. One launch under Nsight Compute: occupancy, registers, throughput, memory.
if command -v ncu >/dev/null 2>&1 && [ "$build_status" -eq 0 ] && [ "$selftest_status" -eq 0 ]; then
    t0=$(date +%s)
    VANIKEYS_CUDA_LAUNCH_MS=20 timeout 120 ncu --kernel-name regex:search_kernel --launch-skip 2 --launch-count 1 \
        --section SpeedOfLight --section Occupancy --section LaunchStats --section ComputeWorkloadAnalysis \
        --section MemoryWorkloadAnalysis --section SchedulerStats --section WarpStateStats \
        "$cli" bench --engine cuda --format didkey --pattern "GO BE AWE SOME" --seconds 3 >"$out/ncu.log" 2>&1
    record ncu $? $(( $(date +%s) - t0 ))
else
    echo "ncu not run (not installed, or the build or selftest failed)" >"$out/ncu.log"
fi

# 6. The summary.
python3 - "$out" "$expect_no_gpu" "$(( $(date +%s) - started ))" <<'PY'
import json, sys, pathlib
out, expect_no_gpu, total = pathlib.Path(sys.argv[1]), sys.argv[2] == "1", int(sys.argv[3])
steps = []
for line in (out / "steps.tsv").read_text().splitlines():
    name, status, seconds = line.split("\t")
    steps.append({"step": name, "exit": int(status), "seconds": int(seconds)})
def load(name):
    try:
        text = (out / name).read_text().strip()
        return [json.loads(l) for l in text.splitlines() if l.strip()]
    except (OSError, ValueError):
        return []
selftest = load("selftest.json")
benches = [b for b in load("bench.jsonl") if "keys_per_second" in b]
targets = {("didkey", "sequence"): 8e9, ("p2pkh", "prefix"): 6e9, ("eth", "prefix"): 2.5e9, ("npub", "prefix"): 8e9}
results = []
for b in benches:
    key = (b.get("format"), b.get("mode"))
    r = {k: b.get(k) for k in ("format", "mode", "pattern", "keys_per_second", "keys", "seconds", "device", "devices")}
    if key in targets:
        r["target_keys_per_second"] = targets[key]
        r["meets_target"] = b["keys_per_second"] >= targets[key]
    results.append(r)
build = next((s for s in steps if s["step"] == "build"), {"exit": 1})
cuda_steps = [s for s in steps if s["step"] == "selftest" or s["step"].startswith("bench")]
if expect_no_gpu:
    ok = build["exit"] == 0 and all(s["exit"] == 3 for s in cuda_steps)
else:
    ok = all(s["exit"] == 0 for s in steps if s["step"] != "ncu")
summary = {"ok": ok, "expect_no_gpu": expect_no_gpu, "seconds": total, "steps": steps,
           "device": (out / "device.log").read_text().strip().splitlines() if (out / "device.log").exists() else [],
           "selftest": selftest[0] if selftest else None, "bench": results}
(out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
print(json.dumps({"ok": ok, "bench": [(r["format"], r["mode"], r["keys_per_second"]) for r in results]}))
sys.exit(0 if ok else 1)
PY
final=$?
rm -f "$status_file"
log "done in $(( $(date +%s) - started )) s: $( [ $final -eq 0 ] && echo passed || echo FAILED ) (summary.json)"
exit $final
