//! Normalization: framed records to `Event`s, per chunk, in parallel.
//!
//! Each format module turns one record's text into a [`Normalized`] (an event whose time may
//! still lack a year) or a [`RejectReason`]. This module owns what is common: UTF-8 handling,
//! blank-line skips, time resolution and the tally.

mod cef;
mod ecs;
pub mod fields;
pub mod json;
mod linux_auth;
mod syslog;
pub mod time;

use std::borrow::Cow;

use chrono_tz::Tz;
use parsers::timestamp::{CivilTime, TimeValue};

use crate::accounting::{RejectReason, Tally};
use crate::event::{Event, Provenance};
use crate::format::Format;
use crate::frame::{self, Chunk};
use time::Resolved;

/// What a chunk's normalization needs to know about its input and the run.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub input: u32,
    pub format: Format,
    pub tz: Tz,
    /// The input's decoding stopped early: its unterminated last line is a cut-off record.
    pub truncated: bool,
}

/// A record's event and its time as written (resolved by this module).
#[derive(Debug)]
pub struct Normalized {
    pub event: Event,
    pub time: TimeValue,
}

/// The events of one chunk, in record order, and its tally.
#[derive(Debug, Default)]
pub struct ChunkOutput {
    pub events: Vec<Event>,
    /// Events (by index into `events`) whose time has no year yet, with the civil time.
    pub pending: Vec<(usize, CivilTime)>,
    pub tally: Tally,
}

/// Normalizes the records of one chunk.
pub fn normalize_chunk(ctx: &Context, data: &[u8], chunk: Chunk) -> ChunkOutput {
    let mut out = ChunkOutput::default();
    for line in frame::lines(data, chunk, ctx.format.continuation()) {
        if ctx.truncated && line.unterminated {
            out.tally.reject(
                line.line,
                line.offset,
                RejectReason::new(
                    "truncated input",
                    "record cut off where the compressed stream ended early",
                ),
            );
            continue;
        }
        let text: Cow<'_, str> = match std::str::from_utf8(line.bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                out.tally.non_utf8 += 1;
                String::from_utf8_lossy(line.bytes)
            }
        };
        if text.trim().is_empty() {
            out.tally.skip("blank");
            continue;
        }
        let provenance = Provenance {
            input: ctx.input,
            line: line.line,
            offset: line.offset,
            length: line.bytes.len() as u32,
            format: ctx.format,
        };
        match normalize_record(ctx.format, &text, provenance) {
            Ok(Normalized { mut event, time }) => match time::resolve(time, ctx.tz) {
                Resolved::At { ts_us, quality } => {
                    event.ts_us = ts_us;
                    event.ts_quality.insert(quality);
                    out.events.push(event);
                    out.tally.event();
                }
                Resolved::NeedsYear(civil) => {
                    out.pending.push((out.events.len(), civil));
                    out.events.push(event);
                    out.tally.event();
                }
                Resolved::Invalid => out.tally.reject(
                    line.line,
                    line.offset,
                    RejectReason::new(
                        "bad timestamp",
                        format!("{} is not a valid calendar time", event.ts_field),
                    ),
                ),
            },
            Err(why) => out.tally.reject(line.line, line.offset, why),
        }
    }
    out
}

/// Normalizes one record of `format`.
pub fn normalize_record(
    format: Format,
    text: &str,
    provenance: Provenance,
) -> Result<Normalized, RejectReason> {
    match format {
        Format::Rfc3164 => syslog::rfc3164(text, provenance),
        Format::Rfc5424 => syslog::rfc5424(text, provenance),
        Format::Cef => cef::normalize(text, provenance),
        Format::Ndjson => ecs::normalize(text, provenance),
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

/// `Some(s.to_string())` unless `s` is empty or a placeholder for "none" (`-`, `?`, `(null)`).
pub(crate) fn present(s: &str) -> Option<String> {
    let t = s.trim();
    match t {
        "" | "-" | "?" | "(null)" | "(none)" | "null" | "N/A" => None,
        _ => Some(t.to_string()),
    }
}
