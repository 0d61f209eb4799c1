//! Git-derived facts: evidence age from history, PR mode, the baseline gate, `aims log`, and
//! graceful degradation (no git, shallow clone).

use crate::support::*;
use serde_json::Value;

fn evidence_record(id: &str, path: &str, collected: &str) -> String {
    format!(
        "kind: Evidence\nid: {id}\ntitle: Evidence {id}\npath: {path}\ncollected: {collected}\nsupports: [\"9.1\"]\n"
    )
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn evidence_age_comes_from_the_earlier_of_collected_and_the_last_commit_of_the_file() {
    let repo = Repo::with_base(&[
        ("evidence/old.csv", "a,b\n"),
        ("evidence/migrated.csv", "a,b\n"),
        // Claims a collection in October 2026, but the file was committed in 2025.
        (
            "ev/old.yaml",
            &evidence_record("EV-OLD", "evidence/old.csv", "2026-10-01"),
        ),
        // Collected in 2024 and migrated into git this month: still as old as 2024.
        (
            "ev/migrated.yaml",
            &evidence_record("EV-MIGRATED", "evidence/migrated.csv", "2024-01-01"),
        ),
    ]);
    repo.git_init();
    repo.commit("2025-01-10", "Alice Auditor", "Add evidence");
    repo.write("evidence/migrated.csv", "a,b\n1,2\n");
    repo.commit("2026-11-01", "Bob Builder", "Migrate the evidence archive");

    let report = repo.check_json();
    let stale = report.of_rule("evidence-stale");
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert_eq!(
        (stale[0].0.as_str(), stale[0].1, stale[0].2),
        ("ev/migrated.yaml", 5, 12)
    );
    assert!(
        stale[0]
            .3
            .contains("collected 1057 days ago, on 2024-01-01"),
        "{}",
        stale[0].3
    );
    assert_eq!(
        (stale[1].0.as_str(), stale[1].1, stale[1].2),
        ("ev/old.yaml", 4, 7)
    );
    assert!(
        stale[1]
            .3
            .contains("last changed 682 days ago, on 2025-01-10"),
        "{}",
        stale[1].3
    );
    let mismatch = report.of_rule("evidence-date-mismatch");
    assert_eq!(mismatch.len(), 1);
    assert!(mismatch[0].3.contains("collected on 2026-10-01"));
    assert!(mismatch[0].3.contains("last changed on 2025-01-10"));

    // A file changed in the working tree is as old as its `collected` date.
    repo.write("evidence/old.csv", "a,b\n3,4\n");
    let report = repo.check_json();
    let stale = report.of_rule("evidence-stale");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0].0, "ev/migrated.yaml");
    assert!(report.of_rule("evidence-date-mismatch").is_empty());
}

#[test]
fn outside_git_aims_runs_and_says_once_what_is_unknown() {
    let repo = Repo::with_base(&[
        ("evidence/old.csv", "a,b\n"),
        (
            "ev/old.yaml",
            &evidence_record("EV-OLD", "evidence/old.csv", "2026-10-01"),
        ),
    ]);
    let output = repo.check(&[]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = stderr_of(&output);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("not a git repository"), "{stderr}");
    // No rule fires on an unknown date: age falls back to `collected`.
    let report = repo.check_json();
    assert!(report.of_rule("evidence-stale").is_empty());
    assert!(report.of_rule("evidence-date-mismatch").is_empty());
}

#[test]
fn a_shallow_clone_runs_with_one_warning_about_fetch_depth() {
    let origin = Repo::with_base(&[
        ("evidence/old.csv", "a,b\n"),
        (
            "ev/old.yaml",
            &evidence_record("EV-OLD", "evidence/old.csv", "2026-10-01"),
        ),
    ]);
    origin.git_init();
    origin.commit("2025-01-10", "Alice", "first");
    origin.write("notes.txt", "x");
    origin.commit("2025-02-10", "Alice", "second");
    let clone_parent = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(
        clone_parent.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let clone = clone_parent.path().join("shallow");
    let output = aims()
        .arg("check")
        .arg(&clone)
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr_of(&output).contains("fetch-depth: 0"),
        "{}",
        stderr_of(&output)
    );
    let report = Report::from_output(output);
    assert!(report.of_rule("evidence-stale").is_empty());
    assert!(report.of_rule("evidence-date-mismatch").is_empty());
}

#[test]
fn a_detached_head_and_an_aims_in_a_subfolder_work() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repo { dir };
    repo.write("compliance/aims.toml", CONFIG);
    repo.write("compliance/base.yaml", BASE);
    repo.write("compliance/evidence/e.csv", "x\n");
    repo.write(
        "compliance/ev.yaml",
        &evidence_record("EV-1", "evidence/e.csv", "2025-01-10"),
    );
    repo.git_init();
    repo.commit("2025-01-10", "Alice", "first");
    git(repo.path(), &["checkout", "-q", "--detach"]);
    let output = aims()
        .arg("check")
        .arg(repo.path().join("compliance"))
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !stderr_of(&output).contains("warning"),
        "{}",
        stderr_of(&output)
    );
    let report = Report::from_output(output);
    // The history of compliance/evidence/e.csv is found under the AIMS root's prefix.
    let stale = report.of_rule("evidence-stale");
    assert_eq!(stale.len(), 1);
    assert!(stale[0].3.contains("on 2025-01-10"));
}

const RISK_OK: &str = "kind: Risk\nid: R-1\ntitle: Old risk\nai_systems: [scoring]\nowner: owner\nlikelihood: rare\nimpact: minor\ntreatment:\n  option: mitigate\n  controls: [A.6.2.6]\n";

fn untreated(id: &str) -> String {
    format!(
        "kind: Risk\nid: {id}\ntitle: Risk {id}\nai_systems: [scoring]\nowner: owner\nlikelihood: likely\nimpact: major\ntreatment:\n  option: mitigate\naccepted_by: owner\naccepted: 2026-05-01\n"
    )
}

#[test]
fn baseline_gate_fails_only_on_new_findings_and_reports_fixed_ones() {
    let repo = Repo::with_base(&[
        ("risks/a.yaml", &untreated("R-OLD")),
        ("risks/b.yaml", &untreated("R-FIXED")),
        ("risks/ok.yaml", RISK_OK),
    ]);
    repo.git_init();
    repo.commit("2026-06-01", "Alice", "baseline");
    git(repo.path(), &["tag", "v1"]);

    // Move R-OLD to another file and line (still the same finding), fix R-FIXED.
    std::fs::remove_file(repo.path().join("risks/a.yaml")).unwrap();
    repo.write(
        "risks/moved.yaml",
        &format!("# moved here\n\n{}", untreated("R-OLD")),
    );
    repo.write(
        "risks/b.yaml",
        &untreated("R-FIXED")
            .replace("likely", "rare")
            .replace("major", "minor"),
    );
    let before = std::fs::read_to_string(repo.path().join("risks/moved.yaml")).unwrap();

    let output = repo.check(&["--baseline", "v1", "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "nothing new: the gate passes"
    );
    let report = Report::from_output(output);
    let finding = &report.findings()[0];
    assert_eq!(finding["rule"], "risk-untreated");
    assert_eq!(finding["file"], "risks/moved.yaml");
    assert_eq!(finding["baseline"], "existing");
    assert_eq!(report.json["summary"]["errors"], 0);
    let fixed = report.json["baseline"]["fixed"].as_array().unwrap();
    assert_eq!(fixed.len(), 1);
    assert!(fixed[0]["message"].as_str().unwrap().contains("R-FIXED"));
    // The working tree was not touched by reading v1.
    assert_eq!(
        std::fs::read_to_string(repo.path().join("risks/moved.yaml")).unwrap(),
        before
    );
    assert!(!repo.path().join("risks/a.yaml").exists());

    // A new untreated risk fails the gate.
    repo.write("risks/new.yaml", &untreated("R-NEW"));
    let output = repo.check(&["--baseline", "v1", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = Report::from_output(output);
    let new: Vec<&Value> = report
        .findings()
        .iter()
        .filter(|f| f["baseline"] == "new")
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0]["file"], "risks/new.yaml");

    // Human output says what the baseline did.
    let human = String::from_utf8(repo.check(&["--baseline", "v1"]).stdout).unwrap();
    assert!(human.contains("1 new, 1 already there"), "{human}");
    assert!(human.contains("fixed[risk-untreated]"), "{human}");

    // SARIF marks the states.
    let sarif: Value = serde_json::from_slice(
        &repo
            .check(&["--baseline", "v1", "--format", "sarif"])
            .stdout,
    )
    .unwrap();
    let states: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap())
        .collect();
    assert_eq!(states.len(), 2);
    assert!(states.contains(&"new") && states.contains(&"unchanged"));
}

#[test]
fn baseline_on_an_unknown_revision_is_exit_2() {
    let repo = Repo::with_base(&[]);
    repo.git_init();
    repo.commit("2026-06-01", "Alice", "first");
    let output = repo.check(&["--baseline", "no-such-rev"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("`no-such-rev` is not a revision"));
}

#[test]
fn changed_since_reports_only_changed_files_of_every_kind() {
    let repo = Repo::with_base(&[
        ("risks/committed-before.yaml", &untreated("R-1")),
        ("risks/committed-after.yaml", RISK_OK),
        ("risks/staged.yaml", RISK_OK),
        ("risks/unstaged.yaml", RISK_OK),
    ]);
    repo.git_init();
    repo.commit("2026-06-01", "Alice", "main");
    git(repo.path(), &["checkout", "-q", "-b", "feature"]);
    repo.write("risks/committed-after.yaml", &untreated("R-2"));
    repo.commit("2026-06-02", "Bob", "feature work");
    repo.write("risks/staged.yaml", &untreated("R-3"));
    git(repo.path(), &["add", "risks/staged.yaml"]);
    repo.write("risks/unstaged.yaml", &untreated("R-4"));
    repo.write("risks/untracked.yaml", &untreated("R-5"));

    let output = repo.check(&["--changed-since", "main", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = Report::from_output(output);
    let mut files: Vec<&str> = report
        .findings()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "risks/committed-after.yaml",
            "risks/staged.yaml",
            "risks/unstaged.yaml",
            "risks/untracked.yaml"
        ],
        "R-1 is in a file unchanged since main"
    );
    // Everything was still loaded: references into unchanged files resolve.
    assert_eq!(report.records(), 8);
    assert!(report.of_rule("dangling-reference").is_empty());
}

#[test]
fn log_shows_a_records_versions_authors_and_approvals() {
    let repo = Repo::with_base(&[("risks/r.yaml", RISK_OK)]);
    repo.git_init();
    repo.commit("2026-01-05", "Alice Analyst", "Add the risk register");
    repo.write(
        "risks/r.yaml",
        &RISK_OK.replace("Old risk", "Reworded risk"),
    );
    repo.commit(
        "2026-03-12",
        "Bob Builder",
        "Reword R-1 after review\n\nApproved-by: Carol CRO <carol@example.com>",
    );
    repo.write("unrelated.txt", "x");
    repo.commit("2026-04-01", "Alice Analyst", "Unrelated change");

    let output = aims()
        .args(["log", "R-1"])
        .arg(repo.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    let history = &log["history"];
    assert_eq!(history["version"], 2);
    assert_eq!(history["first"]["date"], "2026-01-05");
    assert_eq!(history["last"]["author"], "Bob Builder");
    assert_eq!(
        history["authors"],
        serde_json::json!(["Alice Analyst", "Bob Builder"])
    );
    assert_eq!(
        history["commits"][0]["approved_by"],
        serde_json::json!(["Carol CRO <carol@example.com>"])
    );
    assert_eq!(history["dirty"], false);

    repo.write("risks/r.yaml", &RISK_OK.replace("Old risk", "Being edited"));
    let human = aims()
        .args(["log", "Risk/R-1"])
        .arg(repo.path())
        .output()
        .unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("version: 2"), "{text}");
    assert!(text.contains("uncommitted changes"), "{text}");
    assert!(text.contains("Carol CRO"), "{text}");
    // The base file holds three records: the log says history is per file.
    let base = aims()
        .args(["log", "scoring"])
        .arg(repo.path())
        .output()
        .unwrap();
    assert!(
        String::from_utf8(base.stdout)
            .unwrap()
            .contains("holds 3 records")
    );

    let missing = aims()
        .args(["log", "R-2"])
        .arg(repo.path())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr_of(&missing).contains("did you mean `R-1`?"));
}

#[test]
fn a_linked_worktree_reads_the_same_history() {
    let repo = Repo::with_base(&[
        ("evidence/e.csv", "x\n"),
        (
            "ev.yaml",
            &evidence_record("EV-1", "evidence/e.csv", "2025-01-10"),
        ),
    ]);
    repo.git_init();
    repo.commit("2025-01-10", "Alice", "first");
    let parent = tempfile::tempdir().unwrap();
    let worktree = parent.path().join("wt");
    git(
        repo.path(),
        &[
            "worktree",
            "add",
            "-q",
            "-b",
            "review",
            worktree.to_str().unwrap(),
        ],
    );
    let output = aims()
        .arg("check")
        .arg(&worktree)
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        !stderr_of(&output).contains("warning"),
        "{}",
        stderr_of(&output)
    );
    let report = Report::from_output(output);
    let stale = report.of_rule("evidence-stale");
    assert_eq!(stale.len(), 1);
    assert!(stale[0].3.contains("on 2025-01-10"), "{}", stale[0].3);
}

#[test]
fn changed_since_an_unknown_revision_or_outside_git_is_exit_2() {
    let repo = Repo::with_base(&[]);
    let output = repo.check(&["--changed-since", "main"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("`--changed-since` needs a git repository"));
    repo.git_init();
    repo.commit("2026-06-01", "Alice", "first");
    let output = repo.check(&["--changed-since", "origin/nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("`origin/nowhere` is not a revision"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn log_with_an_unknown_kind_says_so() {
    let repo = Repo::with_base(&[]);
    let output = aims()
        .args(["log", "Rsik/R-1"])
        .arg(repo.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("`Rsik` is not a record kind (did you mean `Risk`?)"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn a_pull_request_that_deletes_a_role_still_named_elsewhere_cannot_slip_through() {
    // The README's pull-request setup: --changed-since and --baseline against the base.
    let repo = Repo::with_base(&[(
        "people/auditor.yaml",
        "kind: Role\nid: auditor\ntitle: Auditor\nresponsibilities: [Audits]\n",
    )]);
    for n in 1..=4 {
        repo.write(
            &format!("data/set-{n}.yaml"),
            &format!(
                "kind: Dataset\nid: set-{n}\nname: Set {n}\nprovenance: Own\nowner: auditor\n"
            ),
        );
    }
    repo.git_init();
    repo.commit("2026-06-01", "Alice", "main");
    git(repo.path(), &["branch", "base"]);
    std::fs::remove_file(repo.path().join("people/auditor.yaml")).unwrap();
    repo.commit("2026-06-02", "Bob", "Remove the auditor role");
    let output = repo.check(&[
        "--changed-since",
        "base",
        "--baseline",
        "base",
        "--format",
        "json",
    ]);
    let report = Report::from_output(output);
    assert_eq!(report.code, 1, "the gate must fail");
    let broken: Vec<String> = report
        .of_rule("dangling-reference")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        broken,
        [
            "data/set-1.yaml",
            "data/set-2.yaml",
            "data/set-3.yaml",
            "data/set-4.yaml"
        ]
    );
    assert_eq!(report.json["baseline"]["new"], 4);
}
