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
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 23);
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

// --- aims init ---

fn init(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    aims().arg("init").arg(dir).args(extra).output().unwrap()
}

#[test]
fn init_writes_a_repository_that_checks_clean_and_says_what_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("new-aims");
    let output = init(&repo, &["--organization", "Globex \"AI\" Ltd"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let check = aims()
        .arg("check")
        .arg(&repo)
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "a new AIMS checks clean (warnings only)"
    );
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0);
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] == "missing-mandatory-document"
                || f["rule"] == "missing-expected-document"
                || f["rule"] == "soa-inclusion-unjustified")
    );

    let status = aims()
        .arg("status")
        .arg(&repo)
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    let text = String::from_utf8(status.stdout).unwrap();
    assert!(
        text.contains("Globex \"AI\" Ltd: ISO/IEC 42001:2023 readiness"),
        "{text}"
    );
    assert!(text.contains("38 still to decide"), "{text}");
    assert!(text.contains("1. no AIMS scope statement (4.3)"), "{text}");

    // Editor wiring points at schema files that exist and are JSON.
    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join(".vscode/settings.json")).unwrap())
            .unwrap();
    for schema in settings["yaml.schemas"].as_object().unwrap().keys() {
        let text = std::fs::read_to_string(repo.join(schema)).unwrap();
        serde_json::from_str::<Value>(&text).unwrap();
    }
    assert!(repo.join(".github/workflows/aims.yml").exists());
    assert!(repo.join(".gitignore").exists());
}

#[test]
fn init_record_templates_are_valid_records() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &[]);
    // Checked on their own, with the exclusion removed: every template must load cleanly.
    let templates = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dir.path().join("record-templates")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), templates.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(
        templates.path().join("aims.toml"),
        "[organization]\nname = \"T\"\n",
    )
    .unwrap();
    let output = aims()
        .arg("check")
        .arg(templates.path())
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let records = report["summary"]["records"].as_u64().unwrap();
    assert_eq!(records, 21, "one template per kind");
    for finding in report["findings"].as_array().unwrap() {
        let rule = finding["rule"].as_str().unwrap();
        assert!(
            ![
                "schema",
                "yaml-syntax",
                "unknown-kind",
                "dangling-reference",
                "duplicate-id"
            ]
            .contains(&rule),
            "{finding}"
        );
    }
}

#[test]
fn init_into_an_existing_repository_writes_what_is_missing_and_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "our project").unwrap();
    std::fs::write(dir.path().join("aims.toml"), "mine").unwrap();
    let output = init(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("kept 2 existing files as they are: aims.toml, README.md"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("aims.toml")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "our project"
    );
    assert!(dir.path().join("record-templates/risk.yaml").exists());
    assert!(dir.path().join("statement-of-applicability.yaml").exists());
    let again = init(dir.path(), &[]);
    assert_eq!(again.status.code(), Some(0));
    assert!(stdout(&again).contains("nothing to write"));
}

#[test]
fn init_example_writes_acme_lending() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(init(dir.path(), &["--example"]).status.code(), Some(0));
    let example = manifest_dir().join("examples/acme-lending");
    for file in [
        "aims.toml",
        "risks/R-001-credit-disparate-impact.yaml",
        "policies/ai-policy.md",
    ] {
        assert_eq!(
            std::fs::read(dir.path().join(file)).unwrap(),
            std::fs::read(example.join(file)).unwrap(),
            "{file}"
        );
    }
    let check = aims()
        .arg("check")
        .arg(dir.path())
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

// --- completions and man pages ---

#[test]
fn completions_cover_every_command_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = aims().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for command in [
            "check", "status", "init", "explain", "schema", "import", "export", "verify",
        ] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        // Values too: rule ids for `explain`, kinds for `schema` and `export` (clap's fish,
        // PowerShell and elvish scripts complete no positional values at all).
        if matches!(shell, "bash" | "zsh") {
            for value in [
                "dangling-reference",
                "evidence-stale",
                "AISystem",
                "Obligation",
            ] {
                assert!(script.contains(value), "{shell} does not offer {value}");
            }
        }
    }
    let output = aims().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn man_pages_for_aims_and_each_command() {
    let output = aims().arg("man").output().unwrap();
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(".TH aims 1"), "{page}");
    assert!(page.contains("status"));

    let dir = tempfile::tempdir().unwrap();
    let output = aims()
        .args(["man", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    for name in ["aims.1", "aims-check.1", "aims-status.1", "aims-init.1"] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(text.starts_with(".ie"), "{name}");
    }
    let check = std::fs::read_to_string(dir.path().join("aims-check.1")).unwrap();
    assert!(check.contains("sarif"), "the check page lists the formats");
    // The synopsis names the program and the command, and every option with its value.
    let synopsis = check
        .split(".SH SYNOPSIS")
        .nth(1)
        .and_then(|rest| rest.split(".SH").next())
        .unwrap();
    assert!(synopsis.contains("aims check"), "{synopsis}");
    assert!(synopsis.contains("[\\-\\-format FORMAT]"), "{synopsis}");
    assert!(synopsis.contains("[\\-\\-baseline REV]"), "{synopsis}");
    assert!(synopsis.contains("[DIR]"), "{synopsis}");
    for section in [".SH \"EXIT STATUS\"", ".SH EXAMPLES", ".SH \"SEE ALSO\""] {
        assert!(check.contains(section), "no {section} in {check}");
    }
    assert!(check.contains("changed\\-since origin/main"), "{check}");
    let import = std::fs::read_to_string(dir.path().join("aims-import.1")).unwrap();
    assert!(
        import.contains("\\-\\-mapping MAPPING FILE [DIR]"),
        "{import}"
    );
}

#[test]
fn the_example_comes_with_a_dated_history_and_approvals() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("acme");
    let output = init(&target, &["--example"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("committed the example's history"));
    let log = git(&target, &["log", "--format=%ad|%an|%s", "--date=short"]);
    let commits: Vec<&str> = log.lines().collect();
    assert_eq!(commits.len(), 6, "{log}");
    assert!(
        commits
            .last()
            .unwrap()
            .starts_with("2026-01-20|Hannah Kowalski|Set up")
    );
    assert!(
        git(&target, &["status", "--porcelain"]).trim().is_empty(),
        "all committed"
    );
    // Document control shows versions and approvals on the first try.
    let record = aims()
        .args(["log", "POL-AI-001", "--format", "json"])
        .arg(&target)
        .output()
        .unwrap();
    let text = stdout(&record);
    assert!(text.contains("Board of Directors"), "{text}");
    let check = aims()
        .arg("check")
        .arg(&target)
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}
