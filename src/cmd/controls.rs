//! `aims controls`: the built-in ISO/IEC 42001 catalog.

use super::Outcome;
use crate::cli::{ControlsArgs, ListFormat};
use crate::model::catalog::{
    ANNEX_C_OBJECTIVES, ANNEX_C_RISK_SOURCES, AREAS, CLAUSES, CONTROLS, DOCUMENTED_INFORMATION,
};
use serde_json::json;
use std::io::Write;

pub fn run(args: &ControlsArgs, out: &mut dyn Write) -> Outcome {
    match args.format {
        ListFormat::Json => {
            let clauses: Vec<serde_json::Value> = CLAUSES
                .iter()
                .map(|clause| {
                    let documents: Vec<serde_json::Value> = DOCUMENTED_INFORMATION
                        .iter()
                        .filter(|d| d.clause_id() == clause.id)
                        .map(|d| {
                            json!({"clause": d.clause, "what": d.what, "required": d.required, "how": d.fix})
                        })
                        .collect();
                    json!({
                        "id": clause.id,
                        "title": clause.title,
                        "description": clause.description,
                        "documented_information": documents,
                    })
                })
                .collect();
            let catalog = json!({
                "standard": "ISO/IEC 42001:2023",
                "clauses": clauses,
                "annex_a": {"areas": AREAS, "controls": CONTROLS},
                "annex_c": {"objectives": ANNEX_C_OBJECTIVES, "risk_sources": ANNEX_C_RISK_SOURCES},
            });
            serde_json::to_writer_pretty(&mut *out, &catalog).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        ListFormat::Human => {
            writeln!(
                out,
                "ISO/IEC 42001:2023 (descriptions are aims' own summaries, not the standard's text)\n"
            )?;
            writeln!(out, "Clauses 4-10")?;
            for clause in CLAUSES {
                let indent = "  ".repeat(clause.id.matches('.').count() + 1);
                writeln!(out, "{indent}{:<8} {}", clause.id, clause.title)?;
                writeln!(out, "{indent}         {}", clause.description)?;
                for document in DOCUMENTED_INFORMATION
                    .iter()
                    .filter(|d| d.clause_id() == clause.id)
                {
                    let need = if document.required {
                        "required"
                    } else {
                        "expected"
                    };
                    writeln!(
                        out,
                        "{indent}         documented information ({need}): {} ({})",
                        document.what, document.clause
                    )?;
                }
            }
            writeln!(out, "\nAnnex A controls")?;
            for area in AREAS {
                writeln!(out, "  {:<8} {}", area.id, area.title)?;
                writeln!(out, "           {}", area.objective)?;
                for control in CONTROLS.iter().filter(|c| c.area == area.id) {
                    writeln!(out, "    {:<8} {}", control.id, control.title)?;
                    writeln!(out, "             {}", control.description)?;
                }
            }
            writeln!(out, "\nAnnex C objectives")?;
            for item in ANNEX_C_OBJECTIVES {
                writeln!(out, "  {:<8} {}: {}", item.id, item.title, item.description)?;
            }
            writeln!(out, "\nAnnex C risk sources")?;
            for item in ANNEX_C_RISK_SOURCES {
                writeln!(out, "  {:<8} {}: {}", item.id, item.title, item.description)?;
            }
        }
    }
    Ok(0)
}
