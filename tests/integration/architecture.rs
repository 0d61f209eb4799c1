//! ARCHITECTURE.md's module table is the law of imports: every `crate::` path in `src/` (test
//! modules aside) must name a module its "may use" column allows, so the document and the code
//! cannot drift apart.

use crate::support::manifest_dir;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module -> the modules it may use; `None` for "everything".
fn allowed_imports(architecture: &str) -> BTreeMap<String, Option<BTreeSet<String>>> {
    let mut table = BTreeMap::new();
    for line in architecture.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | `module` | owns | may use | IO |
        if cells.len() < 5 || !cells[1].starts_with('`') {
            continue;
        }
        let module = cells[1].trim_matches('`').to_string();
        let may_use = if cells[3] == "everything" {
            None
        } else {
            // The names in backticks; words around them are comments.
            Some(
                cells[3]
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect(),
            )
        };
        table.insert(module, may_use);
    }
    table
}

/// The top-level module a file of `src/` belongs to (`src/load/git.rs` -> `load`).
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

/// The top-level modules a file's code names through `crate::`, up to its test module.
fn imports_of(code: &str) -> BTreeSet<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            // `use crate::{load, model::Kind}`
            Some(group) => group
                .split('}')
                .next()
                .unwrap_or_default()
                .split(',')
                .collect(),
            None => vec![rest],
        };
        for name in names {
            let module: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !module.is_empty() {
                found.insert(module);
            }
        }
    }
    found
}

fn rust_files(folder: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every import that the table forbids, as "file: module -> module".
fn violations(src: &Path, architecture: &str) -> Vec<String> {
    let table = allowed_imports(architecture);
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap();
        let module = module_of(relative);
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(allowed) = table.get(&module) else {
            wrong.push(format!(
                "{}: module `{module}` has no row in ARCHITECTURE.md",
                relative.display()
            ));
            continue;
        };
        let Some(allowed) = allowed else { continue };
        let code = std::fs::read_to_string(&file).unwrap();
        for import in imports_of(&code) {
            if import != module && !allowed.contains(&import) {
                wrong.push(format!(
                    "{}: `{module}` imports `{import}`, which ARCHITECTURE.md does not allow",
                    relative.display()
                ));
            }
        }
    }
    wrong
}

#[test]
fn imports_follow_the_architecture_table() {
    let architecture = std::fs::read_to_string(manifest_dir().join("ARCHITECTURE.md")).unwrap();
    let table = allowed_imports(&architecture);
    for module in ["diagnostic", "syntax", "model", "load", "checks", "cmd"] {
        assert!(table.contains_key(module), "no row for `{module}`");
    }
    let wrong = violations(&manifest_dir().join("src"), &architecture);
    assert!(
        wrong.is_empty(),
        "imports against the flow:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_back_import_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("model")).unwrap();
    std::fs::write(
        src.join("model/mod.rs"),
        "use crate::syntax::tree::Node;\nuse crate::{diagnostic::Span, load::Loaded};\n#[cfg(test)]\nmod tests { use crate::cmd::run; }\n",
    )
    .unwrap();
    let architecture = "| module | owns | may use | IO |\n|---|---|---|---|\n| `model` | x | `syntax`, `diagnostic` | none |\n";
    assert_eq!(
        violations(src, architecture),
        ["model/mod.rs: `model` imports `load`, which ARCHITECTURE.md does not allow"]
    );
}
