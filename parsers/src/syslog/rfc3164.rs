//! RFC 3164 "BSD syslog" and the real-world deviations seen in files on disk.
//!
//! Accepted: optional `<PRI>` (files written by syslogd have none); optional single space after
//! PRI; `Mmm dd hh:mm:ss` with space-padded, unpadded or zero-padded day and any-case month;
//! `Mmm dd yyyy hh:mm:ss` (year inside, optionally followed by `:`); an ISO 8601 timestamp in
//! place of the BSD one (`RSYSLOG_FileFormat`); missing hostname (`Jan 13 16:33:35
//! haproxy[73411]: ...` — a token ending in `:` or `[pid]:` right after the time is a tag, not a
//! host); tags `prog[pid]:`, `prog:`, `sshd(pam_unix)[19939]:`, or no tag at all; `-- MARK --`.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::{eof, map, map_opt, opt, peek, recognize, success, value, verify};
use nom::sequence::{delimited, pair, preceded, terminated, tuple};

use crate::error::{ParseError, ParseErrorKind};
use crate::grammar::{
    ascii0, ascii1, ascii_char, at_start, byte, consumed_len, fail, finish, sp0, sp1, till1,
    PResult,
};
use crate::primitives::header_pri;
use crate::timestamp::{iso8601, timestamp_3164, zone_abbreviation, CivilTime};

/// Longest TAG name (without `[pid]`) still taken for a tag; longer tokens are message text.
const MAX_TAG_LEN: usize = 48;

/// One RFC 3164 record, borrowed from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rfc3164<'a> {
    /// PRI value 0..=191 if the record had one.
    pub pri: Option<u8>,
    /// Header time; `year`/`offset_s` are `None` for the classic BSD form.
    pub timestamp: CivilTime,
    /// HOSTNAME, when present.
    pub hostname: Option<&'a str>,
    /// TAG without `[pid]` and without the `:` (e.g. `sshd`, `sshd(pam_unix)`, `%ASA-4-106023`).
    pub app: Option<&'a str>,
    /// The `pid` inside `[...]`, when present.
    pub pid: Option<&'a str>,
    /// CONTENT after `tag: ` (or after the hostname when there is no tag), leading space removed.
    pub msg: &'a str,
    /// Byte offset of `msg` within the input.
    pub msg_offset: usize,
}

/// Parses one RFC 3164 record (without its line end).
///
/// Decisions beyond the RFC, in order:
/// * `<PRI>` is optional; spaces after it are skipped. A `<` that does not start a valid PRI is
///   [`ParseErrorKind::Pri`].
/// * The time is [`parse_bsd_prefix`] (with or without a year) or, failing that,
///   [`parse_iso8601_prefix`]; neither → [`ParseErrorKind::Timestamp`]. A known zone
///   abbreviation of three or four letters after the time (`EDT:`, or upper-case `EDT ` when the
///   header has a year, as Cisco ASA writes it) fills `offset_s`. One `:` right after the time or
///   zone is skipped; when the text goes on without a space after that colon, there is no
///   hostname and no tag and the rest is the message.
/// * The first token after the time is the TAG when it looks like one (`name:` or
///   `name[pid]:`, name ≤ 48 bytes) — unless the token after it is a `%`-tag (`10.1.1.1:
///   %ASA-6-302015: ...`), then it is the device id (hostname). A lone `:` token is an empty
///   device id. A first token starting with `--` (`-- MARK --`, `--- last message repeated ---`),
///   `CEF:` or `LEEF:` means no hostname. Otherwise the first token is the hostname, and a lone
///   `:` after it (`INT-FW01 : %ASA-...`) is skipped.
/// * After the hostname, a tag-shaped token is the TAG; a `%FAC-n-ID` token without colon is the
///   TAG too; a message starting with `CEF:` or `LEEF:` has no tag; anything else has no tag.
/// * The message is everything after the tag's `:` and one space (or after the spaces that
///   follow the hostname); it may be empty and keeps a trailing `\r`.
///
/// [`parse_bsd_prefix`]: crate::timestamp::parse_bsd_prefix
/// [`parse_iso8601_prefix`]: crate::timestamp::parse_iso8601_prefix
pub fn parse_rfc3164(input: &str) -> Result<Rfc3164<'_>, ParseError> {
    if input.is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, 0));
    }
    finish(input, ParseErrorKind::Timestamp, record(input))
}

/// `[PRI *SP] TIMESTAMP [SP ZONE] [":"] (SP / end) [HOSTNAME] [TAG] MSG`, in the order of the
/// decisions documented on [`parse_rfc3164`]. MSG is whatever input remains.
#[inline]
fn record<'a>(input: &'a str) -> PResult<'a, Rfc3164<'a>> {
    let (i, pri) = opt(terminated(header_pri, sp0))(input)?;
    let (i, mut timestamp) =
        at_start(ParseErrorKind::Timestamp, alt((timestamp_3164, iso8601)))(i)?;
    let (i, zone) = match timestamp.offset_s {
        None => opt(zone_suffix(timestamp.year.is_some()))(i)?,
        Some(_) => (i, None),
    };
    if zone.is_some() {
        timestamp.offset_s = zone;
    }
    let (i, colon) = opt(byte(b':'))(i)?;

    let done = |hostname: Option<&'a str>,
                app: Option<&'a str>,
                pid: Option<&'a str>,
                msg: &'a str|
     -> PResult<'a, Rfc3164<'a>> {
        Ok((
            "",
            Rfc3164 {
                pri,
                timestamp,
                hostname,
                app,
                pid,
                msg,
                msg_offset: consumed_len(input, msg),
            },
        ))
    };
    match i.as_bytes().first() {
        None => return done(None, None, None, i),
        Some(b' ') => {}
        // `2012-07-02 10:22:40,672:DEBUG:...`, or a stray `\r` left by CRLF framing.
        Some(_) if colon.is_some() => return done(None, None, None, i),
        Some(b'\r') => return done(None, None, None, i),
        Some(_) => return fail(i, ParseErrorKind::Timestamp),
    }
    let (i, _) = sp1(i)?;
    if i.is_empty() {
        return done(None, None, None, i);
    }

    // First token: tag (no hostname) or hostname.
    let (i, hostname) = match lead(i)? {
        (i, Lead::EmptyDeviceId) => (i, None),
        (i, Lead::Message) => return done(None, None, None, i),
        (i, Lead::Tag(t)) => return done(None, Some(t.name), t.pid, i),
        (i, Lead::PercentTag(app)) => return done(None, Some(app), None, i),
        (i, Lead::Host(host)) => (i, Some(host)),
    };

    // After the hostname: TAG or plain message.
    let (msg, (app, pid)) = alt((
        value((None, None), peek(cef_or_leef)),
        map(tag_3164, |t| (Some(t.name), t.pid)),
        map(percent_tag, |app| (Some(app), None)),
        success((None, None)),
    ))(i)?;
    done(hostname, app, pid, msg)
}

/// A zone abbreviation of three or four letters after the time (`Apr 15 2014 09:34:34 EDT:`):
/// SP and the zone before a `:`, or before SP or the end when it is upper-case and the header has
/// a year (Cisco ASA); only zones [`zone_abbreviation`] knows. The `:` is not consumed.
#[inline]
fn zone_suffix<'a>(year_known: bool) -> impl FnMut(&'a str) -> PResult<'a, i32> {
    move |i| {
        let name = verify(ascii1(|b| b.is_ascii_alphabetic()), |z: &str| {
            (3..=4).contains(&z.len())
        });
        let (rest, zone) = preceded(byte(b' '), name)(i)?;
        let upper = zone.bytes().all(|c| c.is_ascii_uppercase());
        let before_colon = value(true, byte(b':'));
        let before_sp_or_end = value(year_known && upper, alt((recognize(byte(b' ')), eof)));
        let (rest, _) = verify(peek(alt((before_colon, before_sp_or_end))), |&ok| ok)(rest)?;
        map_opt(success(zone), zone_abbreviation)(rest)
    }
}

/// What the first token after the time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead<'a> {
    /// A lone `:` (`Aug 15 2012 23:30:09 : %ASA-6-302016 ...`): an empty device id.
    EmptyDeviceId,
    /// `-- MARK --`, `--- last message repeated ---`, `CEF:`, `LEEF:`: all of it is the message.
    Message,
    /// A TAG, and so no hostname.
    Tag(Tag<'a>),
    /// A `%FAC-n-ID` token without colon, and so no hostname.
    PercentTag(&'a str),
    /// The HOSTNAME (or a device id written as `name:` before a `%`-tag).
    Host(&'a str),
}

/// The first token after the time, consumed with the spaces after it unless it starts MSG.
/// The rare leads are told apart by their first byte (`:`, `-`/`C`/`L`, `%`), so that an
/// ordinary hostname meets a two-way `alt` instead of a five-way one; within each case the
/// branches keep the order of the decisions on [`parse_rfc3164`].
#[inline]
fn lead(i: &str) -> PResult<'_, Lead<'_>> {
    let tagged = map(tag_or_device_id, |(t, device_id)| {
        if device_id {
            Lead::Host(t.name)
        } else {
            Lead::Tag(t)
        }
    });
    let host = map(hostname, Lead::Host);
    match i.as_bytes().first() {
        Some(b':') => alt((
            value(Lead::EmptyDeviceId, terminated(byte(b':'), alt((sp1, eof)))),
            host,
        ))(i),
        Some(b'-' | b'C' | b'L') => alt((
            value(Lead::Message, peek(alt((tag("--"), cef_or_leef)))),
            tagged,
            host,
        ))(i),
        Some(b'%') => alt((tagged, map(percent_tag, Lead::PercentTag), host))(i),
        _ => alt((tagged, host))(i),
    }
}

/// A TAG, and whether it is a device id instead: `10.1.1.1: %ASA-6-302015: ...` (no pid, and a
/// `%`-tag right after it). A device id also takes the spaces after it.
#[inline]
fn tag_or_device_id(i: &str) -> PResult<'_, (Tag<'_>, bool)> {
    let (rest, t) = tag_3164(i)?;
    let percent_next = peek(preceded(
        peek(byte(b'%')),
        alt((recognize(tag_3164), percent_tag)),
    ));
    match opt(percent_next)(rest)? {
        (_, Some(_)) if t.pid.is_none() => {
            let (rest, _) = sp0(rest)?;
            Ok((rest, (t, true)))
        }
        _ => Ok((rest, (t, false))),
    }
}

/// HOSTNAME: the token up to SP, with the spaces after it and a lone `:` after those
/// (`INT-FW01 : %ASA-6-106100: ...`).
#[inline]
fn hostname(i: &str) -> PResult<'_, &str> {
    terminated(
        till1(|b| b == b' '),
        pair(
            sp0,
            opt(pair(terminated(byte(b':'), peek(alt((sp1, eof)))), sp0)),
        ),
    )(i)
}

#[inline]
fn cef_or_leef(i: &str) -> PResult<'_, &str> {
    alt((tag("CEF:"), tag("LEEF:")))(i)
}

/// A TAG: the program name and its pid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tag<'a> {
    name: &'a str,
    pid: Option<&'a str>,
}

/// `TAG = name ["[" pid "]"] ":"`, then one SP (consumed) or the end. The name is 1..=48 bytes
/// without SP, control characters, `:`, `[` or `]`; the pid is non-empty and has no SP, `[` or `]`.
#[inline]
fn tag_3164(i: &str) -> PResult<'_, Tag<'_>> {
    let name = verify(
        till1(|b| matches!(b, b' ' | b':' | b'[' | b']') || b.is_ascii_control()),
        |n: &str| n.len() <= MAX_TAG_LEN,
    );
    let pid = delimited(
        byte(b'['),
        till1(|b| matches!(b, b' ' | b'[' | b']') || b.is_ascii_control()),
        byte(b']'),
    );
    map(
        terminated(
            pair(name, opt(pid)),
            pair(byte(b':'), alt((recognize(byte(b' ')), eof))),
        ),
        |(name, pid)| Tag { name, pid },
    )(i)
}

/// A Cisco-style `%ASA-6-302016` token without its colon (`Aug 15 2012 23:30:09 :
/// %ASA-6-302016 Teardown ...`): `%`, a letter, then letters, digits and `-` including at least
/// one `-`, at most 48 bytes, then one SP (consumed) or the end.
#[inline]
fn percent_tag(i: &str) -> PResult<'_, &str> {
    let token = recognize(tuple((
        byte(b'%'),
        ascii_char(|b| b.is_ascii_alphabetic()),
        ascii0(|b| b.is_ascii_alphanumeric() || b == b'-'),
    )));
    terminated(
        verify(token, |t: &str| t.len() <= MAX_TAG_LEN && t.contains('-')),
        alt((recognize(byte(b' ')), eof)),
    )(i)
}

#[cfg(test)]
mod combinator_tests;
#[cfg(test)]
mod tests;
