//! DESIGN §6: drafts, extra fields, the fields added to existing kinds, the new kinds and their
//! rules, records that fail their schema still counting as present, and record discovery.
//! Each defect is planted once into a copy of `examples/minimal` (which checks clean).

use crate::support::*;

const RECORDS: &str = "aims.yaml";

/// Every rule that reported anything, once each, sorted.
fn rules(report: &Report) -> Vec<String> {
    let mut rules: Vec<String> = report
        .findings()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

// --- drafts ---

#[test]
fn a_draft_ai_policy_is_reported_as_a_draft_not_as_absent_nor_as_a_schema_error() {
    let repo = Repo::complete(&[]);
    // The only AI policy loses its approval: as a draft, that is allowed.
    repo.edit(
        RECORDS,
        "approved_by: Managing Director\napproved: 2026-02-02\nreview_by: 2027-02-01\n",
        "draft: true\n",
    );
    let report = repo.check_json();
    assert_eq!(rules(&report), vec!["missing-mandatory-document"]);
    assert_eq!(
        messages(&report, "missing-mandatory-document"),
        vec![
            "the AI policy (5.2) is still a draft: policy `POL-AI` is marked `draft: true`"
                .to_string()
        ]
    );
    assert_eq!(
        places(&report, "missing-mandatory-document"),
        vec![at(RECORDS, 37, 1)]
    );
    assert_eq!(report.code, 1);
    // `aims status` says "draft" where the clause would be covered.
    let status = aims()
        .args(["status", "--as-of", AS_OF])
        .arg(repo.path())
        .output()
        .unwrap();
    let text = stdout(&status);
    assert!(
        text.contains("missing: AI policy (5.2): still a draft"),
        "{text}"
    );
}

#[test]
fn a_draft_needs_only_its_kind_id_and_naming_field_but_its_references_are_checked() {
    let draft = "kind: Risk\nid: R-DRAFT\ntitle: Being assessed\ndraft: true\nowner: nobody-yet\n";
    let report = Repo::complete(&[("draft.yaml", draft)]).check_json();
    assert_eq!(rules(&report), vec!["dangling-reference"]);
    assert_eq!(
        places(&report, "dangling-reference"),
        vec![at("draft.yaml", 5, 8)]
    );
    // Without its naming field even a draft fails its schema.
    let nameless = "kind: Risk\nid: R-DRAFT\ndraft: true\n";
    let report = Repo::complete(&[("draft.yaml", nameless)]).check_json();
    assert_eq!(
        messages(&report, "schema"),
        vec!["risk `R-DRAFT` is missing the required field `title`".to_string()]
    );
}

#[test]
fn extra_and_external_ids_are_accepted_on_every_kind_and_checked_for_shape() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "risk_class: high\n",
        "risk_class: high\nextra:\n  inventory-status: active\n  users: 12\n  reviewed: 2026-01-31\n  regions: [UK, IE]\nexternal_ids: {hr-register: HR-0042}\n",
    );
    assert!(repo.check_json().findings().is_empty());
    repo.edit(RECORDS, "  users: 12\n", "  users: {a: 1}\n");
    let report = repo.check_json();
    assert_eq!(
        messages(&report, "schema"),
        vec!["`users` is a mapping, but it must be text, a number, a boolean, a date (`YYYY-MM-DD`) or a list of those".to_string()]
    );
}

// --- AI systems: screening out an impact assessment ---

const SCREENED: &str = "\
kind: AISystem
id: mail-sorter
name: Mail sorter
owner: head-of-people
purpose: Routes applicant emails to the right recruiter's inbox.
lifecycle_stage: operation
ai_role: user
risk_class: minimal
impact_assessment:
  required: false
  justification: Routing only; a person reads every email, a misroute costs minutes.
---
kind: Risk
id: R-MAIL
title: An email reaches the wrong recruiter and is answered late
ai_systems: [mail-sorter]
owner: head-of-people
likelihood: possible
impact: negligible
treatment: {option: accept}
";

#[test]
fn a_screened_out_low_risk_system_needs_no_impact_assessment() {
    let report = Repo::complete(&[("mail.yaml", SCREENED)]).check_json();
    assert!(report.findings().is_empty(), "{:#?}", report.findings());
}

#[test]
fn a_high_risk_system_cannot_be_screened_out() {
    let planted = SCREENED.replace(
        "risk_class: minimal\n",
        "classifications:\n  - {scheme: OMB M-25-21, value: high-impact}\n",
    );
    let report = Repo::complete(&[("mail.yaml", &planted)]).check_json();
    assert_eq!(
        places(&report, "system-without-impact-assessment"),
        vec![at("mail.yaml", 11, 13)]
    );
    assert_eq!(
        messages(&report, "system-without-impact-assessment"),
        vec!["AI system `mail-sorter` is classed high risk (`high-impact` under OMB M-25-21), so it cannot be screened out of an impact assessment".to_string()]
    );
    // Screening out needs a reason.
    let unjustified = SCREENED.replace(
        "  justification: Routing only; a person reads every email, a misroute costs minutes.\n",
        "",
    );
    let report = Repo::complete(&[("mail.yaml", &unjustified)]).check_json();
    assert_eq!(
        messages(&report, "system-without-impact-assessment"),
        vec![
            "AI system `mail-sorter` is screened out of an impact assessment without a reason"
                .to_string()
        ]
    );
    assert!(messages(&report, "schema").is_empty());
}

#[test]
fn a_schema_invalid_impact_assessment_is_reported_once_not_also_as_missing() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "date: 2026-03-10\n", "date: 10 March 2026\n");
    let report = repo.check_json();
    assert_eq!(rules(&report), vec!["schema"]);
    assert_eq!(report.of_rule("schema").len(), 1);
}

#[test]
fn a_schema_invalid_soa_is_not_also_a_missing_soa() {
    let repo = Repo::complete(&[]);
    repo.edit(
        "statement-of-applicability.yaml",
        "id: SOA-2026\n",
        "id: SOA-2026\napproved: last spring\n",
    );
    let report = repo.check_json();
    assert!(messages(&report, "missing-mandatory-document").is_empty());
    assert_eq!(report.of_rule("schema").len(), 1);
}

// --- risks ---

#[test]
fn risk_review_overdue_by_next_review_or_by_the_configured_interval() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "status: treated\n",
        "status: treated\nnext_review: 2026-11-01\n",
    );
    let report = repo.check_json();
    assert_eq!(rules(&report), vec!["risk-review-overdue"]);
    assert_eq!(report.findings()[0]["severity"], "warning");
    assert_eq!(
        messages(&report, "risk-review-overdue"),
        vec!["risk `R-001` was due for review on 2026-11-01, its next review date, and is 22 days late".to_string()]
    );
    repo.edit(
        RECORDS,
        "next_review: 2026-11-01\n",
        "assessed: 2025-10-01\n",
    );
    assert!(
        repo.check_json().findings().is_empty(),
        "no interval, no finding"
    );
    repo.edit(
        "aims.toml",
        "[risk]\n",
        "[risk]\nreview_interval_days = 365\n",
    );
    let report = repo.check_json();
    assert_eq!(rules(&report), vec!["risk-review-overdue"]);
    repo.edit(RECORDS, "assessed: 2025-10-01\n", "assessed: 2026-10-01\n");
    assert!(repo.check_json().findings().is_empty());
}

#[test]
fn opportunities_are_not_judged_against_the_risk_acceptance_threshold() {
    let opportunity = "kind: Risk\nid: OPP-1\ntype: opportunity\ntitle: Faster shortlists free recruiters for interviews\nai_systems: [cv-screening]\nowner: head-of-people\nlikelihood: likely\nimpact: major\ntreatment: {option: mitigate, plan: Track time to shortlist.}\n";
    let report = Repo::complete(&[("opportunity.yaml", opportunity)]).check_json();
    assert!(report.findings().is_empty(), "{:#?}", report.findings());
}

// --- new kinds ---

const MEASUREMENT: &str = "\
kind: Measurement
id: M-Q4
metric: Four-fifths ratio across sex and age bands
objective: OBJ-01
date: 2026-10-31
value: 0.74
target: \">= 0.8\"
";

#[test]
fn a_measurement_below_its_target_needs_a_nonconformity_or_an_incident() {
    let report = Repo::complete(&[("m.yaml", MEASUREMENT)]).check_json();
    assert_eq!(rules(&report), vec!["measurement-target-missed"]);
    assert_eq!(
        places(&report, "measurement-target-missed"),
        vec![at("m.yaml", 6, 8)]
    );
    let followed = format!(
        "{MEASUREMENT}nonconformity: NC-AI-1\n---\nkind: Nonconformity\nid: NC-AI-1\nraised: 2026-11-02\ndescription: Q4 adverse-impact ratio below 0.8.\nowner: head-of-people\nstatus: open\ndue: 2026-12-15\n"
    );
    let report = Repo::complete(&[("m.yaml", &followed)]).check_json();
    assert!(report.findings().is_empty(), "{:#?}", report.findings());
    let met = MEASUREMENT.replace("value: 0.74", "value: 0.81");
    assert!(
        Repo::complete(&[("m.yaml", &met)])
            .check_json()
            .findings()
            .is_empty()
    );
}

#[test]
fn an_objective_needs_a_measurement_in_its_period() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "period: {from: 2026-07-01, to: 2026-09-30}",
        "period: {from: 2025-07-01, to: 2025-09-30}",
    );
    let report = repo.check_json();
    assert_eq!(rules(&report), vec!["objective-without-measurement"]);
    assert_eq!(
        messages(&report, "objective-without-measurement"),
        vec!["objective `OBJ-01` was last measured 419 days ago, on 2025-09-30".to_string()]
    );
    repo.edit(RECORDS, "status: on-track", "status: achieved");
    assert!(repo.check_json().findings().is_empty());
}

const INCIDENT: &str = "\
kind: Incident
id: INC-1
reported: 2026-10-02
description: The ranking put every applicant from one postcode last for a week.
status: open
ai_system: cv-screening
severity: major
due: 2026-10-30
";

#[test]
fn incidents_open_past_due_and_serious_ones_unreported() {
    let report = Repo::complete(&[("inc.yaml", INCIDENT)]).check_json();
    assert_eq!(rules(&report), vec!["incident-overdue"]);
    assert_eq!(
        places(&report, "incident-overdue"),
        vec![at("inc.yaml", 8, 6)]
    );
    let serious = INCIDENT
        .replace("severity: major", "severity: serious")
        .replace("status: open", "status: closed\nclosed: 2026-10-20");
    let report = Repo::complete(&[("inc.yaml", &serious)]).check_json();
    assert_eq!(rules(&report), vec!["incident-unreported"]);
    assert_eq!(
        places(&report, "incident-unreported"),
        vec![at("inc.yaml", 8, 11)]
    );
    let reported = format!(
        "{serious}external_report: {{to: Market surveillance authority, date: 2026-10-09}}\n"
    );
    assert!(
        Repo::complete(&[("inc.yaml", &reported)])
            .check_json()
            .findings()
            .is_empty()
    );
}

#[test]
fn a_planned_change_needs_its_approval_and_an_unintended_one_does_not() {
    let change = "kind: Change\nid: CHG-1\ntitle: New ranking model\ndate: 2026-09-01\ndescription: The supplier's model v3 replaces v2.\nai_system: cv-screening\nstatus: done\n";
    let report = Repo::complete(&[("chg.yaml", change)]).check_json();
    assert_eq!(rules(&report), vec!["change-unapproved"]);
    assert_eq!(
        places(&report, "change-unapproved"),
        vec![at("chg.yaml", 7, 1)]
    );
    let approved = format!("{change}approved_by: head-of-people\napproved: 2026-08-20\n");
    assert!(
        Repo::complete(&[("chg.yaml", &approved)])
            .check_json()
            .findings()
            .is_empty()
    );
    let unintended = format!("{change}type: unintended\n");
    assert!(
        Repo::complete(&[("chg.yaml", &unintended)])
            .check_json()
            .findings()
            .is_empty()
    );
}

#[test]
fn an_obligation_needs_something_that_meets_it() {
    let obligation = "kind: Obligation\nid: OBL-1\ntitle: Tell applicants a tool ranks them\nsource: UK GDPR Articles 13 and 22\nowner: head-of-people\n";
    let report = Repo::complete(&[("obl.yaml", obligation)]).check_json();
    assert_eq!(rules(&report), vec!["obligation-unmet"]);
    assert_eq!(
        places(&report, "obligation-unmet"),
        vec![at("obl.yaml", 2, 5)]
    );
    let met = format!("{obligation}met_by: [A.8.2, ORG-01]\n");
    assert!(
        Repo::complete(&[("obl.yaml", &met)])
            .check_json()
            .findings()
            .is_empty()
    );
    let typo = format!("{obligation}met_by: [A.8.22]\n");
    assert_eq!(
        rules(&Repo::complete(&[("obl.yaml", &typo)]).check_json()),
        vec!["dangling-reference"]
    );
}

#[test]
fn a_high_risk_systems_assessment_covers_individuals_groups_and_society() {
    let repo = Repo::complete(&[]);
    repo.edit(RECORDS, "  - {area: society, description: \"Automated ranking could normalise opaque hiring in the region.\", severity: minor, mitigation: \"Applicants are told a tool orders the queue and people decide.\"}\n", "");
    let report = repo.check_json();
    assert_eq!(rules(&report), vec!["impact-assessment-areas-missing"]);
    assert!(
        messages(&report, "impact-assessment-areas-missing")[0]
            .ends_with("has no impact on society")
    );
}

// --- discovery ---

#[test]
fn a_kindless_record_is_a_warning_and_another_tools_yaml_is_not_a_record() {
    let kindless = "id: R-009\ntitle: Drift goes unnoticed\nai_systems: [cv-screening]\nowner: head-of-people\nlikelihood: possible\nimpact: minor\ntreatment: {option: accept}\n";
    let typo = "Kind: Risk\nid: R-010\ntitle: Drift goes unnoticed\n";
    let manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: scorer}\nspec: {replicas: 2}\n---\napiVersion: kyverno.io/v1\nkind: Policy\nmetadata: {name: require-labels}\n";
    let catalog = "kind: Component\nmetadata: {name: scorer}\nspec: {type: service}\n";
    let report = Repo::complete(&[
        ("risks/R-009.yaml", kindless),
        ("risks/R-010.yaml", typo),
        ("evidence/k8s/deployment.yaml", manifest),
        ("evidence/catalog-info.yaml", catalog),
        ("mkdocs.yml", "site_name: Handbook\nnav: [index.md]\n"),
    ])
    .check_json();
    assert_eq!(rules(&report), vec!["missing-kind"]);
    assert_eq!(
        report.of_rule("missing-kind"),
        vec![
            (
                "risks/R-009.yaml".to_string(),
                1,
                1,
                "this looks like a Risk record but has no `kind`, so it is not read".to_string()
            ),
            (
                "risks/R-010.yaml".to_string(),
                1,
                1,
                "`Kind` is not `kind`: this looks like a Risk record, but without `kind` it is not read".to_string()
            ),
        ]
    );
    assert_eq!(report.json["findings"][0]["severity"], "warning");
}

#[test]
fn records_globs_restrict_which_files_are_records() {
    let repo = Repo::complete(&[("tools/config.yaml", "kind: Pipeline\nstages: [build]\n")]);
    assert_eq!(rules(&repo.check_json()), vec!["unknown-kind"]);
    repo.edit(
        "aims.toml",
        "[organization]",
        "[aims]\nrecords = [\"aims.yaml\", \"statement-*.yaml\"]\n\n[organization]",
    );
    let report = repo.check_json();
    assert!(report.findings().is_empty(), "{:#?}", report.findings());
    assert_eq!(report.records(), 22);
}

#[test]
fn an_assessed_impacts_likelihood_is_a_level_of_the_scale() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "severity: minor, mitigation:",
        "severity: minor, likelihood: sometimes, mitigation:",
    );
    let report = repo.check_json();
    assert_eq!(rules(&report), vec!["risk-unknown-scale-value"]);
    assert_eq!(
        messages(&report, "risk-unknown-scale-value"),
        vec!["impact assessment `IA-001` has impacts[3].likelihood `sometimes`, which is not on the likelihood scale of aims.toml".to_string()]
    );
    repo.edit(RECORDS, "likelihood: sometimes", "likelihood: possible");
    assert!(repo.check_json().findings().is_empty());
}

#[test]
fn management_review_decisions_may_name_an_owner_and_a_due_date() {
    let repo = Repo::complete(&[]);
    repo.edit(
        RECORDS,
        "decisions: [Share quarterly adverse-impact results with TalentSoft]\n",
        "decisions:\n  - Share quarterly adverse-impact results with TalentSoft\n  - {decision: Add a second reviewer for rankings, owner: head-of-people, due: 2027-01-31}\n  - {decision: Tell applicants about the tool, owner: nobody}\n",
    );
    let report = repo.check_json();
    assert_eq!(
        rules(&report),
        vec!["dangling-reference"],
        "{:#?}",
        report.findings()
    );
    assert!(messages(&report, "dangling-reference")[0].contains("`nobody`"));
}
