//! Timestamp grammars: every textual and numeric time form the formats use.
//!
//! Nothing here resolves a missing year or zone; the engine does that with `--year`/`--tz` and
//! the contract's inference rule. Functions return `None` for anything that is not a valid time
//! (month 13, day 32, hour 24, minute 60, ...). No function panics on any input.
//!
//! Validation: month 1..=12, day 1..=the length of the month (February 29 needs a leap year when
//! the year is known, and is allowed when it is not), hour 0..=23, minute 0..=59, second 0..=60
//! (RFC 5424 alone refuses 60), offsets within ±23:59. Fractions keep up to nine digits as
//! nanoseconds; further digits are read and dropped.

use crate::primitives::{fixed_digits, month_abbrev, run_of};

/// A calendar time as written in the record: possibly without year and without offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CivilTime {
    /// `None` when the record carries no year (RFC 3164 and the like).
    pub year: Option<i32>,
    /// 1..=12
    pub month: u8,
    /// 1..=31
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    /// 0..=60 (a leap second 60 is kept as written; the engine clamps it)
    pub second: u8,
    /// Fraction of the second in nanoseconds (digits beyond 9 are truncated).
    pub nanos: u32,
    /// Offset east of UTC in seconds, `None` when the record says nothing about the zone.
    /// `Z`, `UTC`, `GMT` give `Some(0)`.
    pub offset_s: Option<i32>,
}

/// A time value: civil (calendar fields) or an absolute instant since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeValue {
    Civil(CivilTime),
    /// Seconds and nanoseconds since 1970-01-01T00:00:00Z (always absolute, always UTC).
    Unix {
        secs: i64,
        nanos: u32,
    },
}

/// `Mmm dd hh:mm:ss` as in RFC 3164 (day space-padded `Oct  9`, or unpadded `Nov 9`, or
/// zero-padded `Nov 09`; month case-insensitive `AUG`), optionally followed by a year
/// (`Apr 15 2013 09:36:50` — the year may come before the time, as Cisco ASA writes it) and an
/// optional fraction `.123`. Returns the time and the number of bytes consumed (the caller
/// continues parsing after it). Does not consume a trailing zone name or colon.
///
/// A year after the time (`Sep 17 16:37:25 2021`, ctime/Snare order) is taken only when it is in
/// 1900..=2199 and followed by the end, a space, a tab or `:`, so that a numeric hostname is
/// rarely mistaken for it.
pub fn parse_bsd_prefix(input: &str) -> Option<(CivilTime, usize)> {
    let b = input.as_bytes();
    let month = month_abbrev(input)?;
    let mut i = 3;
    let sp = run_of(b, i, b' ');
    if sp == 0 {
        return None;
    }
    i += sp;
    let mut day = digit(b, i)?;
    i += 1;
    if let Some(d) = digit(b, i) {
        day = day * 10 + d;
        i += 1;
    }
    let sp = run_of(b, i, b' ');
    if sp == 0 {
        return None;
    }
    i += sp;
    // Cisco ASA / rsyslog: `Apr 15 2013 09:36:50`.
    let mut year = None;
    if let Some(y) = fixed_digits(b, i, 4) {
        if b.get(i + 4) == Some(&b' ') {
            year = Some(y as i32);
            i += 4;
            i += run_of(b, i, b' ');
        }
    }
    let (hour, minute, second) = hms(b, i)?;
    i += 8;
    let (nanos, _, after_frac) = fraction(b, i, false);
    i = after_frac;
    // `Sep 17 16:37:25 2021` (Snare, ctime-like): a plausible four-digit year right after the
    // time, followed by the end, a space, a tab or a colon.
    if year.is_none() && b.get(i) == Some(&b' ') {
        if let Some(y) = fixed_digits(b, i + 1, 4) {
            if (1900..=2199).contains(&y)
                && matches!(b.get(i + 5), None | Some(b' ' | b'\t' | b':'))
            {
                year = Some(y as i32);
                i += 5;
            }
        }
    }
    let t = CivilTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset_s: None,
    };
    valid(&t, 60).then_some((t, i))
}

/// RFC 3339 / ISO 8601 date-time at the start of `input`, as used by RFC 5424, ECS, Defender:
/// `2003-10-11T22:14:15.003Z`, `2003-08-24T05:14:15.000003-07:00`, 7- and 9-digit fractions,
/// lower-case `t`/`z`, a space instead of `T` (`2023-08-16 04:53:48.446`, zone-less → offset
/// `None`), offsets without colon (`+0100`, Suricata) and ` UTC`/` GMT` suffixes (Splunk).
/// Returns the time and the number of bytes consumed.
pub fn parse_iso8601_prefix(input: &str) -> Option<(CivilTime, usize)> {
    let b = input.as_bytes();
    let year = fixed_digits(b, 0, 4)? as i32;
    let (month, day, mut i, basic) = if b.get(4) == Some(&b'-') {
        if b.get(7) != Some(&b'-') {
            return None;
        }
        (fixed_digits(b, 5, 2)?, fixed_digits(b, 8, 2)?, 10, false)
    } else {
        // Basic format `20131102T010628Z` (CloudTrail `creationDate`).
        (fixed_digits(b, 4, 2)?, fixed_digits(b, 6, 2)?, 8, true)
    };
    match b.get(i) {
        Some(b'T' | b't') => {}
        Some(b' ') if !basic => {}
        _ => return None,
    }
    i += 1;
    let (hour, minute, second) = if basic {
        let h = fixed_digits(b, i, 2)?;
        let m = fixed_digits(b, i + 2, 2)?;
        let s = fixed_digits(b, i + 4, 2)?;
        i += 6;
        (h as u8, m as u8, s as u8)
    } else {
        let t = hms(b, i)?;
        i += 8;
        t
    };
    let (nanos, _, after_frac) = fraction(b, i, true);
    i = after_frac;
    let mut offset_s = None;
    match b.get(i) {
        Some(b'Z' | b'z') => {
            offset_s = Some(0);
            i += 1;
        }
        Some(b'+' | b'-') => {
            if let Some((off, n)) = numeric_offset(b, i, false) {
                offset_s = Some(off);
                i += n;
            }
        }
        _ => {
            // ` UTC` / ` GMT` (Splunk), also without the space.
            let j = if b.get(i) == Some(&b' ') { i + 1 } else { i };
            if let Some(name) = b.get(j..j + 3) {
                let is_utc = name.eq_ignore_ascii_case(b"UTC") || name.eq_ignore_ascii_case(b"GMT");
                let boundary = !b.get(j + 3).is_some_and(|c| c.is_ascii_alphanumeric());
                if is_utc && boundary {
                    offset_s = Some(0);
                    i = j + 3;
                }
            }
        }
    }
    let t = CivilTime {
        year: Some(year),
        month: month as u8,
        day: day as u8,
        hour,
        minute,
        second,
        nanos,
        offset_s,
    };
    valid(&t, 60).then_some((t, i))
}

/// The whole of `input` must be an ISO 8601 date-time (see [`parse_iso8601_prefix`]).
pub fn parse_iso8601(input: &str) -> Option<CivilTime> {
    match parse_iso8601_prefix(input) {
        Some((t, n)) if n == input.len() => Some(t),
        _ => None,
    }
}

/// Strict RFC 3339 `FULL-DATE "T" FULL-TIME` as RFC 5424 §6.2.3 requires (upper-case `T`/`Z`,
/// offset with colon, at most 6 fraction digits, no leap second): the timestamp of RFC 5424.
/// Returns the time and the bytes consumed.
pub fn parse_rfc5424_timestamp(input: &str) -> Option<(CivilTime, usize)> {
    let b = input.as_bytes();
    let year = fixed_digits(b, 0, 4)? as i32;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.get(10) != Some(&b'T') {
        return None;
    }
    let month = fixed_digits(b, 5, 2)? as u8;
    let day = fixed_digits(b, 8, 2)? as u8;
    let (hour, minute, second) = hms(b, 11)?;
    let mut i = 19;
    let (nanos, ndigits, after_frac) = fraction(b, i, false);
    if b.get(i) == Some(&b'.') && !(1..=6).contains(&ndigits) {
        return None;
    }
    i = after_frac;
    let offset_s = match b.get(i)? {
        b'Z' => {
            i += 1;
            0
        }
        b'+' | b'-' => {
            let (off, n) = numeric_offset(b, i, true)?;
            i += n;
            off
        }
        _ => return None,
    };
    let t = CivilTime {
        year: Some(year),
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset_s: Some(offset_s),
    };
    valid(&t, 59).then_some((t, i))
}

/// An epoch number as text: integer or decimal (`1625677521162`, `"1686839378"`,
/// `1625677521.137`, `1588205199.82437`). Integers are classified by magnitude:
/// above 1e17 ns, above 1e14 µs, above 1e11 ms, else seconds. Decimals are seconds with a
/// fraction. Never goes through `f64`. Negative numbers and anything non-numeric give `None`.
/// One pair of surrounding double quotes (a JSON string value) is accepted; no whitespace.
pub fn parse_epoch(input: &str) -> Option<TimeValue> {
    // A JSON string value may arrive with its quotes.
    let s = match input.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => inner,
        None => input,
    };
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let n = decimal_u64(int_part.as_bytes())?;
    match frac_part {
        None => {
            let (secs, nanos) = if n > 100_000_000_000_000_000 {
                (n / 1_000_000_000, n % 1_000_000_000)
            } else if n > 100_000_000_000_000 {
                (n / 1_000_000, (n % 1_000_000) * 1_000)
            } else if n > 100_000_000_000 {
                (n / 1_000, (n % 1_000) * 1_000_000)
            } else {
                (n, 0)
            };
            Some(TimeValue::Unix {
                secs: i64::try_from(secs).ok()?,
                nanos: nanos as u32,
            })
        }
        Some(f) => {
            let fb = f.as_bytes();
            if fb.is_empty() || !fb.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let (nanos, _) = nanos_of_digits(fb);
            Some(TimeValue::Unix {
                secs: i64::try_from(n).ok()?,
                nanos,
            })
        }
    }
}

/// CEF time fields (`rt`, `start`, `end`, `deviceCustomDate1`, ...): epoch milliseconds
/// (`1694066533000`), or `MMM dd[ yyyy] HH:mm:ss[.SSS][ zzz]` (`Sep 07 2018 14:50:39`,
/// `Sep 08 2023 17:49:08.123 UTC`), or ISO 8601. Zone names map through [`zone_abbreviation`];
/// an unknown zone name gives `None` for the whole value.
pub fn parse_cef_time(input: &str) -> Option<TimeValue> {
    let s = input.trim_matches(|c: char| c.is_ascii_whitespace());
    let first = *s.as_bytes().first()?;
    if first.is_ascii_digit() {
        if s.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
            return parse_epoch(s);
        }
        return parse_iso8601(s).map(TimeValue::Civil);
    }
    let (mut t, n) = parse_bsd_prefix(s)?;
    let rest = s.get(n..)?;
    if rest.is_empty() {
        return Some(TimeValue::Civil(t));
    }
    let zone = rest.strip_prefix(' ')?.trim_start_matches(' ');
    t.offset_s = Some(zone_offset(zone)?);
    Some(TimeValue::Civil(t))
}

/// Offset east of UTC in seconds for the zone abbreviations that are unambiguous enough to use:
/// `UTC`, `GMT`, `Z`, `UT` → 0; US `EST EDT CST CDT MST MDT PST PDT AKST AKDT HST`; `CET CEST`,
/// `EET EEST`, `WET WEST`, `BST` (British Summer Time), `IST` (India, +5:30), `JST`, `KST`,
/// `AEST AEDT`. Case-insensitive. Anything else: `None`.
pub fn zone_abbreviation(name: &str) -> Option<i32> {
    const H: i32 = 3600;
    const ZONES: &[(&str, i32)] = &[
        ("UTC", 0),
        ("GMT", 0),
        ("Z", 0),
        ("UT", 0),
        ("EST", -5 * H),
        ("EDT", -4 * H),
        ("CST", -6 * H),
        ("CDT", -5 * H),
        ("MST", -7 * H),
        ("MDT", -6 * H),
        ("PST", -8 * H),
        ("PDT", -7 * H),
        ("AKST", -9 * H),
        ("AKDT", -8 * H),
        ("HST", -10 * H),
        ("CET", H),
        ("CEST", 2 * H),
        ("EET", 2 * H),
        ("EEST", 3 * H),
        ("WET", 0),
        ("WEST", H),
        ("BST", H),
        ("IST", 5 * H + 30 * 60),
        ("JST", 9 * H),
        ("KST", 9 * H),
        ("AEST", 10 * H),
        ("AEDT", 11 * H),
    ];
    if name.is_empty() || name.len() > 4 {
        return None;
    }
    ZONES
        .iter()
        .find(|(z, _)| z.eq_ignore_ascii_case(name))
        .map(|&(_, off)| off)
}

/// A whole zone designation as CEF and similar Java-formatted times write it: an abbreviation
/// ([`zone_abbreviation`]), a numeric offset `+0200` / `+02:00` / `-05`, or `GMT`/`UTC`
/// followed by a numeric offset (`GMT+02:00`).
fn zone_offset(zone: &str) -> Option<i32> {
    if let Some(off) = zone_abbreviation(zone) {
        return Some(off);
    }
    let b = zone.as_bytes();
    let start = match b.get(..3) {
        Some(p) if p.eq_ignore_ascii_case(b"GMT") || p.eq_ignore_ascii_case(b"UTC") => 3,
        _ => 0,
    };
    let (off, n) = numeric_offset(b, start, false)?;
    (start + n == b.len()).then_some(off)
}

/// Largest offset accepted: ±23:59.
const MAX_OFFSET_S: i32 = 23 * 3600 + 59 * 60;

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month`; February has 29 when the year is unknown.
fn days_in_month(month: u8, year: Option<i32>) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// Range checks shared by every grammar; `max_second` is 60 (leap second kept) or 59.
fn valid(t: &CivilTime, max_second: u8) -> bool {
    (1..=12).contains(&t.month)
        && t.day >= 1
        && t.day <= days_in_month(t.month, t.year)
        && t.hour <= 23
        && t.minute <= 59
        && t.second <= max_second
        && t.nanos < 1_000_000_000
        && !matches!(t.offset_s, Some(o) if o.abs() > MAX_OFFSET_S)
}

/// One ASCII digit at `b[i]`.
fn digit(b: &[u8], i: usize) -> Option<u8> {
    match b.get(i) {
        Some(c) if c.is_ascii_digit() => Some(c - b'0'),
        _ => None,
    }
}

/// `hh:mm:ss` (two digits each) at `b[i..i + 8]`; ranges are checked by [`valid`].
fn hms(b: &[u8], i: usize) -> Option<(u8, u8, u8)> {
    let h = fixed_digits(b, i, 2)?;
    let m = fixed_digits(b, i + 3, 2)?;
    let s = fixed_digits(b, i + 6, 2)?;
    if b.get(i + 2) != Some(&b':') || b.get(i + 5) != Some(&b':') {
        return None;
    }
    Some((h as u8, m as u8, s as u8))
}

/// Nanoseconds of a run of ASCII digits (first nine kept, the rest truncated) and the run length.
fn nanos_of_digits(digits: &[u8]) -> (u32, usize) {
    let len = digits.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut nanos: u32 = 0;
    for k in 0..9 {
        let d = if k < len {
            digits.get(k).map_or(0, |c| u32::from(c - b'0'))
        } else {
            0
        };
        nanos = nanos * 10 + d;
    }
    (nanos, len)
}

/// An optional fraction at `b[i]`: `.` (or `,` when `comma` is allowed) and at least one digit.
/// Returns `(nanos, digit count, index after it)`; `(0, 0, i)` when there is none (a separator
/// without a digit after it is not consumed).
fn fraction(b: &[u8], i: usize, comma: bool) -> (u32, usize, usize) {
    match b.get(i) {
        Some(b'.') => {}
        Some(b',') if comma => {}
        _ => return (0, 0, i),
    }
    let digits = b.get(i + 1..).unwrap_or_default();
    let (nanos, len) = nanos_of_digits(digits);
    if len == 0 {
        return (0, 0, i);
    }
    (nanos, len, i + 1 + len)
}

/// A numeric offset at `b[i]`: `+hh:mm`, or when `!colon_required` also `+hhmm` and `+hh`.
/// Returns the offset in seconds east of UTC and the bytes consumed.
fn numeric_offset(b: &[u8], i: usize, colon_required: bool) -> Option<(i32, usize)> {
    let sign = match b.get(i)? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h = fixed_digits(b, i + 1, 2)?;
    let (m, n) = if b.get(i + 3) == Some(&b':') {
        (fixed_digits(b, i + 4, 2)?, 6)
    } else if colon_required {
        return None;
    } else if let Some(m) = fixed_digits(b, i + 3, 2) {
        (m, 5)
    } else if b.get(i + 3).is_some_and(u8::is_ascii_digit) {
        return None; // `+123`
    } else {
        (0, 3)
    };
    if h > 23 || m > 59 {
        return None;
    }
    if fixed_digits(b, i + n, 1).is_some() {
        return None; // more digits than an offset has
    }
    Some((sign * (h as i32 * 3600 + m as i32 * 60), n))
}

/// A non-empty run of ASCII digits that is the whole of `b`, as `u64` (`None` on overflow).
fn decimal_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    Some(n)
}

#[cfg(test)]
mod tests;
