//! The command line (clap types only; policy is decided in `config`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// afterlog turns the log exports of a security incident into the evidence-backed timeline its
/// postmortem is written from.
///
/// Point it at files or folders of exports (syslog, CEF, JSON lines; .gz read transparently).
/// Every event cites the file, line, byte offset and length it came from; every record that is
/// not an event is counted as skipped or rejected, with examples located by line.
///
/// Exit status: 0 success; 1 nothing usable was read (every record rejected); 2 usage or I/O
/// error.
///
/// Environment: AFTERLOG_TRACE=1 prints when each stage of a run ends (opening, hashing,
/// pass 1, each later pass, correlation, writing) on stderr, to see where a slow run spends
/// its time; the output does not change.
#[derive(Debug, Parser)]
#[command(name = "afterlog", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Main job: exports in, timeline JSON (inputs, incidents, phases, metrics) out.
    Timeline(RunArgs),
    /// Every normalized event as one JSON object per line, in time order, with its source fields.
    Events(RunArgs),
    /// List the known formats and vendor profiles; with paths, what each file is detected as
    /// (format and vendor profile) and why.
    Formats {
        /// Files or folders to detect.
        paths: Vec<PathBuf>,
        /// Also use the vendor profiles in this folder (see `afterlog profiles`).
        #[arg(long, value_name = "DIR")]
        profiles: Option<PathBuf>,
    },
    /// List the vendor profiles (built-in and `--profiles DIR`) and check each one's sample
    /// records: the way to test a profile you wrote. Exit status 1 when a sample fails.
    ///
    /// A profile is a JSON file naming the vendor, the formats whose records it reads
    /// (ndjson, json, csv), the fields that recognize its records, the event time fields (event
    /// time before ingest time), the fields of host, user, addresses, process and hash, and
    /// rules giving records their meaning (a finding, a triage step, a containment). See the
    /// README's "Adding a vendor" and the built-in ones in parsers/profiles/.
    Profiles {
        /// A folder of extra profiles (`*.json`).
        #[arg(long, value_name = "DIR")]
        profiles: Option<PathBuf>,
    },
}

/// Options shared by `timeline` and `events`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Files or folders of exports (folders are read recursively in name order).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Write here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// IANA time zone for timestamps that carry no offset, e.g. the local time of an auth.log
    /// (Europe/Berlin, America/New_York). Every event it touched is flagged `assumed_tz`.
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub tz: String,

    /// Year for year-less timestamps (RFC 3164). Default: inferred from the other inputs' full
    /// timestamps, else from the file's modification time; a Dec → Jan jump advances the year.
    /// Never taken from this machine's clock. Events are flagged `inferred_year`.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1970..=9999))]
    pub year: Option<i32>,

    /// Read every input as this format instead of detecting it (see `afterlog formats`).
    #[arg(long, value_name = "NAME")]
    pub format: Option<String>,

    /// An indicator you already know, as KIND:VALUE (ip:, host:, user:, hash:, process:).
    /// Repeatable. Its earliest appearance counts as attacker activity.
    #[arg(long, value_name = "KIND:VALUE")]
    pub ioc: Vec<String>,

    /// Worker threads (default: all cores). The output is identical for any value.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Chunk size in bytes for parallel parsing (tuning and tests; output never depends on it).
    #[arg(long, value_name = "BYTES", hide = true)]
    pub chunk_bytes: Option<usize>,

    /// A folder of extra vendor profiles (`*.json`) used beside the built-in ones; one with a
    /// built-in profile's name replaces it. No rebuild needed (see `afterlog profiles`).
    #[arg(long, value_name = "DIR")]
    pub profiles: Option<PathBuf>,

    /// Never show the progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(long)]
    pub no_progress: bool,
}
