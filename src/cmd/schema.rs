//! `aims schema [KIND] [--out DIR]`: the bundled JSON Schemas, for editors.

use super::{Failure, Outcome};
use crate::cli::SchemaArgs;
use crate::model::Kind;
use crate::schema::{CONFIG_SCHEMA, RECORD_SCHEMA, schema_files, text_of};
use std::io::Write;
use std::path::Path;

/// Accepts `Risk`, `risk`, `ai-system`, `AISystem`, `aims.toml` and `aims-toml`.
fn resolve(name: &str) -> Option<&'static str> {
    if name == "aims.toml" || name == CONFIG_SCHEMA {
        return Some(CONFIG_SCHEMA);
    }
    if name == RECORD_SCHEMA {
        return Some(RECORD_SCHEMA);
    }
    let plain = |s: &str| s.replace(['-', '_'], "").to_lowercase();
    Kind::ALL
        .iter()
        .find(|k| plain(k.name()) == plain(name) || k.schema_name() == name)
        .map(|k| k.schema_name())
}

pub fn run(args: &SchemaArgs, out: &mut dyn Write) -> Outcome {
    let selected: Vec<&str> = match &args.kind {
        Some(name) => vec![resolve(name).ok_or_else(|| {
            Failure::Message(format!(
                "no schema named `{name}`; known: aims.toml, {}",
                Kind::ALL
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?],
        None => schema_files()
            .map(|(name, _)| name)
            .chain([RECORD_SCHEMA])
            .collect(),
    };
    match (&args.out, &args.kind) {
        (Some(dir), _) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::Message(format!("cannot create `{}`: {e}", dir.display())))?;
            for name in &selected {
                let path = dir.join(format!("{name}.schema.json"));
                write_atomically(&path, &text_of(name))?;
                writeln!(out, "wrote {}", path.display())?;
            }
        }
        (None, Some(_)) => out.write_all(text_of(selected[0]).as_bytes())?,
        (None, None) => {
            writeln!(
                out,
                "Bundled JSON Schemas (draft 2020-12). Print one with `aims schema KIND`,"
            )?;
            writeln!(
                out,
                "write them all for your editor with `aims schema --out .aims/schemas`.\n"
            )?;
            writeln!(out, "  {:<26} aims.toml", CONFIG_SCHEMA)?;
            writeln!(
                out,
                "  {:<26} any record (the `kind` picks the schema): map it to *.yaml",
                RECORD_SCHEMA
            )?;
            for kind in Kind::ALL {
                let spec = kind.spec();
                writeln!(
                    out,
                    "  {:<26} kind: {:<24} ISO/IEC 42001 {}",
                    spec.schema.0, spec.name, spec.clauses
                )?;
            }
        }
    }
    Ok(0)
}

/// Writes through a temporary file in the same folder, so a reader never sees half a file.
fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    let temporary = path.with_extension("json.tmp");
    let fail =
        |e: std::io::Error| Failure::Message(format!("cannot write `{}`: {e}", path.display()));
    std::fs::write(&temporary, text).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        fail(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_in_every_spelling() {
        assert_eq!(resolve("Risk"), Some("risk"));
        assert_eq!(resolve("AISystem"), Some("ai-system"));
        assert_eq!(resolve("ai-system"), Some("ai-system"));
        assert_eq!(
            resolve("statement_of_applicability"),
            Some("statement-of-applicability")
        );
        assert_eq!(resolve("aims.toml"), Some("aims-toml"));
        assert_eq!(resolve("spaceship"), None);
    }
}
