#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after another, seeded from
# examples/ and tests/fixtures/. Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# Usage: bash fuzz/run.sh [SECONDS] [TARGET...]
# Crashes, hangs and out-of-memory inputs land in fuzz/artifacts/TARGET/; the log of each run
# (execs, coverage) in fuzz/logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-1800}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(yaml front_matter config repository)
fi
root=..
seed() {
  local target=$1
  local dir=corpus/$target
  mkdir -p "$dir"
  case $target in
    yaml)
      find "$root/examples" "$root/tests/fixtures" -name '*.yaml' -o -name '*.yml' | while read -r f; do
        cp "$f" "$dir/seed-$(sha256sum "$f" | cut -c1-16)"
      done ;;
    front_matter)
      find "$root/examples" "$root/tests/fixtures" -name '*.md' | while read -r f; do
        cp "$f" "$dir/seed-$(sha256sum "$f" | cut -c1-16)"
      done ;;
    config)
      find "$root/examples" "$root/tests/fixtures" -name 'aims.toml' | while read -r f; do
        cp "$f" "$dir/seed-$(sha256sum "$f" | cut -c1-16)"
      done ;;
    repository)
      # The first byte picks the file name: 0 = fuzzed.yaml, 1 = fuzzed.md.
      find "$root/examples" "$root/tests/fixtures" -name '*.yaml' -size -64k | while read -r f; do
        { printf '\x00'; cat "$f"; } > "$dir/seed-$(sha256sum "$f" | cut -c1-16)"
      done
      find "$root/examples" "$root/tests/fixtures" -name '*.md' -size -64k | while read -r f; do
        { printf '\x01'; cat "$f"; } > "$dir/seed-$(sha256sum "$f" | cut -c1-16)"
      done ;;
  esac
}
mkdir -p logs
# Built once, then the binaries run directly: editing the crate meanwhile does not rebuild them.
cargo +nightly fuzz build -O
bin=${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release
for target in "${targets[@]}"; do
  seed "$target"
  mkdir -p "artifacts/$target"
  echo "fuzzing $target for ${seconds}s"
  # 2 GiB per process and 10 s per input: a bigger or slower run is a finding.
  "$bin/$target" "corpus/$target" -artifact_prefix="artifacts/$target/" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -print_final_stats=1 > "logs/$target.log" 2>&1 || true
  grep -a -E '^(#[0-9]+ +DONE|==[0-9]+== ERROR|SUMMARY|stat::)' "logs/$target.log" || true
  if ls "artifacts/$target"/* > /dev/null 2>&1; then
    echo "$target: findings in fuzz/artifacts/$target/"
  fi
done
