//! What `aims init` writes: a new AIMS repository (commented `aims.toml`, a template per
//! record kind, a Statement of Applicability with all 38 controls to decide on, CI and editor
//! wiring), or the acme-lending example. Pure: it returns the files; `cmd::init` writes them.

mod example;

use crate::model::KINDS;
use crate::model::catalog::CONTROLS;
use crate::schema::text_of;
use crate::schema::{RECORD_SCHEMA, schema_files};

pub use example::example_files;

/// A file to write: repository-relative path with `/` separators, and its bytes.
pub type ScaffoldFile = (String, Vec<u8>);

/// Starts a justification the SoA still has to give; `aims status` counts such controls as
/// not yet decided.
pub const UNDECIDED_JUSTIFICATION: &str =
    "TODO: decide whether this control applies to our AI systems, and say why";

/// Quotes text for a TOML basic string (organization names can hold anything).
fn toml_string_body(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A new, empty AIMS for `organization`.
pub fn new_repository(organization: &str) -> Vec<ScaffoldFile> {
    let mut files = Vec::new();
    let config = include_str!("templates/aims.toml")
        .replace("__ORGANIZATION__", &toml_string_body(organization));
    files.push(("aims.toml".to_string(), config.into_bytes()));
    let readme = include_str!("templates/README.md")
        .replace("__ORGANIZATION__", &organization.replace(['\n', '\r'], " "));
    files.push(("README.md".to_string(), readme.into_bytes()));
    files.push((
        "statement-of-applicability.yaml".to_string(),
        statement_of_applicability().into_bytes(),
    ));
    for kind in KINDS {
        files.push((
            format!("record-templates/{}.yaml", kind.schema.0),
            kind.template.as_bytes().to_vec(),
        ));
    }
    let excluded = excludes_of(&files);
    files.extend(wiring(&excluded));
    files
}

/// The acme-lending example, with the same CI and editor wiring as a new repository.
pub fn example_repository() -> Vec<ScaffoldFile> {
    let mut files: Vec<ScaffoldFile> = example_files()
        .into_iter()
        .map(|(path, bytes)| (path, bytes.to_vec()))
        .collect();
    let excluded = excludes_of(&files);
    files.extend(wiring(&excluded));
    files
}

/// The `[aims] exclude` globs of the `aims.toml` among `files`.
fn excludes_of(files: &[ScaffoldFile]) -> Vec<String> {
    files
        .iter()
        .find(|(path, _)| path == "aims.toml")
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok()?.parse::<toml::Table>().ok())
        .and_then(|config| {
            let globs = config.get("aims")?.get("exclude")?.as_array()?.clone();
            Some(
                globs
                    .iter()
                    .filter_map(|g| g.as_str().map(str::to_string))
                    .collect(),
            )
        })
        .unwrap_or_default()
}

/// One commit of the example's history: when, by whom, why, and which paths (prefixes) it adds.
pub struct HistoryStep {
    pub date: &'static str,
    pub author: &'static str,
    pub email: &'static str,
    pub message: &'static str,
    /// Path prefixes this commit adds; the last step adds whatever is left.
    pub paths: &'static [&'static str],
}

/// The example as its AI governance team built it up over 2026, so document control shows
/// versions, authors and `Approved-by:` trailers on the first `aims pack`.
pub const EXAMPLE_HISTORY: &[HistoryStep] = &[
    HistoryStep {
        date: "2026-01-20T10:00:00Z",
        author: "Hannah Kowalski",
        email: "hannah.kowalski@acme-lending.example",
        message: "Set up the AI management system: scope, roles and processes\n\nScope and roles as agreed by the Executive Committee on 2026-01-20.\n\nApproved-by: Executive Committee",
        paths: &[
            ".gitignore",
            ".github/",
            ".vscode/",
            ".aims/",
            "aims.toml",
            "context.yaml",
            "people/",
            "processes/",
        ],
    },
    HistoryStep {
        date: "2026-02-18T15:30:00Z",
        author: "Marcus Lindqvist",
        email: "marcus.lindqvist@acme-lending.example",
        message: "Register the AI systems, datasets and suppliers; first risk and impact assessments\n\nApproved-by: Daniel Okafor (CRO)",
        paths: &[
            "systems/",
            "data/",
            "suppliers.yaml",
            "risks/",
            "impact-assessments/",
            "controls.yaml",
        ],
    },
    HistoryStep {
        date: "2026-03-12T09:00:00Z",
        author: "Hannah Kowalski",
        email: "hannah.kowalski@acme-lending.example",
        message: "AI policy, objectives and Statement of Applicability\n\nThe Board approved the AI policy on 2026-03-12; the CRO approved the SoA.\n\nApproved-by: Board of Directors\nApproved-by: Daniel Okafor (CRO)",
        paths: &[
            "policies/",
            "objectives.yaml",
            "statement-of-applicability.yaml",
        ],
    },
    HistoryStep {
        date: "2026-06-20T14:00:00Z",
        author: "Rebecca Stone",
        email: "rebecca.stone@acme-lending.example",
        message: "Internal audit 2026: report, findings and the first nonconformity",
        paths: &["audits/", "nonconformities/NC-2026-001.yaml"],
    },
    HistoryStep {
        date: "2026-09-30T16:00:00Z",
        author: "Hannah Kowalski",
        email: "hannah.kowalski@acme-lending.example",
        message: "Management review 2026-09: decisions, obligations, changes and corrective actions\n\nApproved-by: Priya Raman (CEO)",
        paths: &[
            "reviews/",
            "obligations.yaml",
            "changes/",
            "nonconformities/",
        ],
    },
    HistoryStep {
        date: "2026-11-05T11:00:00Z",
        author: "Marcus Lindqvist",
        email: "marcus.lindqvist@acme-lending.example",
        message: "October monitoring: fairness and quality results, incident INC-2026-001, evidence refreshed",
        paths: &[],
    },
];

/// VS Code settings that map the record schema to the repository's YAML files, leaving out the
/// files `aims.toml` excludes (`excluded`) and the tool folders, so the editor never flags a
/// file aims does not read ("missing property kind" on `drafts/` or `mkdocs.yml`).
fn vscode_settings(excluded: &[String]) -> Vec<u8> {
    let mut globs: Vec<String> = ["*.yaml", "*.yml", "**/*.yaml", "**/*.yml"]
        .iter()
        .map(|g| g.to_string())
        .collect();
    globs.extend(
        [
            ".github/**",
            ".aims/**",
            ".vscode/**",
            "mkdocs.yml",
            "mkdocs.yaml",
        ]
        .iter()
        .map(|g| g.to_string())
        .chain(excluded.iter().cloned())
        .map(|g| format!("!{g}")),
    );
    let settings = serde_json::json!({
        "yaml.schemas": {"./.aims/schemas/record.schema.json": globs},
        "evenBetterToml.schema.associations": {
            "aims\\.toml$": "./.aims/schemas/aims-toml.schema.json"
        },
    });
    let mut text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// `.gitignore`, the CI workflow, the JSON Schemas and the VS Code settings that use them.
fn wiring(excluded: &[String]) -> Vec<ScaffoldFile> {
    let mut files = vec![
        (
            ".gitignore".to_string(),
            b"# aims pack output\n/pack/\n".to_vec(),
        ),
        (
            ".github/workflows/aims.yml".to_string(),
            // Pinned to this release: `@main` would change under the user without a commit.
            include_str!("templates/workflow.yml")
                .replace("{version}", env!("CARGO_PKG_VERSION"))
                .into_bytes(),
        ),
        (
            ".vscode/settings.json".to_string(),
            vscode_settings(excluded),
        ),
        (
            ".vscode/extensions.json".to_string(),
            include_bytes!("templates/vscode-extensions.json").to_vec(),
        ),
    ];
    for name in schema_files().map(|(name, _)| name).chain([RECORD_SCHEMA]) {
        files.push((
            format!(".aims/schemas/{name}.schema.json"),
            text_of(name).into_bytes(),
        ));
    }
    files
}

/// All 38 controls, each still to decide: applicable until decided otherwise, status planned.
fn statement_of_applicability() -> String {
    let mut text = String::from(
        "# yaml-language-server: $schema=.aims/schemas/statement-of-applicability.schema.json\n\
         # Statement of Applicability (6.1.3 f). Decide each Annex A control: keep\n\
         # `applicable: true` and say why it applies, with its status and evidence as it is\n\
         # implemented; or set `applicable: false` and say why it does not apply to your scope.\n\
         # `aims controls` describes every control.\n\
         kind: StatementOfApplicability\n\
         id: SOA\n\
         controls:\n",
    );
    for control in CONTROLS {
        text.push_str(&format!(
            "  {}:  # {}\n    applicable: true\n    justification: \"{UNDECIDED_JUSTIFICATION}\"\n    status: planned\n",
            control.id, control.title
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_example_is_the_example_folder() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme-lending");
        let mut on_disk = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(root)];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    let relative = path.strip_prefix(root).unwrap();
                    on_disk.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        on_disk.sort();
        let embedded: Vec<String> = example_files().into_iter().map(|(p, _)| p).collect();
        assert_eq!(embedded, on_disk, "the embedded example is stale: rebuild");
    }

    #[test]
    fn organization_names_cannot_break_the_toml() {
        let files = new_repository("Evil \"Corp\"\\\n[rules]");
        let config = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(
            config.contains(r#"name = "Evil \"Corp\"\\\u000A[rules]""#),
            "{config}"
        );
        assert!(config.parse::<toml::Table>().is_ok());
    }
}
