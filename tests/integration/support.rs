use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

pub const AS_OF: &str = "2026-11-23";

pub fn aims() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aims"));
    command.env_remove("NO_COLOR").arg("--color=never");
    command
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary AIMS repository written from `(path, text)` pairs.
pub struct Repo {
    pub dir: TempDir,
}

/// Loader and reference tests look at one rule at a time in a few records, so the rules about
/// the repository as a whole are off here; `Repo::complete` tests those.
pub const CONFIG: &str = "[organization]\nname = \"Fixture Ltd\"\n\n[rules]\nmissing-mandatory-document = \"off\"\nmissing-expected-document = \"off\"\nsystem-without-impact-assessment = \"off\"\nsystem-without-risk = \"off\"\nrisk-treatment-unapproved = \"off\"\nrisk-acceptance-undesignated = \"off\"\n";

/// Valid records the rule tests build on: a role, an AI system, a dataset.
pub const BASE: &str = "\
kind: Role
id: owner
title: System owner
responsibilities: [Owns the fixture system]
---
kind: AISystem
id: scoring
name: Scoring model
owner: owner
purpose: Scores applications
lifecycle_stage: operation
ai_role: producer
datasets: [applications]
---
kind: Dataset
id: applications
name: Applications
provenance: Own origination system
owner: owner
";

impl Repo {
    pub fn new(files: &[(&str, &str)]) -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Repo { dir };
        if !files.iter().any(|(p, _)| *p == "aims.toml") {
            repo.write("aims.toml", CONFIG);
        }
        for (path, text) in files {
            repo.write(path, text);
        }
        repo
    }

    /// A repository with the base records plus `files`.
    pub fn with_base(files: &[(&str, &str)]) -> Repo {
        let repo = Repo::new(files);
        repo.write("base.yaml", BASE);
        repo
    }

    /// A copy of `examples/minimal`, a small AIMS that checks clean, with `files` written over
    /// it: each ISO rule test plants one defect in an otherwise complete repository.
    pub fn complete(files: &[(&str, &str)]) -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = manifest_dir().join("examples/minimal");
        for entry in std::fs::read_dir(&source).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
        let repo = Repo { dir };
        for (path, text) in files {
            repo.write(path, text);
        }
        repo
    }

    /// Replaces `from` with `to` in a file of the repository; the text must be there.
    pub fn edit(&self, path: &str, from: &str, to: &str) {
        let full = self.path().join(path);
        let text = std::fs::read_to_string(&full).unwrap();
        assert!(text.contains(from), "{path} does not contain {from:?}");
        std::fs::write(full, text.replacen(from, to, 1)).unwrap();
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }

    pub fn check(&self, extra: &[&str]) -> Output {
        aims()
            .arg("check")
            .arg(self.path())
            .args(["--as-of", AS_OF])
            .args(extra)
            .output()
            .expect("aims runs")
    }

    pub fn check_json(&self) -> Report {
        Report::from_output(self.check(&["--format", "json"]))
    }
}

/// Parsed `--format json` output and the exit code.
pub struct Report {
    pub code: i32,
    pub json: Value,
}

impl Report {
    pub fn from_output(output: Output) -> Report {
        let stdout = String::from_utf8(output.stdout).unwrap();
        let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {stdout}\nstderr: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        Report {
            code: output.status.code().unwrap(),
            json,
        }
    }

    pub fn findings(&self) -> &Vec<Value> {
        self.json["findings"].as_array().unwrap()
    }

    /// `(file, line, column, message)` of every finding of one rule.
    pub fn of_rule(&self, rule: &str) -> Vec<(String, u64, u64, String)> {
        self.findings()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    pub fn records(&self) -> u64 {
        self.json["summary"]["records"].as_u64().unwrap()
    }
}

/// `(file, line, column)` of every finding of `rule`.
pub fn places(report: &Report, rule: &str) -> Vec<(String, u64, u64)> {
    report
        .of_rule(rule)
        .into_iter()
        .map(|(file, line, column, _)| (file, line, column))
        .collect()
}

pub fn messages(report: &Report, rule: &str) -> Vec<String> {
    report.of_rule(rule).into_iter().map(|f| f.3).collect()
}

pub fn at(file: &str, line: u64, column: u64) -> (String, u64, u64) {
    (file.to_string(), line, column)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `aims check --format json` on `tests/fixtures/<name>` and compares the output with
/// `tests/fixtures/<name>.expected.json`; `SNAPSHOTS=overwrite` rewrites the expectation.
pub fn check_pinned_fixture(name: &str) -> Output {
    let output = aims()
        .arg("check")
        .arg(manifest_dir().join("tests/fixtures").join(name))
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    let actual = String::from_utf8(output.stdout.clone()).unwrap();
    assert_golden(
        actual,
        &manifest_dir().join(format!("tests/fixtures/{name}.expected.json")),
    );
    output
}

/// Compares `actual` with the golden file at `path`, byte for byte (no wildcards);
/// `SNAPSHOTS=overwrite cargo test` accepts a deliberate change.
pub fn assert_golden(actual: String, path: &Path) {
    snapbox::assert_data_eq!(actual, snapbox::Data::read_from(path, None).raw());
}

/// Runs git in `dir` with a fixed identity and no user or system configuration.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_at(
        dir,
        args,
        "2026-01-01T12:00:00Z",
        "Test Author",
        "author@example.com",
    )
}

/// Runs git with the author and committer dates and name fixed, as the history tests need.
pub fn git_at(dir: &Path, args: &[&str], date: &str, name: &str, email: &str) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", name)
        .env("GIT_AUTHOR_EMAIL", email)
        .env("GIT_COMMITTER_NAME", name)
        .env("GIT_COMMITTER_EMAIL", email)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

impl Repo {
    /// Makes the repository a git repository on branch `main`.
    pub fn git_init(&self) {
        git(self.path(), &["init", "-q", "-b", "main"]);
    }

    /// Stages everything and commits it on `date` (`YYYY-MM-DD`) as `author`.
    pub fn commit(&self, date: &str, author: &str, message: &str) {
        git(self.path(), &["add", "-A"]);
        git_at(
            self.path(),
            &["commit", "-q", "--no-gpg-sign", "-m", message],
            &format!("{date}T12:00:00Z"),
            author,
            &format!("{}@example.com", author.to_lowercase().replace(' ', ".")),
        );
    }
}

/// Writes into `dir` one record of every kind (each kind's `aims init` template) carrying an
/// `extra` field and a body, plus a draft; returns the texts a reader must find in the pack:
/// every extra value and every body.
pub fn every_kind_with_body_and_extra(dir: &Path) -> Vec<String> {
    let mut expected = Vec::new();
    std::fs::write(
        dir.join("aims.toml"),
        "[organization]\nname = \"Every Kind Ltd\"\n",
    )
    .unwrap();
    for spec in aims::model::KINDS {
        let mut text = spec.template.to_string();
        let value = format!("Extra value of the {} record", spec.name);
        text.push_str(&format!("extra:\n  source-column: {value}\n"));
        expected.push(value);
        match text.find("\nbody: |\n") {
            Some(at) => {
                // The first line's words, without a list marker Markdown turns into markup.
                let first = text[at + 10..].lines().next().unwrap().trim();
                let first = first
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start_matches(['.', '-', ' '])
                    .to_string();
                expected.push(first);
            }
            None => {
                let body = format!("Body text of the {} record.", spec.name);
                text.push_str(&format!("body: {body}\n"));
                expected.push(body);
            }
        }
        std::fs::write(dir.join(format!("{}.yaml", spec.schema.0)), text).unwrap();
    }
    std::fs::write(
        dir.join("draft.yaml"),
        "kind: Change\nid: CHG-DRAFT\ntitle: Move scoring to the new cluster\ndraft: true\nextra:\n  ticket: OPS-4411\nbody: Draft text of the change, still being written.\n",
    )
    .unwrap();
    expected.extend([
        "CHG-DRAFT".to_string(),
        "OPS-4411".to_string(),
        "Draft text of the change, still being written.".to_string(),
    ]);
    expected
}
