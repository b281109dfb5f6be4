//! Java `SimpleDateFormat` patterns, the subset LEEF producers put in `devTimeFormat`.
//!
//! Pattern letters read: `y` (year; `yy` is 1970..=2069), `M` (month: `M`/`MM` a number, `MMM`
//! and longer an English name or abbreviation), `d` (day), `H` (hour 0-23), `k` (hour 1-24),
//! `h` (hour 1-12) and `K` (hour 0-11) with `a` (AM/PM), `m`, `s`, `S` (fraction of the second:
//! the digits written, so `SSS` is milliseconds and `SSSSSS` microseconds), `E` (day name,
//! skipped), `Z` (`+0200`, `-05:00`, `Z`), `X` (ISO 8601: `Z`, `+02`, `+0200`, `+02:00`), `z`
//! (a zone abbreviation known to [`zone_abbreviation`], or `GMT`/`UTC` with an optional
//! offset). Text in single quotes is literal (`'T'`, `''` is a quote); every other character
//! that is not a letter is literal, a space matching one or more spaces. Any other letter makes
//! the pattern unsupported.
//!
//! As in Java, the number of letters of a numeric field does not limit its digits unless the
//! next pattern item is also numeric (`yyyyMMdd`), where it is the exact width.

use crate::primitives::month_abbrev;
use crate::timestamp::{zone_abbreviation, CivilTime};

/// One item of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item<'p> {
    /// A pattern letter and how many times it was repeated.
    Field(u8, usize),
    /// Literal text (quotes removed; `''` inside or outside quotes is one quote).
    Literal(&'p str),
    /// A single quote written as `''`.
    Quote,
}

/// Reads `value` with the Java `SimpleDateFormat` `pattern` (the subset above). The whole value
/// must be read (trailing spaces aside). `None` for a pattern outside the subset, a value that
/// does not fit it, or a time that does not exist (month 13, February 30, hour 24...).
pub fn parse_java_time(value: &str, pattern: &str) -> Option<CivilTime> {
    let items = tokenize(pattern)?;
    let mut p = Parsed::default();
    let mut rest = value;
    for (n, item) in items.iter().enumerate() {
        let next_numeric = matches!(
            items.get(n + 1),
            Some(Item::Field(c, count)) if is_numeric(*c, *count)
        );
        rest = match *item {
            Item::Literal(lit) => literal(rest, lit)?,
            Item::Quote => rest.strip_prefix('\'')?,
            Item::Field(c, count) => field(rest, c, count, next_numeric, &mut p)?,
        };
    }
    if !rest.trim_end_matches(' ').is_empty() {
        return None;
    }
    p.finish()
}

/// The fields read so far.
#[derive(Debug, Default)]
struct Parsed {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    hour: Option<u8>,
    /// `h`/`K` hours wait for `a`.
    hour12: Option<(u8, bool)>,
    pm: Option<bool>,
    minute: u8,
    second: u8,
    nanos: u32,
    offset_s: Option<i32>,
}

impl Parsed {
    fn finish(self) -> Option<CivilTime> {
        let hour = match (self.hour, self.hour12) {
            (Some(h), _) => h,
            (None, Some((h, one_based))) => {
                let h = if one_based { h % 12 } else { h };
                if self.pm == Some(true) {
                    h + 12
                } else {
                    h
                }
            }
            (None, None) => 0,
        };
        let t = CivilTime {
            year: self.year,
            month: self.month?,
            day: self.day?,
            hour,
            minute: self.minute,
            second: self.second,
            nanos: self.nanos,
            offset_s: self.offset_s,
        };
        valid(&t).then_some(t)
    }
}

/// Splits a pattern into items; `None` for an unterminated quote or a letter outside the subset.
fn tokenize(pattern: &str) -> Option<Vec<Item<'_>>> {
    let b = pattern.as_bytes();
    let mut items = Vec::new();
    let mut k = 0;
    while let Some(&c) = b.get(k) {
        if c == b'\'' {
            if b.get(k + 1) == Some(&b'\'') {
                items.push(Item::Quote);
                k += 2;
                continue;
            }
            // Quoted text up to the closing quote (`''` inside is a quote).
            let mut j = k + 1;
            loop {
                match b.get(j) {
                    None => return None,
                    Some(b'\'') if b.get(j + 1) == Some(&b'\'') => {
                        if j > k + 1 {
                            items.push(Item::Literal(pattern.get(k + 1..j)?));
                        }
                        items.push(Item::Quote);
                        k = j + 1;
                        j = k + 1;
                    }
                    Some(b'\'') => {
                        if j > k + 1 {
                            items.push(Item::Literal(pattern.get(k + 1..j)?));
                        }
                        k = j + 1;
                        break;
                    }
                    Some(_) => j += 1,
                }
            }
        } else if c.is_ascii_alphabetic() {
            if !b"yMdHkhKmsSEaZXz".contains(&c) {
                return None;
            }
            let count = b.get(k..)?.iter().take_while(|&&x| x == c).count();
            items.push(Item::Field(c, count));
            k += count;
        } else {
            // A run of literal characters (anything but letters and quotes).
            let len = b
                .get(k..)?
                .iter()
                .take_while(|&&x| !x.is_ascii_alphabetic() && x != b'\'')
                .count();
            items.push(Item::Literal(pattern.get(k..k + len)?));
            k += len;
        }
    }
    Some(items)
}

/// Whether a field is read as digits.
fn is_numeric(c: u8, count: usize) -> bool {
    match c {
        b'M' => count <= 2,
        b'y' | b'd' | b'H' | b'k' | b'h' | b'K' | b'm' | b's' | b'S' => true,
        _ => false,
    }
}

/// Matches literal pattern text; a space in it matches one or more spaces of the value.
fn literal<'v>(value: &'v str, lit: &str) -> Option<&'v str> {
    let mut rest = value;
    for c in lit.chars() {
        if c == ' ' {
            let trimmed = rest.trim_start_matches(' ');
            if trimmed.len() == rest.len() {
                return None;
            }
            rest = trimmed;
        } else {
            rest = rest.strip_prefix(c)?;
        }
    }
    Some(rest)
}

/// Leading ASCII digits: exactly `width` of them when `exact`, else 1..=`max`.
fn number(value: &str, width: usize, max: usize, exact: bool) -> Option<(&str, &str)> {
    let run = value.bytes().take_while(u8::is_ascii_digit).count();
    let n = if exact { width } else { run.min(max) };
    if n == 0 || run < n {
        return None;
    }
    Some((value.get(..n)?, value.get(n..)?))
}

fn small(digits: &str) -> Option<u32> {
    digits.parse::<u32>().ok()
}

/// Reads one field into `p`.
fn field<'v>(
    value: &'v str,
    c: u8,
    count: usize,
    next_numeric: bool,
    p: &mut Parsed,
) -> Option<&'v str> {
    let two = |v: &'v str| number(v, count.max(1), 2, next_numeric);
    match c {
        b'y' => {
            let (digits, rest) = if count == 2 {
                number(value, 2, 2, true)?
            } else {
                number(value, count.max(4), 4, next_numeric)?
            };
            let y = i32::try_from(small(digits)?).ok()?;
            p.year = Some(if count == 2 && digits.len() == 2 {
                if y < 70 {
                    2000 + y
                } else {
                    1900 + y
                }
            } else {
                y
            });
            Some(rest)
        }
        b'M' if count >= 3 => {
            let m = month_abbrev(value)?;
            // The full name (`September`) or the abbreviation (`Sep`, also `Sept`).
            let letters = value.bytes().take_while(u8::is_ascii_alphabetic).count();
            let name = value.get(..letters)?;
            if letters > 3 && !full_month_name(m).starts_with(&name.to_ascii_lowercase()) {
                return None;
            }
            p.month = Some(m);
            value.get(letters..)
        }
        b'E' => {
            let letters = value.bytes().take_while(u8::is_ascii_alphabetic).count();
            (letters >= 2).then(|| value.get(letters..)).flatten()
        }
        b'a' => {
            let am_pm = value.get(..2)?.to_ascii_uppercase();
            p.pm = Some(match am_pm.as_str() {
                "AM" => false,
                "PM" => true,
                _ => return None,
            });
            value.get(2..)
        }
        b'S' => {
            let (digits, rest) = number(value, count, 9, next_numeric)?;
            let mut nanos: u32 = 0;
            for k in 0..9 {
                let d = digits.as_bytes().get(k).map_or(0, |b| u32::from(b - b'0'));
                nanos = nanos * 10 + d;
            }
            p.nanos = nanos;
            Some(rest)
        }
        b'Z' | b'X' => {
            let (off, rest) = numeric_zone(value, c == b'X' || count >= 1)?;
            p.offset_s = Some(off);
            Some(rest)
        }
        b'z' => {
            let (off, rest) = named_zone(value)?;
            p.offset_s = Some(off);
            Some(rest)
        }
        _ => {
            let (digits, rest) = two(value)?;
            let v = u8::try_from(small(digits)?).ok()?;
            match c {
                b'M' => p.month = Some(v),
                b'd' => p.day = Some(v),
                b'H' => p.hour = Some(v),
                b'k' => p.hour = Some(if v == 24 { 0 } else { v }),
                b'h' => p.hour12 = Some((v, true)),
                b'K' => p.hour12 = Some((v, false)),
                b'm' => p.minute = v,
                b's' => p.second = v,
                _ => return None,
            }
            if matches!(c, b'k' | b'h') && v == 0 {
                return None;
            }
            if matches!(c, b'h' | b'K') && v > 12 {
                return None;
            }
            Some(rest)
        }
    }
}

fn full_month_name(m: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    NAMES
        .get(usize::from(m).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// `Z`, or `+hh`, `+hhmm`, `+hh:mm` (also `-`): seconds east of UTC and the rest.
fn numeric_zone(value: &str, allow_z: bool) -> Option<(i32, &str)> {
    if allow_z {
        if let Some(rest) = value.strip_prefix('Z') {
            return Some((0, rest));
        }
    }
    let sign = match value.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = value.get(1..)?;
    let (h, rest) = number(rest, 2, 2, true)?;
    let (m, rest) = if let Some(r) = rest.strip_prefix(':') {
        number(r, 2, 2, true)?
    } else if rest.bytes().take_while(u8::is_ascii_digit).count() >= 2 {
        number(rest, 2, 2, true)?
    } else {
        ("0", rest)
    };
    let (h, m) = (small(h)?, small(m)?);
    if h > 23 || m > 59 || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((sign * (h as i32 * 3600 + m as i32 * 60), rest))
}

/// A zone name (`CEST`, `UTC`) or `GMT`/`UTC` followed by a numeric offset (`GMT+02:00`), or a
/// bare numeric offset: seconds east of UTC and the rest.
fn named_zone(value: &str) -> Option<(i32, &str)> {
    let letters = value.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 {
        return numeric_zone(value, true);
    }
    let name = value.get(..letters)?;
    let rest = value.get(letters..)?;
    if name.eq_ignore_ascii_case("GMT") || name.eq_ignore_ascii_case("UTC") {
        if let Some(with_offset) = numeric_zone(rest, false) {
            return Some(with_offset);
        }
    }
    Some((zone_abbreviation(name)?, rest))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Range checks: month, day within the month (February 29 needs a leap year when the year is
/// known), hour, minute, second (60 kept as a leap second).
fn valid(t: &CivilTime) -> bool {
    let days = match t.month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match t.year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    };
    t.day >= 1 && t.day <= days && t.hour <= 23 && t.minute <= 59 && t.second <= 60
}
