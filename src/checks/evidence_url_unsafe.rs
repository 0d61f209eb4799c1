use super::{Check, CheckInput, Rule, key_path};
use crate::diagnostic::{Finding, Severity};
use crate::model::facts::{redact_url, url_problems};
use crate::model::records::Evidence;

pub struct EvidenceUrlUnsafe;

static RULE: Rule = Rule {
    id: "evidence-url-unsafe",
    default_severity: Severity::Error,
    reference: "7.5.3",
    summary: "an evidence URL is not a web link, or carries credentials or a token",
    explanation: r#"## What it does
Checks the `url` of every `Evidence` record: it must be an `https:` (or `http:`) link, and it
must not carry a secret: no `user:password@`, no query parameter such as `token=`, `key=`,
`sig=` or `X-Amz-Signature=`. The finding shows the URL with the secret replaced by `***`,
and so does every output and every pack format: the secret is never copied further.

## Why this matters
A `javascript:`, `data:` or `file:` link in the auditor's pack is at best broken and at worst
runs something; a signed or tokened URL is a credential, and an evidence pack is sent to
people outside the organization (7.5.3 asks that documented information be protected).

## Example
```yaml
url: https://reports.example/q3.pdf?token=eyJhbGciOi...   # a bearer token in the link
```

## How to fix
Link to the evidence without the secret (the reader signs in), and revoke the token that was
committed: it is in the git history now."#,
};

impl Check for EvidenceUrlUnsafe {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn run(&self, input: &CheckInput<'_>, out: &mut Vec<Finding>) {
        for (record, evidence) in input.model.typed::<Evidence>() {
            let Some(url) = &evidence.url else { continue };
            let problems = url_problems(url);
            if problems.is_empty() {
                continue;
            }
            out.push(
                record
                    .finding(
                        RULE.id,
                        record.span_at(&key_path(&["url"])),
                        format!(
                            "evidence `{}` links to {}, but {}",
                            record.id,
                            redact_url(url),
                            problems.join("; and ")
                        ),
                    )
                    .with_help("link to the evidence without the secret (readers sign in) and revoke the secret: it is in the git history"),
            );
        }
    }
}
