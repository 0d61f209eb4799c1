//! One module per command: each wires the stages together and returns the exit code.

pub mod check;
pub mod completions;
pub mod controls;
pub mod explain;
pub mod init;
pub mod licenses;
pub mod log;
pub mod pack;
pub mod schema;
pub mod status;

use crate::load::config::ConfigError;
use std::fmt;
use std::io;

/// Why a command could not do its job at all (exit code 2).
#[derive(Debug)]
pub enum Failure {
    Config(ConfigError),
    Io(io::Error),
    Message(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Config(error) => error.fmt(f),
            Failure::Io(error) => write!(f, "cannot write output: {error}"),
            Failure::Message(message) => f.write_str(message),
        }
    }
}

impl From<ConfigError> for Failure {
    fn from(error: ConfigError) -> Self {
        Failure::Config(error)
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

pub type Outcome = Result<u8, Failure>;
