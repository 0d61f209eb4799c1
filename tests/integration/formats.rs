//! `--format sarif|junit|github`: valid against the official schemas, placed on the right
//! lines, and safe for any text a user can put in YAML.

use crate::support::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A repository whose records carry hostile text into finding messages: markup, CDATA ends,
/// control characters, workflow commands, quotes, non-ASCII, a space in a file name.
fn hostile_repo() -> Repo {
    Repo::with_base(&[
        (
            "risks/hostile risk.yaml",
            "kind: Risk\nid: R-1\ntitle: t\nai_systems: [\"]]><script>&\\x01\\x1b\\\"'\", \"a\\n::error file=x.yaml,line=1::pwned\\r\\n%0A::warning::also\"]\nowner: owner\nlikelihood: rare\nimpact: minor\ntreatment:\n  option: mitigate\n  controls: [A.6.2.6]\n",
        ),
        (
            "policies/ünïcode.yaml",
            "kind: Policy\nid: P-1\ntitle: t\nowner: nobody\napproved_by: Board\napproved: 2026-01-01\nreview_by: 2026-11-01\n",
        ),
    ])
}

fn run(repo: &Repo, format: &str) -> (i32, String) {
    let output = repo.check(&["--format", format]);
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

// --- SARIF ---

fn sarif_validator() -> jsonschema::Validator {
    let schema_path = manifest_dir().join("tests/schemas/sarif-2.1.0/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(sarif: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
}

#[test]
fn vendored_schemas_match_the_shared_copies() {
    for file in ["sarif-2.1.0/sarif-schema-2.1.0.json", "junit/junit-10.xsd"] {
        let shared = manifest_dir().join("../shared/schemas").join(file);
        if shared.exists() {
            assert_eq!(
                std::fs::read(&shared).unwrap(),
                std::fs::read(manifest_dir().join("tests/schemas").join(file)).unwrap(),
                "{file} differs from shared/schemas"
            );
        }
    }
}

#[test]
fn sarif_validates_and_places_each_finding_on_its_line() {
    let repo = hostile_repo();
    let json_report = repo.check_json();
    let (code, text) = run(&repo, "sarif");
    assert_eq!(code, json_report.code);
    let sarif: Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&sarif);

    let run = &sarif["runs"][0];
    // Every result carries GitHub's line fingerprint, so the upload does not make its own.
    for result in run["results"].as_array().unwrap() {
        let hash = result["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap_or_else(|| panic!("no primaryLocationLineHash: {result}"));
        assert!(hash.contains(':'), "{hash}");
    }
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: BTreeSet<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains("risk-untreated") && ids.contains("yaml-syntax"));
    let dangling = rules
        .iter()
        .find(|r| r["id"] == "dangling-reference")
        .unwrap();
    assert!(
        dangling["help"]["text"]
            .as_str()
            .unwrap()
            .contains("## How to fix")
    );
    assert!(
        dangling["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#dangling-reference")
    );
    assert_eq!(dangling["defaultConfiguration"]["level"], "error");
    // Rules switched off in this repository say so.
    let off = rules
        .iter()
        .find(|r| r["id"] == "missing-mandatory-document")
        .unwrap();
    assert_eq!(off["defaultConfiguration"]["level"], "none");

    // Same findings, same places as the JSON report.
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), json_report.findings().len());
    for (result, finding) in results.iter().zip(json_report.findings()) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let location = &result["locations"][0]["physicalLocation"];
        let region = &location["region"];
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        assert_eq!(region["endLine"], finding["end_line"]);
        assert_eq!(region["endColumn"], finding["end_column"]);
        let file = finding["file"].as_str().unwrap();
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(
            uri,
            file.replace(' ', "%20")
                .replace("ü", "%C3%BC")
                .replace("ï", "%C3%AF")
        );
        // Rule indices point at the rule.
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "risks/hostile%20risk.yaml"
    ));
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "policies/%C3%BCn%C3%AFcode.yaml"
    ));
}

#[test]
fn sarif_paths_are_relative_to_the_git_work_tree_and_waivers_are_suppressions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let aims_root = dir.path().join("compliance");
    std::fs::create_dir_all(aims_root.join("policies")).unwrap();
    std::fs::write(
        aims_root.join("aims.toml"),
        format!(
            "{CONFIG}\n[[waiver]]\nrule = \"policy-review-overdue\"\nrecord = \"P-1\"\nreason = \"Board meets in December\"\nexpires = 2026-12-31\n"
        ),
    )
    .unwrap();
    std::fs::write(aims_root.join("base.yaml"), BASE).unwrap();
    std::fs::write(
        aims_root.join("policies/p.yaml"),
        "kind: Policy\nid: P-1\ntitle: t\nowner: owner\napproved_by: Board\napproved: 2025-01-01\nreview_by: 2026-01-01\n",
    )
    .unwrap();
    let output = aims()
        .arg("check")
        .arg(&aims_root)
        .args(["--as-of", AS_OF, "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "the only finding is waived");
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&sarif);
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "compliance/policies/p.yaml"
    );
    assert_eq!(result["suppressions"][0]["kind"], "external");
    assert!(
        result["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .contains("Board meets in December")
    );
}

#[test]
fn sarif_of_a_repository_full_of_findings_validates() {
    let output = aims()
        .arg("check")
        .arg(manifest_dir().join("tests/fixtures/halfway"))
        .args(["--as-of", AS_OF, "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&sarif);
    assert!(sarif["runs"][0]["results"].as_array().unwrap().len() > 10);
}

// --- JUnit ---

/// The element rules of an XSD made of top-level `xs:element`s: which attributes each element
/// allows and requires, which child elements it may hold, and whether it holds text only.
struct XsdRules {
    attributes: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
    children: BTreeMap<String, BTreeSet<String>>,
    text_only: BTreeSet<String>,
}

fn xsd_rules(xsd: &str) -> XsdRules {
    let doc = roxmltree::Document::parse(xsd).unwrap();
    let mut rules = XsdRules {
        attributes: BTreeMap::new(),
        children: BTreeMap::new(),
        text_only: BTreeSet::new(),
    };
    let named_types: BTreeMap<&str, roxmltree::Node> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name(("http://www.w3.org/2001/XMLSchema", "complexType")))
        .filter_map(|n| Some((n.attribute("name")?, n)))
        .collect();
    for element in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name(("http://www.w3.org/2001/XMLSchema", "element")))
    {
        let name = element.attribute("name").unwrap().to_string();
        let complex = element
            .children()
            .find(|n| n.tag_name().name() == "complexType")
            .or_else(|| {
                element
                    .attribute("type")
                    .and_then(|t| named_types.get(t).copied())
            });
        let Some(complex) = complex else {
            rules.text_only.insert(name);
            continue;
        };
        let mut allowed = BTreeSet::new();
        let mut required = BTreeSet::new();
        let mut children = BTreeSet::new();
        for node in complex.descendants() {
            match node.tag_name().name() {
                "attribute" => {
                    let attribute = node.attribute("name").unwrap().to_string();
                    if node.attribute("use") == Some("required") {
                        required.insert(attribute.clone());
                    }
                    allowed.insert(attribute);
                }
                "element" => {
                    if let Some(reference) = node.attribute("ref").or(node.attribute("name")) {
                        children.insert(reference.to_string());
                    }
                }
                _ => {}
            }
        }
        rules.attributes.insert(name.clone(), (allowed, required));
        rules.children.insert(name, children);
    }
    rules
}

fn assert_valid_junit(xml: &str) {
    let doc =
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
    let rules = xsd_rules(
        &std::fs::read_to_string(manifest_dir().join("tests/schemas/junit/junit-10.xsd")).unwrap(),
    );
    assert_eq!(doc.root_element().tag_name().name(), "testsuites");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if rules.text_only.contains(name) {
            assert!(
                node.children().all(|c| c.is_text()),
                "<{name}> holds elements"
            );
            continue;
        }
        let (allowed, required) = rules
            .attributes
            .get(name)
            .unwrap_or_else(|| panic!("<{name}> is not in junit-10.xsd"));
        for attribute in node.attributes() {
            assert!(
                allowed.contains(attribute.name()),
                "<{name} {}> not allowed",
                attribute.name()
            );
        }
        for attribute in required {
            assert!(
                node.attribute(attribute.as_str()).is_some(),
                "<{name}> lacks {attribute}"
            );
        }
        for child in node.children().filter(|c| c.is_element()) {
            assert!(
                rules.children[name].contains(child.tag_name().name()),
                "<{}> not allowed in <{name}>",
                child.tag_name().name()
            );
        }
        for count in ["tests", "failures", "errors"] {
            if let Some(value) = node.attribute(count) {
                assert!(value.parse::<u32>().is_ok(), "{count}={value}");
            }
        }
    }
    validate_with_python_xmlschema(xml);
}

/// Full XSD validation when Python's `xmlschema` is installed (`.ci/run` installs it).
fn validate_with_python_xmlschema(xml: &str) {
    let has_module = std::process::Command::new("python3")
        .args(["-c", "import xmlschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_module {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let xsd = manifest_dir().join("tests/schemas/junit/junit-10.xsd");
    let output = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])",
        ])
        .arg(&xsd)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "xmlschema rejects the report: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn junit_is_valid_and_safe_for_nasty_text() {
    let repo = hostile_repo();
    let (code, xml) = run(&repo, "junit");
    assert_eq!(code, 1);
    assert_valid_junit(&xml);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    // One failing case per error, with exactly one failure each; the hostile text is intact.
    let risk = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("Risk R-1: dangling-reference"))
        .unwrap();
    let failures: Vec<_> = risk
        .children()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].attribute("type"), Some("dangling-reference"));
    let message = failures[0].attribute("message").unwrap();
    assert!(
        message.contains("]]><script>&\\u{0001}\\u{001b}\"'"),
        "{message}"
    );
    // Every reader counts the failures as `aims check` counts the errors.
    let errors = repo
        .check_json()
        .findings()
        .iter()
        .filter(|f| f["severity"] == "error" && f["waived"].is_null())
        .count();
    let failing = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter(|n| n.children().any(|c| c.has_tag_name("failure")))
        .count();
    let root = doc.root_element();
    assert_eq!(failing, errors);
    assert_eq!(
        root.attribute("failures"),
        Some(errors.to_string().as_str())
    );
    for case in doc.descendants().filter(|n| n.has_tag_name("testcase")) {
        assert!(
            case.children()
                .filter(|c| c.has_tag_name("failure"))
                .count()
                <= 1
        );
    }
}

#[test]
fn junit_of_the_clean_example_has_no_failures() {
    let output = aims()
        .arg("check")
        .arg(manifest_dir().join("examples/acme-lending"))
        .args(["--as-of", AS_OF, "--format", "junit"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let xml = String::from_utf8(output.stdout).unwrap();
    assert_valid_junit(&xml);
    assert!(xml.contains(r#"<testsuites name="aims check" tests="88" failures="0" errors="0">"#));
}

// --- GitHub annotations ---

#[test]
fn github_annotations_cannot_be_split_by_user_text() {
    let repo = hostile_repo();
    let json_report = repo.check_json();
    let (code, text) = run(&repo, "github");
    assert_eq!(code, 1);
    let commands: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), json_report.findings().len(), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("::error file=x.yaml")));
    assert!(text.contains("%0A::error file=x.yaml"));
    for (command, finding) in commands.iter().zip(json_report.findings()) {
        let (properties, _) = command
            .trim_start_matches("::error ")
            .trim_start_matches("::warning ")
            .split_once("::")
            .unwrap();
        // Properties: file, line, endLine, col, endColumn, title, with nothing unescaped.
        let keys: Vec<&str> = properties
            .split(',')
            .map(|p| p.split_once('=').unwrap().0)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "endLine", "col", "endColumn", "title"]
        );
        assert!(properties.contains(&format!("line={},", finding["line"])));
        assert!(properties.contains(&format!("col={},", finding["column"])));
    }
    assert!(text.contains("file=risks/hostile risk.yaml,line=4"));
}

#[test]
fn the_sarif_check_has_teeth() {
    let (_, text) = run(&hostile_repo(), "sarif");
    let mut sarif: Value = serde_json::from_str(&text).unwrap();
    sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!sarif_validator().is_valid(&sarif));
    let mut sarif: Value = serde_json::from_str(&text).unwrap();
    sarif["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!sarif_validator().is_valid(&sarif));
}
