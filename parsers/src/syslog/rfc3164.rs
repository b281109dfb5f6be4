//! RFC 3164 "BSD syslog" and the real-world deviations seen in files on disk.
//!
//! Accepted: optional `<PRI>` (files written by syslogd have none); optional single space after
//! PRI; `Mmm dd hh:mm:ss` with space-padded, unpadded or zero-padded day and any-case month;
//! `Mmm dd yyyy hh:mm:ss` (year inside, optionally followed by `:`); an ISO 8601 timestamp in
//! place of the BSD one (`RSYSLOG_FileFormat`); missing hostname (`Jan 13 16:33:35
//! haproxy[73411]: ...` — a token ending in `:` or `[pid]:` right after the time is a tag, not a
//! host); tags `prog[pid]:`, `prog:`, `sshd(pam_unix)[19939]:`, or no tag at all; `-- MARK --`.

use crate::error::ParseError;
use crate::timestamp::CivilTime;

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
pub fn parse_rfc3164(input: &str) -> Result<Rfc3164<'_>, ParseError> {
    let _ = input;
    todo!()
}
