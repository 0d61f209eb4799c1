//! `aims export`: one kind's records (or the SoA) as a CSV or XLSX table.

use super::{Failure, Outcome};
use crate::cli::{ExportArgs, SheetFormat};
use crate::load;
use crate::model::Kind;
use crate::model::coverage::control_states;
use crate::sheet::{export, import::make_id, table};
use std::io::Write;
use std::path::Path;

pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let today = args.as_of.unwrap_or_else(|| jiff::Zoned::now().date());
    let config = load::config::load(&args.dir)?;
    let loaded = load::load_repository(&config).map_err(Failure::Message)?;
    let model = &loaded.model;
    let format = args.format.unwrap_or_else(|| {
        match args
            .out
            .as_deref()
            .and_then(Path::extension)
            .and_then(|e| e.to_str())
        {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => SheetFormat::Xlsx,
            _ => SheetFormat::Csv,
        }
    });
    let wanted = make_id(&args.kind);
    let (table, name) = if wanted == "soa" {
        if args.mapping.is_some() {
            return Err(Failure::Message(
                "`--mapping` is for a kind's records; the SoA table is a report (export `StatementOfApplicability` for a round trip)".to_string(),
            ));
        }
        let controls = control_states(model, &config, today);
        (export::soa_table(&controls), "SoA".to_string())
    } else {
        let kind = Kind::ALL
            .iter()
            .copied()
            .find(|k| {
                make_id(k.name()) == wanted
                    || k.schema_name() == wanted
                    || make_id(k.label()) == wanted
            })
            .ok_or_else(|| {
                Failure::Message(format!(
                    "unknown kind `{}`; export one of: {}, or `soa`",
                    args.kind,
                    Kind::ALL
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        let (table, lists) = export::records_table(model, kind);
        if let Some(path) = &args.mapping {
            write_file(path, export::mapping_for(kind, &table, &lists).as_bytes())?;
        }
        (table, kind.name().to_string())
    };
    let bytes = match format {
        SheetFormat::Csv => table::write_csv(&table),
        SheetFormat::Xlsx => table::write_xlsx(&table, &name),
    }
    .map_err(Failure::Message)?;
    match &args.out {
        Some(path) => {
            write_file(path, &bytes)?;
            writeln!(
                err,
                "wrote {} {} to {}",
                table.rows.len(),
                if table.rows.len() == 1 { "row" } else { "rows" },
                path.display()
            )?;
        }
        None if format == SheetFormat::Xlsx => {
            return Err(Failure::Message(
                "XLSX is a binary file: give `--out FILE.xlsx`".to_string(),
            ));
        }
        None => out.write_all(&bytes)?,
    }
    Ok(0)
}

/// Writes through a temporary file beside the target, so a reader never sees half a file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail =
        |e: std::io::Error| Failure::Message(format!("cannot write {}: {e}", path.display()));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".aims-tmp");
    let temporary = std::path::PathBuf::from(temporary);
    std::fs::write(&temporary, bytes).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        fail(e)
    })
}
