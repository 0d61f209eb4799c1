//! The rules of `aims import`: not checks over the model, but each has its id, severity and
//! documentation like every other rule (`aims explain import-mapping`).

use super::Rule;
use crate::diagnostic::Severity;

pub const IMPORT_MAPPING: &str = "import-mapping";
pub const IMPORT_ROW: &str = "import-row";

pub static MAPPING: Rule = Rule {
    id: IMPORT_MAPPING,
    default_severity: Severity::Error,
    reference: "7.5.2",
    summary: "an import mapping cannot be used: an unknown column or field, a value a field does not take",
    explanation: r#"## What it does
Before `aims import` reads a row into a record, it checks the mapping against the table and
the kind's schema, and reports each mistake at its line in the mapping:
- a table, key or rule key the mapping format does not have;
- a column the table does not have (with the closest column name);
- a field the kind does not have (with the closest field name);
- a `map` value the field does not take (an enum field);
- cell values of an enum field that neither `map` nor the field's spelling of them covers, when
  there is no `default`.

The import stops with exit code 2 and writes nothing.

## Why this matters
A mapping that quietly drops a column or invents a value turns a register into records that
look complete and are not; creating documented information (7.5.2) means getting it right the
first time, or knowing it is not.

## Example
```toml
[fields]
lifecycle_stage = { column = "Stage", map = { Live = "running" } }   # not a lifecycle stage
```

## How to fix
Follow the help: correct the column or field name, map the value to one the field takes
(`aims schema KIND` lists them), or give a `default`."#,
};

pub static ROW: Rule = Rule {
    id: IMPORT_ROW,
    default_severity: Severity::Error,
    reference: "7.5.2",
    summary: "rows of an imported table cannot become records: the same id twice, no id, a path outside the repository",
    explanation: r#"## What it does
Reports rows of an imported table that cannot become records, at their row number:
- two rows whose `id` template gives the same id (rows are never merged);
- a row whose `id` template gives an empty id;
- a `file` template that leads outside the repository or not to a `.yaml` file.

The import stops with exit code 1 and writes nothing. Values a field's schema refuses do not
stop it: they are kept in the record's `extra` and the record is written as a draft, with a
warning.

## Why this matters
Two systems silently merged into one record, or one written where nobody looks for it, is
documented information lost without anyone being told.

## Example
```csv
Ref,System
A 1,Claims triage
a-1,Fraud model        # both become `a-1`
```

## How to fix
Make the `id` template tell the rows apart (add a column such as the agency), or remove the
duplicate row from the table."#,
};
