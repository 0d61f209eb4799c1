"""Writes `aims check --format json` output as a Markdown job summary: every finding in one
table, since the runner shows only 10 annotations of each level per step.

    python3 action/summary.py aims.json PREFIX >> "$GITHUB_STEP_SUMMARY"

PREFIX is the AIMS root inside the repository ("" or "governance/"), so paths read as in the
annotations and in SARIF. GitHub caps a step's summary at 1 MiB: past about 900 KB the table
stops and says how many findings were left out (the JSON, SARIF and JUnit stay complete).
"""
import json
import sys

LIMIT = 900 * 1024


def cell(text):
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def main():
    path, prefix = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
    with open(path, encoding="utf-8") as handle:
        report = json.load(handle)
    summary = report["summary"]
    findings = report["findings"]
    counted = [f for f in findings if not f.get("waived") and f.get("baseline") != "existing"]
    lines = [
        f"## aims check: {summary['errors']} errors, {summary['warnings']} warnings",
        "",
        f"{summary['records']} records in {summary['files']} files"
        + (f"; {summary['waived']} findings waived in aims.toml" if summary.get("waived") else "")
        + ".",
        "",
    ]
    baseline = report.get("baseline")
    if baseline:
        lines += [
            f"Against `{baseline['rev']}`: {baseline['new']} new, {baseline['existing']} existing, "
            f"{len(baseline['fixed'])} fixed. Only new findings fail the check.",
            "",
        ]
    if len(counted) > 10:
        lines += [
            "The pull request shows at most 10 annotations of each level per step: every finding is listed here.",
            "",
        ]
    if not findings:
        lines.append("No problems found.")
    else:
        lines += ["| | rule | where | finding |", "|---|---|---|---|"]
    text = "\n".join(lines) + "\n"
    shown = 0
    rank = {"error": 0, "warning": 1}
    for finding in sorted(findings, key=lambda f: rank.get(f["severity"], 2)):
        mark = {"error": "error", "warning": "warning"}.get(finding["severity"], finding["severity"])
        notes = []
        if finding.get("waived"):
            notes.append("waived")
        if finding.get("baseline") == "existing":
            notes.append("existing")
        where = f"{prefix}{finding['file']}:{finding['line']}:{finding['column']}"
        message = finding["message"] + (f" ({', '.join(notes)})" if notes else "")
        if finding.get("help"):
            message += f"<br>help: {finding['help']}"
        row = f"| {mark} | `{cell(finding['rule'])}` | `{cell(where)}` | {cell(message)} |\n"
        if len(text.encode("utf-8")) + len(row.encode("utf-8")) > LIMIT:
            left = len(findings) - shown
            text += f"\n{left} more findings are left out: GitHub caps a job summary at 1 MiB. The SARIF and JSON reports hold them all.\n"
            break
        text += row
        shown += 1
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
