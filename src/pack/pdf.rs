//! The PDF pack, typeset in-process by typst.
//!
//! The `World` serves one embedded template and the embedded fonts: no file system, no
//! network, no packages. Records reach the document only as data: the view model is passed
//! as JSON in `sys.inputs`, and Markdown bodies are turned into blocks of styled runs
//! (`pack::blocks`: headings, numbered and nested lists, emphasis, code, tables, links) from the
//! comrak AST. No text a user wrote is ever part of the typst source, so none of it can run as
//! typst code or change the layout.

use super::view::PackView;

mod volumes;
use serde::Serialize;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("../../templates/pdf/pack.typ");

/// The font files the template uses (`fonts/`, copied from typst-assets 0.15): Libertinus
/// Serif for text and DejaVu Sans Mono for ids, paths and hashes. The whole typst-assets set
/// (New Computer Modern and its maths fonts besides) would add 6.7 MB to the binary for
/// families the pack never asks for; DejaVu's wide coverage is the fallback for rare glyphs.
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../../fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../../fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("../../fonts/LibertinusSerif-Semibold.otf"),
    include_bytes!("../../fonts/LibertinusSerif-SemiboldItalic.otf"),
    include_bytes!("../../fonts/DejaVuSansMono.ttf"),
    include_bytes!("../../fonts/DejaVuSansMono-Oblique.ttf"),
    include_bytes!("../../fonts/DejaVuSansMono-Bold.ttf"),
    include_bytes!("../../fonts/DejaVuSansMono-BoldOblique.ttf"),
];

/// Fonts embedded in the binary, loaded once per process.
fn fonts() -> &'static (Vec<Font>, LazyHash<FontBook>) {
    static FONTS: OnceLock<(Vec<Font>, LazyHash<FontBook>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        (fonts, book)
    })
}

struct PackWorld {
    library: LazyHash<Library>,
    source: Source,
    today: Option<Datetime>,
    /// Evidence files the PDF attaches, by virtual path (`/evidence/<path>`): the only files
    /// the template can reach.
    attachments: std::collections::BTreeMap<String, Bytes>,
}

impl World for PackWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().1
    }

    fn main(&self) -> FileId {
        self.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        // Nothing outside the template but the evidence it attaches: no images, no data files,
        // no packages, no file system.
        if *id.root() != VirtualRoot::Project {
            return Err(FileError::AccessDenied);
        }
        let path = id.vpath().get_with_slash();
        self.attachments
            .get(path)
            .cloned()
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().0.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

use super::blocks::{Block, markdown_blocks};

/// What the template receives besides the view: every record's body as blocks, by record key.
#[derive(Serialize)]
struct PdfData<'a> {
    #[serde(flatten)]
    view: &'a PackView,
    bodies: std::collections::BTreeMap<&'a str, Vec<Block>>,
    /// Every record id: list cells link those the document shows.
    record_ids: &'a std::collections::BTreeSet<String>,
    /// Each evidence file once, however many records cite it (a PDF names an attachment once).
    attachments: Vec<Attachment>,
}

#[derive(Serialize)]
struct Attachment {
    path: String,
    mime: &'static str,
    description: String,
}

/// The evidence files to attach, one per path, described by every record that cites it.
fn attachments(view: &PackView) -> Vec<Attachment> {
    let mut by_path: std::collections::BTreeMap<&str, Attachment> = Default::default();
    for row in &view.evidence {
        let Some(path) = &row.in_pack else { continue };
        let cited = format!("{}: {}", row.id, row.title);
        by_path
            .entry(path)
            .and_modify(|a| {
                a.description.push_str("; ");
                a.description.push_str(&cited);
            })
            .or_insert_with(|| Attachment {
                path: path.clone(),
                mime: row.mime,
                description: cited,
            });
    }
    by_path.into_values().collect()
}

/// Lays out the pack as one PDF; returns the document (for tests to inspect) and the bytes.
pub fn render(
    view: &PackView,
    evidence: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Result<(PagedDocument, Vec<u8>), String> {
    let data = serde_json::to_string(&pdf_data(view)).map_err(|e| e.to_string())?;
    typeset(&data, view, evidence, None)
}

/// The pack as PDF files: `pack.pdf`, and when the pack is larger than `[pack]
/// pdf_volume_pages`, further volumes `pack-volume-2.pdf`, ... Each file is typeset on its own
/// and the typesetter's caches are emptied in between, so memory follows the largest volume,
/// not the whole pack (about 2.3 MB a page while typesetting).
pub fn render_files(
    view: &PackView,
    evidence: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let data = serde_json::to_value(pdf_data(view)).map_err(|e| e.to_string())?;
    let plan = volumes::plan(&data, view.pdf_volume_pages as f64);
    if plan.len() <= 1 {
        let (_, bytes) = typeset(&data.to_string(), view, evidence, None)?;
        return Ok(vec![(volumes::file_name(1), bytes)]);
    }
    let mut files = Vec::new();
    for number in 1..=plan.len() {
        let volume = volumes::data(&data, &plan, number);
        let result = typeset(&volume.to_string(), view, evidence, Some(number));
        drop(volume);
        let (document, bytes) = result?;
        drop(document);
        release_typesetting_memory();
        files.push((volumes::file_name(number), bytes));
    }
    Ok(files)
}

/// Between volumes: the typesetter's caches emptied, and (with glibc) the freed memory given
/// back, so the next volume starts from what the pack itself needs. Measured on 10,000
/// records in volumes of 150 pages: peak 1.04 GB without the trim, 0.88 GB with it.
fn release_typesetting_memory() {
    typst::comemo::evict(0);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: glibc's malloc_trim only returns free heap pages to the system; it takes
        // the allocator's own locks and touches no memory the program holds.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// What the template receives: the view, every record's body as blocks, the ids, attachments.
fn pdf_data(view: &PackView) -> PdfData<'_> {
    PdfData {
        view,
        bodies: view
            .bodies
            .iter()
            .map(|(key, body)| (key.as_str(), markdown_blocks(body)))
            .collect(),
        record_ids: &view.record_ids,
        attachments: attachments(view),
    }
}

fn typeset(
    data: &str,
    view: &PackView,
    evidence: &std::collections::BTreeMap<String, Vec<u8>>,
    volume: Option<usize>,
) -> Result<(PagedDocument, Vec<u8>), String> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.into_value());
    let date = view.build_date.parse::<jiff::civil::Date>().ok();
    let today =
        date.and_then(|d| Datetime::from_ymd(i32::from(d.year()), d.month() as u8, d.day() as u8));
    let world = PackWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        source: Source::new(
            FileId::new(RootedPath::new(
                VirtualRoot::Project,
                VirtualPath::new("/pack.typ").map_err(|e| format!("{e:?}"))?,
            )),
            TEMPLATE.to_string(),
        ),
        today,
        attachments: evidence
            .iter()
            .map(|(path, bytes)| {
                (
                    format!("/{}", super::packed_evidence_path(path)),
                    Bytes::new(bytes.clone()),
                )
            })
            .collect(),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| describe(&errors))?;
    let subject = view.commit.as_deref().unwrap_or(&view.organization);
    let options = typst_pdf::PdfOptions {
        // A stable identifier and no clock: the same commit gives the same bytes.
        ident: Smart::Custom(match volume {
            None | Some(1) => format!("aims-pack-{subject}"),
            Some(number) => format!("aims-pack-{subject}-volume-{number}"),
        }),
        timestamp: None,
        // PDF/A-3b: archival (fonts embedded, no external dependencies, XMP metadata), and
        // the one of PDF/A-2 and -3 that allows the attached evidence files.
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_3b])
            .map_err(|e| format!("{e:?}"))?,
        ..typst_pdf::PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| describe(&errors))?;
    Ok((document, pdf))
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
    format!("the PDF could not be typeset: {}", messages.join("; "))
}

/// All text on the document's pages, in reading order, for tests.
pub fn document_text(document: &PagedDocument) -> String {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, out),
                typst::layout::FrameItem::Text(text) => {
                    out.push_str(&text.text);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in document.pages() {
        walk(&page.frame, &mut out);
        out.push('\n');
    }
    out
}
