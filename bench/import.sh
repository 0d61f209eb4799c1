#!/usr/bin/env bash
# Import speed and memory: a synthetic register of N rows (default 10,000) in the shape of the
# shipped example (examples/import), imported into a new AIMS with the example's mapping, then
# imported again (every row unchanged). Reports wall time and peak resident memory of each.
# Targets (2-core machine): 10,000 rows in under 5 s and 300 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
cargo build --release --no-default-features --quiet
bin=target/release/aims
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$rows" "$work/register.csv" <<'PY'
import csv, random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(42)
stages = ["Deployed", "Pilot", "Pre-deployment", "Operation and Maintenance", "Retired", "deployed"]
impact = ["Neither", "Rights-Impacting", "Safety-impacting", "Neither", ""]
vendors = ["Microsoft / OpenAI", "ServiceNow\nAWS", "Espyr/Acentra", "", "Palantir; Booz Allen Hamilton", "Google"]
bureaus = ["ETA", "OSHA", "OCIO", "EBSA", "WHD", "BLS", "MSHA", "OFCCP"]
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Use Case ID", "Agency", "Bureau", "Use Case Name", "Topic Area",
                "Intended Purpose and Expected Benefits", "AI System Outputs", "Stage of Development",
                "Rights-Impacting or Safety-Impacting", "Date Initiated", "Date Implemented",
                "Vendor Name", "Human Oversight", "Impact Assessment Completed", "Contact Office"])
    for i in range(rows):
        w.writerow([f"DOL-{i:05d}", "Department of Labor", random.choice(bureaus),
                    f"Use case {i}", random.choice(["Mission-Enabling", "Law & Justice"]),
                    f"Purpose of use case {i}.\nSecond line of the purpose.", "Scores",
                    random.choice(stages), random.choice(impact), "2021-03-01",
                    random.choice(["2022-01-15", ""]), random.choice(vendors),
                    "People review every output.", random.choice(["Yes", "No", ""]),
                    f"Office {i % 40}"])
PY
$bin init "$work/aims" >/dev/null
measure() {
  /usr/bin/time -f "%e s, %M KiB peak" "$bin" import "$work/register.csv" \
    --mapping examples/import/mapping.toml "$work/aims" 2>&1 >/dev/null | tail -1
}
echo "first import of $rows rows:  $(measure)"
echo "second import (unchanged): $(measure)"
