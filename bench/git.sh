#!/usr/bin/env bash
# History benchmark (issue: facts for 5,000 files and 20,000 commits in under 2 s).
# Generates the repository once, then times `aims log owner` (which loads the AIMS and reads
# every git fact: HEAD, status of the working tree, one first-parent walk with a tree diff per
# commit, diffs spread over the cores) against the same files outside git, so the difference
# is the git work.
# Usage: bash bench/git.sh [FILES COMMITS]
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-5000}
commits=${2:-20000}
cargo build --release --quiet
bin="$PWD/target/release/aims"
work="${TMPDIR:-/tmp}/aims-bench-git/$files-$commits"
plain="$work-plain"
if [ ! -d "$work/.git" ]; then
  rm -rf "$work" "$plain"
  python3 bench/gen_git.py "$files" "$commits" "$work"
fi
if [ ! -d "$plain" ]; then
  mkdir -p "$plain"
  git -C "$work" archive HEAD | tar -x -C "$plain"
fi
best() {
  local best=""
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%e %M' -o /tmp/aims-git-time.txt "$@" > /dev/null 2>&1 || true
    read -r secs kib < <(tail -n 1 /tmp/aims-git-time.txt)
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; peak=$kib; fi
  done
  echo "$best $((peak / 1024))"
}
"$bin" log owner "$work" > /dev/null   # warm the cache
read -r with_git mib_git < <(best "$bin" log owner "$work")
read -r without_git mib_plain < <(best "$bin" log owner "$plain")
echo "files=$files commits=$commits"
echo "aims log with git facts:    ${with_git}s  ${mib_git} MiB"
echo "same files, git not found:  ${without_git}s  ${mib_plain} MiB"
awk "BEGIN{printf \"git facts cost about %.2fs\n\", $with_git - $without_git}"
