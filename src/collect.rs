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
use crate::frame::{self, Chunk, Framed, Framing};
use crate::normalize::time::{Resolved, YearPlan};
use crate::normalize::{normalize_record, record_of, records, Context, Detail, Record, Schema};

/// A fast superset test: could this record mention one of the patterns?
#[derive(Debug, Clone)]
pub struct Prefilter {
    searcher: Option<Searcher>,
}

/// The search behind a [`Prefilter`]. The regex engine finds the rarest case variants of the
/// patterns' first bytes with SIMD (Teddy) and runs at several GB/s; an ASCII-case-insensitive
/// Aho-Corasick automaton cannot use a SIMD prefilter and steps through every byte (about
/// 0.7 GB/s). The automaton serves large sets (an indicator list of thousands of hashes),
/// which the regex engine compiles slowly and searches without its SIMD prefilter anyway.
#[derive(Debug, Clone)]
enum Searcher {
    Regex(regex::bytes::Regex),
    Automaton(AhoCorasick),
}

impl Prefilter {
    /// Matches records containing any of `patterns`, ASCII case-insensitively. With no
    /// patterns nothing matches.
    pub fn new<I, S>(patterns: I) -> Prefilter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut pats: Vec<String> = patterns
            .into_iter()
            .map(|p| p.as_ref().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        // Longest first: where several patterns start at one place the longest is found
        // (`198.51.100.32` before `198.51.100.3`), which the address check below relies on.
        pats.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        pats.dedup();
        if pats.is_empty() {
            return Prefilter { searcher: None };
        }
        let regex = (pats.len() <= MAX_REGEX_PATTERNS)
            .then(|| literal_regex(&pats))
            .flatten();
        let searcher = regex.map(Searcher::Regex).or_else(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&pats)
                .ok()
                .map(Searcher::Automaton)
        });
        Prefilter { searcher }
    }

    /// True when `bytes` contain one of the patterns.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        self.find_from(bytes, 0).is_some()
    }

    /// The first occurrence of a pattern in `hay` starting at or after `from`, as a byte range.
    /// An address pattern (digits and dots) inside a longer number is passed over: `10.0.0.1`
    /// in `10.0.0.12` or `110.0.0.1` is not that address, and no record naming `10.0.0.12`
    /// gives an event with `10.0.0.1` (on the generated sets a third of the records a scanner
    /// address's prefix finds).
    pub fn find_from(&self, hay: &[u8], mut from: usize) -> Option<(usize, usize)> {
        loop {
            let (at, to) = self.find_any(hay, from)?;
            let address = hay[at..to].iter().all(|b| b.is_ascii_digit() || *b == b'.');
            let digit_at = |i: Option<usize>| {
                i.and_then(|i| hay.get(i))
                    .is_some_and(|b: &u8| b.is_ascii_digit())
            };
            if !address || !(digit_at(at.checked_sub(1)) || digit_at(Some(to))) {
                return Some((at, to));
            }
            from = at + 1;
        }
    }

    /// The first occurrence of any pattern at or after `from`.
    fn find_any(&self, hay: &[u8], from: usize) -> Option<(usize, usize)> {
        match &self.searcher {
            Some(Searcher::Regex(r)) => r.find_at(hay, from).map(|m| (m.start(), m.end())),
            Some(Searcher::Automaton(a)) => a
                .find(aho_corasick::Input::new(hay).span(from..hay.len()))
                .map(|m| (m.start(), m.end())),
            None => None,
        }
    }
}

/// Beyond this many patterns the prefilter is an Aho-Corasick automaton.
const MAX_REGEX_PATTERNS: usize = 256;

/// One regex matching any of `patterns` as bytes, ASCII letters in either case: every byte
/// other than an ASCII letter or digit is written as `\xNN`, so no pattern is read as syntax.
fn literal_regex(patterns: &[String]) -> Option<regex::bytes::Regex> {
    use std::fmt::Write;
    let mut src = String::from("(?i-u)");
    for (k, p) in patterns.iter().enumerate() {
        if k > 0 {
            src.push('|');
        }
        for b in p.bytes() {
            if b.is_ascii_alphanumeric() {
                src.push(b as char);
            } else {
                let _ = write!(src, "\\x{b:02x}");
            }
        }
    }
    regex::bytes::RegexBuilder::new(&src)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .ok()
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
    if prefilter.searcher.is_none() {
        return out;
    }
    let mut schema = Schema::for_chunk(ctx.format, data, &chunk);
    let mut take = |text: &str, provenance: Provenance, schema: &Schema| {
        let Some(e) = event_at(ctx, text, provenance, plan, schema, Detail::Scan) else {
            return;
        };
        // Kept without a summary: only the events an incident shows get one, at the end
        // (`Engine::summarize`).
        if want(&e) {
            if let Some(s) = status_event_of(ctx, &e, plan) {
                out.push(s.into_owned());
            }
            out.push(e.into_owned());
        }
    };
    // EVTX records are binary (UTF-16 strings, templates): search their JSON text instead.
    if ctx.format.framing() == Framing::Evtx {
        for record in records(ctx, data, framed, chunk) {
            if let Record::Text {
                text, provenance, ..
            } = record
            {
                if prefilter.matches(text.as_bytes()) {
                    take(&text, provenance, &schema);
                }
            }
        }
        return out;
    }
    // One search through the chunk's bytes: a record is read only when the next occurrence of
    // a pattern starts inside it.
    let hay = &data[..chunk.end];
    let mut next = prefilter.find_from(hay, chunk.start);
    for line in frame::records(data, framed, chunk, ctx.format.framing()) {
        if line.header {
            if let Record::Header(h) = record_of(line, ctx.input, ctx.format, ctx.truncated) {
                schema.update(ctx.format, &h);
            }
            continue;
        }
        let start = line.offset as usize;
        let end = start + line.bytes.len();
        let Some((mut at, mut to)) = next else {
            break;
        };
        if at < start {
            next = prefilter.find_from(hay, start);
            let Some(m) = next else {
                break;
            };
            (at, to) = m;
        }
        // A match running past the record's end (a pattern holding a line end) is checked on
        // the record alone.
        if at >= end || (to > end && !prefilter.matches(line.bytes)) {
            continue;
        }
        if let Record::Text {
            text, provenance, ..
        } = record_of(line, ctx.input, ctx.format, ctx.truncated)
        {
            take(&text, provenance, &schema);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefilter_ignores_ascii_case_and_reads_no_syntax() {
        let p = Prefilter::new(["WS-HR-07.corp", "a+b", "C:\\Temp\\x.exe", "jürgen"]);
        assert!(p.matches(b"host=ws-hr-07.CORP user=x"));
        assert!(!p.matches(b"host=ws-hr-07xcorp"), "a dot is a dot");
        assert!(p.matches(b"expr a+b"));
        assert!(!p.matches(b"expr aab"), "a plus is a plus");
        assert!(p.matches(b"path=c:\\temp\\X.EXE"));
        assert!(p.matches("user=jürgen".as_bytes()));
        assert!(
            !p.matches("user=JÜRGEN".as_bytes()),
            "only ASCII letters fold"
        );
        assert!(!Prefilter::new(Vec::<String>::new()).matches(b"anything"));
        assert!(!Prefilter::new([""]).matches(b"anything"));
    }

    #[test]
    fn prefilter_finds_from_a_position() {
        let p = Prefilter::new(["10.0.0.5", "deploy"]);
        assert!(matches!(p.searcher, Some(Searcher::Regex(_))));
        let hay = b"x 10.0.0.5 y DEPLOY z 10.0.0.5";
        assert_eq!(p.find_from(hay, 0), Some((2, 10)));
        assert_eq!(p.find_from(hay, 3), Some((13, 19)));
        assert_eq!(p.find_from(hay, 14), Some((22, 30)));
        assert_eq!(p.find_from(hay, 23), None);
    }

    #[test]
    fn an_address_inside_a_longer_number_is_not_that_address() {
        for p in [
            Prefilter::new(["198.51.100.3", "198.51.100.32"]),
            Prefilter::new(["198.51.100.3"]),
        ] {
            assert!(p.matches(b"from 198.51.100.3 port 22"));
            assert!(p.matches(b"src=198.51.100.3\tdst=10.0.0.1"));
            assert!(p.matches(b"::ffff:198.51.100.3"));
            assert!(p.matches(b"198.51.100.3"));
            assert!(!p.matches(b"from 198.51.100.35 port 22"));
            assert!(!p.matches(b"from 2198.51.100.3 port 22"));
            // A miss is passed over and the search goes on in the same text.
            assert_eq!(
                p.find_from(b"198.51.100.39 then 198.51.100.3.", 0),
                Some((19, 31))
            );
        }
        let both = Prefilter::new(["198.51.100.3", "198.51.100.32"]);
        assert_eq!(both.find_from(b"x 198.51.100.32 y", 0), Some((2, 15)));
        // The same through the automaton (more than 256 patterns).
        let many: Vec<String> = (0..300)
            .map(|k| format!("10.0.{}.{}", k / 250, k % 250))
            .collect();
        let p = Prefilter::new(&many);
        assert!(matches!(p.searcher, Some(Searcher::Automaton(_))));
        assert!(p.matches(b"dst=10.0.0.12 ok"));
        assert!(p.matches(b"dst=10.0.0.1 ok"));
        assert!(!p.matches(b"dst=10.0.0.251 ok"));
        assert!(!p.matches(b"dst=110.0.1.49 ok"));
        // Names and hashes are not addresses: no neighbour check.
        let names = Prefilter::new(["db-01", "0123"]);
        assert!(names.matches(b"host=elastic-db-01x"));
        assert!(names.matches(b"hash=a0123f"));
    }

    #[test]
    fn prefilter_of_many_patterns_still_matches() {
        // Thousands of indicators (an IOC list): the automaton.
        let pats: Vec<String> = (0..2_000).map(|k| format!("{:064x}", k * 7_919)).collect();
        let p = Prefilter::new(&pats);
        assert!(matches!(p.searcher, Some(Searcher::Automaton(_))));
        let line = format!("hash={} ok", pats[1_234].to_uppercase());
        assert!(p.matches(line.as_bytes()));
        assert_eq!(p.find_from(line.as_bytes(), 0), Some((5, 69)));
        assert!(!p.matches(format!("hash={:064x}", 1).as_bytes()));
    }
}
