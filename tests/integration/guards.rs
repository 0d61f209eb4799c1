//! Guard rails: hostile or broken input gives a located finding, never a panic, hang or huge
//! allocation, and the other files are still checked.

use crate::support::*;

fn assert_located(report: &Report, rule: &str, file: &str, line: u64, message_part: &str) {
    let found = report.of_rule(rule);
    assert!(
        found
            .iter()
            .any(|(f, l, _, m)| f == file && *l == line && m.contains(message_part)),
        "{rule} `{message_part}` at {file}:{line} not in {found:?}"
    );
    // The base records in the other file are still loaded and checked.
    assert!(report.records() >= 3, "other files were not checked");
    assert_ne!(report.code, 101, "panicked");
}

#[test]
fn alias_bomb_is_refused() {
    let mut text = String::from("kind: Role\nid: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for name in 'b'..='k' {
        let refs = vec![format!("*{previous}"); 10].join(", ");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    let repo = Repo::with_base(&[("bomb.yaml", &text)]);
    let report = repo.check_json();
    assert_located(&report, "yaml-syntax", "bomb.yaml", 7, "alias bomb");
}

/// `title: &a xxxx…` then `notes: [*a, *a, …]` at line 4 of `prefix` + this.
fn scalar_bomb(scalar_len: usize, aliases: usize) -> String {
    format!(
        "kind: Risk\nid: R-BOMB\ntitle: &a {}\nnotes: [{}]\n",
        "x".repeat(scalar_len),
        vec!["*a"; aliases].join(", ")
    )
}

#[test]
fn a_long_value_aliased_many_times_is_refused_at_its_line() {
    // About 1 MB: once 19 GB of memory and a minute before the alias budget counted bytes.
    let bomb = scalar_bomb(500_000, 125_000);
    assert!(bomb.len() > 1_000_000);
    let front_matter = format!("---\n{}---\n# Body\n", scalar_bomb(100_000, 20_000));
    let later_document = format!(
        "kind: Role\nid: fine\ntitle: t\nresponsibilities: [x]\n---\n{}",
        scalar_bomb(100_000, 20_000)
    );
    let repo = Repo::with_base(&[
        ("risks/bomb.yaml", &bomb),
        ("policies/bomb.md", &front_matter),
        ("multi.yaml", &later_document),
    ]);
    let report = repo.check_json();
    assert_located(&report, "yaml-syntax", "risks/bomb.yaml", 4, "alias bomb");
    assert_located(&report, "yaml-syntax", "policies/bomb.md", 5, "alias bomb");
    assert_located(&report, "yaml-syntax", "multi.yaml", 9, "alias bomb");
    // The role before the bomb in the same stream is still a record.
    assert!(report.records() >= 4, "{}", report.records());
}

#[test]
fn anchors_nested_through_aliases_are_held_to_the_depth_limit() {
    let mut chain = String::from("kind: Role\nid: chain\nl0: &l0 [x]\n");
    for level in 1..200 {
        chain.push_str(&format!("l{level}: &l{level} [*l{}]\n", level - 1));
    }
    let repo = Repo::with_base(&[("chain.yaml", &chain)]);
    let report = repo.check_json();
    assert_located(
        &report,
        "yaml-syntax",
        "chain.yaml",
        66,
        "with this alias expanded, values are nested more than 64 levels",
    );
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("kind: Role\nid: deep\nx: {}\n", "[".repeat(100_000));
    let block = format!(
        "kind: Role\nid: deep\nx:\n{}",
        (0..200)
            .map(|i| format!("{}- \n", " ".repeat(i * 2)))
            .collect::<String>()
    );
    let repo = Repo::with_base(&[("flow.yaml", &deep), ("block.yaml", &block)]);
    let report = repo.check_json();
    assert_located(&report, "yaml-syntax", "flow.yaml", 3, "nested");
    assert_located(
        &report,
        "yaml-syntax",
        "block.yaml",
        67,
        "nested more than 64 levels",
    );
}

#[test]
fn oversized_file_is_not_read() {
    let repo = Repo::with_base(&[(
        "aims.toml",
        "[organization]\nname = \"X\"\n[aims]\nmax_file_size_mib = 1\n",
    )]);
    let big = format!(
        "kind: Role\nid: big\ntitle: t\nresponsibilities: [x]\nnotes: \"{}\"\n",
        "x".repeat(1_200_000)
    );
    repo.write("big.yaml", &big);
    let report = repo.check_json();
    assert_located(
        &report,
        "file-unreadable",
        "big.yaml",
        1,
        "over the 1 MiB limit",
    );
}

#[test]
fn duplicate_keys_point_at_the_second_key() {
    let repo = Repo::with_base(&[(
        "dup.yaml",
        "kind: Role\nid: r\ntitle: A\ntitle: B\nresponsibilities: [x]\n",
    )]);
    let report = repo.check_json();
    assert_located(
        &report,
        "yaml-syntax",
        "dup.yaml",
        4,
        "duplicate key `title`",
    );
    let finding = &report.findings()[0];
    assert_eq!(finding["column"], 1);
    assert_eq!(finding["related"][0]["line"], 3);
}

#[test]
fn foreign_tags_are_refused_not_dropped() {
    let repo = Repo::with_base(&[(
        "tag.yaml",
        "kind: Role\nid: r\ntitle: !!python/object:os.system echo\nresponsibilities: [x]\n",
    )]);
    let report = repo.check_json();
    assert_located(
        &report,
        "yaml-syntax",
        "tag.yaml",
        3,
        "`!!python/object:os.system`",
    );
}

#[test]
fn every_foreign_tag_and_duplicate_key_in_a_file_is_reported_and_later_documents_load() {
    let repo = Repo::with_base(&[(
        "tags.yaml",
        "kind: Role\nid: r\ntitle: !!python/object:os.system echo\nresponsibilities: !ruby/array [x]\n\
         responsibilities: [y]\n---\nkind: Role\nid: later\ntitle: Later\nresponsibilities: [x]\n",
    )]);
    let report = repo.check_json();
    let lines: Vec<_> = report
        .of_rule("yaml-syntax")
        .into_iter()
        .map(|(file, line, _, _)| (file, line))
        .collect();
    assert_eq!(
        lines,
        [
            ("tags.yaml".to_string(), 3),
            ("tags.yaml".to_string(), 4),
            ("tags.yaml".to_string(), 5)
        ]
    );
    assert_located(&report, "yaml-syntax", "tags.yaml", 4, "`!ruby/array`");
    assert_located(&report, "yaml-syntax", "tags.yaml", 5, "duplicate key");
    // The well-formed document after the flawed one is a record like any other.
    assert_eq!(report.records(), 4);
}

#[test]
fn binary_and_empty_files_do_not_crash() {
    let repo = Repo::with_base(&[("empty.yaml", ""), ("only-comments.yml", "# nothing\n")]);
    repo.write_bytes("noise.yaml", &[0xff, 0x00, 0xfe, 0x10, 0x80]);
    let report = repo.check_json();
    assert_eq!(report.of_rule("file-unreadable").len(), 1);
    assert_eq!(report.records(), 3);
}

#[test]
fn missing_config_is_exit_2_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let output = aims().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("no `aims.toml`") && err.contains("aims init"),
        "{err}"
    );
}

#[test]
fn broken_config_is_exit_2_and_located() {
    let repo = Repo::new(&[(
        "aims.toml",
        "[organization]\nname = \"X\"\n[risk]\nacceptance = \"six\"\n",
    )]);
    let output = repo.check(&[]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("`acceptance` must be a whole number, found the string `six`"),
        "{err}"
    );
    assert!(err.contains("--> aims.toml:4:14"), "{err}");
}

#[test]
fn bad_flags_are_exit_2() {
    let output = aims().args(["check", "--format", "yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = aims()
        .args(["check", "--as-of", "2026-02-30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is not a date"));
}

#[test]
fn check_finds_the_root_from_a_subfolder() {
    let repo = Repo::with_base(&[("risks/.keep.yaml", "")]);
    let output = aims()
        .arg("check")
        .arg(repo.path().join("risks"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report = Report::from_output(output);
    assert_eq!(report.records(), 3);
}

#[test]
fn a_record_with_thousands_of_problems_reports_a_bounded_number() {
    let mut text = String::from("kind: Role\nid: wide\ntitle: t\nresponsibilities: [x]\n");
    for i in 0..20_000 {
        text.push_str(&format!("field{i}: v\n"));
    }
    let repo = Repo::with_base(&[("wide.yaml", &text)]);
    let report = repo.check_json();
    let found = report.of_rule("schema");
    assert_eq!(found.len(), 51);
    assert_eq!(found[0].1, 2, "the summary points at the record's id");
    assert!(
        found[0]
            .3
            .contains("more schema problems than the 50 shown"),
        "{}",
        found[0].3
    );
}

#[test]
fn bidirectional_and_invisible_characters_in_records_are_named_at_their_place() {
    let repo = Repo::complete(&[(
        "roles.yaml",
        "kind: Role\nid: au\u{200B}ditor\ntitle: \"Auditor \u{202E}rotidua\"\nresponsibilities: [Audits]\n",
    )]);
    let report = repo.check_json();
    let found = report.of_rule("invisible-character");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].1, found[0].2), (2, 5));
    assert!(
        found[0].3.contains("`id` holds U+200B ZERO WIDTH SPACE"),
        "{}",
        found[0].3
    );
    assert!(
        found[1]
            .3
            .contains("`title` holds U+202E RIGHT-TO-LEFT OVERRIDE"),
        "{}",
        found[1].3
    );
    // Ordinary text, accents and emoji without joiners are fine.
    let clean = Repo::complete(&[(
        "roles.yaml",
        "kind: Role\nid: auditor\ntitle: Prüferin – audits 🙂\nresponsibilities: [Audits]\n",
    )]);
    assert!(clean.check_json().of_rule("invisible-character").is_empty());
}

#[test]
fn merge_conflict_markers_are_named_as_such_at_their_line() {
    let repo = Repo::with_base(&[(
        "roles.yaml",
        "kind: Role\nid: a\n<<<<<<< HEAD\ntitle: Auditor\n=======\ntitle: Internal auditor\n>>>>>>> feature\nresponsibilities: [x]\n",
    )]);
    let report = repo.check_json();
    let found = report.of_rule("yaml-syntax");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1, found[0].2),
        ("roles.yaml", 3, 1)
    );
    assert!(
        found[0].3.starts_with("unresolved merge conflict"),
        "{}",
        found[0].3
    );
}

#[test]
fn a_secret_in_an_evidence_url_is_reported_redacted_and_never_reaches_the_pack() {
    let repo = Repo::complete(&[(
        "ev.yaml",
        "kind: Evidence\nid: EV-Q3\ntitle: Q3 report\nurl: https://analyst:hunter2@reports.example/q3.pdf?token=s3cr3t-t0ken&page=1\ncollected: 2026-10-01\nsupports: [A.6.2.6]\n",
    )]);
    let output = repo.check(&["--format", "json"]);
    let text = stdout(&output);
    assert!(
        !text.contains("hunter2") && !text.contains("s3cr3t-t0ken"),
        "{text}"
    );
    let report = Report::from_output(output);
    let found = report.of_rule("evidence-url-unsafe");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0.as_str(), found[0].1, found[0].2),
        ("ev.yaml", 4, 6)
    );
    assert!(
        found[0]
            .3
            .contains("https://***@reports.example/q3.pdf?token=***&page=1"),
        "{}",
        found[0].3
    );
    for format in ["human", "sarif", "junit", "github"] {
        let out = stdout(&repo.check(&["--format", format]));
        assert!(
            !out.contains("hunter2") && !out.contains("s3cr3t-t0ken"),
            "{format}"
        );
    }
    let target = tempfile::tempdir().unwrap();
    let pack = aims()
        .arg("pack")
        .arg(repo.path())
        .arg("--out")
        .arg(target.path().join("p"))
        .args(["--as-of", AS_OF, "--format", "md,html"])
        .output()
        .unwrap();
    assert_eq!(pack.status.code(), Some(0), "{}", stderr(&pack));
    for entry in ignore::WalkBuilder::new(target.path()).build().flatten() {
        if entry.file_type().is_some_and(|t| t.is_file()) {
            let content = std::fs::read_to_string(entry.path()).unwrap_or_default();
            assert!(
                !content.contains("hunter2") && !content.contains("s3cr3t-t0ken"),
                "{} holds the secret",
                entry.path().display()
            );
        }
    }
    let unsafe_scheme = Repo::complete(&[(
        "ev.yaml",
        "kind: Evidence\nid: EV-X\ntitle: X\nurl: \"javascript:alert(1)\"\ncollected: 2026-10-01\n",
    )]);
    assert_eq!(
        unsafe_scheme
            .check_json()
            .of_rule("evidence-url-unsafe")
            .len(),
        1
    );
}

#[test]
fn human_output_is_bounded_per_rule_and_on_long_lines() {
    let mut datasets = Vec::new();
    for i in 0..60 {
        datasets.push(format!(
            "kind: Dataset\nid: d{i}\nname: D{i}\nprovenance: p\nowner: nobody-{i}\n"
        ));
    }
    let long_title = format!("{}\u{202E}{}", "a".repeat(150_000), "b".repeat(50_000));
    let repo = Repo::new(&[
        ("data.yaml", &datasets.join("---\n")),
        (
            "long.yaml",
            &format!("kind: Role\nid: long\ntitle: {long_title}\nresponsibilities: [x]\n"),
        ),
    ]);
    let output = repo.check(&[]);
    let text = stdout(&output);
    assert_eq!(text.matches("error[dangling-reference]").count(), 50);
    assert!(
        text.contains("... and 10 more `dangling-reference` findings not shown"),
        "{text}"
    );
    // The finding on the 200 KB line prints a window of it, not the line.
    assert!(text.len() < 60_000, "{} bytes of output", text.len());
    assert!(text.contains("invisible-character"));
    let all = stdout(&repo.check(&["--max-findings", "0"]));
    assert_eq!(all.matches("error[dangling-reference]").count(), 60);
    // JSON stays complete.
    assert_eq!(repo.check_json().of_rule("dangling-reference").len(), 60);
}

#[cfg(unix)]
#[test]
fn links_and_special_files_are_named_never_skipped_in_silence() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("R-9.yaml"),
        "kind: Role\nid: outside\ntitle: Outside\nresponsibilities: [x]\n",
    )
    .unwrap();
    let repo = Repo::with_base(&[]);
    std::os::unix::fs::symlink(
        outside.path().join("R-9.yaml"),
        repo.path().join("linked.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        repo.path().join("base.yaml"),
        repo.path().join("inside.yaml"),
    )
    .unwrap();
    let fifo = repo.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let report = repo.check_json();
    let skipped: Vec<String> = report
        .of_rule("file-skipped")
        .into_iter()
        .map(|f| f.0)
        .collect();
    let mut expected = vec!["inside.yaml".to_string(), "linked.yaml".to_string()];
    if made.is_ok_and(|s| s.success()) {
        expected.push("pipe.yaml".to_string());
    }
    assert_eq!(skipped, expected);
    // Nothing from outside the repository was read.
    assert!(!stdout(&repo.check(&["--format", "json"])).contains("\"outside\""));
}

#[test]
fn disguised_evidence_paths_are_each_refused_at_their_line() {
    let cases = [
        (".git/config", "points into `.git/`"),
        ("evidence/%2e%2e/%2e%2e/etc/passwd", "percent-encoding"),
        ("..\\\\..\\\\etc\\\\passwd", "climbs out of the repository"),
        ("C:\\\\Users\\\\alice\\\\report.pdf", "absolute path"),
        ("\\\\\\\\server\\\\share\\\\report.pdf", "absolute path"),
        ("evidence/report\\u0007.pdf", "control character"),
    ];
    for (path, why) in cases {
        let record = format!(
            "kind: Evidence\nid: EV-X\ntitle: X\npath: \"{path}\"\ncollected: 2026-10-01\n"
        );
        let repo = Repo::with_base(&[("ev.yaml", &record)]);
        repo.write(".git/config", "[core]\n");
        let report = repo.check_json();
        let found = report.of_rule("evidence-outside-repo");
        assert_eq!(found.len(), 1, "{path}: {:?}", report.findings());
        assert_eq!((found[0].0.as_str(), found[0].1), ("ev.yaml", 4), "{path}");
        assert!(found[0].3.contains(why), "{path}: {}", found[0].3);
    }
}

#[test]
fn an_lfs_pointer_in_place_of_evidence_is_refused_and_a_real_file_is_not() {
    let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1843112\n";
    let repo = Repo::with_base(&[
        (
            "ev.yaml",
            "kind: Evidence\nid: EV-LFS\ntitle: Validation\npath: evidence/validation.pdf\ncollected: 2026-10-01\n\
             ---\nkind: Evidence\nid: EV-REAL\ntitle: Notes\npath: evidence/notes.txt\ncollected: 2026-10-01\n",
        ),
        ("evidence/validation.pdf", pointer),
        // Text that merely mentions the spec line is not a pointer.
        (
            "evidence/notes.txt",
            "Our notes.\nversion https://git-lfs.github.com/spec/v1\n",
        ),
    ]);
    let report = repo.check_json();
    assert_eq!(
        places(&report, "evidence-lfs-pointer"),
        [at("ev.yaml", 4, 7)]
    );
    assert!(messages(&report, "evidence-lfs-pointer")[0].contains("Git LFS pointer"));
    assert!(places(&report, "evidence-missing-file").is_empty());
}

#[test]
fn evidence_that_git_does_not_track_is_reported_once_added_it_is_not() {
    let repo = Repo::with_base(&[
        (
            "ev.yaml",
            "kind: Evidence\nid: EV-PEN\ntitle: Pen test\npath: evidence/pen-test.pdf\ncollected: 2026-10-01\n",
        ),
        ("evidence/pen-test.pdf", "%PDF-1.7 report"),
        (".gitignore", "*.pdf\n"),
    ]);
    repo.git_init();
    repo.commit("2026-10-02", "Alice", "records");
    let report = repo.check_json();
    assert_eq!(places(&report, "evidence-untracked"), [at("ev.yaml", 4, 7)]);
    assert!(messages(&report, "evidence-untracked")[0].contains("git does not track"));

    git(repo.path(), &["add", "--force", "evidence/pen-test.pdf"]);
    let report = repo.check_json();
    assert!(places(&report, "evidence-untracked").is_empty());

    // Outside git nothing is known about tracking, so nothing is said.
    let plain = Repo::with_base(&[
        (
            "ev.yaml",
            "kind: Evidence\nid: EV-PEN\ntitle: Pen test\npath: evidence/pen-test.pdf\ncollected: 2026-10-01\n",
        ),
        ("evidence/pen-test.pdf", "%PDF-1.7 report"),
    ]);
    assert!(places(&plain.check_json(), "evidence-untracked").is_empty());
}

/// Inputs the fuzz targets (`fuzz/`) once crashed on, kept in `tests/fixtures/fuzz/`: each is
/// checked as a record file (a `.md` one as Markdown) and must give exit 0 or 1 and findings
/// located inside the file.
#[test]
fn inputs_found_by_fuzzing_stay_fixed() {
    let dir = manifest_dir().join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = if path.extension().is_some_and(|e| e == "md") {
            "fuzzed.md"
        } else {
            "fuzzed.yaml"
        };
        let repo = Repo::with_base(&[]);
        repo.write_bytes(name, &bytes);
        let output = repo.check(&["--format", "json"]);
        let code = output.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{}: exit {code:?}",
            path.display()
        );
        let report = Report::from_output(output);
        // Lines as YAML and editors count them: `\r\n`, `\n` or a lone `\r` ends one.
        let text = String::from_utf8_lossy(&bytes)
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        let lines = text.split('\n').count() as u64;
        for finding in report.findings() {
            if finding["file"] == name {
                let line = finding["line"].as_u64().unwrap();
                assert!(
                    line <= lines,
                    "{}: {finding} beyond line {lines}",
                    path.display()
                );
            }
        }
        seen += 1;
    }
    assert!(seen >= 2);
}

#[test]
fn old_mac_line_ends_are_lines_for_locations_and_snippets() {
    // A lone `\r` ends a line for the YAML parser and for editors; the snippet under a finding
    // must show the line the location names (found by fuzzing the loader).
    let repo = Repo::new(&[(
        "old-mac.yaml",
        "kind: Role\rid: r\rtitle: R\rtitle: again\rresponsibilities: [x]\r",
    )]);
    let output = repo.check(&["--color", "never"]);
    let human = stdout(&output);
    assert!(human.contains("--> old-mac.yaml:4:1"), "{human}");
    assert!(human.contains("4 | title: again"), "{human}");
    assert!(human.contains("3 | title: R"), "{human}");
}

#[test]
fn a_pattern_that_is_not_a_glob_is_located_in_aims_toml() {
    let repo = Repo::new(&[(
        "aims.toml",
        "[organization]\nname = \"X\"\n[aims]\nexclude = [\"drafts/**\", \"{unclosed\"]\nrecords = [\"[\"]\n",
    )]);
    let output = repo.check(&[]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("`[aims] exclude` pattern `{unclosed` is not a valid glob"),
        "{err}"
    );
    assert!(err.contains("--> aims.toml:4:25"), "{err}");
    assert!(
        err.contains("`[aims] records` pattern `[` is not a valid glob"),
        "{err}"
    );
    assert!(err.contains("--> aims.toml:5:12"), "{err}");
}
