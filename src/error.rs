//! The engine's error types. Record-level problems are not errors: they are counted rejections
//! (see `accounting`). These are the failures that stop a run or an input.

use std::io;
use std::path::PathBuf;

/// A path given on the command line could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct OpenInputError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// Everything that can stop a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    OpenInput(#[from] OpenInputError),
    #[error("no input files found under {0}")]
    NoInputs(String),
    #[error("unknown time zone {0:?} (expected an IANA name such as Europe/Berlin or UTC)")]
    UnknownTimeZone(String),
    #[error("unknown format {0:?} (run `afterlog formats` for the list)")]
    UnknownFormat(String),
    #[error(
        "bad indicator {0:?} (expected KIND:VALUE with KIND one of ip, host, user, hash, process)"
    )]
    BadIndicator(String),
    #[error("cannot start {threads} worker threads: {message}")]
    ThreadPool { threads: usize, message: String },
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
}

/// The engine's result type.
pub type Result<T> = std::result::Result<T, Error>;
