//! IBM QRadar's Log Event Extended Format (LEEF) 1.0 and 2.0, bare or behind a syslog header.
//!
//! ```text
//! [syslog header SP] LEEF:1.0|Vendor|Product|Version|EventID|<attributes separated by TAB>
//! [syslog header SP] LEEF:2.0|Vendor|Product|Version|EventID|Delimiter|<attributes separated by Delimiter>
//! ```
//!
//! Attributes are `key=value`; values may be empty (`usrName=`) and are kept as written (LEEF
//! defines no escaping in them). The LEEF 2.0 delimiter field is one character (`^`), or its
//! code in hex (`x09`, `0x09`, `\x09`); an empty field means TAB.
//!
//! What real producers write beyond the specification, and how it is read:
//! * PAN-OS sends LEEF 1.0 with `|` between the attributes instead of TAB. When a 1.0 record's
//!   attributes are not TAB-separated, the separator is the first of `|` and `^` that stands
//!   right before a `key=` ([`DelimiterSource::Detected`]). The same detection applies to a 2.0
//!   record without a usable delimiter field (the field after EventID holds `key=value`).
//! * A piece between two delimiters that is not `key=value` (a value that contained the
//!   delimiter) continues the value before it; text before the first key is kept under the key
//!   `""`. Empty pieces (doubled or trailing delimiters) are skipped.
//! * A record that ends after EventID without the closing `|` has no attributes.
//! * Header fields unescape `\|` and `\\` (as CEF headers do); other backslashes stay.
//!
//! The header is a nom grammar (`leef_header`, `delimiter_field`). The signature search (a
//! `memmem` through whatever syslog header precedes it) and the attribute loop (a `memmem`
//! scan for the delimiter) are hand-written, as in [`crate::cef`].
//!
//! `devTime` is read by [`parse_dev_time`]: with `devTimeFormat` (a Java `SimpleDateFormat`
//! pattern, see [`parse_java_time`]) or in QRadar's default forms.

use std::borrow::Cow;

use memchr::{memchr_iter, memmem};
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, digit0, digit1, space0};
use nom::combinator::{eof, map_opt, opt, recognize};
use nom::sequence::{pair, preceded, terminated, tuple};
use nom::IResult;

use crate::error::{ParseError, ParseErrorKind};
use crate::timestamp::{parse_cef_time, TimeValue};

mod java_time;
pub use java_time::parse_java_time;

#[cfg(test)]
mod tests;

/// The syslog header found in front of `LEEF:`, if any.
pub type LeefEnvelope<'a> = crate::syslog::SyslogEnvelope<'a>;

/// Where a record's attribute delimiter came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelimiterSource {
    /// TAB: LEEF 1.0's separator, or LEEF 2.0's empty delimiter field (and the attributes did
    /// not show another separator, or there were too few to tell).
    Default,
    /// The LEEF 2.0 delimiter field.
    Declared,
    /// Found in the attributes, the delimiter being neither declared nor TAB (PAN-OS `|`).
    Detected,
}

/// One LEEF record. Text borrows from the input (header fields only copy when they had escapes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leef<'a> {
    /// Present when the record had a syslog header before `LEEF:`.
    pub envelope: Option<LeefEnvelope<'a>>,
    /// The version as written (`1.0`, `2.0`, `2`).
    pub version: &'a str,
    /// The major version number (`1`, `2`).
    pub major: u8,
    pub vendor: Cow<'a, str>,
    pub product: Cow<'a, str>,
    pub product_version: Cow<'a, str>,
    pub event_id: Cow<'a, str>,
    /// The LEEF 2.0 delimiter field as written (`^`, `x09`, empty), when the record has one.
    pub delimiter_field: Option<&'a str>,
    /// The character between attributes.
    pub delimiter: char,
    pub delimiter_source: DelimiterSource,
    /// Attribute pairs in record order, values as written.
    pub attributes: Vec<(&'a str, &'a str)>,
    /// Byte offset of `LEEF:` within the input.
    pub leef_offset: usize,
    /// Byte offset of the attributes within the input (the input's length when there are none).
    pub attributes_offset: usize,
}

impl<'a> Leef<'a> {
    /// The first value of attribute `key` (exact, case-sensitive).
    pub fn attr(&self, key: &str) -> Option<&'a str> {
        self.attributes
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, v)| v)
    }
}

/// Parses a LEEF record, bare (`LEEF:1.0|...`) or behind an RFC 3164 / RFC 5424 header.
///
/// The signature is the first `LEEF:` followed by a digit that starts the record or follows a
/// space, tab, `>` (a bare `<PRI>`), `:` or a UTF-8 BOM. Whatever precedes it is read as a
/// syslog header; a prefix that is not one does not fail the record (the envelope then only
/// has the PRI, if the prefix starts with one).
///
/// Errors: [`ParseErrorKind::Empty`] for an empty record, [`ParseErrorKind::Signature`] when
/// there is no `LEEF:<digit>`, [`ParseErrorKind::LeefHeader`] when the version is malformed or
/// the record ends before EventID (offset: where the header grammar stopped).
pub fn parse_leef(input: &str) -> Result<Leef<'_>, ParseError> {
    if input.is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, 0));
    }
    let leef_offset =
        find_signature(input.as_bytes()).ok_or(ParseError::new(ParseErrorKind::Signature, 0))?;
    let from_signature = input.get(leef_offset..).unwrap_or_default();
    let (rest, (version, [vendor, product, product_version, event_id])) =
        leef_header(from_signature).map_err(|e| {
            let at = match e {
                nom::Err::Error(e) | nom::Err::Failure(e) => e.input.len(),
                nom::Err::Incomplete(_) => 0,
            };
            ParseError::new(ParseErrorKind::LeefHeader, input.len().saturating_sub(at))
        })?;
    let major = major_of(version)
        .ok_or_else(|| ParseError::new(ParseErrorKind::LeefHeader, leef_offset + 5))?;

    // LEEF 2.0: the delimiter field, unless what follows EventID is already an attribute.
    let (rest, delimiter_field, declared) = match major {
        2.. => match delimiter_field(rest) {
            Ok((after, (field, c))) => (after, Some(field), Some(c)),
            Err(_) => (rest, None, None),
        },
        _ => (rest, None, None),
    };
    let attributes_offset = input.len() - rest.len();
    let (delimiter, delimiter_source) = match (declared, delimiter_field) {
        (Some(c), Some("")) => (c, DelimiterSource::Default),
        (Some(c), _) => (c, DelimiterSource::Declared),
        (None, _) => match detect_delimiter(rest) {
            Some(c) if c != '\t' => (c, DelimiterSource::Detected),
            _ => ('\t', DelimiterSource::Default),
        },
    };
    let attributes = split_attributes(input, attributes_offset, delimiter);

    Ok(Leef {
        envelope: envelope(input, leef_offset),
        version,
        major,
        vendor: unescape_header(vendor),
        product: unescape_header(product),
        product_version: unescape_header(product_version),
        event_id: unescape_header(event_id),
        delimiter_field,
        delimiter,
        delimiter_source,
        attributes,
        leef_offset,
        attributes_offset,
    })
}

/// A record's `devTime` value as a time: with `format` (its `devTimeFormat`, a Java
/// `SimpleDateFormat` pattern; see [`parse_java_time`]) when given and it fits, else in QRadar's
/// default forms: epoch milliseconds (`1694066533000`; other magnitudes by
/// [`crate::timestamp::parse_epoch`]'s rule), `MMM dd yyyy HH:mm:ss[.SSS][ zzz]`
/// (`Sep 17 2025 11:45:34 GMT`) or ISO 8601 (through [`parse_cef_time`]). `None` when neither
/// reads it.
pub fn parse_dev_time(value: &str, format: Option<&str>) -> Option<TimeValue> {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if value.is_empty() {
        return None;
    }
    let pattern = format
        .map(|f| f.trim_matches(|c: char| c.is_ascii_whitespace()))
        .filter(|f| !f.is_empty());
    pattern
        .and_then(|p| parse_java_time(value, p))
        .map(TimeValue::Civil)
        .or_else(|| parse_cef_time(value))
}

type Res<'a, O> = IResult<&'a str, O>;

const SIGNATURE: &[u8] = b"LEEF:";
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Offset of the first `LEEF:` followed by a digit that starts the record or follows a
/// separator (a search, as in CEF: a grammar would do the same search, then the checks again).
fn find_signature(bytes: &[u8]) -> Option<usize> {
    memmem::find_iter(bytes, SIGNATURE).find(|&p| {
        let boundary = p == 0
            || matches!(bytes.get(p - 1), Some(b' ' | b'\t' | b'>' | b':'))
            || (p >= BOM.len() && bytes.get(p - BOM.len()..p) == Some(BOM));
        boundary
            && bytes
                .get(p + SIGNATURE.len())
                .is_some_and(|b| b.is_ascii_digit())
    })
}

/// `"LEEF:" Version "|" Vendor "|" Product "|" Version "|" EventID ("|" / end)`: the version as
/// written and the four raw (still escaped) header fields.
fn leef_header(i: &str) -> Res<'_, (&str, [&str; 4])> {
    let (i, (version, vendor, product, product_version, event_id)) = preceded(
        tag("LEEF:"),
        tuple((version, header_field, header_field, header_field, event_id)),
    )(i)?;
    Ok((i, (version, [vendor, product, product_version, event_id])))
}

/// `1*DIGIT ["." *DIGIT] *SP "|"`: the version as written (without the spaces).
fn version(i: &str) -> Res<'_, &str> {
    terminated(
        recognize(pair(digit1, opt(pair(char('.'), digit0)))),
        pair(space0, char('|')),
    )(i)
}

/// The major number of a version (`2.0` → 2); `None` above 255.
fn major_of(version: &str) -> Option<u8> {
    let digits = version.split('.').next()?;
    digits.parse::<u8>().ok()
}

/// A header field and the `|` that ends it.
fn header_field(i: &str) -> Res<'_, &str> {
    terminated(raw_field, char('|'))(i)
}

/// EventID: ended by `|`, or by the end of the record (no attributes).
fn event_id(i: &str) -> Res<'_, &str> {
    terminated(raw_field, alt((tag("|"), eof)))(i)
}

/// Everything up to the first `|` that is not escaped by a backslash (`\|`, `\\`), or to the
/// end. A leaf of the grammar, written by hand like nom's `take_till`; never fails.
fn raw_field(i: &str) -> Res<'_, &str> {
    let b = i.as_bytes();
    let mut k = 0;
    while let Some(&c) = b.get(k) {
        match c {
            b'|' => break,
            // The escaped byte is skipped; only an ASCII `|` or `\` matters after it, so the cut
            // below is always at a `|` or at the end (both character boundaries).
            b'\\' => k += 2,
            _ => k += 1,
        }
    }
    let k = k.min(b.len());
    match (i.get(..k), i.get(k..)) {
        (Some(field), Some(rest)) => Ok((rest, field)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TakeTill1,
        ))),
    }
}

/// The LEEF 2.0 delimiter field and its `|`: the field as written and the character it names.
/// Fails (and the attributes start right after EventID) when the field is not a delimiter.
fn delimiter_field(i: &str) -> Res<'_, (&str, char)> {
    map_opt(terminated(raw_field, char('|')), |f: &str| {
        delimiter_spec(f).map(|c| (f, c))
    })(i)
}

/// `""` → TAB; one character → itself; `x09` / `0x09` / `\x09` (1 to 4 hex digits, any case)
/// → that code; `\t` → TAB. Anything else is not a delimiter.
fn delimiter_spec(field: &str) -> Option<char> {
    if field.is_empty() || field == "\\t" {
        return Some('\t');
    }
    let mut chars = field.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c);
    }
    let hex = field
        .strip_prefix("0x")
        .or_else(|| field.strip_prefix("0X"))
        .or_else(|| field.strip_prefix("\\x"))
        .or_else(|| field.strip_prefix('x'))
        .or_else(|| field.strip_prefix('X'))?;
    if hex.is_empty() || hex.len() > 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

/// The separator of attributes that did not declare one: TAB when a TAB stands right before a
/// `key=`, else the first of `|` and `^` that does; `None` when nothing does (at most one
/// attribute).
fn detect_delimiter(attrs: &str) -> Option<char> {
    [b'\t', b'|', b'^']
        .into_iter()
        .find(|&d| {
            memchr_iter(d, attrs.as_bytes())
                .any(|p| starts_with_key(attrs.get(p + 1..).unwrap_or_default()))
        })
        .map(char::from)
}

/// `[A-Za-z0-9_.\-\[\]]`: the bytes an attribute key is made of.
fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'[' | b']')
}

/// Whether `s` starts with `key=` (spaces before the key allowed).
fn starts_with_key(s: &str) -> bool {
    key_of(s).is_some()
}

/// The key of a `key=value` piece and the offset of its value; `None` when the piece is not
/// one (no `=`, or something other than key bytes before it). Spaces around the key are
/// allowed and not part of it.
fn key_of(piece: &str) -> Option<(&str, usize)> {
    let eq = piece.find('=')?;
    let key = piece.get(..eq)?.trim_matches(' ');
    (!key.is_empty() && key.bytes().all(is_key_byte)).then_some((key, eq + 1))
}

/// The attribute pairs of `input[start..]`, separated by `delimiter`.
///
/// Hand-written: a `memmem` scan for the delimiter, each piece split at its first `=`. A piece
/// that is not `key=value` continues the value before it (the value contained the delimiter),
/// so values stay borrowed slices of the record.
fn split_attributes(input: &str, start: usize, delimiter: char) -> Vec<(&str, &str)> {
    let Some(text) = input.get(start..) else {
        return Vec::new();
    };
    if text.is_empty() {
        return Vec::new();
    }
    let mut buf = [0u8; 4];
    let needle = delimiter.encode_utf8(&mut buf).as_bytes();
    let finder = memmem::Finder::new(needle);
    // (key, value start, value end), offsets into `input`.
    let mut pairs: Vec<(&str, usize, usize)> =
        Vec::with_capacity(finder.find_iter(text.as_bytes()).count() + 1);
    let mut pos = start;
    loop {
        let end = input
            .get(pos..)
            .and_then(|rest| finder.find(rest.as_bytes()))
            .map_or(input.len(), |k| pos + k);
        let piece = input.get(pos..end).unwrap_or_default();
        match key_of(piece) {
            Some((key, value_at)) => pairs.push((key, pos + value_at, end)),
            None if piece.is_empty() => {}
            None => match pairs.last_mut() {
                Some(last) => last.2 = end,
                None => pairs.push(("", pos, end)),
            },
        }
        if end >= input.len() {
            break;
        }
        pos = end + needle.len();
    }
    pairs
        .into_iter()
        .map(|(k, a, b)| (k, input.get(a..b).unwrap_or_default()))
        .collect()
}

/// `\|` → `|`, `\\` → `\`; other backslashes stay. Borrows unless something was replaced.
fn unescape_header(raw: &str) -> Cow<'_, str> {
    let b = raw.as_bytes();
    let escaped = |p: usize| matches!(b.get(p + 1), Some(b'|' | b'\\'));
    if !memchr_iter(b'\\', b).any(escaped) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next @ ('|' | '\\')) = chars.peek() {
                out.push(next);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// The syslog header in front of `LEEF:` (`input[..leef_offset]`), if there is anything there.
fn envelope(input: &str, leef_offset: usize) -> Option<LeefEnvelope<'_>> {
    crate::syslog::parse_envelope(input, leef_offset)
}
