//! The one error type of the crate.

use std::fmt;

/// Why a record could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParseErrorKind {
    /// The record is empty (after trimming the line end).
    Empty,
    /// `<PRI>` missing where required, malformed, or out of 0..=191.
    Pri,
    /// RFC 5424 VERSION malformed.
    Version,
    /// The timestamp is malformed or out of range.
    Timestamp,
    /// A header field (hostname, app-name, procid, msgid) is malformed.
    Header,
    /// RFC 5424 STRUCTURED-DATA malformed.
    StructuredData,
    /// The record does not start with the format's signature (e.g. no `CEF:`).
    Signature,
    /// CEF header has fewer than the seven `|`-separated fields.
    CefHeader,
    /// The record ends before the grammar is complete.
    Truncated,
    /// The message is not valid UTF-8 where the grammar requires it (RFC 5424 after a BOM).
    Utf8,
    /// LEEF header malformed (version) or ending before EventID.
    LeefHeader,
}

impl ParseErrorKind {
    /// A short, stable, lower-case name used in reports (`rejects[].reason`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParseErrorKind::Empty => "empty record",
            ParseErrorKind::Pri => "bad PRI",
            ParseErrorKind::Version => "bad version",
            ParseErrorKind::Timestamp => "bad timestamp",
            ParseErrorKind::Header => "bad header field",
            ParseErrorKind::StructuredData => "bad structured data",
            ParseErrorKind::Signature => "format signature missing",
            ParseErrorKind::CefHeader => "incomplete CEF header",
            ParseErrorKind::Truncated => "truncated record",
            ParseErrorKind::Utf8 => "invalid UTF-8",
            ParseErrorKind::LeefHeader => "incomplete LEEF header",
        }
    }
}

/// A parse failure: what went wrong and at which byte of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// Byte offset into the record where the fault was found.
    pub offset: usize,
}

impl ParseError {
    pub fn new(kind: ParseErrorKind, offset: usize) -> Self {
        ParseError { kind, offset }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind.as_str(), self.offset)
    }
}

impl std::error::Error for ParseError {}
