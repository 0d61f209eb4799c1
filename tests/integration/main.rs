//! Integration tests: run the `aims` binary on fixture repositories and compare its output.

mod architecture;
mod check;
mod commands;
mod distribution;
mod formats;
mod git;
mod guards;
mod iso_rules;
mod model_v2;
mod pack;
#[cfg(feature = "pdf")]
mod pdf;
mod sheets;
mod status;
mod support;
