//! The ISO/IEC 42001:2023 catalog compiled into the binary: clauses 4–10, Annex A controls and
//! Annex C objectives and risk sources.
//!
//! Identifiers and short titles are facts from the published structure; every description is
//! our own one-sentence summary, never the standard's text.

use super::Kind;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Clause {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Area {
    pub id: &'static str,
    pub title: &'static str,
    pub objective: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Control {
    pub id: &'static str,
    pub area: &'static str,
    pub objective: &'static str,
    pub title: &'static str,
    pub description: &'static str,
}

#[derive(Debug, Serialize)]
pub struct AnnexCItem {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
}

macro_rules! clause {
    ($id:literal, $title:literal, $description:literal $(,)?) => {
        Clause {
            id: $id,
            title: $title,
            description: $description,
        }
    };
}

/// What provides an item of documented information in an aims repository.
#[derive(Debug, Clone, Copy)]
pub enum Provider {
    /// Any valid record of the kind.
    Kind(Kind),
    /// A `Context` record with a `scope`.
    ContextScope,
    /// A `Policy` with `type: ai-policy`.
    AiPolicy,
    /// `[risk]` in `aims.toml`.
    RiskCriteria,
    /// A `Competence` record that cites evidence.
    CompetenceWithEvidence,
    /// A `Risk` whose treatment has a result: residual levels recorded, or treated, accepted or
    /// closed.
    TreatedRisk,
    /// An `Audit` of type `internal`.
    InternalAudit,
    /// A `Process` whose `implements` names the clause.
    Process(&'static str),
    /// An `Evidence` record whose `supports` names the clause.
    Evidence(&'static str),
    /// Any one of these.
    AnyOf(&'static [Provider]),
}

/// One item of documented information clauses 4-10 ask for: required ("shall be available as
/// documented information") or expected (what auditors look for where the standard implies it).
/// The one list behind `missing-mandatory-document`, `missing-expected-document`, `aims status`
/// and `aims controls`.
#[derive(Debug)]
pub struct DocumentedInformation {
    /// The clause (and list item) that asks for it: `6.1.3 f`.
    pub clause: &'static str,
    pub what: &'static str,
    pub required: bool,
    pub provided_by: Provider,
    /// What to add when it is missing.
    pub fix: &'static str,
}

impl DocumentedInformation {
    /// The clause without its list item (`6.1.3` for `6.1.3 f`); the first of several.
    pub fn clause_id(&self) -> &'static str {
        self.clause.split([' ', ',']).next().unwrap_or(self.clause)
    }
}

const fn required(
    clause: &'static str,
    what: &'static str,
    provided_by: Provider,
    fix: &'static str,
) -> DocumentedInformation {
    DocumentedInformation {
        clause,
        what,
        required: true,
        provided_by,
        fix,
    }
}

const fn expected(
    clause: &'static str,
    what: &'static str,
    provided_by: Provider,
    fix: &'static str,
) -> DocumentedInformation {
    DocumentedInformation {
        clause,
        what,
        required: false,
        provided_by,
        fix,
    }
}

pub static DOCUMENTED_INFORMATION: &[DocumentedInformation] = &[
    required(
        "4.3",
        "AIMS scope statement",
        Provider::ContextScope,
        "add a `Context` record with the `scope` of the AI management system",
    ),
    required(
        "4.4",
        "documentation of the AIMS and its processes",
        Provider::Process("4.4"),
        "add a `Process` record with `implements: [\"4.4\"]` that describes how the AIMS runs and how its processes interact",
    ),
    required(
        "5.2",
        "AI policy",
        Provider::AiPolicy,
        "add a `Policy` record with `type: ai-policy`",
    ),
    required(
        "6.1.1",
        "AI risk criteria",
        Provider::RiskCriteria,
        "add a `[risk]` table to aims.toml with the `likelihood` and `impact` scales and the `acceptance` threshold",
    ),
    required(
        "6.1.1",
        "records of actions on AI risks and opportunities",
        Provider::Kind(Kind::Risk),
        "add `Risk` records with the treatment decided for each",
    ),
    required(
        "6.1.2",
        "AI risk assessment process",
        Provider::Process("6.1.2"),
        "add a `Process` record with `implements: [\"6.1.2\"]`: how risks are identified, analysed and evaluated against the criteria",
    ),
    required(
        "6.1.3",
        "AI risk treatment process",
        Provider::Process("6.1.3"),
        "add a `Process` record with `implements: [\"6.1.3\"]`: how treatments and controls are chosen and residual risk is accepted",
    ),
    required(
        "6.1.3 f",
        "Statement of Applicability",
        Provider::Kind(Kind::StatementOfApplicability),
        "add a `StatementOfApplicability` record deciding on all 38 Annex A controls",
    ),
    required(
        "6.1.4, 8.4",
        "AI system impact assessment results",
        Provider::Kind(Kind::ImpactAssessment),
        "add an `ImpactAssessment` record for each AI system",
    ),
    expected(
        "6.1.4",
        "AI system impact assessment process",
        Provider::Process("6.1.4"),
        "add a `Process` record with `implements: [\"6.1.4\"]`: when and how AI systems are assessed for impacts on people",
    ),
    required(
        "6.2",
        "AI objectives",
        Provider::Kind(Kind::Objective),
        "add `Objective` records with a metric, target, owner and due date",
    ),
    required(
        "7.2",
        "evidence of competence",
        Provider::CompetenceWithEvidence,
        "add `Competence` records for the roles that work on AI systems, each citing its `evidence`",
    ),
    expected(
        "8.1",
        "evidence that processes were carried out as planned",
        Provider::AnyOf(&[Provider::Evidence("8.1"), Provider::Process("8.1")]),
        "add an `Evidence` record with `supports: [\"8.1\"]` (release records, change approvals), or a `Process` implementing 8.1",
    ),
    required(
        "8.2",
        "AI risk assessment results",
        Provider::Kind(Kind::Risk),
        "add `Risk` records for the AI systems in scope",
    ),
    required(
        "8.3",
        "AI risk treatment results",
        Provider::AnyOf(&[Provider::TreatedRisk, Provider::Evidence("8.3")]),
        "record the `residual` levels a treatment achieved on its `Risk`, or add `Evidence` with `supports: [\"8.3\"]`",
    ),
    required(
        "9.1",
        "monitoring and measurement results",
        Provider::AnyOf(&[Provider::Kind(Kind::Measurement), Provider::Evidence("9.1")]),
        "add a `Measurement` record of a monitoring result, or an `Evidence` record of monitoring results with `supports: [\"9.1\"]`",
    ),
    required(
        "9.2.2",
        "internal audit programme and results",
        Provider::InternalAudit,
        "add an `Audit` record of the internal audit with its scope and findings",
    ),
    expected(
        "9.2.2",
        "audit programme",
        Provider::Process("9.2.2"),
        "add a `Process` record with `implements: [\"9.2.2\"]`: how often, by whom and against which criteria the AIMS is audited",
    ),
    required(
        "9.3.3",
        "management review results",
        Provider::Kind(Kind::ManagementReview),
        "add a `ManagementReview` record with its attendees, inputs and decisions",
    ),
    required(
        "10.2",
        "nonconformities and corrective actions, or the process for them",
        Provider::AnyOf(&[
            Provider::Kind(Kind::Nonconformity),
            Provider::Process("10.2"),
        ]),
        "add a `Process` record with `implements: [\"10.2\"]` (how nonconformities are handled); `Nonconformity` records follow when one occurs",
    ),
];

pub const CLAUSES: &[Clause] = &[
    clause!(
        "4",
        "Context of the organization",
        "Understand where the organization stands before deciding what the management system must cover."
    ),
    clause!(
        "4.1",
        "Understanding the organization and its context",
        "Identify the internal and external issues, including your roles towards AI, that affect what the AIMS must achieve."
    ),
    clause!(
        "4.2",
        "Understanding the needs and expectations of interested parties",
        "List who has a stake in your AI systems and which of their requirements the AIMS will address."
    ),
    clause!(
        "4.3",
        "Determining the scope of the AI management system",
        "Decide and write down which organizational units, AI systems and activities the AIMS covers."
    ),
    clause!(
        "4.4",
        "AI management system",
        "Establish, run and keep improving the AIMS as a set of interacting processes."
    ),
    clause!(
        "5",
        "Leadership",
        "Top management owns the AIMS and shows it by decisions, resources and example."
    ),
    clause!(
        "5.1",
        "Leadership and commitment",
        "Top management sets direction, integrates the AIMS into business processes and provides what it needs."
    ),
    clause!(
        "5.2",
        "AI policy",
        "Top management approves a written AI policy that frames objectives and commits to meeting requirements and improving."
    ),
    clause!(
        "5.3",
        "Roles, responsibilities and authorities",
        "Assign and communicate who is responsible and accountable for the AIMS and its reporting."
    ),
    clause!(
        "6",
        "Planning",
        "Plan how risks, opportunities, objectives and changes of the AIMS are handled."
    ),
    clause!(
        "6.1",
        "Actions to address risks and opportunities",
        "Plan actions on the risks and opportunities that could stop the AIMS from achieving its outcomes."
    ),
    clause!(
        "6.1.1",
        "General",
        "Set the criteria that tell acceptable AI risk from unacceptable and plan how to act on both."
    ),
    clause!(
        "6.1.2",
        "AI risk assessment",
        "Define and apply a repeatable way to identify, analyse and evaluate AI risks."
    ),
    clause!(
        "6.1.3",
        "AI risk treatment",
        "Choose treatment options and the controls they need, compare them with Annex A and produce a Statement of Applicability."
    ),
    clause!(
        "6.1.4",
        "AI system impact assessment",
        "Assess how AI systems could affect individuals, groups and society, and keep the results."
    ),
    clause!(
        "6.2",
        "AI objectives and planning to achieve them",
        "Set measurable AI objectives and plan who does what, with which resources, by when."
    ),
    clause!(
        "6.3",
        "Planning of changes",
        "Make changes to the AIMS in a planned way."
    ),
    clause!(
        "7",
        "Support",
        "Provide the resources, people, awareness, communication and documentation the AIMS runs on."
    ),
    clause!(
        "7.1",
        "Resources",
        "Determine and provide the resources the AIMS needs."
    ),
    clause!(
        "7.2",
        "Competence",
        "Make sure people whose work affects AI performance are competent, and keep evidence of it."
    ),
    clause!(
        "7.3",
        "Awareness",
        "Make sure people know the AI policy, their contribution and the consequences of not conforming."
    ),
    clause!(
        "7.4",
        "Communication",
        "Decide what to communicate about the AIMS, when, to whom and how."
    ),
    clause!(
        "7.5",
        "Documented information",
        "Keep the documentation the standard and the organization require."
    ),
    clause!(
        "7.5.1",
        "General",
        "Include the documented information the standard requires and any the organization finds necessary."
    ),
    clause!(
        "7.5.2",
        "Creating and updating documented information",
        "Identify, format, review and approve documents when they are created or changed."
    ),
    clause!(
        "7.5.3",
        "Control of documented information",
        "Keep documents available, protected, versioned and retained under control."
    ),
    clause!("8", "Operation", "Run the processes the plans call for."),
    clause!(
        "8.1",
        "Operational planning and control",
        "Plan, run and control the processes needed to meet requirements, and keep records that they ran as planned."
    ),
    clause!(
        "8.2",
        "AI risk assessment",
        "Perform AI risk assessments at planned intervals and on significant change, and keep the results."
    ),
    clause!(
        "8.3",
        "AI risk treatment",
        "Carry out the risk treatment plan and check that it works, and keep the results."
    ),
    clause!(
        "8.4",
        "AI system impact assessment",
        "Perform impact assessments at planned intervals and on significant change, and keep the results."
    ),
    clause!(
        "9",
        "Performance evaluation",
        "Check whether the AIMS works and achieves what it should."
    ),
    clause!(
        "9.1",
        "Monitoring, measurement, analysis and evaluation",
        "Decide what to monitor and measure, how and when, and evaluate the results."
    ),
    clause!(
        "9.2",
        "Internal audit",
        "Audit the AIMS internally at planned intervals."
    ),
    clause!(
        "9.2.1",
        "General",
        "Use internal audits to learn whether the AIMS conforms and is effectively implemented."
    ),
    clause!(
        "9.2.2",
        "Internal audit programme",
        "Plan audits with scope, criteria, frequency and impartial auditors, and keep their results."
    ),
    clause!(
        "9.3",
        "Management review",
        "Top management reviews the AIMS at planned intervals."
    ),
    clause!(
        "9.3.1",
        "General",
        "Review the AIMS regularly to keep it suitable, adequate and effective."
    ),
    clause!(
        "9.3.2",
        "Management review inputs",
        "Feed the review with status of actions, changes, performance trends, feedback and risks."
    ),
    clause!(
        "9.3.3",
        "Management review results",
        "Record the decisions on improvement and changes that come out of each review."
    ),
    clause!(
        "10",
        "Improvement",
        "Keep making the AIMS better and correct what goes wrong."
    ),
    clause!(
        "10.1",
        "Continual improvement",
        "Improve the suitability, adequacy and effectiveness of the AIMS over time."
    ),
    clause!(
        "10.2",
        "Nonconformity and corrective action",
        "React to nonconformities, remove their causes and keep records of what was done and how it worked."
    ),
];

pub const AREAS: &[Area] = &[
    Area {
        id: "A.2",
        title: "Policies related to AI",
        objective: "Management direction and support for AI systems through policy.",
    },
    Area {
        id: "A.3",
        title: "Internal organization",
        objective: "Accountability for the responsible implementation, operation and management of AI systems.",
    },
    Area {
        id: "A.4",
        title: "Resources for AI systems",
        objective: "Account for every resource an AI system depends on, to understand and address its risks and impacts.",
    },
    Area {
        id: "A.5",
        title: "Assessing impacts of AI systems",
        objective: "Assess the consequences of AI systems for individuals, groups and society throughout their life.",
    },
    Area {
        id: "A.6",
        title: "AI system life cycle",
        objective: "Responsible design, development, deployment and operation of AI systems (A.6.1 guidance, A.6.2 life cycle).",
    },
    Area {
        id: "A.7",
        title: "Data for AI systems",
        objective: "Understand the role and the quality of the data AI systems are built and run on.",
    },
    Area {
        id: "A.8",
        title: "Information for interested parties of AI systems",
        objective: "Give interested parties the information they need to understand and assess AI risks.",
    },
    Area {
        id: "A.9",
        title: "Use of AI systems",
        objective: "Use AI systems responsibly and as the organization's policies intend.",
    },
    Area {
        id: "A.10",
        title: "Third-party and customer relationships",
        objective: "Keep responsibilities clear and risks handled when suppliers, partners or customers are involved.",
    },
];

macro_rules! control {
    ($id:literal, $area:literal, $objective:literal, $title:literal, $description:literal) => {
        Control {
            id: $id,
            area: $area,
            objective: $objective,
            title: $title,
            description: $description,
        }
    };
}

pub const CONTROLS: &[Control] = &[
    control!(
        "A.2.2",
        "A.2",
        "A.2.1",
        "AI policy",
        "Write down an AI policy for developing or using AI systems."
    ),
    control!(
        "A.2.3",
        "A.2",
        "A.2.1",
        "Alignment with other organizational policies",
        "Work out where other policies (security, privacy, quality) touch AI and align them."
    ),
    control!(
        "A.2.4",
        "A.2",
        "A.2.1",
        "Review of the AI policy",
        "Review the AI policy at planned intervals and when things change, so it stays fit for purpose."
    ),
    control!(
        "A.3.2",
        "A.3",
        "A.3.1",
        "AI roles and responsibilities",
        "Define and assign the roles and responsibilities AI work needs."
    ),
    control!(
        "A.3.3",
        "A.3",
        "A.3.1",
        "Reporting of concerns",
        "Give people a way to raise concerns about the organization's AI systems across their life cycle."
    ),
    control!(
        "A.4.2",
        "A.4",
        "A.4.1",
        "Resource documentation",
        "Identify and document the resources each AI system needs at each life-cycle stage."
    ),
    control!(
        "A.4.3",
        "A.4",
        "A.4.1",
        "Data resources",
        "Document the data an AI system uses as part of its resource records."
    ),
    control!(
        "A.4.4",
        "A.4",
        "A.4.1",
        "Tooling resources",
        "Document the tools, frameworks and algorithms an AI system is built and run with."
    ),
    control!(
        "A.4.5",
        "A.4",
        "A.4.1",
        "System and computing resources",
        "Document the compute, storage and infrastructure an AI system relies on."
    ),
    control!(
        "A.4.6",
        "A.4",
        "A.4.1",
        "Human resources",
        "Document the people and skills needed to build, run and oversee an AI system."
    ),
    control!(
        "A.5.2",
        "A.5",
        "A.5.1",
        "AI system impact assessment process",
        "Have a defined process to assess the potential consequences of AI systems."
    ),
    control!(
        "A.5.3",
        "A.5",
        "A.5.1",
        "Documentation of AI system impact assessments",
        "Keep the results of impact assessments for a defined retention period."
    ),
    control!(
        "A.5.4",
        "A.5",
        "A.5.1",
        "Assessing AI system impact on individuals or groups of individuals",
        "Assess how an AI system could affect the rights and lives of individuals and groups."
    ),
    control!(
        "A.5.5",
        "A.5",
        "A.5.1",
        "Assessing societal impacts of AI systems",
        "Assess how an AI system could affect society at large."
    ),
    control!(
        "A.6.1.2",
        "A.6",
        "A.6.1",
        "Objectives for responsible development of AI system",
        "Set and document objectives that steer responsible AI development."
    ),
    control!(
        "A.6.1.3",
        "A.6",
        "A.6.1",
        "Processes for responsible AI system design and development",
        "Define and document the processes for designing and developing AI systems responsibly."
    ),
    control!(
        "A.6.2.2",
        "A.6",
        "A.6.2",
        "AI system requirements and specification",
        "Specify and document the requirements for new AI systems or material changes."
    ),
    control!(
        "A.6.2.3",
        "A.6",
        "A.6.2",
        "Documentation of AI system design and development",
        "Document design and development decisions against objectives and requirements."
    ),
    control!(
        "A.6.2.4",
        "A.6",
        "A.6.2",
        "AI system verification and validation",
        "Define and document how an AI system is verified and validated, with criteria for release."
    ),
    control!(
        "A.6.2.5",
        "A.6",
        "A.6.2",
        "AI system deployment",
        "Plan deployments and check the requirements are met before release."
    ),
    control!(
        "A.6.2.6",
        "A.6",
        "A.6.2",
        "AI system operation and monitoring",
        "Operate and monitor AI systems, including repairs, updates and support."
    ),
    control!(
        "A.6.2.7",
        "A.6",
        "A.6.2",
        "AI system technical documentation",
        "Provide the technical documentation each group of users or authorities needs."
    ),
    control!(
        "A.6.2.8",
        "A.6",
        "A.6.2",
        "AI system recording of event logs",
        "Decide when event logging is enabled and keep logs that let you trace what the system did."
    ),
    control!(
        "A.7.2",
        "A.7",
        "A.7.1",
        "Data for development and enhancement of AI system",
        "Define and run data management processes for building and improving AI systems."
    ),
    control!(
        "A.7.3",
        "A.7",
        "A.7.1",
        "Acquisition of data",
        "Document how data is selected and acquired, and under which rights."
    ),
    control!(
        "A.7.4",
        "A.7",
        "A.7.1",
        "Quality of data for AI systems",
        "Define data quality requirements and make sure the data meets them."
    ),
    control!(
        "A.7.5",
        "A.7",
        "A.7.1",
        "Data provenance",
        "Record where data comes from and how it changed over its life."
    ),
    control!(
        "A.7.6",
        "A.7",
        "A.7.1",
        "Data preparation",
        "Define and document how data is prepared, cleaned and labelled."
    ),
    control!(
        "A.8.2",
        "A.8",
        "A.8.1",
        "System documentation and information for users",
        "Give users the information they need about an AI system."
    ),
    control!(
        "A.8.3",
        "A.8",
        "A.8.1",
        "External reporting",
        "Let interested parties report adverse impacts of an AI system."
    ),
    control!(
        "A.8.4",
        "A.8",
        "A.8.1",
        "Communication of incidents",
        "Plan and carry out communication of AI incidents to users and others affected."
    ),
    control!(
        "A.8.5",
        "A.8",
        "A.8.1",
        "Information for interested parties",
        "Decide and meet the obligations to report information about AI systems to interested parties."
    ),
    control!(
        "A.9.2",
        "A.9",
        "A.9.1",
        "Processes for responsible use of AI systems",
        "Define and document how AI systems are to be used responsibly."
    ),
    control!(
        "A.9.3",
        "A.9",
        "A.9.1",
        "Objectives for responsible use of AI system",
        "Set and document objectives that steer responsible use of AI systems."
    ),
    control!(
        "A.9.4",
        "A.9",
        "A.9.1",
        "Intended use of the AI system",
        "Make sure AI systems are used as intended and as their documentation says."
    ),
    control!(
        "A.10.2",
        "A.10",
        "A.10.1",
        "Allocating responsibilities",
        "Share out responsibilities between the organization, its partners, suppliers and customers."
    ),
    control!(
        "A.10.3",
        "A.10",
        "A.10.1",
        "Suppliers",
        "Make sure supplied services, products and materials fit your approach to responsible AI."
    ),
    control!(
        "A.10.4",
        "A.10",
        "A.10.1",
        "Customers",
        "Take customer needs and expectations into account in your approach to responsible AI."
    ),
];

pub const ANNEX_C_OBJECTIVES: &[AnnexCItem] = &[
    AnnexCItem {
        id: "C.2.1",
        title: "Accountability",
        description: "Someone answers for each AI system's outcomes.",
    },
    AnnexCItem {
        id: "C.2.2",
        title: "AI expertise",
        description: "The people involved have the specialist skills the system needs.",
    },
    AnnexCItem {
        id: "C.2.3",
        title: "Availability and quality of training and test data",
        description: "Enough good-quality data exists to train and test the system.",
    },
    AnnexCItem {
        id: "C.2.4",
        title: "Environmental impact",
        description: "The energy and resource footprint of the system is considered.",
    },
    AnnexCItem {
        id: "C.2.5",
        title: "Fairness",
        description: "The system does not treat people or groups unjustly.",
    },
    AnnexCItem {
        id: "C.2.6",
        title: "Maintainability",
        description: "The system can be changed and corrected over time.",
    },
    AnnexCItem {
        id: "C.2.7",
        title: "Privacy",
        description: "Personal data is protected throughout the system's life.",
    },
    AnnexCItem {
        id: "C.2.8",
        title: "Robustness",
        description: "The system keeps performing under varied or unexpected conditions.",
    },
    AnnexCItem {
        id: "C.2.9",
        title: "Safety",
        description: "The system does not endanger people, property or the environment.",
    },
    AnnexCItem {
        id: "C.2.10",
        title: "Security",
        description: "The system resists attacks such as poisoning, evasion and theft.",
    },
    AnnexCItem {
        id: "C.2.11",
        title: "Transparency and explainability",
        description: "People can understand what the system does and why it decided as it did.",
    },
];

pub const ANNEX_C_RISK_SOURCES: &[AnnexCItem] = &[
    AnnexCItem {
        id: "C.3.1",
        title: "Complexity of environment",
        description: "The wider and less predictable the operating environment, the harder the system is to get right.",
    },
    AnnexCItem {
        id: "C.3.2",
        title: "Lack of transparency and explainability",
        description: "Opaque behaviour hides errors and erodes trust.",
    },
    AnnexCItem {
        id: "C.3.3",
        title: "Level of automation",
        description: "The less a human is in the loop, the more an error can do before it is caught.",
    },
    AnnexCItem {
        id: "C.3.4",
        title: "Risk sources related to machine learning",
        description: "Data quality, training and learning methods can introduce error and bias.",
    },
    AnnexCItem {
        id: "C.3.5",
        title: "System hardware issues",
        description: "Hardware faults, limits or transfers between platforms can change behaviour.",
    },
    AnnexCItem {
        id: "C.3.6",
        title: "System life cycle issues",
        description: "Flaws can enter at any stage from design to retirement.",
    },
    AnnexCItem {
        id: "C.3.7",
        title: "Technology readiness",
        description: "Immature or unproven technology carries unknown failure modes.",
    },
];

pub fn clause(id: &str) -> Option<&'static Clause> {
    CLAUSES.iter().find(|c| c.id == id)
}

pub fn control(id: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.id == id)
}

pub fn annex_c(id: &str) -> Option<&'static AnnexCItem> {
    ANNEX_C_OBJECTIVES
        .iter()
        .chain(ANNEX_C_RISK_SOURCES)
        .find(|c| c.id == id)
}

pub fn area(id: &str) -> Option<&'static Area> {
    AREAS.iter().find(|a| a.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn counts_match_the_published_structure() {
        assert_eq!(CLAUSES.len(), 43);
        assert_eq!(CONTROLS.len(), 38);
        assert_eq!(AREAS.len(), 9);
        assert_eq!(ANNEX_C_OBJECTIVES.len(), 11);
        assert_eq!(ANNEX_C_RISK_SOURCES.len(), 7);
    }

    #[test]
    fn ids_are_unique_and_controls_sit_in_known_areas() {
        let mut seen = HashSet::new();
        for id in CLAUSES
            .iter()
            .map(|c| c.id)
            .chain(CONTROLS.iter().map(|c| c.id))
        {
            assert!(seen.insert(id), "{id} twice");
        }
        for control in CONTROLS {
            assert!(area(control.area).is_some(), "{}", control.id);
            assert!(control.id.starts_with(&format!("{}.", control.area)));
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(clause("6.1.3").unwrap().title, "AI risk treatment");
        assert_eq!(control("A.6.2.4").unwrap().area, "A.6");
        assert!(annex_c("C.3.4").is_some());
        assert!(control("A.1.1").is_none());
    }
}
