//! Documentation of problems in `aims.toml`. They stop the run (exit 2) before any check runs,
//! so this rule has no check of its own.

use super::Rule;
use crate::diagnostic::Severity;
use crate::load::config::CONFIG_RULE;

pub static CONFIG: Rule = Rule {
    id: CONFIG_RULE,
    default_severity: Severity::Error,
    reference: "6.1.1",
    summary: "`aims.toml` is missing, not valid TOML, or does not match its schema",
    explanation: r#"## What it does
Reads `aims.toml`, the file that marks the repository root, and validates it against its
schema (`aims schema aims.toml`). Unknown keys, wrong types, unknown rule ids in `[rules]` and
invalid `[aims] exclude` globs are reported with their line and column.

## Why this matters
The configuration holds the organization's risk criteria (6.1.1) and what is in scope; a
mistake there changes every result, so aims refuses to run (exit code 2) instead of guessing.

## Example
```toml
[risk]
acceptence = 6     # typo: `acceptance`
```

## How to fix
Follow the message. `aims init` writes a commented `aims.toml` to start from."#,
};
