//! The PDF pack: typeset in-process, text extractable, outline, hostile text stays text,
//! byte-identical rebuilds.

use crate::support::*;
use aims::pack::pdf;

/// Builds the view model of a repository the way `aims pack` does.
fn view_of(dir: &std::path::Path) -> aims::pack::view::PackView {
    let config = aims::load::config::load(dir).unwrap();
    let loaded = aims::load::load_repository(&config).unwrap();
    let today: jiff::civil::Date = AS_OF.parse().unwrap();
    let findings = aims::checks::run_all(&aims::checks::CheckInput {
        model: &loaded.model,
        config: &config,
        load_findings: &loaded.findings,
        today,
    });
    aims::pack::view::build(&aims::pack::view::PackInput {
        model: &loaded.model,
        since: None,
        config: &config,
        findings: &findings,
        today,
    })
}

#[test]
fn the_example_pdf_has_pages_outline_and_every_control_and_risk() {
    let view = view_of(&manifest_dir().join("examples/acme-lending"));
    let (document, bytes) = pdf::render(&view, &Default::default()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        document.pages().len() > 5,
        "{} pages",
        document.pages().len()
    );
    let text = pdf::document_text(&document);
    for control in aims::model::catalog::CONTROLS {
        assert!(
            text.contains(control.id),
            "{} missing from the PDF text",
            control.id
        );
    }
    for risk in [
        "R-001", "R-002", "R-003", "R-004", "R-005", "R-006", "R-007",
    ] {
        assert!(text.contains(risk), "{risk}");
    }
    for chapter in [
        "4 Context of the organization",
        "6 Planning",
        "Appendix 2: Evidence index",
    ] {
        assert!(text.contains(chapter), "{chapter}");
    }
    assert!(text.contains("page 2 of"), "running footer");
    // PDF bookmarks: an outline dictionary with chapter titles.
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Outlines"), "no outline");
    assert!(raw.contains("/Title"), "no metadata title");
}

#[test]
fn hostile_record_text_is_shown_not_run() {
    let repo = Repo::with_base(&[(
        "policies/p.md",
        "---\nkind: Policy\nid: POL-X\ntitle: \"#panic(\\\"boom\\\") ] ) } *bold* $x$ #set page(width: 1cm)\"\ntype: ai-policy\nowner: owner\napproved_by: Board\napproved: 2026-01-01\nreview_by: 2027-01-01\n---\n# Heading\n\n#set text(size: 90pt) and #import \"/etc/passwd\"\n\n```\n#panic()\n```\n",
    )]);
    let view = view_of(repo.path());
    let (document, _) = pdf::render(&view, &Default::default())
        .expect("hostile text must not break the typesetting");
    let text = pdf::document_text(&document);
    assert!(text.contains("#panic(\"boom\")"), "title shown literally");
    assert!(
        text.contains("#set text(size: 90pt)"),
        "body shown literally"
    );
    // The page size was not changed by the title.
    let width = document.pages()[1].frame.width().to_pt();
    assert!((width - 595.0).abs() < 2.0, "A4 width, got {width}");
}

#[test]
fn two_pdf_builds_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let example = manifest_dir().join("examples/acme-lending");
    for name in ["a", "b"] {
        let output = aims()
            .arg("pack")
            .arg(&example)
            .arg("--out")
            .arg(out.path().join(name))
            .args(["--as-of", AS_OF, "--format", "pdf"])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let a = std::fs::read(out.path().join("a/pack.pdf")).unwrap();
    let b = std::fs::read(out.path().join("b/pack.pdf")).unwrap();
    assert!(a.len() > 10_000);
    assert!(a == b, "the two PDFs differ");
}

#[test]
fn the_binary_carries_the_font_licences() {
    let output = aims().arg("licenses").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("SIL OPEN FONT LICENSE Version 1.1"));
    assert!(text.contains("Libertinus Serif"));
}

#[test]
fn every_kinds_body_and_extra_fields_and_drafts_reach_the_pdf() {
    let repo = tempfile::tempdir().unwrap();
    let expected = every_kind_with_body_and_extra(repo.path());
    let (document, _) = pdf::render(&view_of(repo.path()), &Default::default()).unwrap();
    // Line breaks inside a paragraph become spaces or nothing in the extracted text.
    let text: String = pdf::document_text(&document)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for wanted in &expected {
        assert!(text.contains(wanted.as_str()), "the PDF lacks {wanted:?}");
    }
    assert!(text.contains("DRAFT: CHG-DRAFT"));
}

#[test]
fn every_record_id_is_whole_in_the_pdf_text_with_no_invisible_characters() {
    let dir = manifest_dir().join("examples/acme-lending");
    let (document, _) = pdf::render(&view_of(&dir), &Default::default()).unwrap();
    let text = pdf::document_text(&document);
    for invisible in ['\u{200B}', '\u{00AD}', '\u{2060}', '\u{FEFF}'] {
        assert!(!text.contains(invisible), "{invisible:?} in the PDF text");
    }
    let config = aims::load::config::load(&dir).unwrap();
    let loaded = aims::load::load_repository(&config).unwrap();
    // Each id on one line somewhere: never hyphenated, never split across lines.
    let lines: Vec<&str> = text.lines().collect();
    for record in &loaded.model.records {
        assert!(
            lines.iter().any(|line| line.contains(record.id.as_str())),
            "{} `{}` is not whole on any line of the PDF",
            record.kind.name(),
            record.id
        );
    }
}

#[test]
fn the_three_formats_hold_the_same_sections_and_record_ids() {
    let dir = manifest_dir().join("examples/acme-lending");
    let view = view_of(&dir);
    let files = aims::pack::render(
        &view,
        aims::pack::Formats {
            markdown: true,
            html: true,
            pdf: false,
        },
        &Default::default(),
        &Default::default(),
    )
    .unwrap();
    let text_of = |suffix: &str| -> String {
        files
            .iter()
            .filter(|(path, _)| path.ends_with(suffix))
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .collect()
    };
    let markdown = text_of(".md");
    // The chapters (the Markdown README is the cover and index the HTML and PDF lay out their
    // own way).
    let chapters: String = files
        .iter()
        .filter(|(path, _)| path.ends_with(".md") && !path.ends_with("README.md"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    let html = text_of(".html");
    let (document, _) = pdf::render(&view, &Default::default()).unwrap();
    let pdf_text = pdf::document_text(&document);
    // Section titles: every `#`/`##` heading of the Markdown chapters is in the HTML and the PDF.
    let unescape = |t: &str| t.replace('\\', "");
    for line in chapters.lines() {
        let Some(title) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) else {
            continue;
        };
        let title = unescape(title);
        assert!(
            html.contains(&title.replace('&', "&amp;").replace('\'', "&#x27;")),
            "HTML lacks section {title:?}"
        );
        let flat: String = pdf_text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&title), "PDF lacks section {title:?}");
    }
    let config = aims::load::config::load(&dir).unwrap();
    let loaded = aims::load::load_repository(&config).unwrap();
    for record in &loaded.model.records {
        for (format, text) in [("Markdown", &markdown), ("HTML", &html), ("PDF", &pdf_text)] {
            assert!(
                text.contains(record.id.as_str()),
                "{format} lacks {} `{}`",
                record.kind.name(),
                record.id
            );
        }
    }
}

#[test]
fn in_repository_evidence_is_carried_by_the_pack_and_attached_to_the_pdf() {
    let example = manifest_dir().join("examples/acme-lending");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = aims()
        .arg("pack")
        .arg(&example)
        .arg("--out")
        .arg(&target)
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pdf = std::fs::read(target.join("pack.pdf")).unwrap();
    let config = aims::load::config::load(&example).unwrap();
    let loaded = aims::load::load_repository(&config).unwrap();
    let paths: Vec<String> = loaded
        .model
        .typed::<aims::model::records::Evidence>()
        .filter_map(|(_, e)| e.path.as_deref().map(String::from))
        .collect();
    assert!(paths.len() > 10);
    let manifest = std::fs::read_to_string(target.join("manifest.json")).unwrap();
    for path in &paths {
        let packed = format!("evidence/{path}");
        // A copy in the pack folder, hashed in the manifest, byte for byte the repository's.
        assert_eq!(
            std::fs::read(target.join(&packed)).unwrap(),
            std::fs::read(example.join(path)).unwrap(),
            "{packed}"
        );
        assert!(
            manifest.contains(&format!("\"path\": \"{packed}\"")),
            "{packed}"
        );
        // And an attachment of the PDF (its file specification names it).
        let name = packed.as_bytes();
        assert!(
            pdf.windows(name.len()).any(|w| w == name),
            "{packed} is not attached to the PDF"
        );
    }
    // PDF/A-3b, the archival standard that allows attachments.
    for marker in [
        &b"<pdfaid:part>3</pdfaid:part>"[..],
        b"<pdfaid:conformance>B</pdfaid:conformance>",
    ] {
        assert!(
            pdf.windows(marker.len()).any(|w| w == marker),
            "not PDF/A-3b"
        );
    }
    // Ids in lists and owner cells are internal links to the record's row.
    let links = pdf
        .windows(b"/Subtype/Link".len())
        .filter(|w| *w == b"/Subtype/Link")
        .count();
    assert!(links > 100, "{links} internal links");
    let embedded = pdf
        .windows(b"/EmbeddedFile".len())
        .filter(|w| *w == b"/EmbeddedFile")
        .count();
    assert!(embedded > paths.len(), "{embedded} embedded-file markers");
}

#[test]
fn a_file_cited_by_two_evidence_records_is_attached_once() {
    let repo = Repo::with_base(&[
        (
            "evidence.yaml",
            "kind: Evidence\nid: EV-A\ntitle: Report, as validation\npath: evidence/report.md\ncollected: 2026-10-01\n\
             ---\nkind: Evidence\nid: EV-B\ntitle: Report, as monitoring\npath: evidence/report.md\ncollected: 2026-10-01\n",
        ),
        ("evidence/report.md", "# Validation and monitoring report\n"),
    ]);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = aims()
        .arg("pack")
        .arg(repo.path())
        .args(["--format", "pdf", "--out"])
        .arg(&target)
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pdf = std::fs::read(target.join("pack.pdf")).unwrap();
    let both = b"EV-A: Report, as validation; EV-B: Report, as monitoring";
    assert!(
        pdf.windows(both.len()).any(|w| w == both),
        "the attachment is described by both records"
    );
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_pack_over_its_page_budget_comes_in_volumes_that_rebuild_identically_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    copy_tree(&manifest_dir().join("examples/acme-lending"), &repo);
    let toml = repo.join("aims.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[pack]\npdf_volume_pages = 20\n");
    std::fs::write(&toml, text).unwrap();
    let pdfs = |name: &str| {
        let target = dir.path().join(name);
        let output = aims()
            .arg("pack")
            .arg(&repo)
            .arg("--out")
            .arg(&target)
            .args(["--as-of", AS_OF, "--format", "pdf"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(
            stdout(&output).contains("pack.pdf and ")
                && stdout(&output).contains(" further PDF volume"),
            "{}",
            stdout(&output)
        );
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        (target, files)
    };
    let (target, a) = pdfs("a");
    let names: Vec<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.len() >= 2, "{names:?}");
    assert!(names.contains(&"pack.pdf") && names.contains(&"pack-volume-2.pdf"));
    for (name, bytes) in &a {
        assert!(bytes.starts_with(b"%PDF-"), "{name}");
    }
    let (_, b) = pdfs("b");
    assert!(a == b, "two builds of the volumes differ");
    let manifest = std::fs::read_to_string(target.join("manifest.json")).unwrap();
    for name in &names {
        assert!(
            manifest.contains(&format!("\"{name}\"")),
            "{name} not in manifest"
        );
    }
    let verify = aims().arg("verify").arg(&target).output().unwrap();
    assert_eq!(verify.status.code(), Some(0), "{}", stdout(&verify));
    // The same split through the library, and one file for the same pack at the default.
    let mut view = view_of(&repo);
    let files = pdf::render_files(&view, &Default::default()).unwrap();
    assert_eq!(files.len(), names.len());
    view.pdf_volume_pages = 10_000;
    let one = pdf::render_files(&view, &Default::default()).unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].0, "pack.pdf");
}
