//! Splitting a large PDF pack into volumes: one file each, typeset one after another.
//!
//! The typesetter holds every page of a file in memory until the file is written (about
//! 2.3 MB a page for the pack's tables, measured on 10,000 records: 1,640 pages, 3.7 GB). A
//! pack over `[pack] pdf_volume_pages` is therefore cut, in document order, into volumes of
//! about that many pages: whole sections where they fit, and a long section's entries split
//! across volumes where one does not. The estimate is per entry, from how much it shows.

use serde_json::{Map, Value, json};

/// The sections the template shows after its front matter, in document order: the key of the
/// list each one shows (also the key its drafts are kept under), its title, and what one
/// entry costs to typeset, in average pages (2.3 MB each), before its long text is counted.
/// Measured on `bench/gen.py`'s 10,000 records: a document-control row 73 KB, a risk (register
/// row and details) 204 KB, an impact assessment 260 KB, an AI system 190 KB, an evidence row
/// 160 KB, a finding 118 KB; the traceability matrix about 0.35 KB per character of its lists.
const SECTIONS: &[(&str, &str, f64)] = &[
    ("contexts", "Context and scope", 0.5),
    ("obligations", "Obligations", 0.04),
    ("processes", "Processes", 0.04),
    ("policies", "Policies", 0.3),
    ("roles", "Roles", 0.04),
    ("risks", "Risks", 0.09),
    ("impact_assessments", "Impact assessments", 0.11),
    ("soa", "Statement of Applicability", 0.04),
    ("objectives", "AI objectives", 0.04),
    ("changes", "Planning of changes", 0.05),
    ("competence", "Competence", 0.04),
    ("documents", "Document control", 0.032),
    ("systems", "AI system register", 0.083),
    ("datasets", "Datasets", 0.04),
    ("suppliers", "Suppliers", 0.04),
    ("measurements", "Measurements", 0.05),
    ("audits", "Audits", 0.3),
    ("reviews", "Management reviews", 0.3),
    ("nonconformities", "Nonconformities", 0.1),
    ("incidents", "AI incidents", 0.15),
    ("traceability", "Traceability matrix", 0.05),
    ("evidence", "Evidence index", 0.07),
    ("findings", "Check findings", 0.051),
    ("changes_since", "Changes since the last audit", 0.5),
];

/// Cover, contents and readiness of the first volume.
const FRONT_PAGES: f64 = 4.0;
/// A section's heading and notes, however few its entries.
const SECTION_PAGES: f64 = 0.2;
/// An entry's data (as JSON) up to this length is what the per-entry cost above covers.
const TYPICAL_CHARACTERS: usize = 1000;
/// Characters of longer text (fields beyond the typical, Markdown bodies) per average page.
const CHARACTERS_PER_PAGE: f64 = 6500.0;

/// Entries `from..to` of a section's `total`, shown in one volume.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub key: &'static str,
    pub title: &'static str,
    pub from: usize,
    pub to: usize,
    pub total: usize,
}

impl Piece {
    fn is_split(&self) -> bool {
        self.from > 0 || self.to < self.total
    }

    fn is_last(&self) -> bool {
        self.to >= self.total
    }

    fn describe(&self) -> String {
        if self.is_split() {
            format!(
                "{} (entries {} to {} of {})",
                self.title,
                self.from + 1,
                self.to,
                self.total
            )
        } else {
            self.title.to_string()
        }
    }
}

/// The volumes, each a list of pieces; one volume when everything fits.
pub fn plan(data: &Value, pages_per_volume: f64) -> Vec<Vec<Piece>> {
    let bodies = data.get("bodies").and_then(Value::as_object);
    let mut volumes = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    let mut pages = FRONT_PAGES;
    for &(key, title, per_entry) in SECTIONS {
        let weights: Vec<f64> = entries(data, key)
            .iter()
            .map(|entry| per_entry + text_pages(entry, bodies))
            .collect();
        let total = weights.len();
        pages += SECTION_PAGES;
        let mut from = 0;
        loop {
            let fresh = current.is_empty();
            let mut to = from;
            while to < total && (pages + weights[to] <= pages_per_volume || (to == from && fresh)) {
                pages += weights[to];
                to += 1;
            }
            if to > from || total == 0 {
                current.push(Piece {
                    key,
                    title,
                    from,
                    to,
                    total,
                });
            }
            if to >= total {
                break;
            }
            volumes.push(std::mem::take(&mut current));
            pages = SECTION_PAGES;
            from = to;
        }
    }
    volumes.push(current);
    volumes
}

/// The data for volume `number` (1-based): each section's entries cut to the volume's piece,
/// drafts with the piece that ends their section, the attachments and bodies its entries
/// cite, and `volume` telling the template what it holds.
pub fn data(data: &Value, plan: &[Vec<Piece>], number: usize) -> Value {
    let Some(pieces) = number.checked_sub(1).and_then(|index| plan.get(index)) else {
        return data.clone();
    };
    let mut out = Map::new();
    let Some(object) = data.as_object() else {
        return data.clone();
    };
    for (field, value) in object {
        if matches!(field.as_str(), "bodies" | "attachments" | "drafts") {
            continue;
        }
        let value = match SECTIONS.iter().find(|(key, _, _)| key == field) {
            Some(_) => match pieces.iter().find(|p| p.key == field) {
                Some(piece) => match value {
                    Value::Array(items) => Value::Array(items[piece.from..piece.to].to_vec()),
                    other => other.clone(),
                },
                None if value.is_array() => Value::Array(Vec::new()),
                None => Value::Null,
            },
            None => value.clone(),
        };
        out.insert(field.clone(), value);
    }
    let drafts: Map<String, Value> = object
        .get("drafts")
        .and_then(Value::as_object)
        .map(|drafts| {
            drafts
                .iter()
                .map(|(kind, list)| {
                    let section = if kind == "controls_beyond_annex_a" {
                        "soa"
                    } else {
                        kind.as_str()
                    };
                    let here = pieces.iter().any(|p| p.key == section && p.is_last());
                    let list = if here {
                        list.clone()
                    } else {
                        Value::Array(Vec::new())
                    };
                    (kind.clone(), list)
                })
                .collect()
        })
        .unwrap_or_default();
    // The record keys this volume shows, for its bodies.
    let mut keys = std::collections::HashSet::new();
    for value in out.values().chain(drafts.values()) {
        collect_keys(value, &mut keys);
    }
    let bodies: Map<String, Value> = object
        .get("bodies")
        .and_then(Value::as_object)
        .map(|bodies| {
            bodies
                .iter()
                .filter(|(key, _)| keys.contains(key.as_str()))
                .map(|(key, blocks)| (key.clone(), blocks.clone()))
                .collect()
        })
        .unwrap_or_default();
    let carried: std::collections::HashSet<&str> = out
        .get("evidence")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|row| row.get("in_pack").and_then(Value::as_str))
        .collect();
    let attachments: Vec<Value> = object
        .get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|a| {
            a.get("path")
                .and_then(Value::as_str)
                .is_some_and(|path| carried.contains(path))
        })
        .cloned()
        .collect();
    let files: Vec<Value> = plan
        .iter()
        .enumerate()
        .map(|(index, pieces)| {
            let mut holds: Vec<String> = pieces.iter().map(Piece::describe).collect();
            if index == 0 {
                holds.insert(0, "Cover, contents and readiness".to_string());
            }
            json!({ "file": file_name(index + 1), "holds": holds.join("; ") })
        })
        .collect();
    let ranges: Map<String, Value> = pieces
        .iter()
        .filter(|p| p.is_split())
        .map(|p| {
            (
                p.key.to_string(),
                json!({ "from": p.from, "to": p.to, "total": p.total }),
            )
        })
        .collect();
    out.insert("drafts".into(), Value::Object(drafts));
    out.insert("bodies".into(), Value::Object(bodies));
    out.insert("attachments".into(), Value::Array(attachments));
    out.insert(
        "volume".into(),
        json!({
            "number": number,
            "count": plan.len(),
            "sections": pieces.iter().map(|p| p.key).collect::<Vec<_>>(),
            "ranges": ranges,
            "files": files,
        }),
    );
    Value::Object(out)
}

/// `pack.pdf` for the first volume (and a pack in one file), `pack-volume-N.pdf` after it.
pub fn file_name(number: usize) -> String {
    if number <= 1 {
        "pack.pdf".to_string()
    } else {
        format!("pack-volume-{number}.pdf")
    }
}

/// A section's entries; a section shown from one object (the changes since an audit) is one.
fn entries<'a>(data: &'a Value, key: &str) -> Vec<&'a Value> {
    match data.get(key) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

/// Pages of text an entry adds: its own fields and its Markdown body.
fn text_pages(entry: &Value, bodies: Option<&Map<String, Value>>) -> f64 {
    let own = serde_json::to_string(entry).map_or(0, |text| text.len());
    let body = entry
        .get("key")
        .and_then(Value::as_str)
        .and_then(|key| bodies?.get(key))
        .and_then(|blocks| serde_json::to_string(blocks).ok())
        .map_or(0, |text| text.len());
    (own.saturating_sub(TYPICAL_CHARACTERS) + body) as f64 / CHARACTERS_PER_PAGE
}

fn collect_keys<'a>(value: &'a Value, keys: &mut std::collections::HashSet<&'a str>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        Value::Object(fields) => {
            if let Some(Value::String(key)) = fields.get("key") {
                keys.insert(key);
            }
            fields.values().for_each(|v| collect_keys(v, keys));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(risks: usize, documents: usize) -> Value {
        let row = |id: String| json!({ "id": id, "key": format!("Risk:{id}") });
        json!({
            "organization": "Acme",
            "risks": (0..risks).map(|i| row(format!("R-{i}"))).collect::<Vec<_>>(),
            "documents": (0..documents).map(|i| json!({ "file": format!("f{i}.yaml") })).collect::<Vec<_>>(),
            "evidence": [{ "id": "EV-1", "in_pack": "evidence/a.pdf" }],
            "attachments": [{ "path": "evidence/a.pdf" }, { "path": "evidence/b.pdf" }],
            "drafts": { "risks": [{ "id": "R-draft" }], "systems": [] },
            "bodies": { "Risk:R-1": [{ "kind": "paragraph" }], "Risk:R-2999": [] },
            "record_ids": ["R-1"],
        })
    }

    #[test]
    fn a_small_pack_is_one_volume() {
        let plan = plan(&pack(20, 50), 300.0);
        assert_eq!(plan.len(), 1);
        assert!(plan[0].iter().all(|p| !p.is_split()));
    }

    #[test]
    fn a_long_section_is_split_and_every_entry_lands_once() {
        let data = pack(3000, 10_000);
        let plan = plan(&data, 150.0);
        assert!(plan.len() > 2, "{plan:?}");
        for key in ["risks", "documents"] {
            let pieces: Vec<&Piece> = plan.iter().flatten().filter(|p| p.key == key).collect();
            assert_eq!(pieces.first().map(|p| p.from), Some(0));
            assert!(pieces.windows(2).all(|w| w[0].to == w[1].from));
            assert_eq!(pieces.last().map(|p| p.to), Some(pieces[0].total));
        }
        let shown: usize = (1..=plan.len())
            .map(|n| data_for(&data, &plan, n, "risks"))
            .sum();
        assert_eq!(shown, 3000);
    }

    fn data_for(data: &Value, plan: &[Vec<Piece>], number: usize, key: &str) -> usize {
        super::data(data, plan, number)[key]
            .as_array()
            .map_or(0, Vec::len)
    }

    #[test]
    fn a_volume_carries_its_own_drafts_bodies_and_attachments() {
        let data = pack(3000, 0);
        let plan = plan(&data, 150.0);
        let first = super::data(&data, &plan, 1);
        let last = super::data(&data, &plan, plan.len());
        assert_eq!(first["volume"]["number"], 1);
        assert_eq!(first["volume"]["count"], plan.len());
        assert_eq!(first["volume"]["files"][1]["file"], "pack-volume-2.pdf");
        // Risk R-1 is in the first volume, with its body; R-2999's body is not carried there.
        assert!(first["bodies"].get("Risk:R-1").is_some());
        assert!(first["bodies"].get("Risk:R-2999").is_none());
        // Drafts follow the last piece of their section.
        assert_eq!(first["drafts"]["risks"].as_array().map(Vec::len), Some(0));
        assert_eq!(last["drafts"]["risks"].as_array().map(Vec::len), Some(1));
        assert!(first["volume"]["ranges"]["risks"]["from"] == 0);
        // Only the attachment the volume's evidence rows carry.
        let in_evidence_volume = (1..=plan.len())
            .map(|n| super::data(&data, &plan, n))
            .find(|v| v["evidence"].as_array().is_some_and(|e| !e.is_empty()))
            .expect("a volume holds the evidence index");
        assert_eq!(
            in_evidence_volume["attachments"],
            json!([{ "path": "evidence/a.pdf" }])
        );
        assert_eq!(file_name(1), "pack.pdf");
    }
}
