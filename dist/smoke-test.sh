#!/usr/bin/env bash
# Unpacks a release archive into an empty folder and runs the binary with nothing else on PATH
# against the shipped example; then installs the wheel into a fresh virtual environment (no
# index, so nothing can be fetched or compiled) and runs that `aims` too.
#
#   bash dist/smoke-test.sh target/dist/aims-VERSION-TARGET.tar.gz [1|0 (test the wheel)]
set -euo pipefail
cd "$(dirname "$0")/.."
archive=$(realpath "$1")
test_wheel=${2:-1}
example=$(realpath examples/acme-lending)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/unpacked"
case $archive in
  *.zip) (cd "$work/unpacked" && 7z x "$archive" > /dev/null) ;;
  *) tar -xzf "$archive" -C "$work/unpacked" ;;
esac
if command -v sha256sum > /dev/null; then
  (cd "$(dirname "$archive")" && sha256sum --check --quiet "$(basename "$archive").sha256")
else
  (cd "$(dirname "$archive")" && shasum -a 256 --check --quiet "$(basename "$archive").sha256")
fi
bin=$(echo "$work"/unpacked/aims-*/)
# Only the unpacked folder on PATH, no HOME, no cargo: what a fresh machine has.
run() { env -i PATH="$bin" HOME="$work" "$@"; }
run aims --version
run aims check "$example" --as-of 2026-12-02 > "$work/check.txt" \
  || { cat "$work/check.txt"; echo "FAIL: aims check from the archive"; exit 1; }
tail -n 1 "$work/check.txt"
run aims pack "$example" --as-of 2026-12-02 --out "$work/pack" > /dev/null
ls "$work/pack" | grep -q '^pack.pdf$' || { echo "FAIL: no pack.pdf"; exit 1; }
echo "archive: aims check and aims pack (PDF included) work with nothing else on PATH"

if [ "$test_wheel" = 1 ]; then
  wheel=$(ls "$(dirname "$archive")"/aims_cli-*.whl | tail -n 1)
  python3 -m venv "$work/venv"
  start=$(date +%s.%N)
  "$work/venv/bin/pip" install --quiet --no-index --disable-pip-version-check "$wheel"
  end=$(date +%s.%N)
  "$work/venv/bin/aims" check "$example" --as-of 2026-12-02 > "$work/wheel.txt" \
    || { cat "$work/wheel.txt"; echo "FAIL: aims check from the wheel"; exit 1; }
  awk -v s="$start" -v e="$end" 'BEGIN { printf "wheel: pip install took %.1f s; aims check works\n", e - s }'
fi
