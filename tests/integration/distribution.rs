//! What users install and wire up: the pre-commit hooks, the wheel projects, the binstall
//! metadata, the workflow `aims init` writes, and the Action's own scripts run as the runner
//! would run them.

use crate::support::*;
use std::process::Command;

fn read(path: &str) -> String {
    std::fs::read_to_string(manifest_dir().join(path)).unwrap()
}

fn toml_file(path: &str) -> toml::Table {
    read(path).parse().unwrap()
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn the_wheel_and_the_hook_package_carry_the_crate_version() {
    let hook = toml_file("pyproject.toml");
    let project = hook["project"].as_table().unwrap();
    assert_eq!(project["version"].as_str(), Some(VERSION));
    let dependencies: Vec<_> = project["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    // The hook installs exactly this release's wheel, so it never compiles.
    assert_eq!(dependencies, [format!("aims-cli=={VERSION}")]);
    assert!(
        hook["build-system"]["build-backend"]
            .as_str()
            .unwrap()
            .starts_with("setuptools")
    );

    let wheel = toml_file("dist/python/pyproject.toml");
    assert_eq!(wheel["project"]["name"].as_str(), Some("aims-cli"));
    assert_eq!(wheel["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    assert_eq!(
        wheel["tool"]["maturin"]["manifest-path"].as_str(),
        Some("../../Cargo.toml")
    );
}

#[test]
fn the_pre_commit_hooks_check_everything_on_every_commit() {
    let text = read(".pre-commit-hooks.yaml");
    let parsed = aims::load::yaml::parse(&text, 0);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let hooks = parsed.documents[0].items();
    let field =
        |hook: &aims::syntax::tree::Node, name: &str| hook.get(name).map(|v| v.value.clone());
    use aims::syntax::tree::NodeValue::{Bool, Str};
    let ids: Vec<_> = hooks
        .iter()
        .map(|h| h.get("id").unwrap().as_str().unwrap())
        .collect();
    assert_eq!(ids, ["aims-check", "aims-check-src"]);
    for (hook, language) in hooks.iter().zip(["python", "rust"]) {
        assert_eq!(field(hook, "language"), Some(Str(language.into())));
        assert_eq!(field(hook, "entry"), Some(Str("aims check".into())));
        assert_eq!(field(hook, "always_run"), Some(Bool(true)));
        assert_eq!(field(hook, "pass_filenames"), Some(Bool(false)));
    }
}

#[test]
fn cargo_binstall_finds_the_release_archive() {
    let cargo = toml_file("Cargo.toml");
    let binstall = &cargo["package"]["metadata"]["binstall"];
    let url = binstall["pkg-url"].as_str().unwrap();
    assert!(url.ends_with("/releases/download/v{ version }/aims-{ version }-{ target }.tar.gz"));
    // The folder inside the archive, as dist/package.sh writes it.
    assert_eq!(
        binstall["bin-dir"].as_str(),
        Some("aims-{ version }-{ target }/{ bin }{ binary-ext }")
    );
    let package = read("dist/package.sh");
    assert!(package.contains("name=\"aims-$version-$target\""));
}

#[test]
fn init_pins_the_action_to_this_release() {
    let dir = tempfile::tempdir().unwrap();
    let output = aims()
        .args(["init", "--organization", "Pinned Ltd"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let workflow = std::fs::read_to_string(dir.path().join(".github/workflows/aims.yml")).unwrap();
    assert!(
        workflow.contains(&format!("uses: aims-governance/aims@v{VERSION}")),
        "{workflow}"
    );
    assert!(!workflow.contains("@main"));
    let action = read("action.yml");
    assert!(
        !action.contains("cargo install"),
        "the Action must never compile"
    );
}

/// A repository with `errors` dangling references, one per role file.
fn repository_with_errors(errors: usize) -> Repo {
    let repo = Repo::new(&[]);
    for i in 0..errors {
        repo.write(
            &format!("roles/role-{i:02}.yaml"),
            &format!(
                "kind: Role\nid: role-{i:02}\ntitle: Role {i}\nresponsibilities: [x]\nreports_to: nobody-{i:02}\n"
            ),
        );
    }
    repo
}

#[test]
fn the_action_check_script_puts_every_finding_in_the_job_summary() {
    let repo = repository_with_errors(30);
    let out = tempfile::tempdir().unwrap();
    let summary = out.path().join("summary.md");
    let outputs = out.path().join("outputs");
    let sarif = out.path().join("aims.sarif");
    let output = Command::new("bash")
        .arg(manifest_dir().join("action/check.sh"))
        .env("AIMS", env!("CARGO_BIN_EXE_aims"))
        .env("AIMS_PATH", repo.path())
        .env("AIMS_SARIF", &sarif)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let annotations = stdout(&output);
    assert_eq!(
        annotations
            .lines()
            .filter(|l| l.starts_with("::error "))
            .count(),
        30
    );
    // The runner would show 10 of them: a notice says where the rest are.
    assert!(
        annotations.contains("::notice title=aims check::30 errors"),
        "{annotations}"
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.starts_with("## aims check: 30 errors, 0 warnings"),
        "{summary}"
    );
    let rows: Vec<_> = summary
        .lines()
        .filter(|l| l.starts_with("| error |"))
        .collect();
    assert_eq!(rows.len(), 30, "{summary}");
    for i in 0..30 {
        assert!(
            rows.iter()
                .any(|r| r.contains(&format!("roles/role-{i:02}.yaml:5:"))),
            "role-{i:02} missing from {summary}"
        );
    }
    assert_eq!(std::fs::read_to_string(&outputs).unwrap(), "exit-code=1\n");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 30);
    assert!(
        results
            .iter()
            .all(|r| r["partialFingerprints"]["primaryLocationLineHash"].is_string())
    );
}

#[test]
fn the_action_installs_a_release_only_when_its_checksum_matches() {
    let releases = tempfile::tempdir().unwrap();
    let version = "9.8.7";
    let name = format!("aims-{version}-x86_64-unknown-linux-musl");
    let folder = releases.path().join("stage").join(&name);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("aims"), "#!/bin/sh\necho \"aims 9.8.7\"\n").unwrap();
    let download = releases
        .path()
        .join("base/aims-governance/aims/releases/download")
        .join(format!("v{version}"));
    std::fs::create_dir_all(&download).unwrap();
    let archive = download.join(format!("{name}.tar.gz"));
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "chmod +x '{0}/aims' && tar -czf '{1}' -C '{2}' '{name}' && cd '{3}' && sha256sum '{name}.tar.gz' > '{name}.tar.gz.sha256'",
            folder.display(),
            archive.display(),
            releases.path().join("stage").display(),
            download.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let install = |runner_temp: &std::path::Path| {
        let path_file = runner_temp.join("path");
        let output = Command::new("bash")
            .arg(manifest_dir().join("action/install.sh"))
            .env("AIMS_VERSION", format!("v{version}"))
            .env(
                "AIMS_DOWNLOAD_BASE",
                format!("file://{}", releases.path().join("base").display()),
            )
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", runner_temp)
            .env("GITHUB_PATH", &path_file)
            .output()
            .unwrap();
        (
            output,
            std::fs::read_to_string(path_file).unwrap_or_default(),
        )
    };
    let temp = tempfile::tempdir().unwrap();
    let (output, path) = install(temp.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("aims 9.8.7"));
    assert!(path.trim_end().ends_with(&name), "{path}");

    // A tampered archive is refused, and nothing goes on PATH.
    std::fs::write(
        download.join(format!("{name}.tar.gz.sha256")),
        format!("{}  {name}.tar.gz\n", "0".repeat(64)),
    )
    .unwrap();
    let temp = tempfile::tempdir().unwrap();
    let (output, path) = install(temp.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("::error title=aims::"),
        "{}",
        stdout(&output)
    );
    assert!(path.is_empty());
}
