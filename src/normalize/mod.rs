//! Normalization: framed records to `Event`s.
//!
//! Each format module turns one record's text into a [`Normalized`] (an event and its time as
//! written, which may lack a year) or a [`RejectReason`]. This module owns what is common to
//! all formats: classifying framed records (UTF-8, blank, truncated) and the dispatch.
//! The passes that run it over chunks are `scan` (every record) and `collect` (records that
//! may belong to an incident).

mod cef;
mod ecs;
pub mod fields;
pub mod json;
mod linux_auth;
mod syslog;
pub mod time;

use std::borrow::Cow;

use chrono_tz::Tz;
use parsers::timestamp::TimeValue;

use crate::accounting::RejectReason;
use crate::event::{Event, Provenance};
use crate::format::Format;
use crate::frame::{self, Chunk};

/// What normalization needs to know about an input and the run.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub input: u32,
    pub format: Format,
    pub tz: Tz,
    /// The input's decoding stopped early: its unterminated last line is a cut-off record.
    pub truncated: bool,
}

/// How much of an event to build. `Scan` leaves the summary empty and allocates nothing for
/// text the record already holds; `Full` adds the human summary (for events that are kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Scan,
    Full,
}

/// A record's event and its time as written (resolved by the caller).
#[derive(Debug)]
pub struct Normalized<'a> {
    pub event: Event<'a>,
    pub time: TimeValue,
}

/// One framed record, classified before any format is applied.
#[derive(Debug)]
pub enum Record<'a> {
    /// A record to normalize; `text` is lossy when the bytes were not UTF-8.
    Text {
        text: Cow<'a, str>,
        provenance: Provenance,
        non_utf8: bool,
    },
    /// Only white space: a counted skip.
    Blank,
    /// The cut-off last record of an input whose decompression stopped early.
    Truncated { line: u64, offset: u64 },
}

/// The records of one chunk of an input.
pub fn records<'a>(
    ctx: &Context,
    data: &'a [u8],
    chunk: Chunk,
) -> impl Iterator<Item = Record<'a>> {
    let ctx = *ctx;
    frame::lines(data, chunk, ctx.format.continuation()).map(move |line| {
        if ctx.truncated && line.unterminated {
            return Record::Truncated {
                line: line.line,
                offset: line.offset,
            };
        }
        let (text, non_utf8) = match std::str::from_utf8(line.bytes) {
            Ok(s) => (Cow::Borrowed(s), false),
            Err(_) => (String::from_utf8_lossy(line.bytes), true),
        };
        if text.trim().is_empty() {
            return Record::Blank;
        }
        Record::Text {
            text,
            provenance: Provenance {
                input: ctx.input,
                line: line.line,
                offset: line.offset,
                length: line.bytes.len() as u32,
                format: ctx.format,
            },
            non_utf8,
        }
    })
}

/// The rejection of a record cut off by a truncated compressed stream.
pub fn truncated_reason() -> RejectReason {
    RejectReason::new(
        "truncated input",
        "record cut off where the compressed stream ended early",
    )
}

/// The rejection of a record whose time is not a real calendar time.
pub fn invalid_time_reason(ts_field: &str) -> RejectReason {
    RejectReason::new(
        "bad timestamp",
        format!("{ts_field} is not a valid calendar time"),
    )
}

/// Normalizes one record of `format`.
pub fn normalize_record(
    format: Format,
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    match format {
        Format::Rfc3164 => syslog::rfc3164(text, provenance, detail),
        Format::Rfc5424 => syslog::rfc5424(text, provenance, detail),
        Format::Cef => cef::normalize(text, provenance, detail),
        Format::Ndjson => ecs::normalize(text, provenance, detail),
    }
}

/// `Some(trimmed)` unless `s` is empty or a placeholder for "none" (`-`, `?`, `(null)`).
pub(crate) fn present(s: &str) -> Option<&str> {
    let t = s.trim();
    match t {
        "" | "-" | "?" | "(null)" | "(none)" | "null" | "N/A" => None,
        _ => Some(t),
    }
}

/// An IP address in its canonical text form: IPv4 as written (Rust accepts only the canonical
/// dotted form), IPv6 compressed (`fe80:0000::0001` → `fe80::1`); `None` when not an address.
pub(crate) fn ip_text(s: &str) -> Option<Cow<'_, str>> {
    let t = s.trim();
    match t.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(_) => Some(Cow::Borrowed(t)),
        std::net::IpAddr::V6(a) => {
            let canon = a.to_string();
            Some(if canon == t {
                Cow::Borrowed(t)
            } else {
                Cow::Owned(canon)
            })
        }
    }
}

/// Cuts `s` to at most `max` bytes at a char boundary, adding `…` when cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
