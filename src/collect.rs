//! Later passes over the inputs: read again only what is needed, now that pass 1 (`scan`) has
//! settled every input's format, chunks and years.
//!
//! - [`collect_chunk`]: the events of records that mention given entities (an incident's
//!   hosts, users, addresses, hashes). A case-insensitive multi-pattern search over the raw
//!   record bytes rules most records out before any parsing; the survivors are normalized and
//!   tested exactly.
//! - [`key_chunk`]: the sort key of every event (`afterlog events`).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::event::{Event, OwnedEvent, Provenance};
use crate::frame::{Chunk, Framed, Framing};
use crate::normalize::time::{Resolved, YearPlan};
use crate::normalize::{normalize_record, records, Context, Detail, Record, Schema};

/// A fast superset test: could this record mention one of the patterns?
#[derive(Debug, Clone)]
pub struct Prefilter {
    searcher: Option<AhoCorasick>,
}

impl Prefilter {
    /// Matches records containing any of `patterns`, ASCII case-insensitively. With no
    /// patterns nothing matches.
    pub fn new<I, S>(patterns: I) -> Prefilter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let pats: Vec<String> = patterns
            .into_iter()
            .map(|p| p.as_ref().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if pats.is_empty() {
            return Prefilter { searcher: None };
        }
        let searcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(&pats)
            .ok();
        Prefilter { searcher }
    }

    pub fn matches(&self, bytes: &[u8]) -> bool {
        self.searcher.as_ref().is_some_and(|s| s.is_match(bytes))
    }
}

/// The events of one chunk whose record passes `prefilter` and whose event `want`s, owned (but
/// not summarized), in record order.
#[allow(clippy::too_many_arguments)]
pub fn collect_chunk(
    ctx: &Context<'_>,
    data: &[u8],
    framed: &Framed,
    chunk: Chunk,
    plan: &YearPlan,
    prefilter: &Prefilter,
    want: &(dyn Fn(&Event<'_>) -> bool + Sync),
) -> Vec<OwnedEvent> {
    let mut out = Vec::new();
    // EVTX records are binary (UTF-16 strings, templates): search their JSON text instead.
    let binary = ctx.format.framing() == Framing::Evtx;
    let may_match = if binary {
        prefilter.searcher.is_some()
    } else {
        prefilter.matches(&data[chunk.start..chunk.end])
    };
    if !may_match {
        return out;
    }
    let mut schema = Schema::for_chunk(ctx.format, data, &chunk);
    for record in records(ctx, data, framed, chunk) {
        let (text, provenance) = match record {
            Record::Text {
                text, provenance, ..
            } => (text, provenance),
            Record::Header(h) => {
                schema.update(ctx.format, &h);
                continue;
            }
            _ => continue,
        };
        let start = provenance.offset as usize;
        let bytes = if binary {
            text.as_bytes()
        } else {
            &data[start..start + provenance.length as usize]
        };
        if !prefilter.matches(bytes) {
            continue;
        }
        let Some(e) = event_at(ctx, &text, provenance, plan, &schema, Detail::Scan) else {
            continue;
        };
        // Kept without a summary: only the events an incident shows get one, at the end
        // (`Engine::summarize`).
        if want(&e) {
            if let Some(s) = status_event_of(ctx, &e, plan) {
                out.push(s.into_owned());
            }
            out.push(e.into_owned());
        }
    }
    out
}

/// The event of one record with its time resolved, or `None` for a rejected record.
pub fn event_at<'a>(
    ctx: &Context<'_>,
    text: &'a str,
    provenance: Provenance,
    plan: &YearPlan,
    schema: &Schema,
    detail: Detail,
) -> Option<Event<'a>> {
    let n = normalize_record(ctx.format, text, provenance, detail, schema, &ctx.profiles).ok()?;
    match plan.resolve(n.time, ctx.tz, provenance.offset) {
        Resolved::At { ts_us, quality } => {
            let mut e = n.event;
            e.ts_us = ts_us;
            e.ts_quality.insert(quality);
            Some(e)
        }
        Resolved::NeedsYear(_) | Resolved::Invalid => None,
    }
}

/// The status-change event a record's event carries, with its time resolved.
pub fn status_event_of<'a>(ctx: &Context<'_>, e: &Event<'a>, plan: &YearPlan) -> Option<Event<'a>> {
    let (mut s, time) = e.status_event()?;
    match plan.resolve(time, ctx.tz, e.provenance.offset) {
        Resolved::At { ts_us, quality } => {
            s.ts_us = ts_us;
            s.ts_quality.insert(quality);
            Some(s)
        }
        _ => None,
    }
}

/// Where an event is and when it happened: enough to sort all events and read each back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub ts_us: i64,
    pub input: u32,
    pub offset: u64,
    /// The record's status-change event rather than its main event.
    pub derived: bool,
    pub length: u32,
    pub line: u64,
}

/// The keys of every event of one chunk, in record order.
pub fn key_chunk(
    ctx: &Context<'_>,
    data: &[u8],
    framed: &Framed,
    chunk: Chunk,
    plan: &YearPlan,
) -> Vec<Key> {
    let mut out = Vec::new();
    let mut schema = Schema::for_chunk(ctx.format, data, &chunk);
    for record in records(ctx, data, framed, chunk) {
        let (text, provenance) = match record {
            Record::Text {
                text, provenance, ..
            } => (text, provenance),
            Record::Header(h) => {
                schema.update(ctx.format, &h);
                continue;
            }
            _ => continue,
        };
        if let Some(e) = event_at(ctx, &text, provenance, plan, &schema, Detail::Scan) {
            let key = |ts_us, derived| Key {
                ts_us,
                input: provenance.input,
                offset: provenance.offset,
                derived,
                length: provenance.length,
                line: provenance.line,
            };
            if let Some(s) = status_event_of(ctx, &e, plan) {
                out.push(key(s.ts_us, true));
            }
            out.push(key(e.ts_us, false));
        }
    }
    out
}
