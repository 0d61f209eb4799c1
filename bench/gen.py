#!/usr/bin/env python3
"""Writes a synthetic AIMS repository of about N records with realistic cross-references.

Usage: gen.py N DIR

Mix per 100 records: 5 roles, 10 AI systems, 10 datasets, 5 suppliers, 35 risks,
10 impact assessments, 20 evidence items, 5 nonconformities; one record per file (as most
teams keep them), plus a Statement of Applicability covering all 38 controls.
"""
import os
import sys

CONTROLS = ["A.2.2", "A.2.3", "A.2.4", "A.3.2", "A.3.3", "A.4.2", "A.4.3", "A.4.4", "A.4.5",
            "A.4.6", "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.1.2", "A.6.1.3", "A.6.2.2",
            "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8", "A.7.2", "A.7.3",
            "A.7.4", "A.7.5", "A.7.6", "A.8.2", "A.8.3", "A.8.4", "A.8.5", "A.9.2", "A.9.3",
            "A.9.4", "A.10.2", "A.10.3", "A.10.4"]
LEVELS_L = ["rare", "unlikely", "possible", "likely", "almost-certain"]
LEVELS_I = ["negligible", "minor", "moderate", "major", "severe"]


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def main():
    n, root = int(sys.argv[1]), sys.argv[2]
    unit = max(1, n // 100)
    roles = [f"role-{i}" for i in range(5 * unit)]
    systems = [f"system-{i}" for i in range(10 * unit)]
    datasets = [f"dataset-{i}" for i in range(10 * unit)]
    suppliers = [f"supplier-{i}" for i in range(5 * unit)]
    write(root, "aims.toml", '[organization]\nname = "Benchmark Ltd"\n')
    write(root, "evidence/files/report.md", "# Validation report\n")
    for i, r in enumerate(roles):
        write(root, f"roles/{r}.yaml", f"kind: Role\nid: {r}\ntitle: Role {i}\nholder: Person {i}\n"
              f"responsibilities:\n  - Owns systems and risks of unit {i}\n  - Reports to the AI governance board\n")
    for i, d in enumerate(datasets):
        write(root, f"data/{d}.yaml", f"kind: Dataset\nid: {d}\nname: Dataset {i}\n"
              f"provenance: Internal system {i % 7}, collected under contract\nowner: {roles[i % len(roles)]}\n"
              f"personal_data: {'true' if i % 2 else 'false'}\nquality_checks: [Completeness above 99%, Label audit]\n")
    for i, s in enumerate(suppliers):
        write(root, f"suppliers/{s}.yaml", f"kind: Supplier\nid: {s}\nname: Supplier {i} Ltd\n"
              f"provides: Model API {i}\nai_systems: [{systems[i % len(systems)]}]\nassessed: 2026-0{1 + i % 9}-15\n")
    for i, s in enumerate(systems):
        write(root, f"systems/{s}.yaml", f"kind: AISystem\nid: {s}\nname: System {i}\nowner: {roles[i % len(roles)]}\n"
              f"purpose: Scores applications of product line {i} to support a human decision\n"
              f"lifecycle_stage: operation\nai_role: producer\n"
              f"datasets: [{datasets[i % len(datasets)]}, {datasets[(i + 1) % len(datasets)]}]\n"
              f"suppliers: [{suppliers[i % len(suppliers)]}]\nhuman_oversight: Reviewer approves every decline\nrisk_class: high\n")
        write(root, f"impact/{s}.yaml", f"kind: ImpactAssessment\nid: IA-{i}\nai_system: {s}\ndate: 2026-03-01\n"
              f"assessor: Governance team\nimpacts:\n  - area: individuals\n    description: A good applicant is declined\n"
              f"    severity: major\n    mitigation: Human review on request\n  - area: groups\n"
              f"    description: Thin-file applicants are declined more often\n    severity: moderate\nnext_review: 2027-03-01\n")
    evidence = [f"EV-{i}" for i in range(20 * unit)]
    for i, e in enumerate(evidence):
        where = "path: evidence/files/report.md" if i % 2 else f"url: https://evidence.example/{i}"
        write(root, f"evidence/{e}.yaml", f"kind: Evidence\nid: {e}\ntitle: Evidence item {i}\n{where}\n"
              f"collected: 2026-06-01\nsupports: [A.6.2.4, \"9.1\"]\nowner: {roles[i % len(roles)]}\n")
    for i in range(35 * unit):
        write(root, f"risks/R-{i}.yaml", f"kind: Risk\nid: R-{i}\ntitle: Risk number {i} to fairness of decisions\n"
              f"ai_systems: [{systems[i % len(systems)]}]\nowner: {roles[i % len(roles)]}\nsource: [C.2.5, C.3.4]\n"
              f"likelihood: {LEVELS_L[i % 5]}\nimpact: {LEVELS_I[(i * 3) % 5]}\ntreatment:\n  option: mitigate\n"
              f"  controls: [{CONTROLS[i % 38]}, A.6.2.4]\n  plan: Test and monitor monthly\n  due: 2026-12-31\n"
              f"residual:\n  likelihood: rare\n  impact: minor\nstatus: treated\n")
    for i in range(5 * unit):
        write(root, f"nonconformities/NC-{i}.yaml", f"kind: Nonconformity\nid: NC-{i}\nraised: 2026-05-01\n"
              f"description: Release {i} lacked a validation sign-off\nowner: {roles[i % len(roles)]}\nstatus: closed\n"
              f"root_cause: Checklist gap\ncorrective_action: Pipeline gate\ndue: 2026-07-01\nclosed: 2026-06-20\n")
    soa = ["kind: StatementOfApplicability", "id: soa", "controls:"]
    for i, c in enumerate(CONTROLS):
        soa += [f"  {c}:", "    applicable: true", "    justification: Needed for our AI systems",
                "    status: implemented", f"    evidence: [{evidence[i % len(evidence)]}]"]
    write(root, "soa.yaml", "\n".join(soa) + "\n")


if __name__ == "__main__":
    main()
