//! RFC 5424 with structured data and its escaping.

use std::borrow::Cow;

use crate::error::{ParseError, ParseErrorKind};
use crate::primitives::pri;
use crate::timestamp::{parse_iso8601_prefix, parse_rfc5424_timestamp, CivilTime};

const MAX_HOSTNAME: usize = 255;
const MAX_APP_NAME: usize = 48;
const MAX_PROCID: usize = 128;
const MAX_MSGID: usize = 32;
const MAX_SD_NAME: usize = 32;
const BOM: &str = "\u{feff}";

/// How strictly to read the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Exactly RFC 5424 §6 (the go-syslog test vectors' verdicts are the oracle).
    Strict,
    /// What collectors write in practice: a space after `=` in an SD-PARAM
    /// (`eventSource= "Application"`), unknown backslash escapes kept literally, a body without
    /// `<PRI>VERSION` (`lnav logfile_with_zones.0`), a MSG separated by more than one space.
    /// Never accepts a record that has no RFC 5424 header shape at all.
    Lenient,
}

/// One SD-PARAM; `value` is unescaped (`\"`, `\\`, `\]`), borrowed when it had no escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdParam<'a> {
    pub name: &'a str,
    pub value: Cow<'a, str>,
}

/// One SD-ELEMENT `[id param="value" ...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdElement<'a> {
    pub id: &'a str,
    pub params: Vec<SdParam<'a>>,
}

/// One RFC 5424 record, borrowed from the input. NILVALUE (`-`) fields are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rfc5424<'a> {
    /// `None` only for a Lenient body without `<PRI>VERSION`.
    pub pri: Option<u8>,
    pub version: Option<u16>,
    /// Always has `year` and `offset_s` set when present.
    pub timestamp: Option<CivilTime>,
    pub hostname: Option<&'a str>,
    pub app_name: Option<&'a str>,
    pub procid: Option<&'a str>,
    pub msgid: Option<&'a str>,
    pub structured_data: Vec<SdElement<'a>>,
    /// MSG with a leading UTF-8 BOM removed; empty when absent.
    pub msg: &'a str,
    /// Byte offset of `msg` within the input.
    pub msg_offset: usize,
}

/// Parses one RFC 5424 record (without its line end).
///
/// Strict follows the ABNF of RFC 5424 §6 as go-syslog enforces it, including: VERSION of one to
/// three digits without leading zero; exactly one SP between fields; header fields of
/// PRINTUSASCII within their length limits; SD-NAMEs of 1..=32 bytes; inside PARAM-VALUE only the
/// escapes `\"`, `\\`, `\]` and no unescaped `]`; no SD-ID twice in one record.
///
/// Lenient also accepts: a record without `<PRI>VERSION` that starts with a timestamp (then the
/// timestamp is required: NILVALUE is refused, as is a time without offset); several spaces
/// between header fields and before MSG (removed from MSG); ISO 8601 timestamps RFC 5424 does not
/// allow (`t`/`z`, more than six fraction digits, `+0100`, leap second) as long as they carry an
/// offset; spaces after `=` and around SD-PARAMs; `[]` (skipped); unknown escapes and a bare `]`
/// inside PARAM-VALUE (kept literally); SD-IDs repeated.
pub fn parse_rfc5424(input: &str, strictness: Strictness) -> Result<Rfc5424<'_>, ParseError> {
    let lenient = strictness == Strictness::Lenient;
    let b = input.as_bytes();
    if b.is_empty() {
        return Err(err(ParseErrorKind::Empty, 0));
    }
    let mut p = Cursor { b, i: 0, lenient };

    let (prival, version) = if b.first() == Some(&b'<') {
        let (prival, n) = pri(input).ok_or(err(ParseErrorKind::Pri, 0))?;
        p.i = n;
        let version = p.version()?;
        p.sep(ParseErrorKind::Version)?;
        (Some(prival), Some(version))
    } else if lenient {
        (None, None)
    } else {
        return Err(err(ParseErrorKind::Pri, 0));
    };

    // TIMESTAMP
    let ts_start = p.i;
    let ts_end = p.token_end();
    let ts_token = input.get(ts_start..ts_end).unwrap_or_default();
    let timestamp = if ts_token == "-" && prival.is_some() {
        None
    } else {
        let parsed = if lenient {
            parse_rfc5424_timestamp(ts_token)
                .or_else(|| parse_iso8601_prefix(ts_token).filter(|(t, _)| t.offset_s.is_some()))
        } else {
            parse_rfc5424_timestamp(ts_token)
        };
        match parsed {
            Some((t, n)) if n == ts_token.len() => Some(t),
            _ => {
                let kind = if ts_token.is_empty() && ts_start >= b.len() {
                    ParseErrorKind::Truncated
                } else {
                    ParseErrorKind::Timestamp
                };
                return Err(err(kind, ts_start));
            }
        }
    };
    p.i = ts_end;
    p.sep(ParseErrorKind::Timestamp)?;

    let hostname = p.header_field(input, MAX_HOSTNAME)?;
    p.sep(ParseErrorKind::Header)?;
    let app_name = p.header_field(input, MAX_APP_NAME)?;
    p.sep(ParseErrorKind::Header)?;
    let procid = p.header_field(input, MAX_PROCID)?;
    p.sep(ParseErrorKind::Header)?;
    let msgid = p.header_field(input, MAX_MSGID)?;
    p.sep(ParseErrorKind::Header)?;

    // STRUCTURED-DATA
    let mut structured_data = Vec::new();
    match b.get(p.i) {
        Some(b'-') => p.i += 1,
        Some(b'[') => {
            while b.get(p.i) == Some(&b'[') {
                let el_start = p.i;
                if let Some(el) = p.sd_element(input)? {
                    // RFC 5424 §6.3.2: the same SD-ID MUST NOT exist more than once.
                    if !lenient && structured_data.iter().any(|e: &SdElement| e.id == el.id) {
                        return Err(err(ParseErrorKind::StructuredData, el_start));
                    }
                    structured_data.push(el);
                }
            }
        }
        None => return Err(err(ParseErrorKind::Truncated, p.i)),
        Some(_) => return Err(err(ParseErrorKind::StructuredData, p.i)),
    }

    // [SP MSG]
    let mut msg_offset = match b.get(p.i) {
        None => p.i,
        Some(b' ') => p.i + 1 + if lenient { p.spaces_at(p.i + 1) } else { 0 },
        Some(_) => return Err(err(ParseErrorKind::StructuredData, p.i)),
    };
    let mut msg = input.get(msg_offset..).unwrap_or_default();
    if let Some(rest) = msg.strip_prefix(BOM) {
        msg = rest;
        msg_offset += BOM.len();
    }
    Ok(Rfc5424 {
        pri: prival,
        version,
        timestamp,
        hostname,
        app_name,
        procid,
        msgid,
        structured_data,
        msg,
        msg_offset,
    })
}

fn err(kind: ParseErrorKind, offset: usize) -> ParseError {
    ParseError::new(kind, offset)
}

/// PRINTUSASCII: `%d33-126`.
fn is_print(c: u8) -> bool {
    (33..=126).contains(&c)
}

/// SD-NAME character: PRINTUSASCII except `=`, SP, `]` and `"`.
fn is_sd_name(c: u8) -> bool {
    is_print(c) && !matches!(c, b'=' | b']' | b'"')
}

/// A position in the record plus the strictness; all reads are bounds-checked.
struct Cursor<'b> {
    b: &'b [u8],
    i: usize,
    lenient: bool,
}

impl Cursor<'_> {
    fn spaces_at(&self, i: usize) -> usize {
        crate::primitives::run_of(self.b, i, b' ')
    }

    /// The field separator: exactly one SP (Lenient: one or more). `kind` names the field that
    /// ended badly when something else follows.
    fn sep(&mut self, kind: ParseErrorKind) -> Result<(), ParseError> {
        match self.b.get(self.i) {
            Some(b' ') => {
                self.i += 1;
                if self.lenient {
                    self.i += self.spaces_at(self.i);
                }
                Ok(())
            }
            None => Err(err(ParseErrorKind::Truncated, self.i)),
            Some(_) => Err(err(kind, self.i)),
        }
    }

    /// End of the run of non-space bytes at the cursor.
    fn token_end(&self) -> usize {
        self.b
            .get(self.i..)
            .and_then(|r| memchr::memchr(b' ', r))
            .map_or(self.b.len(), |k| self.i + k)
    }

    /// VERSION = NONZERO-DIGIT 0*2DIGIT.
    fn version(&mut self) -> Result<u16, ParseError> {
        let start = self.i;
        let mut v: u16 = 0;
        while let Some(&c) = self.b.get(self.i) {
            if !c.is_ascii_digit() {
                break;
            }
            if self.i - start == 3 || (self.i == start && c == b'0') {
                return Err(err(ParseErrorKind::Version, self.i));
            }
            v = v * 10 + u16::from(c - b'0');
            self.i += 1;
        }
        if self.i == start {
            let kind = if start >= self.b.len() {
                ParseErrorKind::Truncated
            } else {
                ParseErrorKind::Version
            };
            return Err(err(kind, start));
        }
        Ok(v)
    }

    /// NILVALUE / 1*`max` PRINTUSASCII.
    fn header_field<'a>(
        &mut self,
        input: &'a str,
        max: usize,
    ) -> Result<Option<&'a str>, ParseError> {
        let start = self.i;
        let len = self
            .b
            .get(start..)
            .map_or(0, |r| r.iter().take_while(|&&c| is_print(c)).count());
        if len == 0 {
            let kind = if start >= self.b.len() {
                ParseErrorKind::Truncated
            } else {
                ParseErrorKind::Header
            };
            return Err(err(kind, start));
        }
        if len > max {
            return Err(err(ParseErrorKind::Header, start + max));
        }
        self.i = start + len;
        let field = input.get(start..start + len).unwrap_or_default();
        Ok((field != "-").then_some(field))
    }

    /// SD-NAME at the cursor (1..=32 bytes).
    fn sd_name<'a>(&mut self, input: &'a str) -> Result<&'a str, ParseError> {
        let start = self.i;
        let len = self
            .b
            .get(start..)
            .map_or(0, |r| r.iter().take_while(|&&c| is_sd_name(c)).count());
        if len == 0 || len > MAX_SD_NAME {
            return Err(err(
                ParseErrorKind::StructuredData,
                start + len.min(MAX_SD_NAME),
            ));
        }
        self.i = start + len;
        Ok(input.get(start..start + len).unwrap_or_default())
    }

    /// One SD-ELEMENT with the cursor on its `[`. `Ok(None)` for a Lenient `[]`.
    fn sd_element<'a>(&mut self, input: &'a str) -> Result<Option<SdElement<'a>>, ParseError> {
        self.i += 1; // `[`
        if self.lenient && self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(None);
        }
        let id = self.sd_name(input)?;
        let mut params = Vec::new();
        loop {
            match self.b.get(self.i) {
                Some(b']') => {
                    self.i += 1;
                    return Ok(Some(SdElement { id, params }));
                }
                Some(b' ') => {
                    self.i += 1;
                    if self.lenient {
                        self.i += self.spaces_at(self.i);
                        if self.b.get(self.i) == Some(&b']') {
                            continue;
                        }
                    }
                    params.push(self.sd_param(input)?);
                }
                None => return Err(err(ParseErrorKind::Truncated, self.i)),
                Some(_) => return Err(err(ParseErrorKind::StructuredData, self.i)),
            }
        }
    }

    /// SD-PARAM = PARAM-NAME "=" %d34 PARAM-VALUE %d34.
    fn sd_param<'a>(&mut self, input: &'a str) -> Result<SdParam<'a>, ParseError> {
        let name = self.sd_name(input)?;
        if self.lenient {
            self.i += self.spaces_at(self.i);
        }
        if self.b.get(self.i) != Some(&b'=') {
            return Err(err(ParseErrorKind::StructuredData, self.i));
        }
        self.i += 1;
        if self.lenient {
            self.i += self.spaces_at(self.i);
        }
        if self.b.get(self.i) != Some(&b'"') {
            return Err(err(ParseErrorKind::StructuredData, self.i));
        }
        self.i += 1;
        let start = self.i;
        let mut escaped = false;
        loop {
            match self.b.get(self.i) {
                None => return Err(err(ParseErrorKind::Truncated, self.i)),
                Some(b'"') => break,
                Some(b'\\') => match self.b.get(self.i + 1) {
                    Some(b'"' | b'\\' | b']') => {
                        escaped = true;
                        self.i += 2;
                    }
                    _ if self.lenient => self.i += 1,
                    None => return Err(err(ParseErrorKind::Truncated, self.i + 1)),
                    Some(_) => return Err(err(ParseErrorKind::StructuredData, self.i)),
                },
                Some(b']') if !self.lenient => {
                    return Err(err(ParseErrorKind::StructuredData, self.i))
                }
                Some(_) => self.i += 1,
            }
        }
        let raw = input.get(start..self.i).unwrap_or_default();
        self.i += 1; // closing `"`
        let value = if escaped {
            Cow::Owned(unescape(raw))
        } else {
            Cow::Borrowed(raw)
        };
        Ok(SdParam { name, value })
    }
}

/// Undoes `\"`, `\\` and `\]`; any other backslash is kept as written.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let mut ahead = chars.clone();
            match ahead.next() {
                Some(e @ ('"' | '\\' | ']')) => {
                    out.push(e);
                    chars = ahead;
                }
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
