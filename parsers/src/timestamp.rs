//! Timestamp grammars: every textual and numeric time form the formats use.
//!
//! Nothing here resolves a missing year or zone; the engine does that with `--year`/`--tz` and
//! the contract's inference rule. Functions return `None` for anything that is not a valid time
//! (month 13, day 32, hour 24, minute 60, ...). No function panics on any input.

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
    Unix { secs: i64, nanos: u32 },
}

/// `Mmm dd hh:mm:ss` as in RFC 3164 (day space-padded `Oct  9`, or unpadded `Nov 9`, or
/// zero-padded `Nov 09`; month case-insensitive `AUG`), optionally followed by a year
/// (`Apr 15 2013 09:36:50` — the year may come before the time, as Cisco ASA writes it) and an
/// optional fraction `.123`. Returns the time and the number of bytes consumed (the caller
/// continues parsing after it). Does not consume a trailing zone name or colon.
pub fn parse_bsd_prefix(input: &str) -> Option<(CivilTime, usize)> {
    let _ = input;
    todo!()
}

/// RFC 3339 / ISO 8601 date-time at the start of `input`, as used by RFC 5424, ECS, Defender:
/// `2003-10-11T22:14:15.003Z`, `2003-08-24T05:14:15.000003-07:00`, 7- and 9-digit fractions,
/// lower-case `t`/`z`, a space instead of `T` (`2023-08-16 04:53:48.446`, zone-less → offset
/// `None`), offsets without colon (`+0100`, Suricata) and ` UTC`/` GMT` suffixes (Splunk).
/// Returns the time and the number of bytes consumed.
pub fn parse_iso8601_prefix(input: &str) -> Option<(CivilTime, usize)> {
    let _ = input;
    todo!()
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
    let _ = input;
    todo!()
}

/// An epoch number as text: integer or decimal (`1625677521162`, `"1686839378"`,
/// `1625677521.137`, `1588205199.82437`). Integers are classified by magnitude: > 1e17 ns,
/// > 1e14 µs, > 1e11 ms, else seconds. Decimals are seconds with a fraction. Never goes through
/// `f64`. Negative numbers and anything non-numeric give `None`.
pub fn parse_epoch(input: &str) -> Option<TimeValue> {
    let _ = input;
    todo!()
}

/// CEF time fields (`rt`, `start`, `end`, `deviceCustomDate1`, ...): epoch milliseconds
/// (`1694066533000`), or `MMM dd[ yyyy] HH:mm:ss[.SSS][ zzz]` (`Sep 07 2018 14:50:39`,
/// `Sep 08 2023 17:49:08.123 UTC`), or ISO 8601. Zone names map through [`zone_abbreviation`];
/// an unknown zone name gives `None` for the whole value.
pub fn parse_cef_time(input: &str) -> Option<TimeValue> {
    let _ = input;
    todo!()
}

/// Offset east of UTC in seconds for the zone abbreviations that are unambiguous enough to use:
/// `UTC`, `GMT`, `Z`, `UT` → 0; US `EST EDT CST CDT MST MDT PST PDT AKST AKDT HST`; `CET CEST`,
/// `EET EEST`, `WET WEST`, `BST` (British Summer Time), `IST` (India, +5:30), `JST`, `KST`,
/// `AEST AEDT`. Case-insensitive. Anything else: `None`.
pub fn zone_abbreviation(name: &str) -> Option<i32> {
    let _ = name;
    todo!()
}
