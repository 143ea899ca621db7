#!/usr/bin/env bash
# Measures the CPU engine with `vanikeys-cli bench` for every format, 1 and 2 threads, and
# prints a Markdown table for docs/BENCHMARKS.md. Run on an otherwise idle machine:
#   tests/bench/cpu_bench.sh [SECONDS]        (default 10 s per measurement)
set -euo pipefail
cli="$(dirname "$0")/../../build/cli/vanikeys-cli"
seconds="${1:-10}"
[ -x "$cli" ] || { echo "build first (./run.sh cli --help)" >&2; exit 2; }

# format | mode | pattern (the p2pkh 8-character prefix and the did:key sequence are the targets)
cases=(
    "didkey|sequence|GO BE AWE SOME"
    "didkey|prefix|ZEN42abc"
    "p2pkh|prefix|BitcoinZ"
    "p2pkh|sequence|GO BE AWE SOME"
    "eth|prefix|c0ffee42"
    "eth|sequence|c0 ff ee"
    "npub|prefix|n0str42z"
    "npub|sequence|g0 8e awe s0me"
)
echo "| format | mode | pattern | 1 thread | 2 threads | scaling |"
echo "|---|---|---|---|---|---|"
for c in "${cases[@]}"; do
    IFS='|' read -r format mode pattern <<<"$c"
    rate() {
        "$cli" bench --engine cpu --format "$format" --mode "$mode" --pattern "$pattern" \
            --threads "$1" --seconds "$seconds" --json 2>/dev/null |
            python3 -c 'import json,sys; print(json.load(sys.stdin)["keys_per_second"])'
    }
    one=$(rate 1)
    two=$(rate 2)
    python3 - "$format" "$mode" "$pattern" "$one" "$two" <<'PY'
import sys
f, m, p, one, two = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
print(f"| {f} | {m} | `{p}` | {one/1e6:.2f} M/s | {two/1e6:.2f} M/s | {two/one:.2f}x |")
PY
done
