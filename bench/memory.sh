#!/usr/bin/env bash
# The two memory targets for untrusted scale (issue: trust under hostile input):
#   `aims check` of 100,000 records under 300 MB, and the PDF pack of 10,000 records under 1 GiB.
# Generates the repositories with bench/gen.py once, builds the release binary (with the PDF
# feature), and prints wall seconds and peak resident memory of each, best of three.
# Usage: bash bench/memory.sh [CHECK_RECORDS PDF_RECORDS]   (default 100000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
check_n=${1:-100000}
pdf_n=${2:-10000}
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/aims"
work="${TMPDIR:-/tmp}/aims-bench"
for n in "$check_n" "$pdf_n"; do
  if [ ! -f "$work/$n/aims.toml" ]; then
    rm -rf "$work/$n"
    python3 bench/gen.py "$n" "$work/$n"
  fi
done
best() {
  local best="" peak=""
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > /dev/null 2>&1 || true
    read -r secs kib < <(tail -n 1 "$work/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($kib < $peak)}"; then best=$secs; peak=$kib; fi
  done
  echo "$best $((peak / 1024))"
}
read -r secs mib < <(best "$bin" check "$work/$check_n" --as-of 2026-11-23 --format json)
printf 'check, %s records:      %6ss  %5s MiB  (target: 300 MB)\n' "$check_n" "$secs" "$mib"
rm -rf "$work/pack-out"
read -r secs mib < <(best "$bin" pack "$work/$pdf_n" --as-of 2026-11-23 --format pdf --out "$work/pack-out")
printf 'pack --format pdf, %s records: %6ss  %5s MiB  (target: 1024 MiB)\n' "$pdf_n" "$secs" "$mib"
