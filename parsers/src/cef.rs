//! ArcSight Common Event Format, bare or behind a syslog header.
//!
//! `[syslog header SP] CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|[Extension]`
//!
//! Header fields unescape `\|` and `\\`. Extension values end where the next ` key=` begins;
//! they unescape `\=`, `\\`, `\n`, `\r` (a lone trailing backslash and other unknown escapes are
//! kept literally), tolerate unescaped `=` inside values (URLs), trailing and doubled spaces, and
//! surrounding double quotes (stripped). Text in the extension that is not `key=value` at all is
//! kept under the key `""` rather than failing the record.
//!
//! The header is a nom grammar (`cef_header`). Two parts stay hand-written, for throughput:
//! finding the signature is a substring search (`memmem`), not a grammar; and the Extension is
//! read by a `memchr` scan over the `=` signs (see `parse_extension`).

use std::borrow::Cow;

use memchr::{memchr, memchr_iter, memmem};
use nom::bytes::complete::{escaped, tag};
use nom::character::complete::anychar;
use nom::combinator::{cut, map_res, opt, recognize};
use nom::sequence::{pair, preceded, terminated, tuple};

use crate::error::{ParseError, ParseErrorKind};
use crate::grammar::{
    ascii0, ascii1, at_start, byte, consumed_len, expect, fail, finish, sp0, till1, PResult,
};

#[cfg(test)]
mod combinator_tests;
#[cfg(test)]
mod tests;

/// The syslog header found in front of `CEF:`, if any.
pub type CefEnvelope<'a> = crate::syslog::SyslogEnvelope<'a>;

/// One CEF record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cef<'a> {
    /// Present when the record had a syslog header before `CEF:`.
    pub envelope: Option<CefEnvelope<'a>>,
    /// `0` or `1` (the digits after `CEF:`; `1.x` keeps the major number).
    pub version: u8,
    pub device_vendor: Cow<'a, str>,
    pub device_product: Cow<'a, str>,
    pub device_version: Cow<'a, str>,
    pub signature_id: Cow<'a, str>,
    pub name: Cow<'a, str>,
    /// As written: `0`..`10`, `Low`, `Very-High`, `Unknown`, or empty.
    pub severity: Cow<'a, str>,
    /// Extension pairs in record order, values unescaped.
    pub extensions: Vec<(&'a str, Cow<'a, str>)>,
    /// Byte offset of `CEF:` within the input.
    pub cef_offset: usize,
}

impl<'a> Cef<'a> {
    /// The first value of extension `key` (exact, case-sensitive).
    pub fn ext(&self, key: &str) -> Option<&str> {
        self.extensions
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_ref())
    }
}

/// Parses a CEF record, bare (`CEF:0|...`) or behind an RFC 3164 / RFC 5424 header.
///
/// The signature is the first `CEF:` followed by a digit that starts the record or follows a
/// space, tab, `>` (a bare `<PRI>`), `:` or a UTF-8 BOM. Whatever precedes it is read as a syslog
/// header; a prefix that is not one (`Syslogdate Sysloghost CEF:0|...`) does not fail the record:
/// the envelope then only has the PRI, if the prefix starts with one.
///
/// Header fields are kept as written (not trimmed) except that `\|` / `\\` are unescaped and a
/// field wrapped in double quotes loses them (as VRL's `parse_cef` does). Field values borrow
/// from `input` unless an escape had to be replaced.
///
/// Errors: [`ParseErrorKind::Empty`] for an empty record, [`ParseErrorKind::Signature`] when there
/// is no `CEF:<digit>`, [`ParseErrorKind::CefHeader`] when the version is malformed or the record
/// ends before the `|` that closes the Severity field (offset: where the scan stopped).
pub fn parse_cef(input: &str) -> Result<Cef<'_>, ParseError> {
    if input.is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, 0));
    }
    let bytes = input.as_bytes();
    let cef_offset = find_signature(bytes).ok_or(ParseError::new(ParseErrorKind::Signature, 0))?;
    let from_signature = input.get(cef_offset..).unwrap_or_default();
    let header = cef_header(from_signature).map(|(rest, h)| (rest, (consumed_len(input, rest), h)));
    let (ext_offset, (version, [vendor, product, dev_version, signature_id, name, severity])) =
        finish(input, ParseErrorKind::CefHeader, header)?;

    let extensions = parse_extension(input, ext_offset);
    let envelope = envelope(input, cef_offset);

    Ok(Cef {
        envelope,
        version,
        device_vendor: unescape(strip_quotes(vendor), header_escape),
        device_product: unescape(strip_quotes(product), header_escape),
        device_version: unescape(strip_quotes(dev_version), header_escape),
        signature_id: unescape(strip_quotes(signature_id), header_escape),
        name: unescape(strip_quotes(name), header_escape),
        severity: unescape(strip_quotes(severity), header_escape),
        extensions,
        cef_offset,
    })
}

/// The numeric CEF severity on the 0..=10 scale: digits as written, `Low` 3, `Medium` 6,
/// `High` 8, `Very-High` 10 (case-insensitive); `Unknown`, empty or anything else: `None`.
pub fn severity_score(severity: &str) -> Option<u8> {
    let s = severity.trim_matches(|c: char| c == ' ' || c == '\t');
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        let mut value: u32 = 0;
        for b in s.bytes() {
            value = value * 10 + u32::from(b - b'0');
            if value > 10 {
                return None;
            }
        }
        return u8::try_from(value).ok();
    }
    const WORDS: [(&str, u8); 4] = [("low", 3), ("medium", 6), ("high", 8), ("very-high", 10)];
    WORDS
        .iter()
        .find(|(word, _)| s.eq_ignore_ascii_case(word))
        .map(|&(_, score)| score)
}

const SIGNATURE: &[u8] = b"CEF:";
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Offset of the first `CEF:` that is followed by a digit and starts the record or follows a
/// separator. A search through whatever syslog header precedes it, so `memmem` rather than a
/// grammar (nom's `take_until` would do the same search, then the boundary checks again).
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

/// The CEF header after the signature search found `CEF:<digit>`:
/// `"CEF:" Version "|" Device-Vendor "|" Device-Product "|" Device-Version "|" Signature-ID "|"
/// Name "|" Severity "|"`. The raw fields (still escaped) are returned; the Extension follows.
#[inline]
fn cef_header(i: &str) -> PResult<'_, (u8, [&str; 6])> {
    let (i, (version, vendor, product, dev_version, signature_id, name, severity)) = preceded(
        tag("CEF:"),
        cut(tuple((
            cef_version,
            cef_header_field,
            cef_header_field,
            cef_header_field,
            cef_header_field,
            cef_header_field,
            cef_header_field,
        ))),
    )(i)?;
    Ok((
        i,
        (
            version,
            [vendor, product, dev_version, signature_id, name, severity],
        ),
    ))
}

/// `Version = 1*DIGIT ["." *DIGIT] *SP "|"`: the major number (`1.2` keeps `1`), 0..=255.
#[inline]
fn cef_version(i: &str) -> PResult<'_, u8> {
    use ParseErrorKind::CefHeader;
    terminated(
        at_start(CefHeader, map_res(ascii1(is_digit), str::parse::<u8>)),
        tuple((
            opt(pair(byte(b'.'), ascii0(is_digit))),
            sp0,
            expect(CefHeader, byte(b'|')),
        )),
    )(i)
}

/// One header field up to the next unescaped `|`, which is consumed: `*(plain / "\" any)`. The
/// field comes back raw (escapes are undone by the caller). A field that never ends is
/// [`ParseErrorKind::CefHeader`] at the end of the record, wherever the scan stopped.
#[inline]
fn cef_header_field(i: &str) -> PResult<'_, &str> {
    let plain = till1(|b| b == b'|' || b == b'\\');
    let raw = recognize(opt(escaped(plain, '\\', anychar)));
    match terminated(raw, byte(b'|'))(i) {
        Ok(r) => Ok(r),
        Err(_) => fail(
            i.get(i.len()..).unwrap_or_default(),
            ParseErrorKind::CefHeader,
        ),
    }
}

fn header_escape(b: u8) -> Option<char> {
    match b {
        b'\\' => Some('\\'),
        b'|' => Some('|'),
        _ => None,
    }
}

fn extension_escape(b: u8) -> Option<char> {
    match b {
        b'\\' => Some('\\'),
        b'=' => Some('='),
        b'n' => Some('\n'),
        b'r' => Some('\r'),
        _ => None,
    }
}

/// Replaces the escapes `map` knows; other backslashes (and a trailing one) stay as written.
/// Borrows unless something was replaced.
fn unescape(raw: &str, map: fn(u8) -> Option<char>) -> Cow<'_, str> {
    let bytes = raw.as_bytes();
    let escape_at = |p: usize| bytes.get(p + 1).copied().and_then(map);
    let Some(first) = memchr_iter(b'\\', bytes).find(|&p| escape_at(p).is_some()) else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0;
    let mut p = first;
    while p < bytes.len() {
        match memchr(b'\\', bytes.get(p..).unwrap_or_default()) {
            None => break,
            Some(k) => {
                let at = p + k;
                if let Some(c) = escape_at(at) {
                    out.push_str(raw.get(copied..at).unwrap_or_default());
                    out.push(c);
                    copied = at + 2;
                    p = at + 2;
                } else {
                    p = at + 1;
                }
            }
        }
    }
    out.push_str(raw.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// `"value"` → `value`.
fn strip_quotes(raw: &str) -> &str {
    if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        raw.get(1..raw.len() - 1).unwrap_or(raw)
    } else {
        raw
    }
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// `[A-Za-z0-9_.\[\],]`: the bytes an extension key is made of.
fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'[' | b']' | b',')
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t')
}

/// The extension pairs of `input[start..]`.
///
/// Hand-written on purpose, the hot loop of CEF (PAN-OS records carry 30+ pairs): a key is
/// recognised by looking *back* from each `=` (values contain spaces and unescaped `=`, so a
/// key is only a key when a blank precedes it), which `memchr_iter` does in one pass. A
/// left-to-right combinator grammar (`separated_list0` of `key "=" value`) would have to try
/// `key=` at every blank inside every value and backtrack, reading each value several times.
///
/// A key is a run of key bytes directly followed by `=` and preceded by a blank (or standing at
/// the start of the extension); every other `=` belongs to the value. Values run up to the blank
/// before the next key, with trailing whitespace trimmed. Text before the first key is kept
/// under the key `""`.
fn parse_extension(input: &str, start: usize) -> Vec<(&str, Cow<'_, str>)> {
    let bytes = input.as_bytes();
    let mut begin = start;
    while bytes.get(begin).copied().is_some_and(is_blank) {
        begin += 1;
    }
    let ext = bytes.get(begin..).unwrap_or_default();
    if ext.iter().all(|b| b.is_ascii_whitespace()) {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(memchr_iter(b'=', ext).count() + 1);
    let mut key = "";
    let mut value_start = begin;
    for eq in memchr_iter(b'=', ext).map(|k| begin + k) {
        let mut key_start = eq;
        while key_start > begin && bytes.get(key_start - 1).copied().is_some_and(is_key_byte) {
            key_start -= 1;
        }
        let is_key = key_start < eq
            && (key_start == begin || bytes.get(key_start - 1).copied().is_some_and(is_blank));
        if !is_key {
            continue;
        }
        push_pair(input, &mut out, key, value_start, key_start);
        key = input.get(key_start..eq).unwrap_or_default();
        value_start = eq + 1;
    }
    push_pair(input, &mut out, key, value_start, bytes.len());
    out
}

fn push_pair<'a>(
    input: &'a str,
    out: &mut Vec<(&'a str, Cow<'a, str>)>,
    key: &'a str,
    start: usize,
    end: usize,
) {
    let raw = input.get(start..end).unwrap_or_default();
    let raw = raw.trim_end_matches(|c: char| c.is_ascii_whitespace());
    if key.is_empty() && raw.is_empty() {
        return;
    }
    out.push((key, unescape(strip_quotes(raw), extension_escape)));
}

/// The syslog header in front of `CEF:` (`input[..cef_offset]`), if there is anything there.
fn envelope(input: &str, cef_offset: usize) -> Option<CefEnvelope<'_>> {
    crate::syslog::parse_envelope(input, cef_offset)
}
