#!/usr/bin/env bash
# Builds the release archive and the Python wheel of aims for one target (default: this
# machine's), as the release workflow does per target on tags, then smoke-tests both.
#
#   bash dist/package.sh [--target TRIPLE] [--no-wheel] [--no-test | --test]
#
# The smoke test runs when the target is this machine's (or with --test, for a target the
# machine runs natively, such as musl on Linux).
#
# Writes into target/dist/:
#   aims-VERSION-TARGET.tar.gz (.zip on Windows)  the binary, man pages, completions, licences
#   aims-VERSION-TARGET.tar.gz.sha256              its SHA-256, as `sha256sum` prints it
#   aims_cli-VERSION-*.whl                         the same binary as a wheel (pip, pre-commit)
set -euo pipefail
cd "$(dirname "$0")/.."
target=""
wheel=1
smoke=1
while [ $# -gt 0 ]; do
  case $1 in
    --target) target=$2; shift 2 ;;
    --no-wheel) wheel=0; shift ;;
    --no-test) smoke=0; shift ;;
    --test) smoke=2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
host=$(rustc -vV | sed -n 's/^host: //p')
target=${target:-$host}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
name="aims-$version-$target"
out="target/dist"
stage="$out/$name"
exe=""
case $target in *windows*) exe=".exe" ;; esac

echo "building aims $version for $target"
# The host build goes where a plain `cargo build --release` puts it, so it is reused.
target_dir=${CARGO_TARGET_DIR:-target}
# The `dist` profile: release plus whole-program optimisation (Cargo.toml).
profile=${AIMS_PROFILE:-dist}
if [ "$target" = "$host" ]; then
  target_args=()
  binary="$target_dir/$profile/aims$exe"
else
  target_args=(--target "$target")
  binary="$target_dir/$target/$profile/aims$exe"
fi
cargo build --profile "$profile" --locked "${target_args[@]}"

rm -rf "$stage" && mkdir -p "$stage/man" "$stage/completions"
cp "$binary" README.md LICENSE-MIT LICENSE-APACHE "$stage/"
# Pages and scripts come from the binary itself, so they match its options exactly (a binary
# this machine cannot run ships without them).
if "$binary" --version > /dev/null 2>&1; then
  "$binary" man --out "$stage/man" > /dev/null
  for shell in bash zsh fish powershell elvish; do
    "$binary" completions "$shell" > "$stage/completions/aims.$shell"
  done
fi

rm -f "$out/$name".tar.gz "$out/$name".zip "$out/$name".*.sha256
if [ -n "$exe" ]; then
  archive="$name.zip"
  (cd "$out" && 7z a -tzip "$archive" "$name" > /dev/null)
else
  archive="$name.tar.gz"
  if tar --version 2> /dev/null | grep -q GNU; then
    # Sorted names, fixed owner and times: the same binary gives the same archive.
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' \
      -C "$out" -czf "$out/$archive" "$name"
  else
    tar -C "$out" -czf "$out/$archive" "$name"
  fi
fi
if command -v sha256sum > /dev/null; then
  (cd "$out" && sha256sum "$archive" > "$archive.sha256")
else
  (cd "$out" && shasum -a 256 "$archive" > "$archive.sha256")
fi
echo "wrote $out/$archive ($(du -h "$out/$archive" | cut -f1); binary $(du -h "$binary" | cut -f1))"

if [ "$wheel" = 1 ]; then
  # maturin packs the binary as a wheel's script (bindings = "bin"), as ruff and typos ship.
  maturin=${MATURIN:-maturin}
  (cd dist/python && "$maturin" build --profile "$profile" --locked "${target_args[@]}" --out "../../$out")
  echo "wrote $(ls "$out"/aims_cli-"$version"-*.whl | tail -n 1)"
fi

if [ "$smoke" = 2 ] || { [ "$smoke" = 1 ] && [ "$target" = "$host" ]; }; then
  bash dist/smoke-test.sh "$out/$archive" "$wheel"
fi
