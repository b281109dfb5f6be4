//! One event from several records.
//!
//! A format may give its events a join key ([`Join`]): records of one input with the same key
//! at the same time are one happening and become one event (an auditd event is all records
//! sharing `audit(time:serial)`: SYSCALL + EXECVE + CWD + PATH… + PROCTITLE, written within the
//! same millisecond, possibly interleaved with other events' records and out of order).
//!
//! The merged event keeps the fields of its most informative record (highest `rank`: SYSCALL,
//! EXECVE, user-space records), fills what that one lacks from the others in file order (kind
//! `other` and outcome `unknown` count as lacking), adds the summaries of the records ranked 2
//! and up and of the record that gave it its kind, and cites every record: `provenance` is the first in file order, `also` the rest
//! (evidence in file order). Its id is that of its first record, so it is stable.
//!
//! Accounting is untouched: every record still counts as one event record in its input's
//! tally (`records == events + rejected + skipped`), whether or not it was merged.
//!
//! - [`join`]: merges a time-ordered list (the timeline's events).
//! - [`Joined`]: merges a time-ordered stream (`afterlog events`), buffering only from the first
//!   event with a join key to the end of its time.
//! - [`partners`]: reads, near the events of a list that have a join key, the records of the same
//!   events that the list lacks (a later pass collects the records that mention an entity; the
//!   other records of their events may not).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::collect::event_at;
use crate::config::Config;
use crate::event::{event_id, Join, Kind, Outcome, OwnedEvent, Provenance};
use crate::frame::{Chunk, Continuation, Framing};
use crate::normalize::{records, Context, Detail, Record, Schema};
use crate::pipeline::Run;

/// How far from a record [`partners`] looks for the other records of its event, in bytes
/// each way (auditd writes an event's records within milliseconds, so within a few hundred
/// records of each other even on a busy host).
pub const PARTNER_WINDOW: u64 = 64 * 1024;

/// How much a record tells: its join rank, then how many of the entity fields it has.
fn score(e: &OwnedEvent) -> (u8, u8) {
    let filled = [
        e.host.is_some(),
        e.user.is_some(),
        e.src_ip.is_some(),
        e.dst_ip.is_some(),
        e.process.is_some(),
        e.hash.is_some(),
        e.outcome != Outcome::Unknown,
        e.kind != Kind::Other,
    ]
    .iter()
    .filter(|b| **b)
    .count() as u8;
    (e.join.map_or(0, |j| j.rank), filled)
}

fn fill<T>(slot: &mut Option<T>, other: &mut Option<T>) {
    if slot.is_none() {
        *slot = other.take();
    }
}

/// Merges the events of one group (same input, join key and time) into one.
pub fn merge_group(mut group: Vec<OwnedEvent>) -> OwnedEvent {
    if group.len() == 1 {
        return group.pop().expect("one event");
    }
    group.sort_by_key(|e| e.provenance.offset);
    let mut provs: Vec<Provenance> = group
        .iter()
        .flat_map(|e| std::iter::once(e.provenance).chain(e.also.iter().copied()))
        .collect();
    provs.sort_by_key(|p| (p.input, p.offset));
    provs.dedup_by_key(|p| (p.input, p.offset));
    let first_id = group[0].id;
    let rank = group.iter().filter_map(|e| e.join).map(|j| j.rank).max();
    // The leader: best score, the earliest in file order on a tie.
    let lead = (0..group.len())
        .rev()
        .max_by_key(|&i| score(&group[i]))
        .unwrap_or(0);
    let mut out = group.swap_remove(lead);
    group.sort_by_key(|e| e.provenance.offset);
    for mut o in group {
        // Its summary is kept when a record gives the event its kind or ranks 2 and up.
        let mut adds = o.join.is_some_and(|j| j.rank >= 2);
        if out.kind == Kind::Other && o.kind != Kind::Other {
            out.kind = o.kind;
            out.action = std::mem::take(&mut o.action);
            adds = true;
        }
        if out.outcome == Outcome::Unknown {
            out.outcome = o.outcome;
        }
        fill(&mut out.severity, &mut o.severity);
        fill(&mut out.host, &mut o.host);
        fill(&mut out.user, &mut o.user);
        fill(&mut out.src_ip, &mut o.src_ip);
        fill(&mut out.dst_ip, &mut o.dst_ip);
        fill(&mut out.process, &mut o.process);
        fill(&mut out.hash, &mut o.hash);
        out.ts_quality.insert(o.ts_quality);
        if adds && !o.summary.is_empty() && !out.summary.contains(o.summary.as_ref()) {
            let s = out.summary.to_mut();
            if !s.is_empty() {
                s.push_str("; ");
            }
            s.push_str(&o.summary);
        }
    }
    out.provenance = provs[0];
    out.also = provs.split_off(1);
    out.id = first_id;
    if let (Some(j), Some(r)) = (&mut out.join, rank) {
        j.rank = r;
    }
    out
}

/// Merges the groups within events of one time, keeping the order: a group stands where its
/// first event stood.
fn merge_time(events: Vec<OwnedEvent>) -> Vec<OwnedEvent> {
    if events.iter().filter(|e| e.join.is_some()).count() < 2 {
        return events;
    }
    let mut slots: Vec<Vec<OwnedEvent>> = Vec::with_capacity(events.len());
    let mut at: BTreeMap<(u32, u64), usize> = BTreeMap::new();
    for e in events {
        match e.join {
            Some(Join { key, .. }) => {
                let k = (e.provenance.input, key);
                match at.get(&k) {
                    Some(&i) => slots[i].push(e),
                    None => {
                        at.insert(k, slots.len());
                        slots.push(vec![e]);
                    }
                }
            }
            None => slots.push(vec![e]),
        }
    }
    slots.into_iter().map(merge_group).collect()
}

/// Merges the events of `events` (ordered by `(ts, input, offset)`) that share input, join
/// key and time. The result keeps that order.
pub fn join(events: Vec<OwnedEvent>) -> Vec<OwnedEvent> {
    if events.iter().all(|e| e.join.is_none()) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<OwnedEvent> = Vec::new();
    for e in events {
        if run.last().is_some_and(|l| l.ts_us != e.ts_us) {
            out.extend(merge_time(std::mem::take(&mut run)));
        }
        run.push(e);
    }
    out.extend(merge_time(run));
    out
}

/// A time-ordered stream of events in which one happening seen in several exports is one
/// event ([`merge_duplicates`] second by second: the events of one second are all that can
/// merge, so memory holds one second's events at most).
pub struct MergedBySecond<I: Iterator<Item = OwnedEvent>> {
    inner: I,
    second: Option<i64>,
    buffer: Vec<OwnedEvent>,
    ready: VecDeque<OwnedEvent>,
    done: bool,
}

impl<I: Iterator<Item = OwnedEvent>> MergedBySecond<I> {
    pub fn new(inner: I) -> MergedBySecond<I> {
        MergedBySecond {
            inner,
            second: None,
            buffer: Vec::new(),
            ready: VecDeque::new(),
            done: false,
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.buffer);
        let merged = if batch.len() > 1 && may_repeat(&batch) {
            merge_duplicates(batch)
        } else {
            batch
        };
        self.ready.extend(merged);
    }
}

impl<I: Iterator<Item = OwnedEvent>> Iterator for MergedBySecond<I> {
    type Item = OwnedEvent;

    fn next(&mut self) -> Option<OwnedEvent> {
        loop {
            if let Some(e) = self.ready.pop_front() {
                return Some(e);
            }
            if self.done {
                return None;
            }
            match self.inner.next() {
                Some(e) => {
                    let second = e.ts_us.div_euclid(1_000_000);
                    if self.second.is_some_and(|s| s != second) {
                        self.flush();
                    }
                    self.second = Some(second);
                    self.buffer.push(e);
                }
                None => {
                    self.done = true;
                    self.flush();
                }
            }
        }
    }
}

/// Whether two events of different inputs in `batch` may be one happening: a hash of what
/// [`merge_duplicates`] compares (kind, addresses, the host's short name, the account without
/// domain, the program's image), with no allocation; most seconds of a large run have none,
/// and are not keyed in full.
fn may_repeat(batch: &[OwnedEvent]) -> bool {
    fn eat(h: &mut u64, bytes: impl Iterator<Item = u8>) {
        for b in bytes {
            *h ^= u64::from(b.to_ascii_lowercase());
            *h = h.wrapping_mul(0x0100_0000_01b3);
        }
        *h ^= 0xff;
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut seen: Vec<(u64, u32)> = Vec::with_capacity(batch.len());
    for e in batch {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ e.kind as u64;
        fn field<'v>(v: &'v Option<std::borrow::Cow<'_, str>>) -> &'v str {
            v.as_deref().unwrap_or("")
        }
        let connection =
            e.kind == crate::event::Kind::Network && e.src_ip.is_some() && e.dst_ip.is_some();
        if !connection {
            let host = field(&e.host);
            eat(&mut h, host.split('.').next().unwrap_or(host).bytes());
            let p = field(&e.process);
            eat(&mut h, p.rsplit(['\\', '/']).next().unwrap_or(p).bytes());
        }
        let u = field(&e.user);
        let u = u.rsplit('\\').next().unwrap_or(u);
        eat(&mut h, u.split('@').next().unwrap_or(u).bytes());
        eat(&mut h, field(&e.src_ip).bytes());
        eat(&mut h, field(&e.dst_ip).bytes());
        seen.push((h, e.provenance.input));
    }
    seen.sort_unstable();
    seen.windows(2)
        .any(|w| w[0].0 == w[1].0 && w[0].1 != w[1].1)
}

/// A time-ordered stream of events with the groups merged ([`join`] as an iterator).
pub struct Joined<I: Iterator<Item = OwnedEvent>> {
    inner: I,
    /// Events of the current time from the first one with a join key on.
    buffer: Vec<OwnedEvent>,
    /// Ready to hand out.
    ready: VecDeque<OwnedEvent>,
    /// The first event of the next time, read while closing the buffer.
    next: Option<OwnedEvent>,
}

impl<I: Iterator<Item = OwnedEvent>> Joined<I> {
    pub fn new(inner: I) -> Joined<I> {
        Joined {
            inner,
            buffer: Vec::new(),
            ready: VecDeque::new(),
            next: None,
        }
    }
}

impl<I: Iterator<Item = OwnedEvent>> Iterator for Joined<I> {
    type Item = OwnedEvent;

    fn next(&mut self) -> Option<OwnedEvent> {
        loop {
            if let Some(e) = self.ready.pop_front() {
                return Some(e);
            }
            let Some(e) = self.next.take().or_else(|| self.inner.next()) else {
                let rest = merge_time(std::mem::take(&mut self.buffer));
                self.ready.extend(rest);
                return self.ready.pop_front();
            };
            if self.buffer.first().is_some_and(|b| b.ts_us != e.ts_us) {
                self.next = Some(e);
                let done = merge_time(std::mem::take(&mut self.buffer));
                self.ready.extend(done);
                continue;
            }
            if self.buffer.is_empty() && e.join.is_none() {
                return Some(e);
            }
            self.buffer.push(e);
        }
    }
}

/// The events of the records near `events`' joinable events (within [`PARTNER_WINDOW`]) that
/// belong to the same groups (same input, join key and time) and are not in `events` yet:
/// owned, summarized, with their ids, ordered by `(ts, input, offset)`. Only inputs framed as
/// plain lines are read this way (the formats that join are).
pub fn partners(run: &Run, config: &Config, events: &[OwnedEvent]) -> Vec<OwnedEvent> {
    let mut wanted: BTreeSet<(u32, u64, i64)> = BTreeSet::new();
    let mut have: BTreeSet<(u32, u64)> = BTreeSet::new();
    let mut windows: BTreeMap<u32, Vec<(u64, u64)>> = BTreeMap::new();
    for e in events {
        for p in std::iter::once(&e.provenance).chain(&e.also) {
            have.insert((p.input, p.offset));
        }
        if let Some(j) = e.join {
            let p = e.provenance;
            wanted.insert((p.input, j.key, e.ts_us));
            let last = e.also.last().unwrap_or(&p);
            windows.entry(p.input).or_default().push((
                p.offset.saturating_sub(PARTNER_WINDOW),
                last.offset + u64::from(last.length) + PARTNER_WINDOW,
            ));
        }
    }
    let mut found = Vec::new();
    for (input, mut spans) in windows {
        let report = &run.inputs[input as usize];
        let Some(format) = report.format else {
            continue;
        };
        if format.framing() != Framing::Lines(Continuation::None) {
            continue;
        }
        let data = report.source.bytes();
        let ctx = Context {
            input,
            format,
            tz: config.tz,
            truncated: report.source.decode_error.is_some(),
            // Joined records are line formats (auditd): no profile reads them.
            profiles: crate::profile::Profiles::none(),
        };
        spans.sort_unstable();
        let mut merged: Vec<(u64, u64)> = Vec::new();
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        for (a, b) in merged {
            let Some(chunk) = window_chunk(data, &report.framed.chunks, a, b) else {
                continue;
            };
            for record in records(&ctx, data, &report.framed, chunk) {
                let Record::Text {
                    text, provenance, ..
                } = record
                else {
                    continue;
                };
                if have.contains(&(input, provenance.offset)) {
                    continue;
                }
                let schema = Schema::None;
                let Some(e) =
                    event_at(&ctx, &text, provenance, &report.plan, &schema, Detail::Scan)
                else {
                    continue;
                };
                let Some(j) = e.join else { continue };
                if !wanted.contains(&(input, j.key, e.ts_us)) {
                    continue;
                }
                if let Some(full) =
                    event_at(&ctx, &text, provenance, &report.plan, &schema, Detail::Full)
                {
                    let mut full = full.into_owned();
                    full.id = event_id(&report.source.sha256, provenance.offset, provenance.length);
                    have.insert((input, provenance.offset));
                    found.push(full);
                }
            }
        }
    }
    found.sort_by_key(OwnedEvent::sort_key);
    found
}

/// The whole lines of `data` overlapping bytes `a..b`, as a chunk that knows its first line
/// number (counted from the framing chunk it starts in).
fn window_chunk(data: &[u8], chunks: &[Chunk], a: u64, b: u64) -> Option<Chunk> {
    let len = data.len();
    let a = (a as usize).min(len);
    let b = (b as usize).min(len);
    let start = memchr::memrchr(b'\n', &data[..a]).map_or(0, |p| p + 1);
    let end = memchr::memchr(b'\n', &data[b..]).map_or(len, |p| b + p + 1);
    let at = chunks
        .partition_point(|c| c.start <= start)
        .checked_sub(1)?;
    let c = chunks[at];
    let newlines = memchr::memchr_iter(b'\n', data.get(c.start..start)?).count() as u64;
    Some(Chunk {
        start,
        end,
        first_line: c.first_line + newlines,
        header: None,
        first_span: 0,
        end_span: 0,
    })
}

/// [`partners`] added to `events`, then [`join`]: the timeline's events after a pass.
pub fn complete(run: &Run, config: &Config, mut events: Vec<OwnedEvent>) -> Vec<OwnedEvent> {
    if events.iter().all(|e| e.join.is_none()) {
        return events;
    }
    let found = partners(run, config, &events);
    if !found.is_empty() {
        events.extend(found);
        events.sort_by_key(OwnedEvent::sort_key);
    }
    join(events)
}

#[cfg(test)]
mod tests;

/// One happening seen in several exports (the same Windows event in the winlogbeat export and
/// in a SIEM export, the same auth line forwarded): events of different inputs with the same
/// time (to the second, fractions equal or absent on one side), kind, action, outcome and
/// entities become one event citing every record, led by the one of the first input. Within one
/// input nothing merges (two failed logins in the same second are two), and across inputs each
/// event merges with at most one event of each other input, in order.
pub fn merge_duplicates(events: Vec<OwnedEvent>) -> Vec<OwnedEvent> {
    use std::collections::BTreeMap;
    type Key = (i64, u8, String, u8, Vec<String>);
    use crate::correlate::entity::{image_file, norm_user, short_host};
    use crate::event::{Kind, Outcome};
    // Entities compared as correlation compares them (short host names, users without their
    // domain), the process by its image (an EDR's `\Device\HarddiskVolume3\…\x.exe` is
    // Windows' `C:\…\x.exe`); the hash is left out (one product reports it, the other not).
    let key = |e: &OwnedEvent| -> Key {
        // A connection is its addresses: one firewall's `allow` is another export's
        // `network_connection`, and the device that logged it is its host in one and absent
        // in the other.
        let connection = e.kind == Kind::Network && e.src_ip.is_some() && e.dst_ip.is_some();
        let ents = vec![
            if connection {
                String::new()
            } else {
                e.host.as_deref().map(short_host).unwrap_or_default()
            },
            e.user.as_deref().map(norm_user).unwrap_or_default(),
            e.src_ip.as_deref().unwrap_or("").to_ascii_lowercase(),
            e.dst_ip.as_deref().unwrap_or("").to_ascii_lowercase(),
            if connection {
                String::new()
            } else {
                e.process.as_deref().map(image_file).unwrap_or_default()
            },
        ];
        // Whether a process started "successfully" is not said alike by every product.
        let outcome = match e.kind {
            Kind::Process | Kind::File | Kind::Network => Outcome::Unknown,
            _ => e.outcome,
        };
        (
            e.ts_us.div_euclid(1_000_000),
            e.kind as u8,
            if connection {
                String::new()
            } else {
                e.action.to_string()
            },
            outcome as u8,
            ents,
        )
    };
    let fraction = |e: &OwnedEvent| e.ts_us.rem_euclid(1_000_000);
    // Two products stamp one happening a few milliseconds apart (a sensor and the OS log).
    const SAME_MOMENT_US: i64 = 20_000;
    // Candidates: events sharing a key, by input, in order. The keys are made in parallel (on
    // the current pool) and grouped by sorting; groups are independent of each other.
    use rayon::prelude::*;
    let keys: Vec<Key> = events
        .par_iter()
        .map(|e| {
            let mut k = key(e);
            if e.kind == crate::event::Kind::Finding {
                // A detection and the SIEM notable raised about it are two happenings: findings
                // merge only when they are the same alert word for word.
                k.4.push(e.summary.to_string());
            }
            k
        })
        .collect();
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.par_sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let groups = order.chunk_by(|&a, &b| keys[a] == keys[b]);
    let mut absorbed_by: Vec<Option<usize>> = vec![None; events.len()];
    for idx in groups.filter(|g| g.len() > 1) {
        // Pair the k-th event of each input with the k-th of the first input present.
        let mut by_input: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for &i in idx {
            by_input
                .entry(events[i].provenance.input)
                .or_default()
                .push(i);
        }
        if by_input.len() < 2 {
            continue;
        }
        let mut inputs = by_input.values();
        let leads = inputs.next().cloned().unwrap_or_default();
        for others in inputs {
            for (&lead, &other) in leads.iter().zip(others) {
                let (a, b) = (fraction(&events[lead]), fraction(&events[other]));
                let hashes_differ = matches!(
                    (&events[lead].hash, &events[other].hash),
                    (Some(x), Some(y)) if !x.eq_ignore_ascii_case(y)
                );
                if (a == b || a == 0 || b == 0 || (a - b).abs() <= SAME_MOMENT_US) && !hashes_differ
                {
                    absorbed_by[other] = Some(lead);
                }
            }
        }
    }
    if absorbed_by.iter().all(Option::is_none) {
        return events;
    }
    let mut extra: Vec<Vec<crate::event::Provenance>> = vec![Vec::new(); events.len()];
    // What the absorbed record knows and the lead does not (the EDR's hash) fills its gaps.
    let mut fill: Vec<Option<std::borrow::Cow<'static, str>>> = vec![None; events.len()];
    for (i, lead) in absorbed_by.iter().enumerate() {
        if let Some(l) = lead {
            extra[*l].push(events[i].provenance);
            extra[*l].extend(events[i].also.iter().copied());
            if events[*l].hash.is_none() && fill[*l].is_none() {
                fill[*l] = events[i].hash.clone();
            }
        }
    }
    events
        .into_iter()
        .enumerate()
        .filter(|(i, _)| absorbed_by[*i].is_none())
        .map(|(i, mut e)| {
            e.also.append(&mut extra[i]);
            if e.hash.is_none() {
                e.hash = fill[i].take();
            }
            e
        })
        .collect()
}
