//! `aims pack`: golden Markdown, HTML structure and escaping, heat maps, reproducibility,
//! atomic replacement and refusals, `--strict` and `--at`.

use crate::support::*;
use std::path::Path;

/// `aims pack` with Markdown and HTML unless the test names formats (the PDF has its own
/// tests, and typesetting in a debug build is slow).
fn pack(dir: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let formats: &[&str] = if extra.contains(&"--format") {
        &[]
    } else {
        &["--format", "md,html"]
    };
    aims()
        .arg("pack")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .args(["--as-of", AS_OF])
        .args(formats)
        .args(extra)
        .output()
        .unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A copy of a fixture outside any git repository, so the pack does not depend on this
/// project's commits.
fn copy_of(fixture: &str) -> tempfile::TempDir {
    let target = tempfile::tempdir().unwrap();
    let source = manifest_dir().join("tests/fixtures").join(fixture);
    let mut stack = vec![source.clone()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(&source).unwrap();
            if path.is_dir() {
                std::fs::create_dir_all(target.path().join(relative)).unwrap();
                stack.push(path);
            } else {
                std::fs::copy(&path, target.path().join(relative)).unwrap();
            }
        }
    }
    target
}

#[test]
fn markdown_of_the_half_way_fixture_is_pinned() {
    let repo = copy_of("halfway");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(repo.path(), &target, &["--format", "md"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected_dir = manifest_dir().join("tests/fixtures/halfway.pack");
    let mut names: Vec<String> = std::fs::read_dir(target.join("markdown"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 12);
    for name in &names {
        assert_golden(
            read(&target.join("markdown").join(name)),
            &expected_dir.join(name),
        );
    }
    // The cover says plainly that the pack was built with errors.
    let readme = read(&target.join("markdown/README.md"));
    assert!(
        readme.contains("**This pack was built with 11 error-level findings"),
        "{readme}"
    );
    assert!(
        !target.join("pack.html").exists(),
        "only Markdown was asked for"
    );
}

#[test]
fn two_builds_of_the_same_commit_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let example = manifest_dir().join("examples/acme-lending");
    let first = out.path().join("one");
    let second = out.path().join("two");
    assert_eq!(pack(&example, &first, &[]).status.code(), Some(0));
    assert_eq!(pack(&example, &second, &[]).status.code(), Some(0));
    for file in [
        "manifest.json",
        "pack.html",
        "markdown/README.md",
        "markdown/appendix-2-evidence.md",
    ] {
        assert_eq!(
            std::fs::read(first.join(file)).unwrap(),
            std::fs::read(second.join(file)).unwrap(),
            "{file}"
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&first.join("manifest.json"))).unwrap();
    assert_eq!(manifest["generator"], "aims");
    assert_eq!(manifest["as_of"], AS_OF);
    // 12 Markdown files, the HTML, and the 16 in-repository evidence files the pack carries.
    assert_eq!(manifest["files"].as_array().unwrap().len(), 13 + 16);
    // The manifest's hashes are the files' hashes.
    let html = std::fs::read(first.join("pack.html")).unwrap();
    let entry = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "pack.html")
        .unwrap();
    assert_eq!(entry["bytes"], html.len());
    assert!(
        !read(&first.join("pack.html")).contains(out.path().to_str().unwrap()),
        "no absolute paths"
    );
}

#[test]
fn the_example_pack_has_every_control_risk_and_hashed_evidence() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    pack(&manifest_dir().join("examples/acme-lending"), &target, &[]);
    let html = read(&target.join("pack.html"));
    for control in ["A.2.2", "A.6.2.4", "A.10.4"] {
        assert!(html.contains(control), "{control}");
    }
    for risk in ["R-001", "R-007"] {
        assert!(html.contains(risk));
    }
    // Self-contained: inline CSS, no scripts, no external requests.
    assert!(html.contains("<style>"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("src=\"http") && !html.contains("<link"));
    assert!(html.contains("@media print"));
    // Navigable contents.
    assert!(html.contains("<a href=\"#planning\">6 Planning</a>"));
    assert!(html.contains("<section class=\"chapter\" id=\"planning\">"));
    // The evidence index hashes in-repository files and flags URL evidence.
    let evidence = read(&target.join("markdown/appendix-2-evidence.md"));
    let policy_line = evidence
        .lines()
        .find(|l| l.contains("EV-RISK-METHOD"))
        .unwrap();
    let bytes = std::fs::read(
        manifest_dir().join("examples/acme-lending/evidence/files/ai-risk-assessment-method.md"),
    )
    .unwrap();
    let sha = aims::load::evidence::digest(&bytes).sha256;
    assert!(policy_line.contains(&sha), "{policy_line}");
    assert!(
        evidence
            .lines()
            .any(|l| l.contains("EV-MODEL-MONITORING") && l.contains("url (not hashed)"))
    );
}

#[test]
fn heat_maps_are_svg_with_the_right_counts() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    pack(
        &manifest_dir().join("examples/acme-lending"),
        &target,
        &["--format", "html"],
    );
    let html = read(&target.join("pack.html"));
    // Eight open risks; the opportunity R-009 is not a risk to plot.
    assert!(html.contains("data-heatmap=\"inherent\" data-total=\"8\""));
    assert!(html.contains("data-heatmap=\"residual\" data-total=\"8\""));
    // Inherent: possible x moderate holds R-002 and R-005 (score 3 x 3 = 9).
    let inherent = &html[html.find("data-heatmap=\"inherent\"").unwrap()
        ..html.find("data-heatmap=\"residual\"").unwrap()];
    // ... and possible x minor (score 6) holds two.
    assert_eq!(inherent.matches("data-count=\"2\"").count(), 2);
    assert_eq!(
        inherent
            .matches("data-score=\"9\" data-count=\"2\"")
            .count(),
        1
    );
    let counts: usize = inherent
        .match_indices("data-count=\"")
        .map(|(i, m)| {
            let rest = &inherent[i + m.len()..];
            rest[..rest.find('"').unwrap()].parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(counts, 8);
    assert!(!target.join("markdown").exists(), "only HTML was asked for");
}

const HOSTILE_POLICY: &str = "---\nkind: Policy\nid: POL-X\ntitle: \"<script>alert('title')</script> {{ 7*7 }}\"\ntype: ai-policy\nowner: owner\napproved_by: \"{% include 'x' %} Board\"\napproved: 2026-01-01\nreview_by: 2027-01-01\n---\n# Policy\n\n<script>alert('body')</script>\n\n<img src=x onerror=alert(1)>\n\n[click me](javascript:alert(1)) and [data](data:text/html,boom)\n\n<style>body{display:none}</style>\n\n{{ 7*7 }} {% raw %}\n";

#[test]
fn record_text_can_never_run_script_restyle_or_template() {
    let repo = Repo::with_base(&[
        ("policies/hostile.md", HOSTILE_POLICY),
        (
            "risks/r.yaml",
            "kind: Risk\nid: R-1\ntitle: \"a | b\\nc </td></tr><script>x</script>\"\nai_systems: [scoring]\nowner: owner\nlikelihood: rare\nimpact: minor\ntreatment:\n  option: mitigate\n  controls: [A.6.2.6]\n",
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(repo.path(), &target, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = read(&target.join("pack.html"));
    assert!(!html.contains("<script"), "a script tag reached the page");
    assert!(!html.contains("<img"), "raw HTML reached the page");
    assert!(!html.contains("<style>body"), "user CSS reached the page");
    assert!(!html.contains("href=\"javascript:"), "javascript: link");
    assert!(!html.contains("href=\"data:"), "data: link");
    assert!(!html.contains("onerror=alert(1)>"), "unescaped attribute");
    assert!(
        html.contains("{{ 7*7 }}"),
        "template syntax in records is shown as text"
    );
    assert!(
        !html.contains(">49<") && !html.contains(" 49 "),
        "user text was evaluated"
    );
    assert!(html.contains("{% include"), "template tags are text");
    // Table cells survive pipes and newlines in user text.
    let planning = read(&target.join("markdown/planning.md"));
    let risk_line = planning.lines().find(|l| l.starts_with("| R-1 |")).unwrap();
    assert!(risk_line.contains("a \\| b c \\</td\\>"), "{risk_line}");
    // Ten columns: eleven unescaped pipes, however many the title holds.
    let unescaped = risk_line
        .char_indices()
        .filter(|(i, c)| *c == '|' && (*i == 0 || risk_line.as_bytes()[i - 1] != b'\\'))
        .count();
    assert_eq!(unescaped, 11, "{risk_line}");
}

#[test]
fn out_must_not_be_the_repository_a_record_folder_or_someone_elses_folder() {
    let repo = Repo::with_base(&[(
        "risks/r.yaml",
        "kind: Role\nid: r\ntitle: R\nresponsibilities: [x]\n",
    )]);
    let cases = [
        (repo.path().to_path_buf(), "the repository"),
        (repo.path().join("risks/pack"), "holds records"),
    ];
    for (out, why) in cases {
        let output = pack(repo.path(), &out, &[]);
        assert_eq!(output.status.code(), Some(2), "{}", out.display());
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(why),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("thesis.docx"), "precious").unwrap();
    let output = pack(repo.path(), other.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not an earlier aims pack"));
    assert_eq!(read(&other.path().join("thesis.docx")), "precious");
}

#[test]
fn a_failed_build_leaves_the_previous_pack_and_a_good_one_replaces_it() {
    let repo = Repo::with_base(&[]);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    assert_eq!(pack(repo.path(), &target, &[]).status.code(), Some(0));
    let before = std::fs::read(target.join("pack.html")).unwrap();

    // A broken template override makes the build fail: the old pack stays as it was.
    repo.write("templates/md/planning.md.j2", "{% for x in %}");
    let output = pack(repo.path(), &target, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("templates/md/planning.md.j2"));
    assert_eq!(std::fs::read(target.join("pack.html")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary folders left: {leftovers:?}"
    );

    // A working override is used, file by file.
    repo.write(
        "templates/md/planning.md.j2",
        "# 6 Planning\n\nOur own planning chapter for {{ organization|md }}.\n",
    );
    assert_eq!(pack(repo.path(), &target, &[]).status.code(), Some(0));
    assert_eq!(
        read(&target.join("markdown/planning.md")),
        "# 6 Planning\n\nOur own planning chapter for Fixture Ltd.\n"
    );
    assert!(read(&target.join("markdown/context.md")).starts_with("# 4 Context"));
}

#[test]
fn strict_refuses_to_build_with_errors() {
    let repo = Repo::with_base(&[(
        "d.yaml",
        "kind: Dataset\nid: d\nname: n\nprovenance: p\nowner: ghost\n",
    )]);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(repo.path(), &target, &["--strict"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!target.exists());
    assert_eq!(
        pack(repo.path(), &target, &[]).status.code(),
        Some(0),
        "without --strict it builds"
    );
}

#[test]
fn at_builds_the_pack_of_a_past_commit_without_touching_the_tree() {
    let repo = Repo::with_base(&[(
        "risks/r.yaml",
        "kind: Risk\nid: R-1\ntitle: The risk as it was in June\nai_systems: [scoring]\nowner: owner\nlikelihood: rare\nimpact: minor\ntreatment:\n  option: mitigate\n  controls: [A.6.2.6]\n",
    )]);
    repo.write("evidence/report.csv", "june,1\n");
    repo.write(
        "ev.yaml",
        "kind: Evidence\nid: EV-1\ntitle: Report\npath: evidence/report.csv\ncollected: 2026-06-01\n",
    );
    repo.git_init();
    repo.commit("2026-06-01", "Alice", "June");
    git(repo.path(), &["tag", "audit-day"]);
    repo.write("evidence/report.csv", "september,2\n");
    repo.write(
        "risks/r.yaml",
        &read(&repo.path().join("risks/r.yaml")).replace("as it was in June", "as it is now"),
    );
    repo.commit("2026-09-01", "Bob", "September");
    repo.write("risks/r.yaml", "uncommitted edit that must survive");

    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(repo.path(), &target, &["--at", "audit-day"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let planning = read(&target.join("markdown/planning.md"));
    assert!(
        planning.contains("The risk as it was in June"),
        "{planning}"
    );
    let readme = read(&target.join("markdown/README.md"));
    assert!(readme.contains("Build date | 2026-06-01"), "{readme}");
    assert_eq!(
        read(&repo.path().join("risks/r.yaml")),
        "uncommitted edit that must survive"
    );
}

#[test]
fn an_unknown_pack_format_is_exit_2_with_the_choices() {
    let repo = Repo::with_base(&[]);
    let out = tempfile::tempdir().unwrap();
    let output = pack(repo.path(), &out.path().join("p"), &["--format", "md,docx"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown pack format `docx`; use md, html, pdf"),
        "{stderr}"
    );
    assert!(!out.path().join("p").exists());
}

#[test]
fn every_kinds_body_and_extra_fields_and_drafts_reach_markdown_and_html() {
    let repo = tempfile::tempdir().unwrap();
    let expected = every_kind_with_body_and_extra(repo.path());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(repo.path(), &target, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = read(&target.join("pack.html"));
    let markdown: String = std::fs::read_dir(target.join("markdown"))
        .unwrap()
        .map(|entry| read(&entry.unwrap().path()))
        .collect();
    for text in &expected {
        assert!(html.contains(text.as_str()), "pack.html lacks {text:?}");
        assert!(
            markdown.contains(text.as_str()),
            "the Markdown lacks {text:?}"
        );
    }
    assert!(html.contains("DRAFT: CHG-DRAFT: Move scoring to the new cluster"));
}

#[test]
fn verify_passes_on_a_fresh_pack_and_names_every_file_that_changed() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(&manifest_dir().join("examples/acme-lending"), &target, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let verify = |path: &Path| aims().arg("verify").arg(path).output().unwrap();
    let fresh = verify(&target);
    assert_eq!(fresh.status.code(), Some(0), "{}", stdout(&fresh));
    assert!(stdout(&fresh).contains("every file matches"));
    // One byte of one file.
    let chapter = target.join("markdown/planning.md");
    let mut bytes = std::fs::read(&chapter).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&chapter, bytes).unwrap();
    std::fs::write(target.join("markdown/notes.md"), "added later").unwrap();
    let tampered = verify(&target);
    assert_eq!(tampered.status.code(), Some(1));
    let text = stdout(&tampered);
    assert!(text.contains("changed: markdown/planning.md"), "{text}");
    assert!(text.contains("added: markdown/notes.md"), "{text}");
    assert!(text.contains("2 files do not match"), "{text}");
    // One file on its own, against the manifest beside it.
    assert_eq!(verify(&target.join("pack.html")).status.code(), Some(0));
    assert_eq!(verify(&chapter).status.code(), Some(1));
    let nowhere = verify(out.path());
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(stderr(&nowhere).contains("manifest.json"));
}

#[test]
fn since_lists_records_added_changed_and_removed_with_their_commits_and_approvals() {
    let repo = Repo::complete(&[(
        "extra.yaml",
        "kind: Role\nid: auditor\ntitle: Internal auditor\nresponsibilities: [Audits the AIMS]\n",
    )]);
    repo.git_init();
    repo.commit("2026-03-01", "Alice Auditor", "AIMS as audited");
    git(repo.path(), &["tag", "audit-2026"]);
    repo.edit(
        "aims.yaml",
        "title: AI policy\n",
        "title: AI policy (revised)\n",
    );
    repo.write(
        "roles.yaml",
        "kind: Role\nid: ai-lead\ntitle: AI lead\nresponsibilities: [Runs the AIMS]\n",
    );
    std::fs::remove_file(repo.path().join("extra.yaml")).unwrap();
    repo.commit(
        "2026-09-01",
        "Bob Builder",
        "Revise the AI policy\n\nApproved-by: Managing Director",
    );
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(repo.path(), &target, &["--since", "audit-2026"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = read(&target.join("markdown/appendix-4-changes.md"));
    assert!(text.contains("since `audit-2026`"), "{text}");
    let section = |title: &str| {
        let start = text.find(&format!("## {title}")).unwrap();
        let end = text[start + 3..]
            .find("## ")
            .map_or(text.len(), |i| start + 3 + i);
        text[start..end].to_string()
    };
    assert!(
        section("Added (1)").contains("| ai-lead | Role | AI lead |"),
        "{text}"
    );
    let changed = section("Changed (1)");
    assert!(changed.contains("| POL-AI | Policy |"), "{text}");
    assert!(
        changed.contains("Bob Builder: Revise the AI policy (approved by Managing Director)"),
        "{text}"
    );
    assert!(
        section("Removed (1)").contains("| auditor | Role |"),
        "{text}"
    );
    // Without --since the appendix says how to get it.
    let plain = out.path().join("plain");
    pack(repo.path(), &plain, &[]);
    assert!(
        read(&plain.join("markdown/appendix-4-changes.md")).contains("built without `--since`")
    );
}

#[test]
fn evidence_over_the_size_limit_is_listed_with_a_note_and_not_copied() {
    let repo = Repo::complete(&[(
        "aims.toml",
        "[organization]\nname = \"Minimal Example Ltd\"\n\n[pack]\nmax_evidence_file_mib = 0\n",
    )]);
    repo.write("evidence/log.csv", "a,b\n1,2\n");
    repo.write(
        "ev.yaml",
        "kind: Evidence\nid: EV-LOG\ntitle: Decision log extract\npath: evidence/log.csv\ncollected: 2026-11-01\nsupports: [A.6.2.8]\n",
    );
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(repo.path(), &target, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!target.join("evidence/evidence/log.csv").exists());
    let index = read(&target.join("markdown/appendix-2-evidence.md"));
    assert!(index.contains("not carried: 8 bytes is over"), "{index}");
}

#[test]
fn a_signed_pack_verifies_with_ssh_keygen_and_with_aims_verify() {
    let keys = tempfile::tempdir().unwrap();
    let key = keys.path().join("id_ed25519");
    let made = std::process::Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "auditor@acme.example",
            "-f",
        ])
        .arg(&key)
        .output()
        .expect("ssh-keygen (OpenSSH) signs packs, as it signs git commits");
    assert!(made.status.success());
    let public = std::fs::read_to_string(keys.path().join("id_ed25519.pub")).unwrap();
    let allowed = keys.path().join("allowed_signers");
    std::fs::write(&allowed, format!("auditor@acme.example {public}")).unwrap();

    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let example = manifest_dir().join("examples/acme-lending");
    let output = pack(&example, &target, &["--sign", key.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let signature = target.join("manifest.json.sig");
    assert!(read(&signature).starts_with("-----BEGIN SSH SIGNATURE-----"));
    // OpenSSH itself accepts it.
    let manifest = std::fs::File::open(target.join("manifest.json")).unwrap();
    let checked = std::process::Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-n",
            "aims-pack",
            "-I",
            "auditor@acme.example",
            "-f",
        ])
        .arg(&allowed)
        .arg("-s")
        .arg(&signature)
        .stdin(manifest)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    // So does `aims verify`, against the allowed signers too.
    let verify = |extra: &[&str]| {
        aims()
            .arg("verify")
            .arg(&target)
            .args(extra)
            .output()
            .unwrap()
    };
    let plain = verify(&[]);
    assert_eq!(plain.status.code(), Some(0), "{}", stdout(&plain));
    assert!(stdout(&plain).contains("Good \"aims-pack\" signature"));
    let strict = verify(&[
        "--allowed-signers",
        allowed.to_str().unwrap(),
        "--identity",
        "auditor@acme.example",
    ]);
    assert_eq!(strict.status.code(), Some(0), "{}", stdout(&strict));
    // Two builds with one key are byte-identical, signature included.
    let again = out.path().join("again");
    pack(&example, &again, &["--sign", key.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&signature).unwrap(),
        std::fs::read(again.join("manifest.json.sig")).unwrap()
    );
    // A manifest edited after signing fails.
    let edited = read(&target.join("manifest.json")).replace("\"errors\": 0", "\"errors\": 1");
    std::fs::write(target.join("manifest.json"), edited).unwrap();
    let tampered = verify(&[]);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(stdout(&tampered).contains("does not verify manifest.json"));
}

#[test]
fn the_cover_and_the_manifest_disclose_rule_overrides_and_waivers() {
    let repo = Repo::complete(&[]);
    let config = std::fs::read_to_string(repo.path().join("aims.toml")).unwrap();
    repo.write(
        "aims.toml",
        &format!(
            "{config}\n[rules]\nevidence-stale = \"off\"\n\n[[waiver]]\nrule = \"objective-overdue\"\nrecord = \"OBJ-01\"\nreason = \"Board moved the date\"\nexpires = 2027-01-31\n"
        ),
    );
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(repo.path(), &target, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let readme = read(&target.join("markdown/README.md"));
    assert!(
        readme.contains("evidence-stale: off (default error)"),
        "{readme}"
    );
    assert!(
        readme
            .contains("objective-overdue on record OBJ-01 until 2027-01-31: Board moved the date"),
        "{readme}"
    );
    let html = read(&target.join("pack.html"));
    assert!(html.contains("evidence-stale: off (default error)"));
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&target.join("manifest.json"))).unwrap();
    assert_eq!(
        manifest["disclosures"]["rule_overrides"][0],
        "evidence-stale: off (default error)"
    );
    assert_eq!(
        manifest["disclosures"]["waivers_in_force"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn ids_in_the_html_link_to_their_records() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    let output = pack(
        &manifest_dir().join("examples/acme-lending"),
        &target,
        &["--format", "html"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = read(&target.join("pack.html"));
    // Every link goes to an anchor that exists.
    let anchors: std::collections::BTreeSet<&str> = html
        .match_indices("id=\"rec-")
        .map(|(i, _)| {
            let start = i + 4;
            &html[start..start + html[start..].find('"').unwrap()]
        })
        .collect();
    let mut links = 0;
    for (i, _) in html.match_indices("href=\"#rec-") {
        let start = i + 7;
        let target = &html[start..start + html[start..].find('"').unwrap()];
        assert!(anchors.contains(target), "#{target} has no anchor");
        links += 1;
    }
    assert!(anchors.len() > 80, "{} anchors", anchors.len());
    assert!(links > 200, "{links} links");
    // A risk's controls and an SoA row's evidence are links; so is an owner role.
    assert!(
        html.contains("<a href=\"#rec-EV-BOARD-POLICY-APPROVAL\">EV-BOARD-POLICY-APPROVAL</a>")
    );
    assert!(html.contains("<a href=\"#rec-cro\">cro</a>"));
}

#[test]
fn a_repository_template_that_loops_for_hours_is_stopped_not_waited_for() {
    let repo = Repo::with_base(&[(
        "templates/md/README.md.j2",
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\n",
    )]);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("pack");
    // Ten billion iterations would take hours; the step budget stops it in about a second.
    let output = pack(repo.path(), &target, &["--format", "md"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("template `templates/md/README.md.j2` ran longer than any pack needs"),
        "{message}"
    );
    assert!(!target.exists(), "nothing half-written");
}
