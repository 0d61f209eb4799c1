//! `aims check`: the shipped examples, a planted-defects repository, and every rule triggered
//! and not triggered.

use crate::support::*;
use serde_json::Value;

#[test]
fn shipped_examples_check_clean() {
    for example in ["examples/acme-lending", "examples/minimal"] {
        let output = aims()
            .arg("check")
            .arg(manifest_dir().join(example))
            .args(["--as-of", AS_OF, "--format", "json"])
            .output()
            .unwrap();
        let report = Report::from_output(output);
        assert_eq!(report.findings(), &Vec::<Value>::new(), "{example}");
        assert_eq!(report.code, 0, "{example}");
        assert!(report.records() > 0);
    }
}

#[test]
fn acme_lending_has_every_kind_and_all_controls() {
    let root = manifest_dir().join("examples/acme-lending");
    let mut kinds = std::collections::BTreeSet::new();
    for entry in walk(&root) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        for line in text.lines().filter(|l| l.starts_with("kind: ")) {
            kinds.insert(line.trim_start_matches("kind: ").to_string());
        }
    }
    assert_eq!(kinds.len(), aims::model::Kind::ALL.len(), "{kinds:?}");
    let soa = std::fs::read_to_string(root.join("statement-of-applicability.yaml")).unwrap();
    let controls = soa.lines().filter(|l| l.starts_with("  A.")).count();
    assert_eq!(controls, 38);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A repository written to DESIGN by someone else, with six planted defects: each is reported
/// by the right rule at the right place, and every other file is still checked. The whole JSON
/// report is pinned.
#[test]
fn planted_defects_are_each_reported_and_json_is_pinned() {
    let output = check_pinned_fixture("planted");
    let fixture = manifest_dir().join("tests/fixtures/planted");
    assert_eq!(output.status.code(), Some(1));

    let report = Report::from_output(
        aims()
            .arg("check")
            .arg(&fixture)
            .args(["--as-of", AS_OF, "--format", "json"])
            .output()
            .unwrap(),
    );
    let located: Vec<(String, String, u64, u64)> = report
        .findings()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let expect = |rule: &str, file: &str, line: u64, column: u64| {
        assert!(
            located.contains(&(rule.to_string(), file.to_string(), line, column)),
            "{rule} at {file}:{line}:{column} not in {located:?}"
        );
    };
    expect("dangling-reference", "risk/risks.yml", 4, 14);
    expect("schema", "register/systems.yml", 5, 1); // `purpse`
    expect("schema", "soa.yml", 8, 17); // applicable: no
    expect("duplicate-id", "register/roles.yml", 2, 5);
    expect("yaml-syntax", "risk/broken.yml", 4, 2);
    expect("unknown-kind", "register/models.yml", 1, 7);
    // Eight record files read (README.md has no front matter); the valid records all load.
    assert_eq!(report.json["summary"]["files"], 8);
    assert_eq!(report.records(), 9);
}

#[test]
fn human_output_shows_location_source_and_help() {
    let repo = Repo::with_base(&[(
        "risks/r.yaml",
        "kind: Risk\nid: R-1\ntitle: t\nai_systems: [scorng]\nowner: owner\nlikelihood: rare\nimpact: minor\ntreatment:\n  option: accept\naccepted_by: owner\n",
    )]);
    let output = repo.check(&[]);
    assert_eq!(output.status.code(), Some(1));
    let expected = "\
error[dangling-reference]: risk `R-1` names AI system `scorng`, which does not exist
 --> risks/r.yaml:4:14
  |
4 | ai_systems: [scorng]
  |              ^^^^^^
  = help: did you mean `scoring`?

checked 4 records in 2 files: 1 error
";
    assert_eq!(stdout(&output), expected);
}

// --- one test that triggers and one that does not, per rule ---

#[test]
fn yaml_syntax_triggers_and_other_files_still_load() {
    let repo = Repo::with_base(&[("bad.yaml", "kind: Role\nid: x\ntitle: [unclosed\n")]);
    let report = repo.check_json();
    assert_eq!(report.of_rule("yaml-syntax").len(), 1);
    assert_eq!(report.of_rule("yaml-syntax")[0].0, "bad.yaml");
    assert_eq!(report.records(), 3);
    assert_eq!(report.code, 1);
}

#[test]
fn yaml_syntax_quiet_on_valid_yaml() {
    let report = Repo::with_base(&[]).check_json();
    assert!(report.of_rule("yaml-syntax").is_empty());
    assert_eq!(report.code, 0);
}

#[test]
fn schema_triggers_with_plain_language() {
    let repo = Repo::with_base(&[(
        "soa.yaml",
        "kind: StatementOfApplicability\nid: soa\ncontrols:\n  A.2.2:\n    applicable: no\n    justification: x\n",
    )]);
    let found = repo.check_json().of_rule("schema");
    assert_eq!(
        found,
        vec![(
            "soa.yaml".to_string(),
            5,
            17,
            "`applicable` must be true or false, found the string `no`".to_string()
        )]
    );
}

#[test]
fn schema_quiet_on_valid_records() {
    let repo = Repo::with_base(&[(
        "soa.yaml",
        "kind: StatementOfApplicability\nid: soa\ncontrols:\n  A.2.2:\n    applicable: false\n    justification: x\n",
    )]);
    assert!(repo.check_json().of_rule("schema").is_empty());
}

#[test]
fn unknown_kind_triggers_with_suggestion() {
    let repo = Repo::with_base(&[("x.yaml", "kind: Rsik\nid: R-1\n")]);
    let report = repo.check_json();
    assert_eq!(
        report.of_rule("unknown-kind"),
        vec![(
            "x.yaml".to_string(),
            1,
            7,
            "unknown record kind `Rsik`".to_string()
        )]
    );
    assert_eq!(report.findings()[0]["help"], "did you mean `Risk`?");
}

#[test]
fn unknown_kind_quiet_and_kindless_yaml_ignored() {
    let repo = Repo::with_base(&[("ci/pipeline.yaml", "stages: [build, test]\n")]);
    let report = repo.check_json();
    assert!(report.findings().is_empty());
}

#[test]
fn duplicate_id_triggers_across_files_with_first_definition() {
    let repo = Repo::with_base(&[(
        "more.yaml",
        "kind: Role\nid: owner\ntitle: Other\nresponsibilities: [x]\n",
    )]);
    let report = repo.check_json();
    assert_eq!(
        report.of_rule("duplicate-id"),
        vec![(
            "more.yaml".to_string(),
            2,
            5,
            "role id `owner` is already used by another role".to_string()
        )]
    );
    let related = &report.findings()[0]["related"][0];
    assert_eq!(related["file"], "base.yaml");
    assert_eq!(related["line"], 2);
    assert_eq!(related["message"], "first defined here");
}

#[test]
fn duplicate_id_quiet_when_kinds_differ() {
    let repo = Repo::with_base(&[(
        "d.yaml",
        "kind: Dataset\nid: owner\nname: n\nprovenance: p\nowner: owner\n",
    )]);
    assert!(repo.check_json().of_rule("duplicate-id").is_empty());
}

#[test]
fn dangling_reference_triggers_for_records_controls_clauses_and_annex_c() {
    let repo = Repo::with_base(&[
        (
            "risk.yaml",
            "kind: Risk\nid: R-1\ntitle: t\nai_systems: [scoring]\nowner: nobody\nlikelihood: rare\nimpact: minor\nsource: C.9.9\ntreatment:\n  option: mitigate\n  controls: [A.6.2.9]\n",
        ),
        (
            "ev.yaml",
            "kind: Evidence\nid: EV-1\ntitle: t\nurl: https://example.com/x\ncollected: 2026-01-01\nsupports: [\"9.9\", A.6.2.4]\n",
        ),
    ]);
    let found = repo.check_json().of_rule("dangling-reference");
    let at: Vec<(&str, u64, u64)> = found
        .iter()
        .map(|(f, l, c, _)| (f.as_str(), *l, *c))
        .collect();
    assert_eq!(
        at,
        vec![
            ("ev.yaml", 6, 12),
            ("risk.yaml", 5, 8),
            ("risk.yaml", 8, 9),
            ("risk.yaml", 11, 14)
        ]
    );
    assert_eq!(
        found[0].3,
        "evidence `EV-1` names clause or control `9.9`, which is not an ISO/IEC 42001 clause, an Annex A control or a `Control` record"
    );
    assert_eq!(
        found[1].3,
        "risk `R-1` names role `nobody`, which does not exist"
    );
    assert_eq!(
        found[3].3,
        "risk `R-1` names control `A.6.2.9`, which is neither an ISO/IEC 42001 Annex A control nor a `Control` record"
    );
}

#[test]
fn dangling_reference_quiet_when_everything_resolves() {
    let repo = Repo::with_base(&[(
        "risk.yaml",
        "kind: Risk\nid: R-1\ntitle: t\nai_systems: [scoring]\nowner: owner\nlikelihood: rare\nimpact: minor\nsource: [C.3.4]\ntreatment:\n  option: mitigate\n  controls: [A.6.2.4]\n",
    )]);
    let report = repo.check_json();
    assert!(report.findings().is_empty(), "{:?}", report.findings());
}

#[test]
fn file_unreadable_triggers_on_invalid_utf8_at_the_byte() {
    let repo = Repo::with_base(&[]);
    repo.write_bytes("latin1.yaml", b"kind: Role\nid: caf\xe9\n");
    let found = repo.check_json().of_rule("file-unreadable");
    assert_eq!(
        found,
        vec![(
            "latin1.yaml".to_string(),
            2,
            8,
            "file is not valid UTF-8 text".to_string()
        )]
    );
}

#[test]
fn file_unreadable_quiet_on_utf8_with_byte_order_mark() {
    let repo = Repo::with_base(&[]);
    repo.write_bytes(
        "bom.yaml",
        "\u{feff}kind: Role\nid: r\ntitle: Rôle\nresponsibilities: [x]\n".as_bytes(),
    );
    let report = repo.check_json();
    assert!(report.findings().is_empty(), "{:?}", report.findings());
    assert_eq!(report.records(), 4);
}

// --- discovery ---

#[test]
fn markdown_front_matter_becomes_a_record_with_body_and_true_lines() {
    let repo = Repo::with_base(&[
        (
            "policy.md",
            "---\nkind: Policy\nid: P-1\ntitle: AI policy\nowner: owner\napproved_by: Board\napproved: 2026-01-01\nreview_by: 2027-01-01\ncontrol: [A.2.2]\n---\n# Policy\n\nText.\n",
        ),
        ("notes.md", "# Just notes\n\nkind: not front matter\n"),
    ]);
    let report = repo.check_json();
    assert_eq!(
        report.of_rule("schema"),
        vec![(
            "policy.md".to_string(),
            9,
            1,
            "unknown field `control` in policy `P-1`".to_string()
        )]
    );
    assert_eq!(report.records(), 4);
}

#[test]
fn gitignore_and_exclude_globs_are_honoured() {
    let repo = Repo::with_base(&[
        (
            "aims.toml",
            &format!("{CONFIG}[aims]\nexclude = [\"drafts/**\"]\n"),
        ),
        (".gitignore", "generated/\n"),
        ("drafts/wip.yaml", "kind: Nonsense\n"),
        ("generated/out.yaml", "kind: Nonsense\n"),
    ]);
    let report = repo.check_json();
    assert!(report.findings().is_empty(), "{:?}", report.findings());
}

#[test]
fn several_documents_and_kindless_document_in_a_record_file() {
    let repo = Repo::with_base(&[(
        "mixed.yaml",
        "kind: Role\nid: a\ntitle: A\nresponsibilities: [x]\n---\nid: b\ntitle: B\n",
    )]);
    let found = repo.check_json().of_rule("schema");
    assert_eq!(
        found,
        vec![(
            "mixed.yaml".to_string(),
            6,
            1,
            "this document has no `kind`".to_string()
        )]
    );
}

// --- severity and exit codes ---

#[test]
fn rules_table_downgrades_and_deny_warnings_fails() {
    let repo = Repo::with_base(&[
        (
            "aims.toml",
            &format!("{CONFIG}dangling-reference = \"warn\"\n"),
        ),
        (
            "d.yaml",
            "kind: Dataset\nid: d\nname: n\nprovenance: p\nowner: ghost\n",
        ),
    ]);
    let report = repo.check_json();
    assert_eq!(report.findings()[0]["severity"], "warning");
    assert_eq!(report.json["summary"]["warnings"], 1);
    assert_eq!(report.code, 0);
    assert_eq!(repo.check(&["--deny", "warnings"]).status.code(), Some(1));

    repo.write(
        "aims.toml",
        &format!("{CONFIG}dangling-reference = \"off\"\n"),
    );
    let report = repo.check_json();
    assert!(report.findings().is_empty());
}

#[test]
fn unknown_rule_in_config_is_exit_2_and_located() {
    let repo = Repo::with_base(&[(
        "aims.toml",
        "[organization]\nname = \"X\"\n[rules]\ndangling-refs = \"warn\"\n",
    )]);
    let output = repo.check(&[]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("error[config]: `[rules]` names unknown rule `dangling-refs`"),
        "{err}"
    );
    assert!(err.contains("--> aims.toml:4:1"), "{err}");
    assert!(err.contains("did you mean `dangling-reference`?"), "{err}");
}
