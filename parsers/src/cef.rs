//! ArcSight Common Event Format, bare or behind a syslog header.
//!
//! `[syslog header SP] CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|[Extension]`
//!
//! Header fields unescape `\|` and `\\`. Extension values end where the next ` key=` begins;
//! they unescape `\=`, `\\`, `\n`, `\r` (a lone trailing backslash and other unknown escapes are
//! kept literally), tolerate unescaped `=` inside values (URLs), trailing and doubled spaces, and
//! surrounding double quotes (stripped). Text in the extension that is not `key=value` at all is
//! kept under the key `""` rather than failing the record.

use std::borrow::Cow;

use crate::error::ParseError;
use crate::timestamp::CivilTime;

/// The syslog header found in front of `CEF:`, if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CefEnvelope<'a> {
    pub pri: Option<u8>,
    /// RFC 3164 or RFC 5424 header time.
    pub timestamp: Option<CivilTime>,
    pub hostname: Option<&'a str>,
}

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
pub fn parse_cef(input: &str) -> Result<Cef<'_>, ParseError> {
    let _ = input;
    todo!()
}

/// The numeric CEF severity on the 0..=10 scale: digits as written, `Low` 3, `Medium` 6,
/// `High` 8, `Very-High` 10 (case-insensitive); `Unknown`, empty or anything else: `None`.
pub fn severity_score(severity: &str) -> Option<u8> {
    let _ = severity;
    todo!()
}
