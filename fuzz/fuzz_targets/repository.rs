//! One record file of any content inside a small, otherwise valid AIMS, run through `aims check`
//! in every output format and `aims status`: exit 0, 1 or 2, never a panic.
//!
//! The first byte picks the file's name (YAML or Markdown, at the root or under `risks/`); the
//! rest is its content. The repository is built once per process in a temporary folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const NAMES: [&str; 4] = ["fuzzed.yaml", "fuzzed.md", "risks/fuzzed.yaml", "evidence/fuzzed.md"];
const FORMATS: [&str; 5] = ["human", "json", "sarif", "junit", "github"];

fn repository() -> &'static Path {
    static ROOT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &ROOT
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let root = dir.path().join("aims");
            let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/minimal");
            std::fs::create_dir_all(root.join("risks")).unwrap();
            std::fs::create_dir_all(root.join("evidence")).unwrap();
            for entry in std::fs::read_dir(example).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), root.join(entry.file_name())).unwrap();
            }
            (dir, root)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let root = repository();
    let name = NAMES[pick as usize % NAMES.len()];
    for other in NAMES {
        let _ = std::fs::remove_file(root.join(other));
    }
    std::fs::write(root.join(name), content).unwrap();
    let dir = root.to_str().unwrap();
    for format in FORMATS {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = aims::cmd::run_args(
            ["aims", "check", dir, "--format", format, "--as-of", "2026-06-01"],
            &mut out,
            &mut err,
        );
        assert!(code <= 2, "exit {code} with {format}");
        if format == "json" && code < 2 {
            serde_json::from_slice::<serde_json::Value>(&out).expect("valid JSON");
        }
    }
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = aims::cmd::run_args(["aims", "status", dir], &mut out, &mut err);
    assert!(code <= 2, "status exit {code}");
});
