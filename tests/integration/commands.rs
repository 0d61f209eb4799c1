//! `aims schema`, `aims controls`, `aims explain`, and the catalog against shared/iso42001.

use crate::support::*;
use serde_json::Value;

#[test]
fn schema_prints_one_kind_and_writes_all() {
    let output = aims().args(["schema", "Risk"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(schema["$id"], "https://aims.dev/schema/v1/risk.schema.json");

    let dir = tempfile::tempdir().unwrap();
    let output = aims()
        .args(["schema", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 17);
    assert!(dir.path().join("record.schema.json").exists());

    let output = aims().args(["schema", "Spaceship"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no schema named `Spaceship`"));
}

#[test]
fn controls_json_lists_the_whole_catalog() {
    let output = aims()
        .args(["controls", "--format", "json"])
        .output()
        .unwrap();
    let catalog: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(catalog["clauses"].as_array().unwrap().len(), 43);
    assert_eq!(catalog["annex_a"]["controls"].as_array().unwrap().len(), 38);
    assert_eq!(
        catalog["annex_c"]["risk_sources"].as_array().unwrap().len(),
        7
    );
    let human = stdout(&aims().arg("controls").output().unwrap());
    assert!(human.contains("A.6.2.4  AI system verification and validation"));
}

/// The compiled-in catalog agrees with `shared/iso42001/structure.yaml` when it is present.
#[test]
fn catalog_matches_the_shared_structure() {
    let path = manifest_dir().join("../shared/iso42001/structure.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let shared = aims::load::yaml::parse(&text, 0)
        .documents
        .remove(0)
        .to_json();
    let output = aims()
        .args(["controls", "--format", "json"])
        .output()
        .unwrap();
    let ours: Value = serde_json::from_slice(&output.stdout).unwrap();
    let pairs = |v: &Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    c["title"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(pairs(&ours["clauses"]), pairs(&shared["clauses"]));
    assert_eq!(
        pairs(&ours["annex_a"]["controls"]),
        pairs(&shared["annex_a"]["controls"])
    );
    assert_eq!(
        pairs(&ours["annex_c"]["objectives"]),
        pairs(&shared["annex_c"]["objectives"])
    );
    assert_eq!(
        pairs(&ours["annex_c"]["risk_sources"]),
        pairs(&shared["annex_c"]["risk_sources"])
    );
}

#[test]
fn explain_prints_rule_docs_and_lists_rules() {
    let output = aims()
        .args(["explain", "dangling-reference"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("# dangling-reference\n"));
    assert!(text.contains("## How to fix"));

    let list = stdout(&aims().args(["explain", "--list"]).output().unwrap());
    for id in [
        "yaml-syntax",
        "schema",
        "unknown-kind",
        "duplicate-id",
        "dangling-reference",
        "file-unreadable",
        "config",
    ] {
        assert!(
            list.lines().any(|l| l.starts_with(id)),
            "{id} missing from --list"
        );
    }

    let output = aims().args(["explain", "dangling-refs"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean `dangling-reference`?"));
}

/// README's rules table is checked against the registry so the two cannot drift.
#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let list = stdout(&aims().args(["explain", "--list"]).output().unwrap());
    for line in list.lines().skip(1) {
        let id = line.split_whitespace().next().unwrap();
        assert!(
            readme.contains(&format!("| `{id}` |")),
            "README's rules table lacks `{id}`"
        );
    }
}
