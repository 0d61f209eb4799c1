#!/usr/bin/env bash
# The GitHub Action's install step: downloads the aims release archive for this runner's OS and
# architecture, verifies its SHA-256 against the published checksum, and puts `aims` on PATH.
# It never compiles.
#
# Environment: AIMS_VERSION (`0.2.0`, `v0.2.0` or empty: the version in the action's own
# Cargo.toml, so `@v0.2.0` gets 0.2.0 and `@main` the version main is at), AIMS_REPOSITORY
# (owner/name, default aims-governance/aims), RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH;
# AIMS_DOWNLOAD_BASE replaces https://github.com (a mirror, or a local server in a test).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${AIMS_VERSION:-}
version=${version#v}
if [ -z "$version" ]; then
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/../Cargo.toml" | head -n 1)
fi
repository=${AIMS_REPOSITORY:-aims-governance/aims}
case "${RUNNER_OS:-Linux}/${RUNNER_ARCH:-X64}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *)
    echo "::error title=aims::no aims release for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}; use the pre-commit hook aims-check-src or cargo install"
    exit 1 ;;
esac
archive="aims-$version-$target.tar.gz"
case $target in *windows*) archive="aims-$version-$target.zip" ;; esac
url="${AIMS_DOWNLOAD_BASE:-https://github.com}/$repository/releases/download/v$version/$archive"
dir="${RUNNER_TEMP:-/tmp}/aims-$version"
mkdir -p "$dir"
cd "$dir"
echo "downloading $url"
curl --fail --silent --show-error --location --retry 3 -o "$archive" "$url"
curl --fail --silent --show-error --location --retry 3 -o "$archive.sha256" "$url.sha256"
expected=$(cut -d ' ' -f 1 < "$archive.sha256")
if command -v sha256sum > /dev/null; then
  actual=$(sha256sum "$archive" | cut -d ' ' -f 1)
else
  actual=$(shasum -a 256 "$archive" | cut -d ' ' -f 1)
fi
if [ "$expected" != "$actual" ]; then
  echo "::error title=aims::$archive has SHA-256 $actual, but the release says $expected; not installed"
  exit 1
fi
case $archive in
  *.zip) unzip -q -o "$archive" ;;
  *) tar -xzf "$archive" ;;
esac
echo "$dir/aims-$version-$target" >> "${GITHUB_PATH:-/dev/null}"
"$dir/aims-$version-$target/aims" --version
