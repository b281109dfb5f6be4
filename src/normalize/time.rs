//! Time resolution: `parsers` time values to UTC microseconds, with `--tz` for zone-less stamps
//! and the contract's year inference for year-less ones. Never reads the wall clock.

use chrono::{Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;
use parsers::timestamp::{CivilTime, TimeValue};

use crate::event::TsQuality;

/// Microseconds in a second.
const US: i64 = 1_000_000;

/// A time that could be resolved, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    At {
        ts_us: i64,
        quality: TsQuality,
    },
    /// The stamp has no year: resolved later, once the input's year is known.
    NeedsYear(CivilTime),
    /// Not a real calendar time (Feb 30, hour 25) or out of range.
    Invalid,
}

/// Resolves a time value; zone-less civil times are read in `tz` and flagged `assumed_tz`.
pub fn resolve(value: TimeValue, tz: Tz) -> Resolved {
    match value {
        TimeValue::Unix { secs, nanos } => match secs
            .checked_mul(US)
            .and_then(|s| s.checked_add(i64::from(nanos / 1000)))
        {
            Some(ts_us) => Resolved::At {
                ts_us,
                quality: TsQuality::default(),
            },
            None => Resolved::Invalid,
        },
        TimeValue::Civil(c) => match c.year {
            None => Resolved::NeedsYear(c),
            Some(year) => match civil_to_us(&c, year, tz) {
                Some((ts_us, quality)) => Resolved::At { ts_us, quality },
                None => Resolved::Invalid,
            },
        },
    }
}

/// A civil time in `year` to UTC microseconds, reading zone-less times in `tz`.
pub fn civil_to_us(c: &CivilTime, year: i32, tz: Tz) -> Option<(i64, TsQuality)> {
    let naive = naive(c, year)?;
    let mut quality = TsQuality::default();
    let utc = match c.offset_s {
        Some(off) => naive.checked_sub_signed(chrono::Duration::seconds(i64::from(off)))?,
        None => {
            quality.insert(TsQuality::ASSUMED_TZ);
            local_to_utc(naive, tz)?
        }
    };
    let us = utc.and_utc().timestamp_micros();
    Some((us, quality))
}

fn naive(c: &CivilTime, year: i32) -> Option<NaiveDateTime> {
    // A leap second (:60) is kept as the last microsecond of :59.
    let (second, nanos) = if c.second >= 60 {
        (59, 999_999_999)
    } else {
        (c.second, c.nanos)
    };
    NaiveDate::from_ymd_opt(year, u32::from(c.month), u32::from(c.day))?.and_hms_nano_opt(
        u32::from(c.hour),
        u32::from(c.minute),
        u32::from(second),
        nanos,
    )
}

/// A local wall-clock time in `tz` to UTC. In the repeated hour of a fall-back transition the
/// earlier instant is taken; a time inside a spring-forward gap is read with the offset in force
/// before the gap (as a clock that was not yet moved would have written it).
fn local_to_utc(naive: NaiveDateTime, tz: Tz) -> Option<NaiveDateTime> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.naive_utc()),
        LocalResult::Ambiguous(a, _) => Some(a.naive_utc()),
        LocalResult::None => {
            let before = naive.checked_sub_signed(chrono::Duration::hours(3))?;
            let offset = match tz.from_local_datetime(&before) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => *t.offset(),
                LocalResult::None => return None,
            };
            let secs = chrono::Offset::fix(&offset).local_minus_utc();
            naive.checked_sub_signed(chrono::Duration::seconds(i64::from(secs)))
        }
    }
}

/// Formats microseconds since the epoch as the contract's `TS`: `2026-03-02T10:31:00.000000Z`.
pub fn format_ts(ts_us: i64) -> String {
    match chrono::DateTime::from_timestamp_micros(ts_us) {
        Some(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.timestamp_subsec_micros()
        ),
        None => "0000-00-00T00:00:00.000000Z".to_string(),
    }
}

/// The year of a UTC instant.
pub fn year_of(ts_us: i64) -> Option<i32> {
    chrono::DateTime::from_timestamp_micros(ts_us).map(|t| t.year())
}

/// How the year of a year-less input was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearSource {
    /// `--year`
    Given,
    /// The span of full timestamps in the other inputs of the run.
    OtherInputs { from_us: i64, to_us: i64 },
    /// The file's modification time.
    FileMtime { year: i32 },
    /// Nothing to go on: the year of the Unix epoch is used and a warning raised.
    Unknown,
}

/// Whether going from month `prev` to month `next` between consecutive year-less stamps (in
/// file order) starts a new year: a backward month jump that is a plausible new year (the
/// month going forward, modulo 12, by at most six months: Dec → Jan, Nov → Feb), never an
/// out-of-order record (Mar → Feb) or a backward time jump within a month.
pub fn is_rollover(prev: u8, next: u8) -> bool {
    next < prev && (i32::from(next) + 12 - i32::from(prev)) <= 6
}

/// Year offsets for a sequence of year-less stamps in file order (see [`is_rollover`]).
pub fn rollover_offsets(months: impl IntoIterator<Item = u8>) -> Vec<i32> {
    let mut out = Vec::new();
    let mut add = 0;
    let mut prev: Option<u8> = None;
    for m in months {
        if prev.is_some_and(|p| is_rollover(p, m)) {
            add += 1;
        }
        prev = Some(m);
        out.push(add);
    }
    out
}

/// The years of an input's year-less stamps: a base year and the byte offsets of the records
/// at which the year advances (new-year rollovers, in file order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearPlan {
    pub base: Option<i32>,
    pub rollovers: Vec<u64>,
}

impl YearPlan {
    /// The year of a year-less stamp in the record at `offset`.
    pub fn year_at(&self, offset: u64) -> Option<i32> {
        let add = self.rollovers.partition_point(|&p| p <= offset);
        self.base.map(|b| b + add as i32)
    }

    /// Resolves a time value of the record at `offset`: year-less stamps take the plan's year
    /// and are flagged `inferred_year`.
    pub fn resolve(&self, value: TimeValue, tz: Tz, offset: u64) -> Resolved {
        match resolve(value, tz) {
            Resolved::NeedsYear(c) => match self.year_at(offset) {
                Some(year) => match civil_to_us(&c, year, tz) {
                    Some((ts_us, mut quality)) => {
                        quality.insert(TsQuality::INFERRED_YEAR);
                        Resolved::At { ts_us, quality }
                    }
                    None => Resolved::Invalid,
                },
                None => Resolved::NeedsYear(c),
            },
            other => other,
        }
    }
}

/// Chooses the base year for a year-less input whose stamps are `stamps` (in file order, with
/// their rollover offsets from [`rollover_offsets`]).
///
/// With a reference span (the other inputs' full timestamps), the year is the one that puts the
/// file's first and last records inside the span or, failing that, nearest to it. Without one,
/// the file's modification time: the latest year that does not put the last record more than a
/// day after the file was last written.
pub fn choose_year(
    stamps: &[(CivilTime, i32)],
    tz: Tz,
    references: &[(i64, i64, u64)],
    mtime_us: Option<i64>,
) -> (i32, YearSource) {
    let (Some(first), Some(last)) = (stamps.first(), stamps.last()) else {
        return (1970, YearSource::Unknown);
    };
    let span_for = |year: i32| -> Option<(i64, i64)> {
        let a = civil_to_us(&first.0, year + first.1, tz)?.0;
        let b = civil_to_us(&last.0, year + last.1, tz)?.0;
        Some((a.min(b), a.max(b)))
    };
    let from = references.iter().map(|r| r.0).min();
    let to = references.iter().map(|r| r.1).max();
    if let (Some(from), Some(to)) = (from, to) {
        let (Some(y0), Some(y1)) = (year_of(from), year_of(to)) else {
            return (1970, YearSource::Unknown);
        };
        // Each other input votes with its number of events: the year whose span sits inside
        // (or nearest) the most evidence wins, so one stray record (a 1970 epoch in some
        // document) cannot drag the year. Ties: nearest the file's modification time, else
        // the latest.
        let mtime_year = mtime_us.and_then(year_of);
        let tie = |year: i32| mtime_year.map_or(-i64::from(year), |m| i64::from((m - year).abs()));
        let mut best: Option<(i128, i64, i32)> = None;
        for year in (y0 - 1 - last.1)..=(y1 + 1) {
            let Some((a, b)) = span_for(year) else {
                continue;
            };
            let cost: i128 = references
                .iter()
                .map(|&(f, t, w)| {
                    // How far [a, b] sticks out of [f, t]: 0 when inside.
                    let dist = (f - a).max(0) + (b - t).max(0);
                    i128::from(dist) * i128::from(w.max(1))
                })
                .sum();
            let key = (cost, tie(year));
            if best.is_none_or(|(c, t, _)| key < (c, t)) {
                best = Some((key.0, key.1, year));
            }
        }
        if let Some((_, _, year)) = best {
            return (
                year,
                YearSource::OtherInputs {
                    from_us: from,
                    to_us: to,
                },
            );
        }
    }
    if let Some(m) = mtime_us {
        if let Some(my) = year_of(m) {
            let day = 86_400 * US;
            for year in [my - last.1, my - last.1 - 1] {
                if let Some((_, b)) = span_for(year) {
                    if b <= m + day {
                        return (year, YearSource::FileMtime { year: my });
                    }
                }
            }
            return (my - last.1 - 1, YearSource::FileMtime { year: my });
        }
    }
    (1970, YearSource::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn civil(month: u8, day: u8, hour: u8, minute: u8, second: u8) -> CivilTime {
        CivilTime {
            year: None,
            month,
            day,
            hour,
            minute,
            second,
            nanos: 0,
            offset_s: None,
        }
    }

    fn berlin() -> Tz {
        "Europe/Berlin".parse().unwrap()
    }

    #[test]
    fn zone_less_local_time_is_converted_and_flagged() {
        let c = civil(3, 2, 10, 12, 3);
        let (us, q) = civil_to_us(&c, 2026, berlin()).unwrap();
        assert_eq!(format_ts(us), "2026-03-02T09:12:03.000000Z");
        assert!(q.contains(TsQuality::ASSUMED_TZ));
        let summer = civil(7, 1, 12, 0, 0);
        let (us, _) = civil_to_us(&summer, 2026, berlin()).unwrap();
        assert_eq!(format_ts(us), "2026-07-01T10:00:00.000000Z");
    }

    #[test]
    fn explicit_offset_wins_over_tz() {
        let mut c = civil(3, 2, 10, 12, 3);
        c.offset_s = Some(-7 * 3600);
        c.nanos = 3_000;
        let (us, q) = civil_to_us(&c, 2026, berlin()).unwrap();
        assert_eq!(format_ts(us), "2026-03-02T17:12:03.000003Z");
        assert!(!q.contains(TsQuality::ASSUMED_TZ));
    }

    #[test]
    fn dst_fall_back_takes_earlier_and_gap_uses_offset_before() {
        // 2026-10-25 02:30 happens twice in Berlin: first at 00:30Z (CEST).
        let (us, _) = civil_to_us(&civil(10, 25, 2, 30, 0), 2026, berlin()).unwrap();
        assert_eq!(format_ts(us), "2026-10-25T00:30:00.000000Z");
        // 2026-03-29 02:30 does not exist in Berlin; read with CET (+1).
        let (us, _) = civil_to_us(&civil(3, 29, 2, 30, 0), 2026, berlin()).unwrap();
        assert_eq!(format_ts(us), "2026-03-29T01:30:00.000000Z");
    }

    #[test]
    fn invalid_calendar_dates_are_invalid() {
        assert!(civil_to_us(&civil(2, 30, 0, 0, 0), 2026, Tz::UTC).is_none());
        assert_eq!(
            resolve(
                TimeValue::Civil(CivilTime {
                    year: Some(2026),
                    ..civil(2, 29, 0, 0, 0)
                }),
                Tz::UTC
            ),
            Resolved::Invalid
        );
    }

    #[test]
    fn rollover_only_on_new_year_jumps() {
        assert_eq!(
            rollover_offsets([11, 12, 12, 1, 1, 2]),
            vec![0, 0, 0, 1, 1, 1]
        );
        assert_eq!(rollover_offsets([3, 2, 3, 3]), vec![0, 0, 0, 0]);
        assert_eq!(rollover_offsets([12, 1, 12, 1]), vec![0, 1, 1, 2]);
    }

    #[test]
    fn year_from_other_inputs_span() {
        let stamps = vec![(civil(3, 1, 8, 0, 0), 0), (civil(3, 2, 15, 0, 0), 0)];
        let from = civil_to_us(&civil(3, 1, 0, 0, 0), 2026, Tz::UTC).unwrap().0;
        let to = civil_to_us(&civil(3, 2, 23, 0, 0), 2026, Tz::UTC)
            .unwrap()
            .0;
        let (y, src) = choose_year(&stamps, berlin(), &[(from, to, 10)], None);
        assert_eq!(y, 2026);
        assert!(matches!(src, YearSource::OtherInputs { .. }));
        // A file spanning the new year, reference in January 2027: base year 2026.
        let stamps = vec![(civil(12, 31, 23, 0, 0), 0), (civil(1, 1, 1, 0, 0), 1)];
        let from = civil_to_us(&civil(1, 1, 0, 0, 0), 2027, Tz::UTC).unwrap().0;
        let (y, _) = choose_year(&stamps, Tz::UTC, &[(from, from + 3600 * US, 5)], None);
        assert_eq!(y, 2026);
    }

    #[test]
    fn one_stray_record_does_not_drag_the_year() {
        let stamps = vec![(civil(3, 1, 8, 0, 0), 0), (civil(3, 2, 15, 0, 0), 0)];
        let from = civil_to_us(&civil(3, 1, 0, 0, 0), 2026, Tz::UTC).unwrap().0;
        let to = civil_to_us(&civil(3, 3, 0, 0, 0), 2026, Tz::UTC).unwrap().0;
        // A document whose only "time" was 92 seconds after the epoch, and a real input.
        let refs = [(92 * US, 92 * US, 1), (from, to + 1, 50_000)];
        let (y, _) = choose_year(&stamps, Tz::UTC, &refs, None);
        assert_eq!(y, 2026);
    }

    #[test]
    fn year_from_mtime_never_puts_records_in_the_future_of_the_file() {
        let mtime = civil_to_us(&civil(1, 5, 0, 0, 0), 2027, Tz::UTC).unwrap().0;
        let stamps = vec![(civil(12, 20, 8, 0, 0), 0), (civil(12, 30, 8, 0, 0), 0)];
        let (y, _) = choose_year(&stamps, Tz::UTC, &[], Some(mtime));
        assert_eq!(y, 2026);
        let stamps = vec![(civil(1, 2, 8, 0, 0), 0)];
        let (y, _) = choose_year(&stamps, Tz::UTC, &[], Some(mtime));
        assert_eq!(y, 2027);
    }
}
