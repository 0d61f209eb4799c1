//! `aims import` and `aims export` (DESIGN §7): the shipped register imports into a new AIMS
//! without schema errors, re-imports change nothing, mapping mistakes are located, rows are
//! never merged, existing records are updated in place, and every kind survives the round trip.

use crate::support::*;
use std::path::Path;

fn example(name: &str) -> std::path::PathBuf {
    manifest_dir().join("examples/import").join(name)
}

fn import(table: &Path, mapping: &Path, dir: &Path, extra: &[&str]) -> std::process::Output {
    aims()
        .arg("import")
        .arg(table)
        .arg("--mapping")
        .arg(mapping)
        .args(extra)
        .arg(dir)
        .output()
        .unwrap()
}

fn export(kind: &str, dir: &Path, extra: &[&str]) -> std::process::Output {
    aims()
        .args(["export", kind])
        .arg(dir)
        .args(["--as-of", AS_OF])
        .args(extra)
        .output()
        .unwrap()
}

/// Every file below `dir` with its text, sorted by path.
fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir)
        .hidden(false)
        .build()
        .flatten()
    {
        if entry.file_type().is_some_and(|t| t.is_file()) {
            let path = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            files.push((
                path,
                std::fs::read_to_string(entry.path()).unwrap_or_default(),
            ));
        }
    }
    files.sort();
    files
}

fn new_aims() -> Repo {
    Repo::new(&[("aims.toml", "[organization]\nname = \"Department Ltd\"\n")])
}

#[test]
fn the_shipped_register_imports_without_schema_errors_and_a_second_import_changes_nothing() {
    let repo = new_aims();
    let output = import(
        &example("ai-use-case-inventory.csv"),
        &example("mapping.toml"),
        repo.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("8 rows of") && text.contains("8 created"),
        "{text}"
    );
    assert!(text.contains("created draft Supplier `espyr-acentra` for \"Espyr/Acentra\""));
    let report = repo.check_json();
    let rules: Vec<&str> = report
        .findings()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for broken in [
        "schema",
        "yaml-syntax",
        "dangling-reference",
        "duplicate-id",
    ] {
        assert!(
            !rules.contains(&broken),
            "{broken}: {:#?}",
            report.findings()
        );
    }
    // Multi-valued vendor cells split on the mapping's separators only.
    let system = std::fs::read_to_string(repo.path().join("systems/OCIO/dol-0003.yaml")).unwrap();
    assert!(system.contains("suppliers: [servicenow, aws]"), "{system}");
    let system = std::fs::read_to_string(repo.path().join("systems/ETA/dol-0001.yaml")).unwrap();
    assert!(
        system.contains("suppliers: [microsoft, openai]"),
        "{system}"
    );
    assert!(system.contains("use-case-inventory: DOL-0001"), "{system}");
    assert!(system.contains("Topic Area: Mission-Enabling"), "{system}");
    // A row without a lifecycle stage is kept, as a draft.
    let draft = std::fs::read_to_string(repo.path().join("systems/OCIO/dol-0007.yaml")).unwrap();
    assert!(draft.contains("draft: true"), "{draft}");

    let before = snapshot(repo.path());
    let again = import(
        &example("ai-use-case-inventory.csv"),
        &example("mapping.toml"),
        repo.path(),
        &[],
    );
    assert_eq!(again.status.code(), Some(0));
    assert!(stdout(&again).contains("0 created, 0 updated, 8 unchanged"));
    assert_eq!(snapshot(repo.path()), before, "a re-import changed files");
}

#[test]
fn dry_run_writes_nothing_and_lists_what_each_row_would_do() {
    let repo = new_aims();
    let before = snapshot(repo.path());
    let output = import(
        &example("ai-use-case-inventory.csv"),
        &example("mapping.toml"),
        repo.path(),
        &["--dry-run"],
    );
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("row 2: would create AISystem `dol-0001` in systems/ETA/dol-0001.yaml"));
    assert!(
        text.contains(
            "`dol-0007` in systems/OCIO/dol-0007.yaml (as a draft: lacks lifecycle_stage)"
        ),
        "{text}"
    );
    assert!(text.starts_with("row 2:"));
    assert!(text.contains("dry run, nothing written"));
    assert_eq!(snapshot(repo.path()), before);
}

const TABLE: &str = "Ref,System,Stage,Purpose,Vendor\nA-1,Claims triage,Live,Routes claims,Acme AI\nA-2,Fraud model,Pilot,Scores claims,\n";

fn mapping(fields: &str) -> String {
    format!(
        "[import]\nkind = \"AISystem\"\nid = \"{{Ref}}\"\nkey = \"register\"\n\n[fields]\nowner = {{ value = \"owner\" }}\nai_role = {{ value = \"user\" }}\n{fields}"
    )
}

const GOOD_FIELDS: &str = "name = \"{System}\"\npurpose = \"{Purpose}\"\nlifecycle_stage = { column = \"Stage\", map = { Live = \"operation\", Pilot = \"verification\" } }\n";

#[test]
fn mapping_mistakes_are_located_in_the_mapping_and_nothing_is_written() {
    let cases = [
        (
            "name = \"{Sytem}\"\n",
            "the table has no column `Sytem`",
            Some("did you mean `System`?"),
        ),
        (
            "nmae = \"{System}\"\n",
            "AISystem has no field `nmae`",
            Some("did you mean `name`?"),
        ),
        (
            "lifecycle_stage = { column = \"Stage\", map = { Live = \"running\", Pilot = \"verification\" } }\n",
            "`lifecycle_stage` cannot be \"running\" (for `Live`)",
            None,
        ),
        (
            "lifecycle_stage = { column = \"Stage\", map = { Live = \"operation\" } }\n",
            "column `Stage` has values that `lifecycle_stage` does not take and the mapping does not map: `Pilot`",
            None,
        ),
    ];
    for (fields, message, help) in cases {
        let repo = new_aims();
        repo.write("register.csv", TABLE);
        repo.write("map.toml", &mapping(fields));
        let before = snapshot(repo.path());
        let output = import(
            &repo.path().join("register.csv"),
            &repo.path().join("map.toml"),
            repo.path(),
            &[],
        );
        assert_eq!(output.status.code(), Some(2), "{fields}");
        let err = stderr(&output);
        assert!(err.contains(message), "{err}");
        assert!(err.contains("map.toml:"), "not located: {err}");
        if let Some(help) = help {
            assert!(err.contains(help), "{err}");
        }
        assert!(err.contains("nothing was written"));
        assert_eq!(snapshot(repo.path()), before);
    }
}

#[test]
fn two_rows_that_would_get_the_same_id_are_reported_and_never_merged() {
    let repo = new_aims();
    repo.write(
        "register.csv",
        "Ref,System,Stage,Purpose\nA 1,Claims triage,Live,Routes claims\na-1,Other,Live,Other\n",
    );
    repo.write("map.toml", &mapping(GOOD_FIELDS));
    let before = snapshot(repo.path());
    let output = import(
        &repo.path().join("register.csv"),
        &repo.path().join("map.toml"),
        repo.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("rows 2 and 3 would both become AISystem `a-1`"),
        "{err}"
    );
    assert_eq!(snapshot(repo.path()), before);
}

#[test]
fn a_reimport_updates_mapped_fields_in_place_and_lists_rows_gone_from_the_source() {
    let repo = new_aims();
    repo.write("register.csv", TABLE);
    repo.write("map.toml", &mapping(GOOD_FIELDS));
    let first = import(
        &repo.path().join("register.csv"),
        &repo.path().join("map.toml"),
        repo.path(),
        &[],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // The owner edits the record by hand: a comment, a field the register does not have.
    let path = "ai-systems/a-1.yaml";
    repo.edit(
        path,
        "kind: AISystem\n",
        "# Reviewed by the AI board, 2026-05.\nkind: AISystem\n",
    );
    repo.edit(
        path,
        "ai_role: user\n",
        "ai_role: user\nhuman_oversight: Claims handlers check every routing.\n",
    );
    repo.write(
        "register.csv",
        "Ref,System,Stage,Purpose,Vendor\nA-1,Claims triage,Live,Routes and prioritises claims,Acme AI\n",
    );
    let second = import(
        &repo.path().join("register.csv"),
        &repo.path().join("map.toml"),
        repo.path(),
        &[],
    );
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let text = stdout(&second);
    assert!(text.contains("0 created, 1 updated"), "{text}");
    assert!(text.contains("not in "), "{text}");
    assert!(text.contains("`a-2`"), "{text}");
    let record = std::fs::read_to_string(repo.path().join(path)).unwrap();
    assert!(
        record.starts_with("# Reviewed by the AI board, 2026-05.\n"),
        "{record}"
    );
    assert!(record.contains("human_oversight: Claims handlers check every routing."));
    assert!(
        record.contains("purpose: Routes and prioritises claims"),
        "{record}"
    );
    assert!(
        repo.path().join("ai-systems/a-2.yaml").exists(),
        "rows gone are not deleted"
    );
    assert_eq!(
        snapshot(repo.path())
            .iter()
            .filter(|(p, _)| p.starts_with("ai-systems/"))
            .count(),
        2
    );
}

#[test]
fn an_xlsx_register_imports_like_its_csv() {
    let repo = new_aims();
    let csv = std::fs::read(example("ai-use-case-inventory.csv")).unwrap();
    let table = aims::sheet::table::read_csv(&csv, None).unwrap();
    let xlsx = aims::sheet::table::write_xlsx(&table, "Inventory").unwrap();
    repo.write_bytes("inventory.xlsx", &xlsx);
    let output = import(
        &repo.path().join("inventory.xlsx"),
        &example("mapping.toml"),
        repo.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let from_xlsx =
        std::fs::read_to_string(repo.path().join("systems/OSHA/dol-0002.yaml")).unwrap();
    let other = new_aims();
    import(
        &example("ai-use-case-inventory.csv"),
        &example("mapping.toml"),
        other.path(),
        &[],
    );
    let from_csv =
        std::fs::read_to_string(other.path().join("systems/OSHA/dol-0002.yaml")).unwrap();
    assert_eq!(from_xlsx, from_csv);
}

#[test]
fn every_kind_exports_to_xlsx_with_the_records_values_and_round_trips() {
    let example = manifest_dir().join("examples/acme-lending");
    let out = tempfile::tempdir().unwrap();
    let fresh = new_aims();
    for kind in aims::model::Kind::ALL {
        let name = kind.name();
        let xlsx = out.path().join(format!("{name}.xlsx"));
        let map = out.path().join(format!("{name}.toml"));
        let output = export(
            name,
            &example,
            &[
                "--out",
                xlsx.to_str().unwrap(),
                "--mapping",
                map.to_str().unwrap(),
            ],
        );
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        // The workbook reads back (calamine) to the same cells as the CSV export.
        let workbook =
            aims::sheet::table::parse(std::fs::read(&xlsx).unwrap(), "xlsx", None, None).unwrap();
        let csv = export(name, &example, &[]);
        let table = aims::sheet::table::read_csv(&csv.stdout, None).unwrap();
        assert_eq!(workbook.headers, table.headers, "{name}");
        assert_eq!(
            workbook.rows.iter().map(|r| &r.cells).collect::<Vec<_>>(),
            table.rows.iter().map(|r| &r.cells).collect::<Vec<_>>(),
            "{name}"
        );
        assert!(!table.rows.is_empty(), "{name} has records in the example");
        let output = import(&xlsx, &map, fresh.path(), &[]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        // The records re-imported elsewhere export to the same table.
        let again = export(name, fresh.path(), &[]);
        let reimported = aims::sheet::table::read_csv(&again.stdout, None).unwrap();
        // Rows as (column, value) sets: the columns' order may differ, the values may not.
        let without_place = |t: &aims::sheet::table::Table| -> Vec<Vec<(String, String)>> {
            let mut rows: Vec<Vec<(String, String)>> = t
                .rows
                .iter()
                .map(|r| {
                    let mut cells: Vec<(String, String)> = t
                        .headers
                        .iter()
                        .zip(&r.cells)
                        .filter(|(h, v)| *h != "file" && *h != "line" && !v.is_empty())
                        .map(|(h, v)| (h.clone(), v.clone()))
                        .collect();
                    cells.sort();
                    cells
                })
                .collect();
            rows.sort();
            rows
        };
        assert_eq!(without_place(&reimported), without_place(&table), "{name}");
    }
    // Spot check: a value as the record has it.
    let risks = export("Risk", &example, &[]);
    let risks = aims::sheet::table::read_csv(&risks.stdout, None).unwrap();
    let type_column = risks.column("type").unwrap();
    let r009 = risks.rows.iter().find(|r| r.cells[0] == "R-009").unwrap();
    assert_eq!(r009.cells[type_column], "opportunity");
}

#[test]
fn the_soa_exports_one_row_per_control_as_auditors_read_it() {
    let output = export("soa", &manifest_dir().join("examples/acme-lending"), &[]);
    assert_eq!(output.status.code(), Some(0));
    let table = aims::sheet::table::read_csv(&output.stdout, None).unwrap();
    assert_eq!(
        table.headers[..6],
        [
            "control",
            "title",
            "applicable",
            "justification",
            "status",
            "evidence"
        ]
    );
    assert_eq!(
        table.rows.len(),
        38 + 1,
        "Annex A and one control beyond it"
    );
    assert_eq!(table.rows[0].cells[0], "A.2.2");
    let unknown = export("Riks", &manifest_dir().join("examples/acme-lending"), &[]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown kind `Riks`"));
}

/// The mapping of DESIGN §7, word for word, over a table with its column names.
const DESIGN_MAPPING: &str = r#"[import]
kind = "AISystem"                # one kind per mapping
id = "{agency}-{id}"             # template over column names; made into a valid id
file = "systems/{id}.yaml"       # optional; default <kind folder>/<id>.yaml
key = "omb-inventory"            # external_ids key; re-import updates, never duplicates
skip_if_empty = ["use_case_name"]

[fields]                         # field = "template" | { value } | { column, map, default, split, create }
name = "{use_case_name}"
purpose = "{problem_solved}"
owner = { value = "ai-governance-lead" }
lifecycle_stage = { column = "development_stage", default = "inception", map = { "Pre-deployment" = "development", Pilot = "verification", Deployed = "operation", Retired = "retired" } }
suppliers = { column = "vendor_name", split = [",", ";", "\n"], create = "Supplier" }
"impact_assessment.required" = { column = "is_high_impact", default = true, map = { "High-impact" = true, "Not High-impact" = false } }

[extra]
columns = "rest"                 # every unmapped non-empty column goes to `extra`
"#;

#[test]
fn the_design_mapping_imports_without_schema_errors() {
    let repo = new_aims();
    repo.write(
        "inventory.csv",
        "agency,id,use_case_name,problem_solved,development_stage,vendor_name,is_high_impact,ai_role_note,operational\n\
         SSA,0042,Disability claim triage,Routes claims to examiners,Deployed,\"Microsoft, OpenAI\",High-impact,uses vendor model,\n\
         SSA,0043,Mail sorting,Sorts scanned mail,Pilot,,Not High-impact,,2024-13-45\n\
         SSA,0044,,Empty name is skipped,Deployed,,,,\n\
         DOL,7,Chat assistant,Answers questions,Something else,\"ServiceNow\nAWS\",,,\n",
    );
    repo.write("map.toml", DESIGN_MAPPING);
    let output = import(
        &repo.path().join("inventory.csv"),
        &repo.path().join("map.toml"),
        repo.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("3 rows of"), "{text}");
    // An unmapped stage takes the default; an unknown column value never becomes an invalid record.
    let chat = std::fs::read_to_string(repo.path().join("systems/dol-7.yaml")).unwrap();
    assert!(chat.contains("lifecycle_stage: inception"), "{chat}");
    assert!(chat.contains("suppliers: [servicenow, aws]"), "{chat}");
    let claims = std::fs::read_to_string(repo.path().join("systems/ssa-0042.yaml")).unwrap();
    assert!(claims.contains("omb-inventory: SSA-0042"), "{claims}");
    assert!(
        claims.contains("ai_role_note: uses vendor model"),
        "{claims}"
    );
    let report = repo.check_json();
    assert!(
        !report.findings().iter().any(|f| f["rule"] == "schema"),
        "{:#?}",
        report.findings()
    );
    // The mapping gives no `ai_role`, a required field: every record is a draft, not invalid.
    assert!(text.contains("3 written as drafts"), "{text}");
}

#[test]
fn values_the_schema_refuses_are_kept_in_extra_and_the_record_is_a_draft() {
    let repo = new_aims();
    repo.write(
        "register.csv",
        "Ref,System,Stage,Purpose,Scheme,Class\nA-1,Claims triage,Live,Routes claims,,high\n",
    );
    repo.write(
        "map.toml",
        &mapping(&format!(
            "{GOOD_FIELDS}\"classifications.1.scheme\" = \"{{Scheme}}\"\n\"classifications.1.value\" = \"{{Class}}\"\n"
        )),
    );
    let output = import(
        &repo.path().join("register.csv"),
        &repo.path().join("map.toml"),
        repo.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("`classifications` kept in `extra`"),
        "{}",
        stderr(&output)
    );
    let record = std::fs::read_to_string(repo.path().join("ai-systems/a-1.yaml")).unwrap();
    assert!(record.contains("draft: true"), "{record}");
    assert!(
        record.contains("classifications: \"value: high\""),
        "{record}"
    );
    assert!(
        !repo
            .check_json()
            .findings()
            .iter()
            .any(|f| f["rule"] == "schema")
    );
}
