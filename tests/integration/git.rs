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
fn evidence_age_comes_from_the_commit_that_last_changed_the_file() {
    let repo = Repo::with_base(&[
        ("evidence/old.csv", "a,b\n"),
        ("evidence/fresh.csv", "a,b\n"),
        // Claims a collection in October 2026, but the file was committed in 2025.
        ("ev/old.yaml", &evidence_record("EV-OLD", "evidence/old.csv", "2026-10-01")),
        ("ev/fresh.yaml", &evidence_record("EV-FRESH", "evidence/fresh.csv", "2024-01-01")),
    ]);
    repo.git_init();
    repo.commit("2025-01-10", "Alice Auditor", "Add evidence");
    repo.write("evidence/fresh.csv", "a,b\n1,2\n");
    repo.commit("2026-11-01", "Bob Builder", "Refresh fresh.csv");

    let report = repo.check_json();
    let stale = report.of_rule("evidence-stale");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!((stale[0].0.as_str(), stale[0].1, stale[0].2), ("ev/old.yaml", 4, 7));
    assert!(stale[0].3.contains("last changed 682 days ago, on 2025-01-10"), "{}", stale[0].3);
    // `collected` 2024 is old, but the file was committed this month: not stale.
    let mismatch = report.of_rule("evidence-date-mismatch");
    assert_eq!(mismatch.len(), 1);
    assert!(mismatch[0].3.contains("collected on 2026-10-01"));
    assert!(mismatch[0].3.contains("last changed on 2025-01-10"));

    // A file changed in the working tree is being collected right now.
    repo.write("evidence/old.csv", "a,b\n3,4\n");
    let report = repo.check_json();
    assert!(report.of_rule("evidence-stale").is_empty());
    assert!(report.of_rule("evidence-date-mismatch").is_empty());
}

#[test]
fn outside_git_aims_runs_and_says_once_what_is_unknown() {
    let repo = Repo::with_base(&[
        ("evidence/old.csv", "a,b\n"),
        ("ev/old.yaml", &evidence_record("EV-OLD", "evidence/old.csv", "2026-10-01")),
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
        ("ev/old.yaml", &evidence_record("EV-OLD", "evidence/old.csv", "2026-10-01")),
    ]);
    origin.git_init();
    origin.commit("2025-01-10", "Alice", "first");
    origin.write("notes.txt", "x");
    origin.commit("2025-02-10", "Alice", "second");
    let clone_parent = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(clone_parent.path(), &["clone", "-q", "--depth", "1", &url, "shallow"]);
    let clone = clone_parent.path().join("shallow");
    let output = aims()
        .arg("check")
        .arg(&clone)
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr_of(&output).contains("fetch-depth: 0"), "{}", stderr_of(&output));
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
    assert!(!stderr_of(&output).contains("warning"), "{}", stderr_of(&output));
    let report = Report::from_output(output);
    // The history of compliance/evidence/e.csv is found under the AIMS root's prefix.
    let stale = report.of_rule("evidence-stale");
    assert_eq!(stale.len(), 1);
    assert!(stale[0].3.contains("on 2025-01-10"));
}
