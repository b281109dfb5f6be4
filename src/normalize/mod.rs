//! Normalization: framed records to `Event`s.
//!
//! Each format module turns one record's text into a [`Normalized`] (an event and its time as
//! written, which may lack a year) or a [`RejectReason`]. This module owns what is common to
//! all formats: classifying framed records (UTF-8, blank, truncated) and the dispatch.
//! The passes that run it over chunks are `scan` (every record) and `collect` (records that
//! may belong to an incident).

mod auditd;
mod cef;
mod cisco_asa;
pub mod csv;
pub(crate) mod ecs;
pub mod fields;
pub mod json;
pub mod kv;
mod leef;
mod linux_auth;
#[cfg(test)]
mod robustness;
mod syslog;
pub mod time;
pub mod windows;
mod zeek;

use std::borrow::Cow;

use chrono_tz::Tz;
use parsers::timestamp::TimeValue;

use crate::accounting::RejectReason;
use crate::event::{Event, Provenance};
use crate::format::Format;
use crate::frame::{self, Chunk, Framed};
use crate::profile::Profiles;

/// What normalization needs to know about an input and the run.
#[derive(Debug, Clone, Copy)]
pub struct Context<'r> {
    pub input: u32,
    pub format: Format,
    pub tz: Tz,
    /// The input's decoding stopped early: its unterminated last line is a cut-off record.
    pub truncated: bool,
    /// The vendor profiles its records are tried with (detection's candidates) and the run's
    /// id-to-name tables.
    pub profiles: Profiles<'r>,
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
    /// A header record (CSV header row, Zeek `#` lines): a counted skip that updates the
    /// chunk's [`Schema`].
    Header(Cow<'a, str>),
    /// The cut-off last record of an input whose decompression stopped early.
    Truncated { line: u64, offset: u64 },
    /// A record the framing found but could not read (an EVTX record in a damaged chunk):
    /// a counted, located rejection.
    Rejected {
        line: u64,
        offset: u64,
        reason: RejectReason,
    },
}

/// The records of one chunk of an input.
pub fn records<'a>(
    ctx: &Context<'_>,
    data: &'a [u8],
    framed: &'a Framed,
    chunk: Chunk,
) -> impl Iterator<Item = Record<'a>> {
    let ctx = *ctx;
    let evtx = ctx.format.framing() == frame::Framing::Evtx;
    // EVTX records are binary: rendered as JSON text (owned) by the framing.
    let binary = evtx.then(|| {
        frame::evtx::records(data, chunk).map(move |item| match item {
            frame::evtx::Item::Record {
                offset,
                length,
                line,
                json,
            } => Record::Text {
                text: Cow::Owned(json),
                provenance: Provenance {
                    input: ctx.input,
                    line,
                    offset,
                    length,
                    format: ctx.format,
                },
                non_utf8: false,
            },
            frame::evtx::Item::Lost {
                line,
                offset,
                loss,
                detail,
            } => Record::Rejected {
                line,
                offset,
                reason: RejectReason::new(loss.kind(), detail),
            },
        })
    });
    let text = (!evtx).then(|| frame::records(data, framed, chunk, ctx.format.framing()));
    let text = text
        .into_iter()
        .flatten()
        .map(move |line| record_of(line, ctx.input, ctx.format, ctx.truncated));
    binary.into_iter().flatten().chain(text)
}

/// One framed line of a text format of input `input`, classified: the step of [`records`] after
/// framing, for passes that look at the raw bytes before deciding to read a record. `truncated`:
/// the input's decompression stopped early.
pub fn record_of(line: frame::Line<'_>, input: u32, format: Format, truncated: bool) -> Record<'_> {
    if truncated && line.unterminated {
        return Record::Truncated {
            line: line.line,
            offset: line.offset,
        };
    }
    let (text, non_utf8) = match std::str::from_utf8(line.bytes) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(line.bytes), true),
    };
    if line.header {
        return Record::Header(text);
    }
    if text.trim().is_empty() {
        return Record::Blank;
    }
    Record::Text {
        text,
        provenance: Provenance {
            input,
            line: line.line,
            offset: line.offset,
            length: line.bytes.len() as u32,
            format,
        },
        non_utf8,
    }
}

/// The text of the record at `offset`/`length` of an input, as normalization reads it: the
/// bytes themselves (lossy UTF-8), or for EVTX the record's JSON rendering.
pub fn record_text(format: Format, data: &[u8], offset: u64, length: u32) -> Cow<'_, str> {
    if format.framing() == frame::Framing::Evtx {
        return Cow::Owned(frame::evtx::render_at(data, offset).unwrap_or_default());
    }
    let start = (offset as usize).min(data.len());
    let end = start.saturating_add(length as usize).min(data.len());
    let bytes = &data[start..end];
    // The validating check first: it runs through ASCII a word at a time, the lossy
    // conversion a byte at a time (this runs twice for every event `afterlog events` writes).
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
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

/// What records need from their input's header to be read: CSV column names. Built per chunk
/// from the header in force at its start, updated by header records met inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Schema {
    #[default]
    None,
    Csv(csv::Columns),
    Zeek(parsers::zeek::ZeekHeader),
}

impl Schema {
    /// The schema in force at the start of `chunk`.
    pub fn for_chunk(format: Format, data: &[u8], chunk: &Chunk) -> Schema {
        let mut s = Schema::None;
        if let Some((a, b)) = chunk.header {
            if let Some(bytes) = data.get(a..b) {
                s.update(format, &String::from_utf8_lossy(bytes));
            }
        }
        s
    }

    /// Reads a header record.
    pub fn update(&mut self, format: Format, header: &str) {
        match format {
            Format::Csv => *self = Schema::Csv(csv::Columns::from_header(header)),
            Format::Zeek => {
                if !matches!(self, Schema::Zeek(_)) {
                    *self = Schema::Zeek(parsers::zeek::ZeekHeader::default());
                }
                if let Schema::Zeek(h) = self {
                    for line in header.lines() {
                        h.apply(line.trim_end_matches('\r'));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Normalizes one record of `format`: with the first of the input's candidate `profiles` that
/// recognizes it, else with the format's generic mapping.
pub fn normalize_record<'a>(
    format: Format,
    text: &'a str,
    provenance: Provenance,
    detail: Detail,
    schema: &Schema,
    profiles: &Profiles<'_>,
) -> Result<Normalized<'a>, RejectReason> {
    if !profiles.is_empty() {
        if let Some(r) = by_profile(profiles, format, text, schema, provenance, detail) {
            return r;
        }
    }
    match format {
        Format::Rfc3164 => syslog::rfc3164(text, provenance, detail),
        Format::Rfc5424 => syslog::rfc5424(text, provenance, detail),
        Format::Cef => cef::normalize(text, provenance, detail),
        Format::Leef => leef::normalize(text, provenance, detail),
        Format::Ndjson | Format::Json => ecs::normalize(text, provenance, detail),
        Format::Evtx => windows::normalize_evtx(text, provenance, detail),
        Format::Csv => match schema {
            Schema::Csv(columns) => csv::normalize(text, provenance, detail, columns),
            _ => csv::normalize(text, provenance, detail, &csv::Columns::default()),
        },
        Format::Zeek => match schema {
            Schema::Zeek(header) => zeek::normalize(text, provenance, detail, header),
            _ => zeek::normalize(text, provenance, detail, &Default::default()),
        },
        Format::Kv => kv::normalize(text, provenance, detail),
        Format::Auditd => auditd::normalize(text, provenance, detail),
    }
}

/// Reads a record with the candidate `profiles` (`None`: none recognizes it). JSON records
/// are walked by path, CSV rows by column name.
pub fn by_profile<'a>(
    profiles: &Profiles<'_>,
    format: Format,
    text: &'a str,
    schema: &Schema,
    provenance: Provenance,
    detail: Detail,
) -> Option<Result<Normalized<'a>, RejectReason>> {
    match (format, schema) {
        // EVTX records are read as their JSON rendering.
        (Format::Ndjson | Format::Json | Format::Evtx, _) => crate::profile::apply::read(
            profiles,
            |sink| {
                json::walk_object(text, |p, l| sink(p, l)).map_err(|e| {
                    RejectReason::new("invalid JSON", format!("invalid JSON: {}", e.0))
                })
            },
            &[],
            provenance,
            detail,
        ),
        (Format::Csv, Schema::Csv(columns)) => {
            let row = csv::cells(text);
            if row.len() > columns.names().len() {
                return None;
            }
            crate::profile::apply::read(
                profiles,
                |sink| {
                    columns.walk(&row, sink);
                    Ok(())
                },
                &columns.utc_names(),
                provenance,
                detail,
            )
        }
        _ => None,
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
        // An IPv4 address written IPv4-mapped (`::ffff:10.0.0.5`, Windows `IpAddress`) is that
        // IPv4 address: one entity whatever the source wrote.
        std::net::IpAddr::V6(a) if a.to_ipv4_mapped().is_some() => {
            a.to_ipv4_mapped().map(|v4| Cow::Owned(v4.to_string()))
        }
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

#[cfg(test)]
mod ip_tests {
    use super::ip_text;

    #[test]
    fn addresses_are_one_text_whatever_the_source_wrote() {
        assert_eq!(ip_text("10.0.0.5").as_deref(), Some("10.0.0.5"));
        assert_eq!(ip_text("::ffff:10.0.0.5").as_deref(), Some("10.0.0.5"));
        assert_eq!(
            ip_text("fe80:0000:0000:0000:0000:0000:0000:0001").as_deref(),
            Some("fe80::1")
        );
        assert_eq!(ip_text("ec2.amazonaws.com"), None);
    }
}
