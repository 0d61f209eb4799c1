#!/usr/bin/env bash
# Generates synthetic AIMS repositories and measures `aims check` on them: wall time, files per
# second and peak memory (whole process, warm cache: one untimed run first, then best of 3).
# Usage: bash bench/run.sh [N ...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/aims"
work="${TMPDIR:-/tmp}/aims-bench"
sizes=("${@:-1000 10000 100000}")
[ $# -gt 0 ] || sizes=(1000 10000 100000)
printf '%-8s %-8s %-8s %-10s %-12s %-10s\n' records files seconds files/s peak-MiB exit
for n in "${sizes[@]}"; do
  dir="$work/$n"
  if [ ! -f "$dir/aims.toml" ]; then
    rm -rf "$dir"
    python3 bench/gen.py "$n" "$dir"
  fi
  "$bin" check "$dir" --as-of 2026-11-23 --format json > /dev/null || true
  best=""
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$bin" check "$dir" --as-of 2026-11-23 --format json > "$work/out.json" && code=0 || code=$?
    read -r secs kib < <(tail -n 1 "$work/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; peak=$kib; fi
  done
  files=$(python3 -c "import json;print(json.load(open('$work/out.json'))['summary']['files'])")
  records=$(python3 -c "import json;print(json.load(open('$work/out.json'))['summary']['records'])")
  rate=$(awk "BEGIN{printf \"%.0f\", $files / ($best > 0 ? $best : 0.001)}")
  printf '%-8s %-8s %-8s %-10s %-12s %-10s\n' "$records" "$files" "$best" "$rate" "$((peak / 1024))" "$code"
done
