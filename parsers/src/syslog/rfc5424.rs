//! RFC 5424 with structured data and its escaping, as nom combinators that follow the ABNF of
//! RFC 5424 §6.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::{all_consuming, consumed, cut, eof, map, not, opt, value, verify};
use nom::multi::fold_many0;
use nom::sequence::{pair, preceded, terminated, tuple};

use crate::error::{ParseError, ParseErrorKind};
use crate::grammar::{
    ascii1_max, byte, consumed_len, expect, expect_or_end, fail, finish, one_of_ascii, sp0, sp1,
    till0, till1, Fault, PResult,
};
use crate::primitives::header_pri;
use crate::timestamp::{iso8601, timestamp_5424, CivilTime};

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
    if input.is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, 0));
    }
    let lenient = strictness == Strictness::Lenient;
    finish(input, ParseErrorKind::Header, syslog_msg(input, lenient))
}

/// `SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]`, with
/// `HEADER = PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID`.
#[inline]
fn syslog_msg(input: &str, lenient: bool) -> PResult<'_, Rfc5424<'_>> {
    use ParseErrorKind::{Header, Pri, Timestamp};
    // PRI VERSION SP; Lenient also reads a body without them (then it starts with a timestamp).
    let (i, pri_version) = if lenient {
        opt(pri_version(lenient))(input)?
    } else {
        expect(Pri, map(pri_version(lenient), Some))(input)?
    };
    let (prival, version) = pri_version.unzip();
    let sp = |kind| sp(kind, lenient);
    let (i, (timestamp, _, hostname, _, app_name, _, procid, _, msgid, _)) = tuple((
        timestamp(prival.is_some(), lenient),
        sp(Timestamp),
        header_field(MAX_HOSTNAME),
        sp(Header),
        header_field(MAX_APP_NAME),
        sp(Header),
        header_field(MAX_PROCID),
        sp(Header),
        header_field(MAX_MSGID),
        sp(Header),
    ))(i)?;
    let (i, structured_data) = structured_data(i, lenient)?;
    let (msg, _) = msg_separator(i, lenient)?;
    // A UTF-8 BOM in front of MSG says "this is UTF-8"; it is not part of the text.
    let (msg, _) = opt(tag(BOM))(msg)?;
    Ok((
        "",
        Rfc5424 {
            pri: prival,
            version,
            timestamp,
            hostname,
            app_name,
            procid,
            msgid,
            structured_data,
            msg,
            msg_offset: consumed_len(input, msg),
        },
    ))
}

/// `PRI VERSION SP`: once the PRI is there, the record is RFC 5424-shaped and VERSION must follow.
#[inline]
fn pri_version<'a>(lenient: bool) -> impl FnMut(&'a str) -> PResult<'a, (u8, u16)> {
    pair(
        header_pri,
        cut(terminated(version, sp(ParseErrorKind::Version, lenient))),
    )
}

/// `VERSION = NONZERO-DIGIT 0*2DIGIT` (a fourth digit is an error at that digit).
#[inline]
fn version(i: &str) -> PResult<'_, u16> {
    expect_or_end(
        ParseErrorKind::Version,
        map(
            preceded(not(byte(b'0')), ascii1_max(3, |b| b.is_ascii_digit())),
            |v: &str| v.bytes().fold(0, |n, c| n * 10 + u16::from(c - b'0')),
        ),
    )(i)
}

/// `SP`, the field separator: exactly one (Lenient: one or more). Anything else is an error of
/// `kind`, the field it follows; the end of the record is [`ParseErrorKind::Truncated`].
#[inline]
fn sp<'a>(kind: ParseErrorKind, lenient: bool) -> impl FnMut(&'a str) -> PResult<'a, ()> {
    expect_or_end(kind, move |i| {
        if lenient {
            value((), sp1)(i)
        } else {
            value((), byte(b' '))(i)
        }
    })
}

/// `TIMESTAMP = NILVALUE / FULL-DATE "T" FULL-TIME`, a whole SP-delimited token. Lenient also
/// takes ISO 8601 forms RFC 5424 does not allow, provided they carry an offset. NILVALUE only
/// counts in a record with `<PRI>VERSION`.
#[inline]
fn timestamp<'a>(
    nil_allowed: bool,
    lenient: bool,
) -> impl FnMut(&'a str) -> PResult<'a, Option<CivilTime>> {
    move |i| {
        let (rest, token) = till0(|b| b == b' ')(i)?;
        let nil = verify(value(None, byte(b'-')), |_: &Option<CivilTime>| nil_allowed);
        let loose = verify(iso8601, |t: &CivilTime| lenient && t.offset_s.is_some());
        let mut whole_token =
            all_consuming(alt((nil, map(timestamp_5424, Some), map(loose, Some))));
        match whole_token(token) {
            Ok((_, t)) => Ok((rest, t)),
            Err(_) if i.is_empty() => fail(i, ParseErrorKind::Truncated),
            Err(_) => fail(i, ParseErrorKind::Timestamp),
        }
    }
}

/// `HOSTNAME / APP-NAME / PROCID / MSGID = NILVALUE / 1*max PRINTUSASCII`; NILVALUE → `None`.
#[inline]
fn header_field<'a>(max: usize) -> impl FnMut(&'a str) -> PResult<'a, Option<&'a str>> {
    expect_or_end(
        ParseErrorKind::Header,
        map(ascii1_max(max, is_print), |field: &str| {
            (field != "-").then_some(field)
        }),
    )
}

/// `STRUCTURED-DATA = NILVALUE / 1*SD-ELEMENT`.
#[inline]
fn structured_data(i: &str, lenient: bool) -> PResult<'_, Vec<SdElement<'_>>> {
    expect_or_end(
        ParseErrorKind::StructuredData,
        alt((value(Vec::new(), byte(b'-')), |i| sd_elements(i, lenient))),
    )(i)
}

/// `1*SD-ELEMENT`. Strict refuses an SD-ID seen before in the record (RFC 5424 §6.3.2), at the
/// repeated element; Lenient skips `[]`. (`many1` with that check made at each element.)
#[inline]
fn sd_elements(i: &str, lenient: bool) -> PResult<'_, Vec<SdElement<'_>>> {
    let mut elements: Vec<SdElement> = Vec::new();
    let mut rest = i;
    let mut first = true;
    loop {
        match sd_element(lenient)(rest) {
            Ok((after, Some(el))) => {
                if !lenient && elements.iter().any(|e| e.id == el.id) {
                    return Err(nom::Err::Failure(Fault::new(
                        rest,
                        ParseErrorKind::StructuredData,
                    )));
                }
                elements.push(el);
                rest = after;
            }
            Ok((after, None)) => rest = after,
            // No further `[`: the end of STRUCTURED-DATA.
            Err(nom::Err::Error(_)) if !first => return Ok((rest, elements)),
            Err(e) => return Err(e),
        }
        first = false;
    }
}

/// `SD-ELEMENT = "[" SD-ID *(SP SD-PARAM) "]"`; `Ok(None)` for a Lenient `[]`. Lenient allows
/// several SPs before an SD-PARAM and before `]`.
#[inline]
fn sd_element<'a>(lenient: bool) -> impl FnMut(&'a str) -> PResult<'a, Option<SdElement<'a>>> {
    use ParseErrorKind::StructuredData;
    let spaces = lenient_spaces(lenient);
    let param_sep = move |i| {
        if lenient {
            value((), terminated(sp1, not(byte(b']'))))(i)
        } else {
            value((), byte(b' '))(i)
        }
    };
    let element = map(
        pair(
            sd_name,
            terminated(
                fold_many0(
                    preceded(param_sep, cut(sd_param(lenient))),
                    Vec::new,
                    |mut params, p| {
                        params.push(p);
                        params
                    },
                ),
                preceded(spaces, expect_or_end(StructuredData, byte(b']'))),
            ),
        ),
        |(id, params)| Some(SdElement { id, params }),
    );
    let empty = verify(value(None, byte(b']')), move |_: &Option<SdElement>| {
        lenient
    });
    preceded(byte(b'['), cut(alt((empty, element))))
}

/// `SD-NAME = 1*32PRINTUSASCII` except `=`, SP, `]` and `"`.
#[inline]
fn sd_name(i: &str) -> PResult<'_, &str> {
    expect(
        ParseErrorKind::StructuredData,
        ascii1_max(MAX_SD_NAME, is_sd_name),
    )(i)
}

/// `SD-PARAM = PARAM-NAME "=" %d34 PARAM-VALUE %d34` (Lenient: SPs around `=`). The value is
/// unescaped, and borrowed unless something had to be unescaped.
#[inline]
fn sd_param<'a>(lenient: bool) -> impl FnMut(&'a str) -> PResult<'a, SdParam<'a>> {
    use ParseErrorKind::StructuredData;
    let equals_quote = move |i| {
        if lenient {
            value((), tuple((sp0, byte(b'='), sp0, byte(b'"'))))(i)
        } else {
            value((), pair(byte(b'='), byte(b'"')))(i)
        }
    };
    map(
        tuple((
            sd_name,
            expect(StructuredData, equals_quote),
            param_value(lenient),
            expect_or_end(StructuredData, byte(b'"')),
        )),
        |(name, _, (raw, escaped), _)| SdParam {
            name,
            value: if escaped {
                Cow::Owned(unescape(raw))
            } else {
                Cow::Borrowed(raw)
            },
        },
    )
}

/// `PARAM-VALUE = UTF-8-STRING` in which `"`, `\` and `]` MUST be escaped, read as
/// `text *(escape text)`: the raw value and whether it has an escape to undo. Lenient keeps
/// unknown escapes and a bare `]` as text.
#[inline]
fn param_value<'a>(lenient: bool) -> impl FnMut(&'a str) -> PResult<'a, (&'a str, bool)> {
    let text = till0(move |b| b == b'"' || b == b'\\' || (b == b']' && !lenient));
    let lone_backslash = verify(byte(b'\\'), move |_| lenient);
    let escape = alt((
        value(true, sd_escape(lenient)),
        value(false, lone_backslash),
    ));
    consumed(preceded(
        text,
        fold_many0(terminated(escape, text), || false, |escaped, e| escaped | e),
    ))
}

/// `\"`, `\\` or `\]` inside PARAM-VALUE. Strict: any other backslash is an error at the
/// backslash (truncation when it ends the record); Lenient: not an escape (plain text).
#[inline]
fn sd_escape<'a>(lenient: bool) -> impl FnMut(&'a str) -> PResult<'a, char> {
    move |i| {
        let (after, _) = byte(b'\\')(i)?;
        match one_of_ascii(b"\"\\]")(after) {
            Ok(escaped) => Ok(escaped),
            Err(_) if lenient => fail(i, ParseErrorKind::StructuredData),
            Err(_) if after.is_empty() => Err(nom::Err::Failure(Fault::new(
                after,
                ParseErrorKind::Truncated,
            ))),
            Err(_) => Err(nom::Err::Failure(Fault::new(
                i,
                ParseErrorKind::StructuredData,
            ))),
        }
    }
}

/// `[SP MSG]` after STRUCTURED-DATA: the end, or SP (Lenient: all the SPs) before MSG.
#[inline]
fn msg_separator(i: &str, lenient: bool) -> PResult<'_, &str> {
    let spaces = lenient_spaces(lenient);
    expect(
        ParseErrorKind::StructuredData,
        alt((eof, preceded(byte(b' '), spaces))),
    )(i)
}

/// `*SP` in Lenient, nothing in Strict: the extra spaces Lenient tolerates.
#[inline]
fn lenient_spaces<'a>(lenient: bool) -> impl Fn(&'a str) -> PResult<'a, &'a str> + Copy {
    move |i| if lenient { sp0(i) } else { Ok((i, "")) }
}

/// PRINTUSASCII: `%d33-126`.
fn is_print(c: u8) -> bool {
    matches!(c, b'!'..=b'~')
}

/// SD-NAME character: PRINTUSASCII except `=`, SP, `]` and `"`.
fn is_sd_name(c: u8) -> bool {
    is_print(c) && !matches!(c, b'=' | b']' | b'"')
}

/// Undoes `\"`, `\\` and `\]`; any other backslash is kept as written (Lenient only). One
/// allocation of the raw length (`escaped_transform` grows its output from empty instead).
fn unescape(raw: &str) -> String {
    let piece = alt((
        till1(|b| b == b'\\'),
        value("\"", tag("\\\"")),
        value("\\", tag("\\\\")),
        value("]", tag("\\]")),
        // Not an escape: the backslash stays, and the character after it is read as text.
        tag("\\"),
    ));
    let mut pieces = fold_many0(
        piece,
        || String::with_capacity(raw.len()),
        |mut out, p: &str| {
            out.push_str(p);
            out
        },
    );
    match pieces(raw) {
        Ok((_, out)) => out,
        Err(_) => raw.to_owned(),
    }
}

#[cfg(test)]
mod combinator_tests;
#[cfg(test)]
mod tests;
