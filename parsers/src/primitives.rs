//! Small shared grammar pieces: PRI, month names, fixed-width digits.

use nom::combinator::{cut, map_opt, peek};
use nom::sequence::{delimited, preceded};

use crate::error::ParseErrorKind;
use crate::grammar::{ascii1_max, at_start, byte, Fault, PResult};

/// `PRI = "<" PRIVAL ">"`, `PRIVAL = 1*3DIGIT` with a value in 0..=191 and no leading zero
/// unless the value is 0 (`<0>` valid, `<002>` invalid per RFC 5424).
#[inline]
pub(crate) fn pri_value(i: &str) -> PResult<'_, u8> {
    delimited(
        byte(b'<'),
        map_opt(ascii1_max(3, |b| b.is_ascii_digit()), prival),
        byte(b'>'),
    )(i)
}

/// PRIVAL digits (1..=3 of them) → the value, refusing a leading zero and values above 191.
fn prival(digits: &str) -> Option<u8> {
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    let value = digits
        .bytes()
        .fold(0u16, |v, c| v * 10 + u16::from(c - b'0'));
    u8::try_from(value).ok().filter(|&v| v <= 191)
}

/// A record's PRI: once a `<` is there the record has committed to having one (`cut`), and a
/// malformed PRI is [`ParseErrorKind::Pri`] at the `<`.
#[inline]
pub(crate) fn header_pri(i: &str) -> PResult<'_, u8> {
    preceded(
        peek(byte(b'<')),
        cut(at_start(ParseErrorKind::Pri, pri_value)),
    )(i)
}

/// `<PRI>` at the start of `input`: 1 to 3 digits, value 0..=191, no leading zero unless the
/// value is 0 (`<0>` valid, `<002>` invalid per RFC 5424). Returns `(prival, bytes consumed)`.
pub fn pri(input: &str) -> Option<(u8, usize)> {
    pri_value(input)
        .ok()
        .map(|(rest, v)| (v, crate::grammar::consumed_len(input, rest)))
}

/// An English month abbreviation, any case (`Jan`, `AUG`, `oct`) → 1..=12.
#[inline]
pub(crate) fn month(i: &str) -> PResult<'_, u8> {
    // A primitive on the first three bytes (`take(3)` on `&str` counts characters first).
    match (i.get(..3).and_then(month_number), i.get(3..)) {
        (Some(m), Some(rest)) => Ok((rest, m)),
        _ => localized_month(i).ok_or(nom::Err::Error(Fault { at: i, kind: None })),
    }
}

/// Month names of the locales syslog daemons write under (`LC_TIME` of the host): French,
/// German, Spanish, Italian, Portuguese, Dutch, in full or abbreviated, any case, with an
/// optional trailing `.` (`août`, `févr.`, `Mär`, `Okt`, `dic`, `mag`).
fn localized_month(i: &str) -> Option<(&str, u8)> {
    const NAMES: [(&str, u8); 52] = [
        ("janv", 1),
        ("janvier", 1),
        ("jän", 1),
        ("januar", 1),
        ("ene", 1),
        ("enero", 1),
        ("gen", 1),
        ("gennaio", 1),
        ("janeiro", 1),
        ("févr", 2),
        ("fév", 2),
        ("février", 2),
        ("februar", 2),
        ("febrero", 2),
        ("fevereiro", 2),
        ("mars", 3),
        ("mär", 3),
        ("märz", 3),
        ("marzo", 3),
        ("maart", 3),
        ("avr", 4),
        ("avril", 4),
        ("abr", 4),
        ("abril", 4),
        ("mai", 5),
        ("mag", 5),
        ("maggio", 5),
        ("mayo", 5),
        ("mei", 5),
        ("juin", 6),
        ("giu", 6),
        ("juni", 6),
        ("junio", 6),
        ("juil", 7),
        ("juillet", 7),
        ("lug", 7),
        ("juli", 7),
        ("julio", 7),
        ("août", 8),
        ("ago", 8),
        ("agosto", 8),
        ("sept", 9),
        ("set", 9),
        ("septembre", 9),
        ("okt", 10),
        ("ott", 10),
        ("out", 10),
        ("déc", 12),
        ("décembre", 12),
        ("dez", 12),
        ("dic", 12),
        ("dezember", 12),
    ];
    let end = i
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(i.len(), |(k, _)| k);
    if end == 0 || end > 20 {
        return None;
    }
    let word = i[..end].to_lowercase();
    let (_, m) = NAMES.iter().find(|(n, _)| *n == word)?;
    let rest = &i[end..];
    Some((rest.strip_prefix('.').unwrap_or(rest), *m))
}

fn month_number(name: &str) -> Option<u8> {
    let m = match name.as_bytes() {
        [c0, c1, c2] => [
            c0.to_ascii_lowercase(),
            c1.to_ascii_lowercase(),
            c2.to_ascii_lowercase(),
        ],
        _ => return None,
    };
    let n = match &m {
        b"jan" => 1,
        b"feb" => 2,
        b"mar" => 3,
        b"apr" => 4,
        b"may" => 5,
        b"jun" => 6,
        b"jul" => 7,
        b"aug" => 8,
        b"sep" => 9,
        b"oct" => 10,
        b"nov" => 11,
        b"dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// English month abbreviation (`Jan`..`Dec`, case-insensitive) at the start of `input` → 1..=12.
pub fn month_abbrev(input: &str) -> Option<u8> {
    month(input).ok().map(|(_, m)| m)
}

/// `n*n DIGIT` as a number (`n` ≤ 9): the fixed-width fields of dates and times.
///
/// A primitive parser like nom's own `digit1`, reading bytes: `take(n)` on `&str` counts
/// characters first, which made timestamps three times slower.
#[inline]
pub(crate) fn digits<'a>(n: usize) -> impl Fn(&'a str) -> PResult<'a, u32> {
    move |i: &'a str| match (fixed_digits(i.as_bytes(), 0, n), i.get(n..)) {
        (Some(v), Some(rest)) => Ok((rest, v)),
        _ => Err(nom::Err::Error(Fault { at: i, kind: None })),
    }
}

/// Exactly `n` ASCII digits at `b[i..i + n]` as a number (`n` ≤ 9). `None` when any is missing
/// or not a digit.
#[inline]
pub(crate) fn fixed_digits(b: &[u8], i: usize, n: usize) -> Option<u32> {
    let end = i.checked_add(n)?;
    let digits = b.get(i..end)?;
    let mut v: u32 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// Length of the run of bytes equal to `c` starting at `b[i..]`.
#[inline]
pub(crate) fn run_of(b: &[u8], i: usize, c: u8) -> usize {
    b.get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&x| x == c).count())
}

/// Syslog severity (0..=7) of a PRI value.
pub fn severity_of(pri: u8) -> u8 {
    pri & 7
}

/// Syslog facility (0..=23) of a PRI value.
pub fn facility_of(pri: u8) -> u8 {
    pri >> 3
}

#[cfg(test)]
mod combinator_tests;
#[cfg(test)]
mod tests;
