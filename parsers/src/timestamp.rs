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

use nom::branch::alt;
use nom::bytes::complete::tag_no_case;
use nom::combinator::{all_consuming, eof, map, not, opt, peek, recognize, value, verify};
use nom::sequence::{delimited, pair, preceded, terminated, tuple};

use crate::error::ParseErrorKind;
use crate::grammar::{ascii1, ascii1_max, byte, consumed_len, fail, one_of_ascii, sp1, PResult};
use crate::primitives::{digits, month};

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
    prefix(timestamp_3164, input)
}

/// Runs a time grammar on the start of `input`: the time and the bytes it took.
#[inline]
fn prefix<'a>(
    mut grammar: impl FnMut(&'a str) -> PResult<'a, CivilTime>,
    input: &'a str,
) -> Option<(CivilTime, usize)> {
    let (rest, t) = grammar(input).ok()?;
    Some((t, consumed_len(input, rest)))
}

/// The BSD syslog TIMESTAMP (RFC 3164 §4.1.2) as files and devices write it:
/// `Mmm SP+ dd SP+ [yyyy SP+] hh:mm:ss ["." 1*DIGIT] [SP yyyy]` (see [`parse_bsd_prefix`]).
#[inline]
pub(crate) fn timestamp_3164(i: &str) -> PResult<'_, CivilTime> {
    let (i, (month, _, day, _, year, (hour, minute, second), (nanos, _))) = tuple((
        month,
        sp1,
        day_of_month,
        sp1,
        // Cisco ASA / rsyslog: `Apr 15 2013 09:36:50`.
        opt(terminated(year, sp1)),
        hms,
        fraction(false),
    ))(i)?;
    // `Sep 17 16:37:25 2021` (Snare, ctime-like).
    let (i, year) = match year {
        Some(y) => (i, Some(y)),
        None => opt(trailing_year)(i)?,
    };
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
    checked(i, t, 60)
}

/// `1*2DIGIT`: a day of the month, space-padded (`Oct  9`), unpadded or zero-padded.
#[inline]
fn day_of_month(i: &str) -> PResult<'_, u8> {
    map(ascii1_max(2, is_digit), |d: &str| {
        d.bytes().fold(0, |v, c| v * 10 + (c - b'0'))
    })(i)
}

/// `4DIGIT`: a year.
#[inline]
fn year(i: &str) -> PResult<'_, i32> {
    map(digits(4), |y| y as i32)(i)
}

/// A plausible year right after a BSD time: SP, 1900..=2199, then the end, SP, TAB or `:`
/// (so that a numeric hostname is rarely taken for it).
#[inline]
fn trailing_year(i: &str) -> PResult<'_, i32> {
    preceded(
        byte(b' '),
        terminated(
            verify(year, |y| (1900..=2199).contains(y)),
            peek(alt((eof, recognize(one_of_ascii(b" \t:"))))),
        ),
    )(i)
}

/// `hh ":" mm ":" ss`, two digits each (ranges are checked with the whole time).
#[inline]
fn hms(i: &str) -> PResult<'_, (u8, u8, u8)> {
    map(
        tuple((digits(2), byte(b':'), digits(2), byte(b':'), digits(2))),
        |(h, _, m, _, s)| (h as u8, m as u8, s as u8),
    )(i)
}

/// `hhmmss` (ISO 8601 basic format).
#[inline]
fn hms_basic(i: &str) -> PResult<'_, (u8, u8, u8)> {
    map(tuple((digits(2), digits(2), digits(2))), |(h, m, s)| {
        (h as u8, m as u8, s as u8)
    })(i)
}

/// An optional fraction: `.` (or `,` when `comma`) and at least one digit, as nanoseconds (first
/// nine digits kept) and the digit count. Absent → `(0, 0)`; a separator without a digit after it
/// is not consumed.
#[inline]
fn fraction<'a>(comma: bool) -> impl FnMut(&'a str) -> PResult<'a, (u32, usize)> {
    map(
        opt(preceded(
            one_of_ascii(if comma { b".," } else { b"." }),
            ascii1(is_digit),
        )),
        |d: Option<&str>| d.map_or((0, 0), |d| nanos_of_digits(d.as_bytes())),
    )
}

/// Range checks on a parsed time, as a combinator result.
#[inline]
fn checked(rest: &str, t: CivilTime, max_second: u8) -> PResult<'_, CivilTime> {
    if valid(&t, max_second) {
        Ok((rest, t))
    } else {
        fail(rest, ParseErrorKind::Timestamp)
    }
}

/// RFC 3339 / ISO 8601 date-time at the start of `input`, as used by RFC 5424, ECS, Defender:
/// `2003-10-11T22:14:15.003Z`, `2003-08-24T05:14:15.000003-07:00`, 7- and 9-digit fractions,
/// lower-case `t`/`z`, a space instead of `T` (`2023-08-16 04:53:48.446`, zone-less → offset
/// `None`), offsets without colon (`+0100`, Suricata) and ` UTC`/` GMT` suffixes (Splunk).
/// Returns the time and the number of bytes consumed.
pub fn parse_iso8601_prefix(input: &str) -> Option<(CivilTime, usize)> {
    prefix(iso8601, input)
}

/// ISO 8601 / RFC 3339 date-time (see [`parse_iso8601_prefix`]):
/// `yyyy "-" mm "-" dd ("T" / "t" / SP) hh:mm:ss` or basic `yyyymmdd ("T" / "t") hhmmss`, then
/// an optional fraction (`.` or `,`) and an optional zone (`Z`, numeric offset, ` UTC`).
#[inline]
pub(crate) fn iso8601(i: &str) -> PResult<'_, CivilTime> {
    let (i, year) = year(i)?;
    let (i, (month, day, basic)) = alt((
        map(
            tuple((byte(b'-'), digits(2), byte(b'-'), digits(2))),
            |(_, m, _, d)| (m, d, false),
        ),
        // Basic format `20131102T010628Z` (CloudTrail `creationDate`).
        map(pair(digits(2), digits(2)), |(m, d)| (m, d, true)),
    ))(i)?;
    let (i, _) = one_of_ascii(if basic { b"Tt" } else { b"Tt " })(i)?;
    let (i, (hour, minute, second)) = if basic { hms_basic(i)? } else { hms(i)? };
    let (i, (nanos, _)) = fraction(true)(i)?;
    let (i, offset_s) = opt(iso_zone)(i)?;
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
    checked(i, t, 60)
}

/// The zone of an ISO 8601 time: `Z`/`z`, a numeric offset (`+02:00`, `+0200`, `+02`), or
/// ` UTC` / ` GMT` (Splunk; also without the space, any case, not followed by a letter or digit).
#[inline]
fn iso_zone(i: &str) -> PResult<'_, i32> {
    alt((
        value(0, one_of_ascii(b"Zz")),
        numeric_offset(false),
        value(
            0,
            preceded(
                opt(byte(b' ')),
                terminated(
                    alt((tag_no_case("UTC"), tag_no_case("GMT"))),
                    not(ascii1(|b| b.is_ascii_alphanumeric())),
                ),
            ),
        ),
    ))(i)
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
    prefix(timestamp_5424, input)
}

/// `TIMESTAMP = FULL-DATE "T" FULL-TIME` (RFC 5424 §6.2.3), without NILVALUE:
/// `FULL-TIME = PARTIAL-TIME TIME-OFFSET`, `PARTIAL-TIME = hh ":" mm ":" ss [TIME-SECFRAC]`.
#[inline]
pub(crate) fn timestamp_5424(i: &str) -> PResult<'_, CivilTime> {
    let (i, ((year, month, day), _, (hour, minute, second), nanos, offset_s)) =
        tuple((full_date, byte(b'T'), hms, time_secfrac, time_offset))(i)?;
    let t = CivilTime {
        year: Some(year),
        month: month as u8,
        day: day as u8,
        hour,
        minute,
        second,
        nanos,
        offset_s: Some(offset_s),
    };
    checked(i, t, 59)
}

/// `FULL-DATE = DATE-FULLYEAR "-" DATE-MONTH "-" DATE-MDAY`.
#[inline]
fn full_date(i: &str) -> PResult<'_, (i32, u32, u32)> {
    tuple((
        year,
        preceded(byte(b'-'), digits(2)),
        preceded(byte(b'-'), digits(2)),
    ))(i)
}

/// `TIME-SECFRAC = "." 1*6DIGIT`, optional, as nanoseconds.
#[inline]
fn time_secfrac(i: &str) -> PResult<'_, u32> {
    map(
        opt(preceded(
            byte(b'.'),
            // A seventh digit fails the whole fraction, and then TIME-OFFSET fails on the `.`.
            ascii1_max(6, is_digit),
        )),
        |d: Option<&str>| d.map_or(0, |d| nanos_of_digits(d.as_bytes()).0),
    )(i)
}

/// `TIME-OFFSET = "Z" / TIME-NUMOFFSET`.
#[inline]
fn time_offset(i: &str) -> PResult<'_, i32> {
    alt((value(0, byte(b'Z')), numeric_offset(true)))(i)
}

/// An epoch number as text: integer or decimal (`1625677521162`, `"1686839378"`,
/// `1625677521.137`, `1588205199.82437`). Integers are classified by magnitude:
/// above 1e17 ns, above 1e14 µs, above 1e11 ms, else seconds. Decimals are seconds with a
/// fraction. Never goes through `f64`. Negative numbers and anything non-numeric give `None`.
/// One pair of surrounding double quotes (a JSON string value) is accepted; no whitespace.
pub fn parse_epoch(input: &str) -> Option<TimeValue> {
    // `1*DIGIT ["." 1*DIGIT]`, the whole input, or the same inside one pair of double quotes.
    let (_, (int_part, frac_part)) = all_consuming(alt((
        delimited(byte(b'"'), epoch_number, byte(b'"')),
        epoch_number,
    )))(input)
    .ok()?;
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
            let (nanos, _) = nanos_of_digits(f.as_bytes());
            Some(TimeValue::Unix {
                secs: i64::try_from(n).ok()?,
                nanos,
            })
        }
    }
}

/// `1*DIGIT ["." 1*DIGIT]`: the integer and fraction digits of an epoch number.
#[inline]
fn epoch_number(i: &str) -> PResult<'_, (&str, Option<&str>)> {
    pair(
        ascii1(is_digit),
        opt(preceded(byte(b'.'), ascii1(is_digit))),
    )(i)
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
    let (rest, mut t) = timestamp_3164(s).ok()?;
    if rest.is_empty() {
        return Some(TimeValue::Civil(t));
    }
    let (zone, _) = sp1(rest).ok()?;
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
    let gmt_offset = preceded(
        opt(alt((tag_no_case("GMT"), tag_no_case("UTC")))),
        numeric_offset(false),
    );
    all_consuming(gmt_offset)(zone).ok().map(|(_, off)| off)
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
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

/// `("+" / "-") hh ":" mm`, or when `!colon_required` also `hhmm` and `hh`; no digit may follow.
/// The offset in seconds east of UTC (hours ≤ 23, minutes ≤ 59).
#[inline]
pub(crate) fn numeric_offset<'a>(colon_required: bool) -> impl FnMut(&'a str) -> PResult<'a, i32> {
    let minutes = move |i: &'a str| -> PResult<'a, u32> {
        let mut with_colon = preceded(byte(b':'), digits(2));
        if colon_required {
            return with_colon(i);
        }
        alt((
            with_colon,
            // `+hhmm`, or `+hh` alone (`+123` is neither).
            preceded(
                not(byte(b':')),
                alt((digits(2), value(0, not(ascii1(is_digit))))),
            ),
        ))(i)
    };
    map(
        verify(
            terminated(
                tuple((one_of_ascii(b"+-"), digits(2), minutes)),
                not(ascii1(is_digit)),
            ),
            |&(_, h, m)| h <= 23 && m <= 59,
        ),
        |(sign, h, m)| {
            let off = h as i32 * 3600 + m as i32 * 60;
            if sign == '-' {
                -off
            } else {
                off
            }
        },
    )
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
mod combinator_tests;
#[cfg(test)]
mod tests;
