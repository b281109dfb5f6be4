//! Pass 1, per chunk: every record is normalized once (without summaries) to count it, to learn
//! the input's time span and year-less stamps, and to keep the few events that correlation
//! needs from everywhere (findings, response actions, account changes). Everything else is
//! counted and dropped; later passes (`collect`) read again what an incident turns out to need.

use parsers::timestamp::CivilTime;

use crate::accounting::Tally;
use crate::bloom::Bloom;
use crate::collect::Key;
use crate::event::{Event, OwnedEvent, TsQuality};
use crate::frame::{Chunk, Framed};
use crate::normalize::time::{is_rollover, resolve, Resolved};
use crate::normalize::{
    invalid_time_reason, normalize_record, records, truncated_reason, Context, Detail, Record,
    Schema,
};

/// What pass 1 learned about the year-less stamps of one chunk.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct YearlessScan {
    pub count: u64,
    pub assumed_tz: u64,
    pub first_month: Option<u8>,
    /// Offset of the chunk's first year-less record.
    pub first_offset: u64,
    pub last_month: Option<u8>,
    /// Offsets of the records at which the year advances inside the chunk.
    pub rollovers: Vec<u64>,
    /// Earliest and latest stamp, with the number of rollovers inside the chunk before it.
    pub min: Option<(i32, CivilTime)>,
    pub max: Option<(i32, CivilTime)>,
    /// Feb 29 stamps (line, offset, assumed_tz): invalid unless the year turns out a leap year.
    pub feb29: Vec<(u64, u64, bool)>,
}

/// The result of pass 1 over one chunk.
#[derive(Debug, Default)]
pub struct ScanOutput {
    pub tally: Tally,
    /// Notable events, owned, in record order.
    pub kept: Vec<OwnedEvent>,
    /// Kept events (index into `kept`) whose stamp has no year yet.
    pub kept_pending: Vec<(usize, CivilTime)>,
    /// Earliest and latest time of the events with full timestamps.
    pub full_span: Option<(i64, i64)>,
    /// Events with full timestamps whose zone came from `--tz`.
    pub assumed_tz: u64,
    pub yearless: YearlessScan,
    /// The entities the chunk's events hold (for later passes to skip chunks).
    pub bloom: Bloom,
    /// Events per minute, run-length in record order (for silent periods, `correlate::gaps`).
    pub activity: Vec<(Minute, u32)>,
    /// How the records' other times compare with their event times.
    pub clock: ClockStats,
    /// With keys asked for (`afterlog events`): every event's sort key.
    pub sort_keys: SortKeys,
}

/// Every event's sort key, in record order (a record's status-change key before its event's).
/// A year-less time waits for the input's year: its key is listed in `pending`, its time
/// packed into the key's `ts_us` ([`pack_civil`]: 4 bytes a key instead of a copy of the
/// time) or, when it does not fit, kept in `pending_times`.
#[derive(Debug, Default)]
pub struct SortKeys {
    pub keys: Vec<Key>,
    pub pending: Vec<u32>,
    pub pending_times: Vec<(u32, parsers::timestamp::TimeValue)>,
}

/// A zone-less, year-less civil time packed into 56 bits (month 4, day 5, hour 5, minute 6,
/// second 6, nanoseconds 30), or `None` when it has a zone or a field out of range.
pub fn pack_civil(c: &CivilTime) -> Option<i64> {
    let fits = c.year.is_none()
        && c.offset_s.is_none()
        && c.month < 16
        && c.day < 32
        && c.hour < 32
        && c.minute < 64
        && c.second < 64
        && c.nanos < 1 << 30;
    fits.then(|| {
        let mut v = i64::from(c.month);
        for (bits, x) in [(5, c.day), (5, c.hour), (6, c.minute), (6, c.second)] {
            v = v << bits | i64::from(x);
        }
        v << 30 | i64::from(c.nanos)
    })
}

/// The civil time [`pack_civil`] packed.
pub fn unpack_civil(v: i64) -> CivilTime {
    let field = |shift: u32, bits: u32| ((v >> shift) & ((1 << bits) - 1)) as u8;
    CivilTime {
        year: None,
        month: field(52, 4),
        day: field(47, 5),
        hour: field(42, 5),
        minute: field(36, 6),
        second: field(30, 6),
        nanos: (v & ((1 << 30) - 1)) as u32,
        offset_s: None,
    }
}

/// Records whose second time (`Event::alt_time`) was compared with the event time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClockStats {
    pub compared: u64,
    /// Differences beyond [`CLOCK_TOLERANCE_S`].
    pub disagree: u64,
    /// The other time's field (that of the first disagreeing record).
    pub field: Option<&'static str>,
    /// Differences (other − event, seconds) of the first disagreeing records, in file order.
    pub sample: Vec<i64>,
}

/// Two times of one happening further apart than this disagree.
pub const CLOCK_TOLERANCE_S: i64 = 300;
const CLOCK_SAMPLE: usize = 256;

impl ClockStats {
    pub fn absorb(&mut self, later: ClockStats) {
        self.compared += later.compared;
        self.disagree += later.disagree;
        self.field = self.field.or(later.field);
        let room = CLOCK_SAMPLE.saturating_sub(self.sample.len());
        self.sample.extend(later.sample.into_iter().take(room));
    }

    /// The median of the sampled differences, in seconds.
    pub fn median_s(&self) -> Option<i64> {
        let mut v = self.sample.clone();
        v.sort_unstable();
        v.get(v.len() / 2).copied()
    }
}

/// The minute an event fell in: absolute (minutes since the epoch), or civil for a year-less
/// stamp (with the number of new-year rollovers in the chunk before it), resolved once the
/// input's year is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Minute {
    Abs(i64),
    Civil(i32, CivilTime),
}

fn count_minute(runs: &mut Vec<(Minute, u32)>, m: Minute) {
    match runs.last_mut() {
        Some((last, n)) if *last == m => *n += 1,
        _ => runs.push((m, 1)),
    }
}

/// Pass 1 over one chunk. `notable` decides which events are kept whole; `with_keys` keeps every
/// event's sort key (the same keys `collect::key_chunk` gives once the years are known).
pub fn scan_chunk(
    ctx: &Context<'_>,
    data: &[u8],
    framed: &Framed,
    chunk: Chunk,
    notable: impl Fn(&Event<'_>) -> bool,
    with_keys: bool,
) -> ScanOutput {
    let mut out = ScanOutput::default();
    let y = &mut out.yearless;
    let mut schema = Schema::for_chunk(ctx.format, data, &chunk);
    for record in records(ctx, data, framed, chunk) {
        let (text, provenance, non_utf8) = match record {
            Record::Blank => {
                out.tally.skip("blank");
                continue;
            }
            Record::Header(text) => {
                schema.update(ctx.format, &text);
                out.tally.skip("header");
                continue;
            }
            Record::Truncated { line, offset } => {
                out.tally.reject(line, offset, truncated_reason());
                continue;
            }
            Record::Rejected {
                line,
                offset,
                reason,
            } => {
                out.tally.reject(line, offset, reason);
                continue;
            }
            Record::Text {
                text,
                provenance,
                non_utf8,
            } => (text, provenance, non_utf8),
        };
        if non_utf8 {
            out.tally.non_utf8 += 1;
        }
        let (line, offset) = (provenance.line, provenance.offset);
        let n = match normalize_record(
            ctx.format,
            &text,
            provenance,
            Detail::Scan,
            &schema,
            &ctx.profiles,
        ) {
            Ok(n) => n,
            Err(why) => {
                out.tally.reject(line, offset, why);
                continue;
            }
        };
        out.bloom.insert_event(&n.event);
        match resolve(n.time, ctx.tz) {
            Resolved::Invalid => {
                out.tally
                    .reject(line, offset, invalid_time_reason(&n.event.ts_field));
            }
            Resolved::At { ts_us, quality } => {
                out.tally.event();
                if with_keys {
                    keep_keys(&mut out.sort_keys, ctx, provenance, Some(ts_us), &n);
                }
                if quality.contains(TsQuality::ASSUMED_TZ) {
                    out.assumed_tz += 1;
                }
                out.full_span = Some(match out.full_span {
                    None => (ts_us, ts_us),
                    Some((a, b)) => (a.min(ts_us), b.max(ts_us)),
                });
                count_minute(&mut out.activity, Minute::Abs(ts_us.div_euclid(60_000_000)));
                if let Some((alt, field)) = n.event.alt_time {
                    compare_clock(&mut out.clock, ts_us, alt, field, ctx.tz);
                }
                let has_status = n.event.status_change.is_some();
                if notable(&n.event) || has_status {
                    let mut e = full(ctx, &text, provenance, &schema, n.event);
                    e.ts_us = ts_us;
                    e.ts_quality.insert(quality);
                    // The record's later status (an alert acknowledged, closed) is an event too.
                    if let Some((mut s, time)) = e.status_event() {
                        if let Resolved::At { ts_us, quality } = resolve(time, ctx.tz) {
                            s.ts_us = ts_us;
                            s.ts_quality.insert(quality);
                            if notable(&s) {
                                out.kept.push(s.into_owned());
                            }
                        }
                    }
                    if notable(&e) {
                        out.kept.push(e);
                    }
                }
            }
            Resolved::NeedsYear(civil) => {
                out.tally.event();
                if with_keys {
                    keep_keys(&mut out.sort_keys, ctx, provenance, None, &n);
                }
                let minute = CivilTime {
                    second: 0,
                    nanos: 0,
                    ..civil
                };
                let rolled = y.rollovers.len() as i32
                    + i32::from(y.last_month.is_some_and(|p| is_rollover(p, civil.month)));
                count_minute(&mut out.activity, Minute::Civil(rolled, minute));
                y.count += 1;
                if civil.offset_s.is_none() {
                    y.assumed_tz += 1;
                }
                match y.last_month {
                    None => {
                        y.first_month = Some(civil.month);
                        y.first_offset = offset;
                    }
                    Some(prev) if is_rollover(prev, civil.month) => y.rollovers.push(offset),
                    Some(_) => {}
                }
                y.last_month = Some(civil.month);
                let here = (y.rollovers.len() as i32, civil);
                if y.min.is_none_or(|m| here < m) {
                    y.min = Some(here);
                }
                if y.max.is_none_or(|m| here > m) {
                    y.max = Some(here);
                }
                if civil.month == 2 && civil.day == 29 {
                    y.feb29.push((line, offset, civil.offset_s.is_none()));
                }
                if notable(&n.event) {
                    let e = full(ctx, &text, provenance, &schema, n.event);
                    out.kept_pending.push((out.kept.len(), civil));
                    out.kept.push(e);
                }
            }
        }
    }
    out.sort_keys.keys.shrink_to_fit();
    out
}

/// The sort keys of a record's event (`ts_us`, or pending its year) and of its status change.
fn keep_keys(
    out: &mut SortKeys,
    ctx: &Context<'_>,
    provenance: crate::event::Provenance,
    ts_us: Option<i64>,
    n: &crate::normalize::Normalized<'_>,
) {
    let mut push = |time: Option<i64>, value: parsers::timestamp::TimeValue, derived| {
        let k = out.keys.len() as u32;
        let packed = match value {
            parsers::timestamp::TimeValue::Civil(c) if time.is_none() => pack_civil(&c),
            _ => None,
        };
        let ts_us = match (time, packed) {
            (Some(t), _) => t,
            (None, Some(v)) => {
                out.pending.push(k);
                v
            }
            (None, None) => {
                out.pending_times.push((k, value));
                0
            }
        };
        out.keys.push(Key {
            ts_us,
            input: provenance.input,
            offset: provenance.offset,
            derived,
            length: provenance.length,
            line: provenance.line,
        });
    };
    if let Some(change) = &n.event.status_change {
        match resolve(change.time, ctx.tz) {
            Resolved::At { ts_us, .. } => push(Some(ts_us), change.time, true),
            Resolved::NeedsYear(_) => push(None, change.time, true),
            Resolved::Invalid => {}
        }
    }
    push(ts_us, n.time, false);
}

/// Compares a record's other time with its event time (a year-less other time takes the
/// event's year).
fn compare_clock(
    stats: &mut ClockStats,
    ts_us: i64,
    alt: parsers::timestamp::TimeValue,
    field: &'static str,
    tz: chrono_tz::Tz,
) {
    let alt_us = match resolve(alt, tz) {
        Resolved::At { ts_us, .. } => ts_us,
        Resolved::NeedsYear(c) => {
            let Some(year) = crate::normalize::time::year_of(ts_us) else {
                return;
            };
            match crate::normalize::time::civil_to_us(&c, year, tz) {
                Some((t, _)) => t,
                None => return,
            }
        }
        Resolved::Invalid => return,
    };
    stats.compared += 1;
    let diff_s = (alt_us - ts_us).div_euclid(1_000_000);
    if diff_s.abs() > CLOCK_TOLERANCE_S {
        stats.disagree += 1;
        stats.field.get_or_insert(field);
        if stats.sample.len() < CLOCK_SAMPLE {
            stats.sample.push(diff_s);
        }
    }
}

/// The owned, summarized form of an event found notable in a scan.
fn full(
    ctx: &Context<'_>,
    text: &str,
    provenance: crate::event::Provenance,
    schema: &Schema,
    scanned: Event<'_>,
) -> OwnedEvent {
    match normalize_record(
        ctx.format,
        text,
        provenance,
        Detail::Full,
        schema,
        &ctx.profiles,
    ) {
        Ok(n) => n.event.into_owned(),
        // Unreachable in practice (the scan succeeded on the same text); keep the scan form.
        Err(_) => scanned.into_owned(),
    }
}

#[cfg(test)]
mod pack_tests {
    use super::*;

    fn civil(month: u8, day: u8, hour: u8, minute: u8, second: u8, nanos: u32) -> CivilTime {
        CivilTime {
            year: None,
            month,
            day,
            hour,
            minute,
            second,
            nanos,
            offset_s: None,
        }
    }

    #[test]
    fn year_less_times_pack_into_a_key_and_back() {
        for c in [
            civil(1, 1, 0, 0, 0, 0),
            civil(12, 31, 23, 59, 60, 999_999_999),
            civil(2, 29, 12, 30, 15, 123_456_000),
        ] {
            let v = pack_civil(&c).unwrap();
            assert!(v >= 0);
            assert_eq!(unpack_civil(v), c);
        }
        // Later times pack to larger numbers (not relied on, but a sanity check of the layout).
        assert!(
            pack_civil(&civil(3, 1, 0, 0, 0, 0)).unwrap()
                > pack_civil(&civil(2, 28, 23, 59, 59, 999_999_999)).unwrap()
        );
        // A zone or a year is kept as written instead (`pending_times`).
        assert_eq!(
            pack_civil(&CivilTime {
                offset_s: Some(3600),
                ..civil(3, 1, 0, 0, 0, 0)
            }),
            None
        );
        assert_eq!(
            pack_civil(&CivilTime {
                year: Some(2026),
                ..civil(3, 1, 0, 0, 0, 0)
            }),
            None
        );
    }
}
