//! The ISO/IEC 42001 rules: each planted once into a copy of `examples/minimal` (a complete
//! AIMS that checks clean), asserting rule, file, line and column, plus the near miss that
//! must stay quiet.

use crate::support::*;

const SOA: &str = "statement-of-applicability.yaml";
const RECORDS: &str = "aims.yaml";

#[test]
fn the_complete_minimal_repository_checks_clean() {
    let report = Repo::complete(&[]).check_json();
    assert!(report.findings().is_empty(), "{:#?}", report.findings());
    assert_eq!(report.code, 0);
}

// --- Statement of Applicability ---

#[test]
fn soa_missing_control_names_the_control_at_the_controls_key() {
    let repo = Repo::complete(&[]);
    repo.edit(
        SOA,
        "  A.6.2.4:  # AI system verification and validation\n    applicable: true\n    justification: We verify each new model version on our own past hiring decisions before recruiters use it.\n    status: planned\n",
        "",
    );
    let report = repo.check_json();
    assert_eq!(places(&report, "soa-missing-control"), vec![at(SOA, 4, 1)]);
    assert_eq!(
        messages(&report, "soa-missing-control"),
        vec![
            "statement of applicability `SOA-2026` does not list control A.6.2.4 (AI system verification and validation)"
        ]
    );
    assert_eq!(report.code, 1);
}

/// 6.1.3 d: a control beyond Annex A is welcome in the SoA, a risk's treatment, evidence
/// `supports` and a policy, once a `Control` record declares it; without one, the id is
/// reported, and never "corrected" to a look-alike Annex A control.
#[test]
fn controls_beyond_annex_a_are_accepted_once_declared() {
    let entry = "controls:\n  A.5.15:\n    applicable: true\n    justification: Access to the scoring model is restricted to the credit team.\n";
    let repo = Repo::complete(&[]);
    repo.edit(SOA, "controls:\n", entry);
    let report = repo.check_json();
    assert_eq!(places(&report, "soa-unknown-control"), vec![at(SOA, 5, 3)]);
    let help = report
        .findings()
        .iter()
        .find(|f| f["rule"] == "soa-unknown-control")
        .unwrap()["help"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!help.contains("did you mean"), "{help}");
    assert!(
        help.contains("add a `Control` record with `id: A.5.15`"),
        "{help}"
    );

    let declared = Repo::complete(&[(
        "controls.yaml",
        "kind: Control\nid: A.5.15\ntitle: Access control\nsource: ISO/IEC 27001:2022\nowner: head-of-people\n",
    )]);
    declared.edit(SOA, "controls:\n", entry);
    let report = declared.check_json();
    assert!(places(&report, "soa-unknown-control").is_empty());
    assert!(places(&report, "soa-missing-control").is_empty());
    assert!(places(&report, "dangling-reference").is_empty());
    // A declared control that the SoA leaves out is undecided.
    let undecided = Repo::complete(&[(
        "controls.yaml",
        "kind: Control\nid: ORG-02\ntitle: Four-eyes review of model releases\n",
    )]);
    let report = undecided.check_json();
    let missing = report.of_rule("soa-missing-control");
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0]
            .3
            .contains("control ORG-02 (Four-eyes review of model releases)")
    );
}

#[test]
fn soa_unknown_control_suggests_the_real_id() {
    let repo = Repo::complete(&[]);
    repo.edit(
        SOA,
        "controls:\n",
        "controls:\n  A.6.24:\n    applicable: true\n    justification: Monitoring of the assistant in use.\n",
    );
    let report = repo.check_json();
    assert_eq!(places(&report, "soa-unknown-control"), vec![at(SOA, 5, 3)]);
    let finding = &report
        .findings()
        .iter()
        .find(|f| f["rule"] == "soa-unknown-control")
        .unwrap()["help"];
    assert_eq!(finding.as_str().unwrap(), "did you mean `A.6.2.4`?");
    // Real ids, including ones the SoA lists, are not reported.
    assert!(places(&Repo::complete(&[]).check_json(), "soa-unknown-control").is_empty());
}

#[test]
fn soa_exclusion_unjustified_flags_placeholders_but_not_reasons() {
    let repo = Repo::complete(&[]);
    repo.edit(
        SOA,
        "justification: We supply no AI systems or components to customers; the assistant is used only by our own recruiters.",
        "justification: N/A",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "soa-exclusion-unjustified"),
        vec![at(SOA, 156, 20)]
    );
    assert_eq!(
        messages(&report, "soa-exclusion-unjustified"),
        vec!["control A.10.4 is excluded with the justification `N/A`"]
    );

    // A placeholder on an applicable control is not an exclusion.
    let repo = Repo::complete(&[]);
    repo.edit(
        SOA,
        "  A.2.2:  # AI policy\n    applicable: true\n    justification: Our recruiters use an AI tool to rank applicants; a written AI policy sets the limits of that use.",
        "  A.2.2:  # AI policy\n    applicable: true\n    justification: TBD",
    );
    assert!(places(&repo.check_json(), "soa-exclusion-unjustified").is_empty());
}

#[test]
fn soa_implemented_without_evidence_is_a_warning_and_planned_is_quiet() {
    let repo = Repo::complete(&[]);
    repo.edit(
        SOA,
        "    status: implemented\n    evidence: [EV-POLICY]\n",
        "    status: implemented\n",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "soa-implemented-without-evidence"),
        vec![at(SOA, 8, 13)]
    );
    assert_eq!(report.findings()[0]["severity"], "warning");
    assert_eq!(report.code, 0);
    assert!(report.code == 0 && repo.check(&["--deny", "warnings"]).status.code() == Some(1));

    // Every other applicable control is `planned` without evidence: not a claim, not a finding.
    assert!(
        places(
            &Repo::complete(&[]).check_json(),
            "soa-implemented-without-evidence"
        )
        .is_empty()
    );
}

// --- risks ---

const HIGH_RISK: &str = "\
kind: Risk
id: R-002
title: Recruiters over-rely on the ranking
ai_systems: [cv-screening]
owner: head-of-people
likelihood: likely
impact: major
treatment:
  option: mitigate
";

#[test]
fn risk_untreated_fires_above_acceptance_only() {
    let repo = Repo::complete(&[("risks/R-002.yaml", HIGH_RISK)]);
    let report = repo.check_json();
    assert_eq!(
        places(&report, "risk-untreated"),
        vec![at("risks/R-002.yaml", 8, 1)]
    );
    assert_eq!(
        messages(&report, "risk-untreated"),
        vec![
            "risk `R-002` scores 16 (likely x major), above the acceptance threshold 6, but its treatment names no controls and no plan"
        ]
    );

    // A plan counts as treatment; so does a low score; a closed risk is not checked.
    for (from, to) in [
        (
            "  option: mitigate\n",
            "  option: mitigate\n  plan: Monthly sampling of recruiter overrides, reported to the Head of People.\n",
        ),
        ("likelihood: likely", "likelihood: rare"),
        ("impact: major\n", "impact: major\nstatus: closed\n"),
    ] {
        let repo = Repo::complete(&[("risks/R-002.yaml", HIGH_RISK)]);
        repo.edit("risks/R-002.yaml", from, to);
        assert!(
            places(&repo.check_json(), "risk-untreated").is_empty(),
            "{to}"
        );
    }
}

#[test]
fn risk_unknown_scale_value_is_located_with_the_scale() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "likelihood: possible", "likelihood: possibel");
    repo.edit(
        RECORDS,
        "  likelihood: unlikely",
        "  likelihood: improbable",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "risk-unknown-scale-value"),
        vec![at(RECORDS, 50, 13), at(RECORDS, 60, 15)]
    );
    let first = report
        .findings()
        .iter()
        .find(|f| f["rule"] == "risk-unknown-scale-value")
        .unwrap();
    assert!(
        first["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `possible`?")
    );
    assert_eq!(first["related"][0]["file"], "aims.toml");
    // An unscorable risk is not also reported as untreated or unaccepted.
    assert_eq!(report.findings().len(), 2, "{:#?}", report.findings());
}

#[test]
fn risk_control_not_applicable_points_at_both_documents() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "controls: [A.6.2.6, A.10.3]",
        "controls: [A.6.2.6, A.10.4]",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "risk-control-not-applicable"),
        vec![at(RECORDS, 55, 23)]
    );
    let finding = report
        .findings()
        .iter()
        .find(|f| f["rule"] == "risk-control-not-applicable")
        .unwrap();
    assert_eq!(finding["related"][0]["file"], SOA);
    assert_eq!(finding["related"][0]["line"], 154);
    // Applicable controls are fine.
    assert!(
        places(
            &Repo::complete(&[]).check_json(),
            "risk-control-not-applicable"
        )
        .is_empty()
    );
}

#[test]
fn risk_residual_unaccepted_for_high_residual_and_for_acceptance() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "accepted_by: head-of-people\n", "");
    let report = repo.check_json();
    // Residual unlikely x major = 8, above 6.
    assert_eq!(
        places(&report, "risk-residual-unaccepted"),
        vec![at(RECORDS, 59, 1)]
    );

    // Treated down to the threshold: nothing to accept.
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "accepted_by: head-of-people\n", "");
    repo.edit(
        RECORDS,
        "  likelihood: unlikely\n  impact: major\n",
        "  likelihood: unlikely\n  impact: moderate\n",
    );
    assert!(places(&repo.check_json(), "risk-residual-unaccepted").is_empty());

    // At or below the threshold the risk criteria accept a risk, even with `option: accept`
    // (6.1.3: residual risk is accepted against the criteria).
    let low = "kind: Risk\nid: R-003\ntitle: Ranking explanations are terse\nai_systems: [cv-screening]\nowner: head-of-people\nlikelihood: rare\nimpact: minor\ntreatment:\n  option: accept\n";
    let repo = Repo::complete(&[("risks/R-003.yaml", low)]);
    assert!(places(&repo.check_json(), "risk-residual-unaccepted").is_empty());
    // Above it, `option: accept` needs designated management to accept, on a date.
    let high = low.replace(
        "likelihood: rare\nimpact: minor",
        "likelihood: likely\nimpact: major",
    );
    let repo = Repo::complete(&[("risks/R-003.yaml", &high)]);
    let report = repo.check_json();
    assert_eq!(
        places(&report, "risk-residual-unaccepted"),
        vec![at("risks/R-003.yaml", 9, 11)]
    );
    assert_eq!(
        messages(&report, "risk-residual-unaccepted"),
        vec!["risk `R-003` is accepted (score 16) but `accepted_by` names nobody"]
    );
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "accepted: 2026-02-02\n", "");
    let report = repo.check_json();
    assert_eq!(
        messages(&report, "risk-residual-unaccepted"),
        vec!["risk `R-001` is accepted by `head-of-people` but `accepted` does not say when"]
    );
    assert_eq!(
        places(&report, "risk-residual-unaccepted"),
        vec![at(RECORDS, 62, 1)]
    );
}

#[test]
fn risk_acceptance_undesignated_when_a_role_outside_accept_roles_decides() {
    let repo = Repo::complete(&[(
        "roles.yaml",
        "kind: Role\nid: recruiter\ntitle: Recruiter\nresponsibilities: [Reads rankings]\n",
    )]);
    repo.edit(
        RECORDS,
        "accepted_by: head-of-people\n",
        "accepted_by: recruiter\n",
    );
    repo.edit(
        RECORDS,
        "  approved_by: head-of-people\n",
        "  approved_by: recruiter\n",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "risk-acceptance-undesignated"),
        vec![at(RECORDS, 57, 16), at(RECORDS, 62, 14)]
    );
    assert_eq!(
        messages(&report, "risk-acceptance-undesignated")[1],
        "risk `R-001`: `recruiter` accepts the residual risk, but `[risk] accept_roles` designates only `head-of-people`"
    );
    // The example's own decisions are by the designated role.
    assert!(
        places(
            &Repo::complete(&[]).check_json(),
            "risk-acceptance-undesignated"
        )
        .is_empty()
    );
    // Without `accept_roles`, only the 27001 habit shows: the risk owner accepting its own risk.
    repo.edit("aims.toml", "accept_roles = [\"head-of-people\"]", "");
    assert!(places(&repo.check_json(), "risk-acceptance-undesignated").is_empty());
    repo.edit(
        RECORDS,
        "accepted_by: recruiter\n",
        "accepted_by: head-of-people\n",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "risk-acceptance-undesignated"),
        vec![at(RECORDS, 62, 14)]
    );
    assert_eq!(
        messages(&report, "risk-acceptance-undesignated"),
        vec![
            "risk `R-001`: its owner `head-of-people` accepts the residual risk itself; ISO/IEC 42001 asks designated management to"
        ]
    );
}

#[test]
fn risk_treatment_unapproved_above_the_threshold_only() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "  approved: 2026-02-02\n", "");
    let report = repo.check_json();
    assert_eq!(
        places(&report, "risk-treatment-unapproved"),
        vec![at(RECORDS, 53, 1)]
    );
    assert_eq!(
        messages(&report, "risk-treatment-unapproved"),
        vec!["risk `R-001` (score 12, above 6) has a treatment plan without `approved`"]
    );
    assert!(
        places(
            &Repo::complete(&[]).check_json(),
            "risk-treatment-unapproved"
        )
        .is_empty()
    );
}

// --- AI systems ---

const SECOND_SYSTEM: &str = "\
kind: AISystem
id: interview-notes
name: Interview note summariser
owner: head-of-people
purpose: Summarises interview notes for the hiring panel.
lifecycle_stage: deployment
ai_role: user
---
kind: AISystem
id: old-ranker
name: Previous ranking tool
owner: head-of-people
purpose: Ranked applications until 2025.
lifecycle_stage: retired
ai_role: user
";

#[test]
fn systems_without_impact_assessment_or_risk_unless_retired() {
    let report = Repo::complete(&[("systems.yaml", SECOND_SYSTEM)]).check_json();
    assert_eq!(
        places(&report, "system-without-impact-assessment"),
        vec![at("systems.yaml", 2, 5)]
    );
    assert_eq!(
        places(&report, "system-without-risk"),
        vec![at("systems.yaml", 2, 5)]
    );
    assert_eq!(report.code, 1);
}

// --- evidence ---

fn evidence(id: &str, location: &str, collected: &str) -> String {
    format!(
        "kind: Evidence\nid: {id}\ntitle: Evidence {id}\n{location}\ncollected: {collected}\nsupports: [\"9.1\"]\n"
    )
}

#[test]
fn evidence_missing_file_and_present_file() {
    let repo = Repo::complete(&[
        (
            "ev/a.yaml",
            &evidence("EV-A", "path: evidence/report.md", "2026-10-01"),
        ),
        (
            "ev/b.yaml",
            &evidence("EV-B", "path: evidence/gone.md", "2026-10-01"),
        ),
        (
            "ev/c.yaml",
            &evidence("EV-C", "path: evidence", "2026-10-01"),
        ),
        ("evidence/report.md", "# Report\n"),
    ]);
    let report = repo.check_json();
    assert_eq!(
        places(&report, "evidence-missing-file"),
        vec![at("ev/b.yaml", 4, 7), at("ev/c.yaml", 4, 7)]
    );
    assert!(places(&report, "evidence-outside-repo").is_empty());
}

#[test]
fn evidence_outside_repo_is_reported_and_never_read() {
    let repo = Repo::complete(&[
        (
            "ev/a.yaml",
            &evidence("EV-A", "path: ../../etc/passwd", "2026-10-01"),
        ),
        (
            "ev/b.yaml",
            &evidence("EV-B", "path: /etc/passwd", "2026-10-01"),
        ),
    ]);
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            repo.path().join("link.txt"),
        )
        .unwrap();
        repo.write(
            "ev/c.yaml",
            &evidence("EV-C", "path: link.txt", "2026-10-01"),
        );
        let report = repo.check_json();
        assert_eq!(
            places(&report, "evidence-outside-repo"),
            vec![
                at("ev/a.yaml", 4, 7),
                at("ev/b.yaml", 4, 7),
                at("ev/c.yaml", 4, 7)
            ]
        );
        assert!(messages(&report, "evidence-outside-repo")[2].contains("symbolic link"));
        assert!(places(&report, "evidence-missing-file").is_empty());
    }
}

#[test]
fn evidence_stale_by_config_and_by_record() {
    let repo = Repo::complete(&[
        (
            "ev/a.yaml",
            &evidence("EV-A", "url: https://example.com/a", "2025-11-01"),
        ),
        (
            "ev/b.yaml",
            &format!(
                "{}max_age_days: 30\n",
                evidence("EV-B", "url: https://example.com/b", "2026-10-01")
            ),
        ),
        (
            "ev/c.yaml",
            &format!(
                "{}max_age_days: 1000\n",
                evidence("EV-C", "url: https://example.com/c", "2025-01-01")
            ),
        ),
        (
            "ev/d.yaml",
            &evidence("EV-D", "url: https://example.com/d", "2025-11-23"),
        ),
    ]);
    let report = repo.check_json();
    assert_eq!(
        places(&report, "evidence-stale"),
        vec![at("ev/a.yaml", 5, 12), at("ev/b.yaml", 5, 12)]
    );
    assert_eq!(
        messages(&report, "evidence-stale")[0],
        "evidence `EV-A` was collected 387 days ago, on 2025-11-01; `[evidence] max_age_days` is 365"
    );
}

// --- dates ---

#[test]
fn policy_review_overdue_the_day_after_review_by() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "review_by: 2027-02-01", "review_by: 2026-11-22");
    let report = repo.check_json();
    assert_eq!(
        places(&report, "policy-review-overdue"),
        vec![at(RECORDS, 39, 12)]
    );
    assert_eq!(
        messages(&report, "policy-review-overdue"),
        vec!["policy `POL-AI` was due for review on 2026-11-22, 1 day ago"]
    );
    repo.edit(RECORDS, "review_by: 2026-11-22", "review_by: 2026-11-23");
    assert!(places(&repo.check_json(), "policy-review-overdue").is_empty());
}

#[test]
fn impact_assessment_review_overdue_by_next_review_or_age() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "next_review: 2027-03-10",
        "next_review: 2026-11-01",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "impact-assessment-review-overdue"),
        vec![at(RECORDS, 76, 14)]
    );

    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "next_review: 2027-03-10\n", "");
    repo.edit(RECORDS, "date: 2026-03-10", "date: 2025-06-01");
    let report = repo.check_json();
    assert_eq!(
        places(&report, "impact-assessment-review-overdue"),
        vec![at(RECORDS, 69, 7)]
    );
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "next_review: 2027-03-10\n", "");
    assert!(places(&repo.check_json(), "impact-assessment-review-overdue").is_empty());
}

#[test]
fn audit_and_management_review_overdue_after_the_interval() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "date: 2026-09-15", "date: 2025-09-15");
    repo.edit(RECORDS, "date: 2026-10-20", "date: 2025-10-20");
    let report = repo.check_json();
    assert_eq!(places(&report, "audit-overdue"), vec![at(RECORDS, 127, 7)]);
    assert_eq!(
        places(&report, "management-review-overdue"),
        vec![at(RECORDS, 140, 7)]
    );

    // A recent external audit does not replace the internal one.
    repo.write(
        "external.yaml",
        "kind: Audit\nid: CB-2026\ntype: certification\ndate: 2026-11-01\nauditor: Example Certification Body\nscope: [\"4\"]\n",
    );
    assert_eq!(places(&repo.check_json(), "audit-overdue").len(), 1);

    // A longer interval in aims.toml is honoured.
    repo.write(
        "aims.toml",
        "[organization]\nname = \"Minimal Example Ltd\"\n[risk]\nacceptance = 6\n[audit]\ninterval_days = 548\n[management_review]\ninterval_days = 548\n",
    );
    let report = repo.check_json();
    assert!(places(&report, "audit-overdue").is_empty());
    assert!(places(&report, "management-review-overdue").is_empty());
}

#[test]
fn nonconformity_overdue_only_while_open() {
    let nc = "kind: Nonconformity\nid: NC-1\nraised: 2026-09-20\ndescription: Adverse-impact results not shared with the supplier.\nowner: head-of-people\nstatus: open\ndue: 2026-11-01\n";
    let report = Repo::complete(&[("nc.yaml", nc)]).check_json();
    assert_eq!(
        places(&report, "nonconformity-overdue"),
        vec![at("nc.yaml", 7, 6)]
    );
    let closed = nc.replace("status: open", "status: closed\nclosed: 2026-10-30");
    let report = Repo::complete(&[("nc.yaml", &closed)]).check_json();
    assert!(places(&report, "nonconformity-overdue").is_empty());
}

#[test]
fn objective_overdue_unless_evaluated() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "due: 2026-12-31", "due: 2026-10-01");
    let report = repo.check_json();
    assert_eq!(
        places(&report, "objective-overdue"),
        vec![at(RECORDS, 84, 6)]
    );
    assert_eq!(report.findings()[0]["severity"], "warning");
    repo.edit(RECORDS, "status: on-track", "status: missed");
    assert!(places(&repo.check_json(), "objective-overdue").is_empty());
}

// --- mandatory documents ---

#[test]
fn missing_mandatory_documents_name_each_clause() {
    let repo = Repo::with_base(&[("aims.toml", "[organization]\nname = \"Fixture Ltd\"\n")]);
    let report = repo.check_json();
    let found = messages(&report, "missing-mandatory-document");
    let clauses: Vec<&str> = found
        .iter()
        .map(|m| &m[m.find('(').unwrap() + 1..m.find(')').unwrap()])
        .collect();
    let mut sorted = clauses.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        vec![
            "10.2",
            "4.3",
            "4.4",
            "5.2",
            "6.1.1",
            "6.1.1",
            "6.1.2",
            "6.1.3",
            "6.1.3 f",
            "6.1.4, 8.4",
            "6.2",
            "7.2",
            "8.2",
            "8.3",
            "9.1",
            "9.2.2",
            "9.3.3"
        ]
    );
    // What the standard implies without demanding it in so many words: warnings.
    let expected = messages(&report, "missing-expected-document");
    assert_eq!(
        expected,
        vec![
            "no AI system impact assessment process (6.1.4): ISO/IEC 42001 expects it as documented information",
            "no audit programme (9.2.2): ISO/IEC 42001 expects it as documented information",
            "no evidence that processes were carried out as planned (8.1): ISO/IEC 42001 expects it as documented information",
        ]
    );
    assert!(
        places(&report, "missing-mandatory-document")
            .iter()
            .all(|p| *p == at("aims.toml", 1, 1))
    );
    assert!(
        places(
            &Repo::complete(&[]).check_json(),
            "missing-mandatory-document"
        )
        .is_empty()
    );
}

// --- waivers ---

fn config_with_waiver(waiver: &str) -> String {
    format!(
        "[organization]\nname = \"Minimal Example Ltd\"\n[risk]\nacceptance = 6\naccept_roles = [\"head-of-people\"]\n[[waiver]]\n{waiver}"
    )
}

#[test]
fn a_waived_finding_is_shown_but_not_counted() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "review_by: 2027-02-01", "review_by: 2026-11-01");
    repo.write(
        "aims.toml",
        &config_with_waiver("rule = \"policy-review-overdue\"\nrecord = \"POL-AI\"\nreason = \"Review booked for the December board\"\nexpires = 2026-12-31\n"),
    );
    let report = repo.check_json();
    assert_eq!(report.code, 0);
    assert_eq!(report.json["summary"]["errors"], 0);
    assert_eq!(report.json["summary"]["waived"], 1);
    let finding = &report.findings()[0];
    assert_eq!(finding["rule"], "policy-review-overdue");
    assert_eq!(finding["waived"]["expires"], "2026-12-31");

    let human = String::from_utf8(repo.check(&[]).stdout).unwrap();
    assert!(human.contains("waived[policy-review-overdue]"), "{human}");
    assert!(human.contains("no problems found (1 waived)"), "{human}");
}

#[test]
fn an_expired_waiver_counts_again_and_is_reported() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "review_by: 2027-02-01", "review_by: 2026-11-01");
    repo.write(
        "aims.toml",
        &config_with_waiver("rule = \"policy-review-overdue\"\nfile = \"*.yaml\"\nreason = \"Review booked\"\nexpires = 2026-11-20\n"),
    );
    let report = repo.check_json();
    assert_eq!(report.code, 1);
    assert_eq!(places(&report, "policy-review-overdue").len(), 1);
    assert_eq!(
        places(&report, "waiver-expired"),
        vec![at("aims.toml", 10, 11)]
    );
    assert_eq!(report.json["summary"]["waived"], 0);
}

#[test]
fn an_unused_waiver_is_reported() {
    let repo = Repo::complete(&[]);
    repo.write(
        "aims.toml",
        &config_with_waiver("rule = \"risk-untreated\"\nrecord = \"R-04\"\nreason = \"Treatment plan in progress\"\nexpires = 2027-01-31\n"),
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "waiver-unused"),
        vec![at("aims.toml", 6, 1)]
    );
    assert_eq!(report.code, 0);
}

#[test]
fn a_waiver_of_an_unknown_rule_or_of_nothing_is_a_config_error() {
    let repo = Repo::complete(&[]);
    repo.write(
        "aims.toml",
        &config_with_waiver("rule = \"policy-review-overdu\"\nrecord = \"POL-AI\"\nreason = \"r\"\nexpires = 2027-01-31\n"),
    );
    let output = repo.check(&[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("did you mean `policy-review-overdue`?"),
        "{stderr}"
    );

    repo.write(
        "aims.toml",
        &config_with_waiver("rule = \"evidence-stale\"\nreason = \"r\"\nexpires = 2027-01-31\n"),
    );
    let output = repo.check(&[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("names neither a `record` nor a `file`"),
        "{stderr}"
    );
}

// --- a repository written by someone else, with the gaps a stage 1 auditor finds ---

#[test]
fn planted_iso_gaps_are_each_reported_at_the_right_place_and_nothing_else() {
    let output = check_pinned_fixture("iso-gaps");
    let report = Report::from_output(output);
    let mut found: Vec<(String, String, u64, u64)> = report
        .findings()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    let gap =
        |rule: &str, file: &str, line, column| (rule.to_string(), file.to_string(), line, column);
    assert_eq!(
        found,
        vec![
            // ../../etc/passwd as evidence
            gap("evidence-outside-repo", "assurance/evidence.yml", 19, 7),
            // AI policy review due 2026-04-14
            gap("policy-review-overdue", "governance/ai-policy.md", 9, 12),
            // fatigue detection accepted at score 20 by nobody
            gap(
                "risk-residual-unaccepted",
                "risk-register/risks.yml",
                26,
                11
            ),
            // A.10.4 excluded with ""
            gap("soa-exclusion-unjustified", "governance/soa.yml", 154, 20),
            // A.6.2.5 dropped from the SoA
            gap("soa-missing-control", "governance/soa.yml", 4, 1),
            // fatigue-cam has no impact assessment
            gap(
                "system-without-impact-assessment",
                "register/systems.yml",
                13,
                5
            ),
        ]
    );
    assert_eq!(report.code, 1);
}

// --- SoA justifications and evidence (6.1.3 f) ---

const A22: &str = "    justification: Our recruiters use an AI tool to rank applicants; a written AI policy sets the limits of that use.\n";
const A23: &str = "    justification: The AI policy must agree with our equal-opportunity and data protection policies, which govern recruiting already.\n";
const A24: &str = "    justification: Recruiting law and the supplier's product both change yearly; the AI policy is reviewed each February.\n";

#[test]
fn soa_inclusion_unjustified_triggers_on_a_placeholder_and_not_on_a_reason() {
    let repo = Repo::complete(&[]);
    repo.edit(SOA, A23, "    justification: TBD\n");
    let report = repo.check_json();
    assert_eq!(
        places(&report, "soa-inclusion-unjustified"),
        vec![at(SOA, 12, 20)]
    );
    assert_eq!(
        messages(&report, "soa-inclusion-unjustified"),
        vec!["control A.2.3 is included with the justification `TBD`"]
    );
    assert!(
        places(
            &Repo::complete(&[]).check_json(),
            "soa-inclusion-unjustified"
        )
        .is_empty()
    );
}

#[test]
fn soa_justification_repeated_triggers_from_three_identical_reasons() {
    let same = "    justification: Needed to use the CV-screening assistant responsibly.\n";
    let repo = Repo::complete(&[]);
    repo.edit(SOA, A22, same);
    repo.edit(SOA, A23, same);
    // Two controls with one text are a coincidence, not a template.
    assert!(places(&repo.check_json(), "soa-justification-repeated").is_empty());
    repo.edit(
        SOA,
        A24,
        "    justification: needed to use the CV-screening assistant responsibly\n",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "soa-justification-repeated"),
        vec![at(SOA, 7, 20)]
    );
    assert_eq!(
        messages(&report, "soa-justification-repeated"),
        vec!["the same justification is given for 3 controls: A.2.2, A.2.3, A.2.4"]
    );
    let finding = report
        .findings()
        .iter()
        .find(|f| f["rule"] == "soa-justification-repeated")
        .unwrap();
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["related"][0]["line"], 12);
}

#[test]
fn soa_evidence_unrelated_triggers_for_evidence_about_something_else() {
    let repo = Repo::complete(&[]);
    repo.edit(
        SOA,
        "    status: planned\n  A.2.4:",
        "    status: implemented\n    evidence: [EV-TRAINING]\n  A.2.4:",
    );
    let report = repo.check_json();
    assert_eq!(
        places(&report, "soa-evidence-unrelated"),
        vec![at(SOA, 14, 16)]
    );
    assert_eq!(
        messages(&report, "soa-evidence-unrelated"),
        vec!["control A.2.3 cites evidence `EV-TRAINING`, which supports 7.2 but not A.2.3"]
    );
    // Evidence that supports the control, or its area, is related.
    repo.edit(RECORDS, "supports: [\"7.2\"]", "supports: [\"7.2\", A.2]");
    assert!(places(&repo.check_json(), "soa-evidence-unrelated").is_empty());
}

// --- closing records (10.2, 9.3.2, 9.2.2) ---

const CLOSED_NC: &str = "kind: Nonconformity\nid: NC-1\nraised: 2026-03-02\ndescription: Adverse-impact check skipped in Q1\nowner: head-of-people\nstatus: closed\ncorrective_action: Calendar reminder and a second owner\nclosed: 2026-04-01\n";

#[test]
fn nonconformity_closed_unverified_until_the_fix_is_shown_to_work() {
    let repo = Repo::complete(&[("nc.yaml", CLOSED_NC)]);
    let report = repo.check_json();
    assert_eq!(
        places(&report, "nonconformity-closed-unverified"),
        vec![at("nc.yaml", 6, 9)]
    );
    let not_effective = format!(
        "{CLOSED_NC}effectiveness: {{date: 2026-06-30, by: head-of-people, result: not-effective}}\n"
    );
    repo.write("nc.yaml", &not_effective);
    let report = repo.check_json();
    assert_eq!(
        messages(&report, "nonconformity-closed-unverified"),
        vec![
            "nonconformity `NC-1` is closed although its effectiveness review of 2026-06-30 found the corrective action not effective"
        ]
    );
    repo.write(
        "nc.yaml",
        &not_effective.replace("not-effective", "effective"),
    );
    assert!(places(&repo.check_json(), "nonconformity-closed-unverified").is_empty());
}

#[test]
fn management_review_inputs_missing_names_what_was_not_considered() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "covers: [previous-actions, context-changes, interested-parties, performance, nonconformities, monitoring, audit-results, objectives, opportunities]",
        "covers: [previous-actions, context-changes, interested-parties, nonconformities, monitoring, objectives, opportunities]",
    );
    let report = repo.check_json();
    assert_eq!(
        messages(&report, "management-review-inputs-missing"),
        vec!["management review `MR-2026` did not consider performance, audit-results"]
    );
    assert!(
        places(
            &Repo::complete(&[]).check_json(),
            "management-review-inputs-missing"
        )
        .is_empty()
    );
}

#[test]
fn audit_criteria_missing_for_an_internal_audit_without_them() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "independence: The auditor is external and has never advised us on the AIMS.\n",
        "",
    );
    repo.edit(
        RECORDS,
        "objectives: [Confirm the AIMS conforms before the certification audit]\n",
        "",
    );
    let report = repo.check_json();
    assert_eq!(
        messages(&report, "audit-criteria-missing"),
        vec!["internal audit `AUD-2026` has no `objectives`, `independence`"]
    );
    assert!(places(&Repo::complete(&[]).check_json(), "audit-criteria-missing").is_empty());
}

// --- a lead auditor's stage 1 reading (DESIGN 6) ---

/// The minimal example is a complete AIMS by DESIGN section 6: it checks clean, lists its
/// in-house control in the SoA after Annex A, and has 10.2 covered by its corrective-action
/// process although no nonconformity has occurred. Six gaps a lead auditor raises at stage 1
/// are then planted, and each is reported by its rule at its place.
#[test]
fn lead_auditor_gaps_are_each_reported_and_the_complete_aims_is_clean() {
    let clean = Repo::complete(&[]);
    let report = clean.check_json();
    assert_eq!(report.findings(), &Vec::<serde_json::Value>::new());
    let status = aims()
        .arg("status")
        .arg(clean.path())
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let improvement = &status["clauses"][6];
    assert_eq!(improvement["id"], "10");
    let nc_102 = &improvement["subclauses"][1];
    assert_eq!(
        (nc_102["id"].as_str(), nc_102["covered"].as_bool()),
        (Some("10.2"), Some(true))
    );
    assert_eq!(nc_102["records"][0]["kind"], "Process");
    assert_eq!(status["nonconformities"]["open"], 0);
    let out = tempfile::tempdir().unwrap();
    let pack = aims()
        .arg("pack")
        .arg(clean.path())
        .arg("--out")
        .arg(out.path().join("pack"))
        .args(["--as-of", AS_OF, "--format", "md"])
        .output()
        .unwrap();
    assert_eq!(pack.status.code(), Some(0));
    let planning = std::fs::read_to_string(out.path().join("pack/markdown/planning.md")).unwrap();
    let soa_rows: Vec<&str> = planning
        .lines()
        .filter(|l| l.starts_with("| A.") || l.starts_with("| ORG-"))
        .collect();
    assert!(soa_rows[38].starts_with("| ORG-01 |"), "{}", soa_rows[38]);

    let repo = Repo::complete(&[(
        "nc.yaml",
        "kind: Nonconformity\nid: NC-1\nraised: 2026-03-02\ndescription: The Q1 adverse-impact check was skipped\nowner: head-of-people\nstatus: closed\ncorrective_action: A second owner for the check\nclosed: 2026-04-01\n",
    )]);
    // 1. No risk assessment process (6.1.2).
    repo.edit(
        RECORDS,
        "implements: [\"6.1.2\", \"6.1.3\", \"6.1.4\"]",
        "implements: [\"6.1.3\", \"6.1.4\"]",
    );
    // 2. One justification pasted on three controls.
    let pasted = "    justification: Required by ISO/IEC 42001 for our AI system.\n";
    for control in ["A.2.3", "A.2.4", "A.3.2"] {
        let text = std::fs::read_to_string(repo.path().join(SOA)).unwrap();
        let start = text.find(&format!("  {control}:")).unwrap();
        let line_start = start + text[start..].find("    justification:").unwrap();
        let line_end = line_start + text[line_start..].find('\n').unwrap() + 1;
        repo.write(
            SOA,
            &format!("{}{pasted}{}", &text[..line_start], &text[line_end..]),
        );
    }
    // 3. The SoA cites evidence about something else (training records for incident reporting).
    repo.edit(
        SOA,
        "  A.3.3:  # Reporting of concerns\n    applicable: true\n",
        "  A.3.3:  # Reporting of concerns\n    applicable: true\n    evidence: [EV-TRAINING]\n",
    );
    // 4. Residual risk accepted by a role that is not designated management.
    repo.write(
        "roles.yaml",
        "kind: Role\nid: recruiter\ntitle: Recruiter\nresponsibilities: [Reads rankings]\n",
    );
    repo.edit(
        RECORDS,
        "accepted_by: head-of-people\n",
        "accepted_by: recruiter\n",
    );
    // 5. A nonconformity closed without an effectiveness review: `nc.yaml` above.
    // 6. A management review that considered no performance information.
    repo.edit(
        RECORDS,
        "covers: [previous-actions, context-changes, interested-parties, performance, nonconformities, monitoring, audit-results, objectives, opportunities]",
        "covers: [previous-actions, context-changes, interested-parties, nonconformities, audit-results, objectives, opportunities]",
    );

    let report = repo.check_json();
    let gaps: Vec<(String, String, u64)> = report
        .findings()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("missing-mandatory-document", "aims.toml", 1),
        ("soa-justification-repeated", SOA, 12),
        ("soa-evidence-unrelated", SOA, 24),
        ("risk-acceptance-undesignated", RECORDS, 62),
        ("nonconformity-closed-unverified", "nc.yaml", 6),
        ("management-review-inputs-missing", RECORDS, 144),
    ];
    for (rule, file, line) in expected {
        assert!(
            gaps.contains(&(rule.to_string(), file.to_string(), line)),
            "{rule} at {file}:{line} not in {gaps:?}"
        );
    }
    assert_eq!(gaps.len(), expected.len(), "nothing else: {gaps:?}");
    assert_eq!(
        messages(&report, "missing-mandatory-document"),
        vec![
            "no AI risk assessment process (6.1.2): ISO/IEC 42001 requires it as documented information"
        ]
    );
    assert_eq!(
        messages(&report, "management-review-inputs-missing"),
        vec!["management review `MR-2026` did not consider performance, monitoring"]
    );
}
