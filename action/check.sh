#!/usr/bin/env bash
# The GitHub Action's check step, also runnable locally:
#
#   AIMS_PATH=. GITHUB_STEP_SUMMARY=/tmp/summary.md bash action/check.sh
#
# Runs `aims check` once per report (annotations in AIMS_FORMAT on stdout; SARIF and JUnit
# when asked), writes every finding to $GITHUB_STEP_SUMMARY, says when the runner's cap of 10
# annotations per level hides some, and sets the `exit-code` output. It exits 0 itself: the
# action's last step fails the job, after the SARIF upload has run.
#
# Environment: AIMS_PATH (default .), AIMS_FORMAT (default github), AIMS_ARGS (extra check
# arguments), AIMS_SARIF (a path to write SARIF to, or empty), AIMS_JUNIT (likewise JUnit),
# AIMS (the binary, default `aims` on PATH).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
aims=${AIMS:-aims}
path=${AIMS_PATH:-.}
format=${AIMS_FORMAT:-github}
read -r -a extra <<< "${AIMS_ARGS:-}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$aims" check "$path" --format "$format" "${extra[@]}"
code=$?
if [ -n "${AIMS_SARIF:-}" ]; then
  "$aims" check "$path" --format sarif "${extra[@]}" > "$AIMS_SARIF"
fi
if [ -n "${AIMS_JUNIT:-}" ]; then
  "$aims" check "$path" --format junit "${extra[@]}" > "$AIMS_JUNIT"
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"

python=$(command -v python3 || command -v python || true)
if [ "$code" -le 1 ] && "$aims" check "$path" --format json "${extra[@]}" > "$work/aims.json" 2> /dev/null; then :; fi
if [ "$code" -le 1 ] && [ -s "$work/aims.json" ] && [ -n "$python" ]; then
  # The AIMS root (the nearest folder with aims.toml) inside the repository, so summary paths
  # read as the annotations and SARIF do.
  root=$(cd "$path" 2> /dev/null && pwd)
  while [ -n "$root" ] && [ ! -f "$root/aims.toml" ] && [ "$root" != / ]; do root=$(dirname "$root"); done
  prefix=$(git -C "$root" rev-parse --show-prefix 2> /dev/null || true)
  counts=$("$python" -c 'import json,sys
d=json.load(open(sys.argv[1]))
c=[f for f in d["findings"] if not f.get("waived") and f.get("baseline")!="existing"]
print(sum(f["severity"]=="error" for f in c), sum(f["severity"]=="warning" for f in c))' "$work/aims.json")
  read -r errors warnings <<< "$counts"
  if [ "$format" = github ] && { [ "$errors" -gt 10 ] || [ "$warnings" -gt 10 ]; }; then
    echo "::notice title=aims check::$errors errors and $warnings warnings, but GitHub shows at most 10 annotations of each level per step: every finding is in the job summary"
  fi
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    "$python" "$here/summary.py" "$work/aims.json" "$prefix" >> "$GITHUB_STEP_SUMMARY"
  fi
elif [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "## aims check could not run (exit $code)"
    echo
    echo '```'
    "$aims" check "$path" --format human --color never "${extra[@]}" 2>&1 | head -n 200
    echo '```'
  } >> "$GITHUB_STEP_SUMMARY"
fi
exit 0
