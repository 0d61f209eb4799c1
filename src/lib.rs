//! aims: ISO/IEC 42001 AI management system as code.
//!
//! Data flows one way: `load` (files, YAML with spans, schemas) -> `model` -> `checks` ->
//! `report`; `cli` and `cmd` wire the stages and pick the exit code. Only `cli` and `cmd`
//! print.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod checks;
pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod pack;
pub mod readiness;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod sheet;
pub mod syntax;

pub use cmd::run;
