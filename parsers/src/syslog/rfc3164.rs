//! RFC 3164 "BSD syslog" and the real-world deviations seen in files on disk.
//!
//! Accepted: optional `<PRI>` (files written by syslogd have none); optional single space after
//! PRI; `Mmm dd hh:mm:ss` with space-padded, unpadded or zero-padded day and any-case month;
//! `Mmm dd yyyy hh:mm:ss` (year inside, optionally followed by `:`); an ISO 8601 timestamp in
//! place of the BSD one (`RSYSLOG_FileFormat`); missing hostname (`Jan 13 16:33:35
//! haproxy[73411]: ...` — a token ending in `:` or `[pid]:` right after the time is a tag, not a
//! host); tags `prog[pid]:`, `prog:`, `sshd(pam_unix)[19939]:`, or no tag at all; `-- MARK --`.

use crate::error::{ParseError, ParseErrorKind};
use crate::primitives::{pri, run_of};
use crate::timestamp::{parse_bsd_prefix, parse_iso8601_prefix, zone_abbreviation, CivilTime};

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
pub fn parse_rfc3164(input: &str) -> Result<Rfc3164<'_>, ParseError> {
    let b = input.as_bytes();
    if b.is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, 0));
    }
    let mut i = 0;
    let mut prival = None;
    if b.first() == Some(&b'<') {
        let (p, n) = pri(input).ok_or(ParseError::new(ParseErrorKind::Pri, 0))?;
        prival = Some(p);
        i = n + run_of(b, n, b' ');
    }
    let ts_err = ParseError::new(ParseErrorKind::Timestamp, i);
    let after_pri = input.get(i..).ok_or(ts_err)?;
    let (mut timestamp, n) = parse_bsd_prefix(after_pri)
        .or_else(|| parse_iso8601_prefix(after_pri))
        .ok_or(ts_err)?;
    i += n;

    // Cisco ASA: `Apr 15 2014 09:34:34 EDT: %ASA-...`.
    if timestamp.offset_s.is_none() && b.get(i) == Some(&b' ') {
        let start = i + 1;
        let len = b.get(start..).map_or(0, |r| {
            r.iter().take_while(|c| c.is_ascii_alphabetic()).count()
        });
        if (3..=4).contains(&len) {
            let upper = b
                .get(start..start + len)
                .is_some_and(|z| z.iter().all(u8::is_ascii_uppercase));
            let take = match b.get(start + len) {
                Some(b':') => true,
                None | Some(b' ') => timestamp.year.is_some() && upper,
                _ => false,
            };
            if take {
                if let Some(off) = input.get(start..start + len).and_then(zone_abbreviation) {
                    timestamp.offset_s = Some(off);
                    i = start + len;
                }
            }
        }
    }

    let mut colon = false;
    if b.get(i) == Some(&b':') {
        colon = true;
        i += 1;
    }
    let record = |hostname, app, pid, msg_offset: usize| -> Result<Rfc3164<'_>, ParseError> {
        Ok(Rfc3164 {
            pri: prival,
            timestamp,
            hostname,
            app,
            pid,
            msg: input.get(msg_offset..).unwrap_or_default(),
            msg_offset,
        })
    };
    match b.get(i) {
        None => return record(None, None, None, i),
        Some(b' ') => i += run_of(b, i, b' '),
        // `2012-07-02 10:22:40,672:DEBUG:...`, or a stray `\r` left by CRLF framing.
        Some(_) if colon => return record(None, None, None, i),
        Some(b'\r') => return record(None, None, None, i),
        Some(_) => return Err(ParseError::new(ParseErrorKind::Timestamp, i)),
    }
    if i >= b.len() {
        return record(None, None, None, b.len());
    }

    // First token: tag (no hostname) or hostname.
    let t1_end = token_end(b, i);
    let t1 = input.get(i..t1_end).unwrap_or_default();
    let mut hostname = None;
    if t1 == ":" {
        // `Aug 15 2012 23:30:09 : %ASA-6-302016 ...`: empty device id.
        i = t1_end + run_of(b, t1_end, b' ');
    } else if t1.starts_with("--") || is_cef_or_leef(t1) {
        return record(None, None, None, i);
    } else if let Some(tag) = tag_at(input, i) {
        let is_device_id = tag.pid.is_none()
            && b.get(tag.msg_offset) == Some(&b'%')
            && (tag_at(input, tag.msg_offset).is_some()
                || percent_tag_at(input, tag.msg_offset).is_some());
        if !is_device_id {
            return record(None, Some(tag.name), tag.pid, tag.msg_offset);
        }
        hostname = Some(tag.name);
        i = tag.msg_offset + run_of(b, tag.msg_offset, b' ');
    } else if let Some(msg_offset) = percent_tag_at(input, i) {
        return record(None, Some(t1), None, msg_offset);
    } else {
        hostname = Some(t1);
        i = t1_end + run_of(b, t1_end, b' ');
        // `INT-FW01 : %ASA-6-106100: ...`
        if b.get(i) == Some(&b':') && matches!(b.get(i + 1), None | Some(b' ')) {
            i += 1;
            i += run_of(b, i, b' ');
        }
    }

    // After the hostname: TAG or plain message.
    let rest = input.get(i..).unwrap_or_default();
    if is_cef_or_leef(rest) {
        return record(hostname, None, None, i);
    }
    if let Some(tag) = tag_at(input, i) {
        return record(hostname, Some(tag.name), tag.pid, tag.msg_offset);
    }
    if let Some(msg_offset) = percent_tag_at(input, i) {
        let app = input.get(i..token_end(b, i));
        return record(hostname, app, None, msg_offset);
    }
    record(hostname, None, None, i)
}

/// A TAG found at some offset.
struct Tag<'a> {
    name: &'a str,
    pid: Option<&'a str>,
    /// Where the message starts: after `:` and one space.
    msg_offset: usize,
}

/// End of the token starting at `i`: the next space or the end of input.
fn token_end(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .and_then(|r| memchr::memchr(b' ', r))
        .map_or(b.len(), |k| i + k)
}

fn is_cef_or_leef(s: &str) -> bool {
    s.starts_with("CEF:") || s.starts_with("LEEF:")
}

/// `name:` or `name[pid]:` at `input[i..]`, followed by a space or the end. The name is 1..=48
/// bytes without space, control characters, `:`, `[` or `]`; the pid is non-empty and has no
/// space, `[` or `]`.
fn tag_at(input: &str, i: usize) -> Option<Tag<'_>> {
    let b = input.as_bytes();
    let rest = b.get(i..)?;
    let name_len = rest
        .iter()
        .take_while(|&&c| !matches!(c, b' ' | b':' | b'[' | b']' | 0..=0x1f | 0x7f))
        .count();
    if name_len == 0 || name_len > MAX_TAG_LEN {
        return None;
    }
    let name = input.get(i..i + name_len)?;
    let mut j = i + name_len;
    let mut pid = None;
    if b.get(j) == Some(&b'[') {
        let p_start = j + 1;
        let p_len = b
            .get(p_start..)?
            .iter()
            .take_while(|&&c| !matches!(c, b' ' | b'[' | b']' | 0..=0x1f | 0x7f))
            .count();
        if p_len == 0 || b.get(p_start + p_len) != Some(&b']') {
            return None;
        }
        pid = Some(input.get(p_start..p_start + p_len)?);
        j = p_start + p_len + 1;
    }
    if b.get(j) != Some(&b':') {
        return None;
    }
    j += 1;
    match b.get(j) {
        None => {}
        Some(b' ') => j += 1,
        Some(_) => return None,
    }
    Some(Tag {
        name,
        pid,
        msg_offset: j,
    })
}

/// A Cisco-style `%ASA-6-302016` token without its colon (`Aug 15 2012 23:30:09 :
/// %ASA-6-302016 Teardown ...`): `%`, then letters, digits and `-` including at least one `-`,
/// at most 48 bytes, followed by a space or the end. Returns where the message starts.
fn percent_tag_at(input: &str, i: usize) -> Option<usize> {
    let b = input.as_bytes();
    let end = token_end(b, i);
    let tok = b.get(i..end)?;
    let body = tok.strip_prefix(b"%")?;
    let ok = tok.len() <= MAX_TAG_LEN
        && body.first().is_some_and(u8::is_ascii_alphabetic)
        && body.contains(&b'-')
        && body.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-');
    if !ok {
        return None;
    }
    Some(if end < b.len() { end + 1 } else { end })
}

#[cfg(test)]
mod tests;
