//! `aims status` on the shipped example (ready) and on a company half-way through.

use crate::support::*;
use serde_json::Value;

fn status(dir: &str, extra: &[&str]) -> std::process::Output {
    aims()
        .arg("status")
        .arg(manifest_dir().join(dir))
        .args(["--as-of", AS_OF])
        .args(extra)
        .output()
        .unwrap()
}

fn status_json(dir: &str) -> Value {
    let output = status(dir, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn clause_statuses(json: &Value) -> Vec<(String, String)> {
    json["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_example_is_ready_and_says_what_is_left() {
    let json = status_json("examples/acme-lending");
    assert_eq!(json["version"], 1);
    assert_eq!(json["organization"], "Acme Lending Ltd");
    assert_eq!(json["findings"]["errors"], 0);
    assert!(
        clause_statuses(&json)
            .iter()
            .all(|(_, status)| status == "covered")
    );
    let controls = &json["controls"];
    // The 38 of Annex A and one in-house control (6.1.3 d).
    assert_eq!(controls["total"], 39);
    assert_eq!(controls["beyond_annex_a"], 1);
    assert_eq!(controls["excluded"], 1);
    assert_eq!(controls["undecided"], 0);
    assert_eq!(controls["implemented"], 35);
    assert_eq!(controls["operating_with_evidence"], 35);
    // Clause 4's records are named, with where they live.
    let context = &json["clauses"][0]["subclauses"][0]["records"][0];
    assert_eq!(context["kind"], "Context");
    assert_eq!(context["file"], "context.yaml");
    // What is left is the SoA's own work list, partial controls first.
    let first = &json["next_actions"][0];
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .starts_with("finish implementing control A.5.5"),
        "{first}"
    );
    assert_eq!(first["file"], "statement-of-applicability.yaml");
}

#[test]
fn a_company_half_way_sees_its_gaps_in_order() {
    let json = status_json("tests/fixtures/halfway");
    // Coverage by substance: a policy is not leadership's commitment (5.1 needs a management
    // review), and 10.2 is covered by the corrective-action process although no nonconformity
    // has occurred (10.1 still has nothing).
    assert_eq!(
        clause_statuses(&json),
        pairs(&[
            ("4", "covered"),
            ("5", "partial"),
            ("6", "partial"),
            ("7", "missing"),
            ("8", "covered"),
            ("9", "partial"),
            ("10", "partial"),
        ])
    );
    assert_eq!(
        json["clauses"][2]["missing_documents"],
        serde_json::json!(["AI objectives (6.2)"])
    );
    let controls = &json["controls"];
    assert_eq!(controls["undecided"], 3);
    assert_eq!(controls["applicable"], 35);
    assert_eq!(controls["implemented"], 4);
    assert_eq!(controls["operating_with_evidence"], 2);
    assert_eq!(controls["partial"], 6);
    assert_eq!(controls["planned"], 25);
    let a10 = json["annex_a"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "A.10")
        .unwrap();
    assert_eq!(a10["status"], "missing");

    let risks = &json["risks"];
    assert_eq!(
        (
            risks["open"].as_u64(),
            risks["high"].as_u64(),
            risks["low"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(risks["above_acceptance_unaccepted"], 1);
    assert_eq!(json["overdue"][0]["rule"], "evidence-stale");

    // Missing documents come first and point at no file: the fix is a new record.
    let actions = json["next_actions"].as_array().unwrap();
    assert!(actions.len() > 10, "JSON lists every action");
    assert_eq!(actions[0]["rule"], "missing-mandatory-document");
    assert_eq!(actions[0]["file"], Value::Null);
    assert_eq!(actions[4]["rule"], "soa-missing-control");
    assert_eq!(actions[4]["file"], "soa.yaml");
}

#[test]
fn human_status_is_a_compact_table_plain_when_piped() {
    let output = status("tests/fixtures/halfway", &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "status reports, it does not gate"
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour when piped");
    for expected in [
        "Brightline Insurance plc: ISO/IEC 42001:2023 readiness as of 2026-11-23",
        "check: 11 errors, 1 warning",
        "  7   Support                                  missing   0/7",
        "        missing: evidence of competence (7.2)",
        "  documented  4 implemented, 6 partial, 25 planned",
        "  operating   2 of 4 implemented controls have current evidence",
        "   1. no AI objectives (6.2): add `Objective` records",
        "(new record)",
        "(soa.yaml:4)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }

    let coloured = std::process::Command::new(env!("CARGO_BIN_EXE_aims"))
        .args(["--color", "always", "status"])
        .arg(manifest_dir().join("tests/fixtures/halfway"))
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(coloured.stdout)
            .unwrap()
            .contains('\u{1b}')
    );
}

#[test]
fn status_without_a_repository_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = aims().arg("status").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// The pack's SoA table and `aims status` read one computation: on a repository with an
/// undecided, an excluded, a partial and an operating control they give the same answers.
/// (They once disagreed: the pack showed an undecided but "implemented" control as operating.)
#[test]
fn pack_soa_table_and_status_agree() {
    let repo = Repo::complete(&[]);
    let soa = "statement-of-applicability.yaml";
    let entry = |id: &str, body: &str| format!("  {id}:{body}");
    let decided = "Needed to use the CV-screening assistant responsibly.";
    let old = |id: &str, status: &str, evidence: &str| {
        entry(
            id,
            &format!(
                "  # {}\n    applicable: true\n    justification: {}\n    status: {status}{evidence}\n",
                title_of(id),
                justification_of(id)
            ),
        )
    };
    repo.edit(
        soa,
        &old("A.2.2", "implemented", "\n    evidence: [EV-POLICY]"),
        &entry("A.2.2", "\n    applicable: true\n    justification: TODO decide\n    status: implemented\n    evidence: [EV-POLICY]\n"),
    );
    repo.edit(
        soa,
        &old("A.2.3", "planned", ""),
        &entry(
            "A.2.3",
            &format!("\n    applicable: false\n    justification: {decided}\n"),
        ),
    );
    repo.edit(
        soa,
        &old("A.2.4", "planned", ""),
        &entry(
            "A.2.4",
            &format!("\n    applicable: true\n    justification: {decided}\n    status: partial\n"),
        ),
    );
    repo.edit(
        soa,
        &old("A.3.2", "planned", ""),
        &entry("A.3.2", &format!("\n    applicable: true\n    justification: {decided}\n    status: implemented\n    evidence: [EV-MONITORING]\n")),
    );

    let output = aims()
        .arg("status")
        .arg(repo.path())
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    let status: Value = serde_json::from_slice(&output.stdout).unwrap();
    let counts = &status["controls"];

    let out = tempfile::tempdir().unwrap();
    let output = aims()
        .arg("pack")
        .arg(repo.path())
        .arg("--out")
        .arg(out.path().join("pack"))
        .args(["--as-of", AS_OF, "--format", "md"])
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        stderr(&output)
    );
    let planning = std::fs::read_to_string(out.path().join("pack/markdown/planning.md")).unwrap();
    // | id | title | decision | justification | status | evidence | operating |
    let rows: Vec<Vec<String>> = planning
        .lines()
        .filter(|l| l.starts_with("| A.") || l.starts_with("| ORG-"))
        .map(|l| {
            l.split(" | ")
                .map(|c| c.trim_matches(['|', ' ']).to_string())
                .collect::<Vec<String>>()
        })
        // The SoA table's seven columns, not the table of controls beyond Annex A.
        .filter(|cells| cells.len() == 7)
        .collect();
    assert_eq!(rows.len(), 39);
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
    assert_eq!(
        (row("A.2.2")[2].as_str(), row("A.2.2")[6].as_str()),
        ("undecided", "no")
    );
    assert_eq!(row("A.2.3")[2], "excluded");
    assert_eq!(
        (row("A.2.4")[2].as_str(), row("A.2.4")[4].as_str()),
        ("applicable", "partial")
    );
    assert_eq!(
        (row("A.3.2")[2].as_str(), row("A.3.2")[6].as_str()),
        ("applicable", "yes")
    );

    let count = |column: usize, value: &str| rows.iter().filter(|r| r[column] == value).count();
    assert_eq!(
        counts["total"], 39,
        "the 38 of Annex A and the example's in-house control"
    );
    assert_eq!(
        counts["undecided"],
        count(2, "undecided") + count(2, "missing")
    );
    assert_eq!(counts["excluded"], count(2, "excluded"));
    assert_eq!(counts["applicable"], count(2, "applicable"));
    assert_eq!(counts["partial"], count(4, "partial"));
    assert_eq!(counts["operating_with_evidence"], count(6, "yes"));
    assert_eq!(counts["undecided"], 1);
    assert_eq!(counts["excluded"], 6, "five in the example, one planted");
    assert_eq!(counts["partial"], 1);
}

/// The justification of each control in the minimal example's SoA.
fn justification_of(id: &str) -> &'static str {
    match id {
        "A.2.2" => {
            "Our recruiters use an AI tool to rank applicants; a written AI policy sets the limits of that use."
        }
        "A.2.3" => {
            "The AI policy must agree with our equal-opportunity and data protection policies, which govern recruiting already."
        }
        "A.2.4" => {
            "Recruiting law and the supplier's product both change yearly; the AI policy is reviewed each February."
        }
        "A.3.2" => {
            "Someone must own the assistant's use and its risks; the Head of People holds that role."
        }
        _ => unreachable!("not used"),
    }
}

/// The comment after each control id in the minimal example's SoA.
fn title_of(id: &str) -> &'static str {
    match id {
        "A.2.2" => "AI policy",
        "A.2.3" => "Alignment with other organizational policies",
        "A.2.4" => "Review of the AI policy",
        "A.3.2" => "AI roles and responsibilities",
        _ => unreachable!("not used"),
    }
}
