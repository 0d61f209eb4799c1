#!/usr/bin/env bash
# Hostile single files: each in a small repository beside three ordinary records, checked by the
# release binary; prints wall seconds, peak memory and the findings the file produced.
# Usage: bash bench/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# `check` never touches the PDF code: build without it, much faster from cold.
cargo build --release --quiet --no-default-features
bin="$PWD/target/release/aims"
work="${TMPDIR:-/tmp}/aims-hostile"
rm -rf "$work" && mkdir -p "$work"
python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
base = {
    "aims.toml": '[organization]\nname = "Hostile"\n[rules]\nmissing-mandatory-document = "off"\n',
    "roles/owner.yaml": "kind: Role\nid: owner\ntitle: Owner\nresponsibilities: [x]\n",
    "roles/cro.yaml": "kind: Role\nid: cro\ntitle: CRO\nresponsibilities: [x]\n",
    "roles/dpo.yaml": "kind: Role\nid: dpo\ntitle: DPO\nresponsibilities: [x]\n",
}
def bomb(scalar, aliases):
    return "kind: Risk\nid: R-BOMB\ntitle: &a %s\nnotes: [%s]\n" % ("x" * scalar, ", ".join(["*a"] * aliases))
def chain(levels):
    lines = ["kind: Role", "id: chain", "l0: &l0 [x]"]
    lines += ["l%d: &l%d [*l%d]" % (i, i, i - 1) for i in range(1, levels)]
    return "\n".join(lines) + "\n"
def laughs():
    text = "kind: Role\nid: lol\na: &a [%s]\n" % ", ".join(["lol"] * 100)
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        text += "%s: &%s [%s]\n" % (name, name, ", ".join(["*" + prev] * 100))
    return text
cases = {
    "scalar-bomb-230k": ("bomb.yaml", bomb(115_000, 28_000)),
    "scalar-bomb-1m": ("bomb.yaml", bomb(500_000, 125_000)),
    "scalar-bomb-front-matter-1m": ("bomb.md", "---\n" + bomb(500_000, 125_000) + "---\nbody\n"),
    "scalar-bomb-second-document-1m": ("bomb.yaml", base["roles/owner.yaml"].replace("owner", "r2") + "---\n" + bomb(500_000, 125_000)),
    "alias-chain-5000-levels": ("chain.yaml", chain(5000)),
    "billion-laughs-100x8": ("lol.yaml", laughs()),
}
for name, (file, text) in cases.items():
    d = os.path.join(work, name)
    for path, content in base.items():
        os.makedirs(os.path.dirname(os.path.join(d, path)) or d, exist_ok=True)
        open(os.path.join(d, path), "w").write(content)
    open(os.path.join(d, file), "w").write(text)
PY
printf '%-32s %10s %8s %9s  %s\n' input bytes seconds peak-MiB "findings (rule line: message)"
for dir in "$work"/*/; do
  name=$(basename "$dir")
  bytes=$(find "$dir" -name 'bomb.*' -o -name 'chain.yaml' -o -name 'lol.yaml' | xargs stat -c %s)
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$bin" check "$dir" --format json > "$work/out.json" 2>/dev/null || true
  read -r secs kib < <(tail -n 1 "$work/time.txt")
  summary=$(python3 -c "
import json
r = json.load(open('$work/out.json'))
hostile = [f for f in r['findings'] if not f['file'].startswith('roles/')]
print('; '.join('%s %d: %s' % (f['rule'], f['line'], f['message'][:70]) for f in hostile[:2]), '| records', r['summary']['records'])")
  printf '%-32s %10s %8s %9s  %s\n' "$name" "$bytes" "$secs" "$((kib / 1024))" "$summary"
done
