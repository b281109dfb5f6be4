//! The validated run configuration: the only place policy is decided.

use std::path::PathBuf;

use chrono_tz::Tz;

use crate::error::Error;
use crate::format::Format;

/// Default chunk size for parallel parsing.
pub const DEFAULT_CHUNK_BYTES: usize = 8 * 1024 * 1024;

/// An indicator the analyst already knows (`--ioc KIND:VALUE`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ioc {
    Ip(String),
    Host(String),
    User(String),
    Hash(String),
    Process(String),
}

impl Ioc {
    /// Parses `KIND:VALUE`.
    pub fn parse(s: &str) -> Result<Ioc, Error> {
        let bad = || Error::BadIndicator(s.to_string());
        let (kind, value) = s.split_once(':').ok_or_else(bad)?;
        let value = value.trim();
        if value.is_empty() {
            return Err(bad());
        }
        let v = value.to_string();
        Ok(match kind.trim().to_ascii_lowercase().as_str() {
            "ip" => Ioc::Ip(v),
            "host" => Ioc::Host(v),
            "user" => Ioc::User(v),
            "hash" => Ioc::Hash(v.to_ascii_lowercase()),
            "process" => Ioc::Process(v),
            _ => return Err(bad()),
        })
    }

    /// `KIND:VALUE`, as given.
    pub fn to_arg(&self) -> String {
        match self {
            Ioc::Ip(v) => format!("ip:{v}"),
            Ioc::Host(v) => format!("host:{v}"),
            Ioc::User(v) => format!("user:{v}"),
            Ioc::Hash(v) => format!("hash:{v}"),
            Ioc::Process(v) => format!("process:{v}"),
        }
    }
}

/// Everything a run needs, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub paths: Vec<PathBuf>,
    /// Zone for timestamps without offset.
    pub tz: Tz,
    /// Year for year-less timestamps; `None` = inferred.
    pub year: Option<i32>,
    /// Forced format; `None` = detect per input.
    pub format: Option<Format>,
    pub iocs: Vec<Ioc>,
    /// Worker threads; `None` = all cores.
    pub threads: Option<usize>,
    /// Target chunk size for parallel parsing (output never depends on it).
    pub chunk_bytes: usize,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Vendor profiles: the built-in ones, plus `--profiles DIR`.
    pub profiles: &'static crate::profile::ProfileSet,
}

impl Config {
    /// A configuration with the contract's defaults for `paths`.
    pub fn new(paths: Vec<PathBuf>) -> Config {
        Config {
            paths,
            tz: Tz::UTC,
            year: None,
            format: None,
            iocs: Vec::new(),
            threads: None,
            chunk_bytes: DEFAULT_CHUNK_BYTES,
            progress: false,
            profiles: crate::profile::ProfileSet::builtin(),
        }
    }

    /// Parses an IANA zone name.
    pub fn parse_tz(name: &str) -> Result<Tz, Error> {
        name.parse::<Tz>()
            .map_err(|_| Error::UnknownTimeZone(name.to_string()))
    }

    /// Parses a `--format` name.
    pub fn parse_format(name: &str) -> Result<Format, Error> {
        Format::from_name(name).ok_or_else(|| Error::UnknownFormat(name.to_string()))
    }
}
