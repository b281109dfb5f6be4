//! The syslog header in front of an embedded payload (`CEF:…`, `LEEF:…`): RFC 3164, RFC 5424,
//! or the RFC 5424 header cut after HOSTNAME that IBM's LEEF documentation shows.

use crate::grammar::{ascii1, byte, till0, PResult};
use crate::syslog::{parse_rfc3164, parse_rfc5424, Strictness};
use crate::timestamp::CivilTime;
use nom::sequence::tuple;

/// What the header says: PRI, time and host, each when present.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyslogEnvelope<'a> {
    pub pri: Option<u8>,
    /// RFC 3164 or RFC 5424 header time.
    pub timestamp: Option<CivilTime>,
    pub hostname: Option<&'a str>,
}

/// The header before the payload at `payload_offset` of `input`, if anything stands there. A
/// prefix that is no syslog header still yields its PRI when it starts with one.
pub fn parse_envelope(input: &str, payload_offset: usize) -> Option<SyslogEnvelope<'_>> {
    let prefix = input.get(..payload_offset)?;
    if prefix
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return None;
    }
    let from_3164 = || {
        parse_rfc3164(input)
            .ok()
            .filter(|r| r.msg_offset <= payload_offset)
            .map(|r| SyslogEnvelope {
                pri: r.pri,
                timestamp: Some(r.timestamp),
                hostname: r.hostname,
            })
    };
    let from_5424 = || {
        parse_rfc5424(input, Strictness::Lenient)
            .ok()
            .filter(|r| r.msg_offset <= payload_offset)
            .map(|r| SyslogEnvelope {
                pri: r.pri,
                timestamp: r.timestamp,
                hostname: r.hostname,
            })
    };
    let parsed = if looks_like_5424(prefix) {
        from_5424()
            .or_else(|| short_5424(prefix))
            .or_else(from_3164)
    } else {
        from_3164().or_else(from_5424)
    };
    parsed.or_else(|| {
        Some(SyslogEnvelope {
            pri: crate::primitives::pri(prefix).map(|(pri, _)| pri),
            ..SyslogEnvelope::default()
        })
    })
}

/// `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP` and nothing else (`<13>1 2019-01-18T11:07:53.520Z
/// 192.168.1.1 LEEF:2.0|...`).
fn short_5424(prefix: &str) -> Option<SyslogEnvelope<'_>> {
    let (pri, n) = crate::primitives::pri(prefix)?;
    let rest = prefix.get(n..)?;
    let (rest, _) = tuple((ascii1(is_digit), byte(b' ')))(rest).ok()?;
    let (timestamp, n) = crate::timestamp::parse_iso8601_prefix(rest)?;
    let rest = rest.get(n..)?.strip_prefix(' ')?;
    let hostname = rest.trim_end_matches(' ');
    if hostname.is_empty() || hostname.contains(' ') {
        return None;
    }
    Some(SyslogEnvelope {
        pri: Some(pri),
        timestamp: Some(timestamp),
        hostname: (hostname != "-").then_some(hostname),
    })
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// `<PRI>VERSION SP` at the start: an RFC 5424 header (the PRI is not checked here).
fn looks_like_5424(prefix: &str) -> bool {
    let shape: PResult<'_, _> = tuple((
        byte(b'<'),
        till0(|b| b == b'>'),
        byte(b'>'),
        ascii1(is_digit),
        byte(b' '),
    ))(prefix);
    shape.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_like_5424_wants_pri_version_and_space() {
        assert!(looks_like_5424("<14>1 2026-07-23T09:30:45Z host - - - - "));
        assert!(!looks_like_5424("<14>Jul 23 09:30:45 host "));
        assert!(!looks_like_5424("Jul 23 09:30:45 host "));
    }

    #[test]
    fn headers_before_a_payload() {
        let line = "<14>Mar  2 10:12:12 fw-edge-01 CEF:0|x";
        let env = parse_envelope(line, line.find("CEF:").unwrap()).unwrap();
        assert_eq!((env.pri, env.hostname), (Some(14), Some("fw-edge-01")));
        let ibm = "<13>1 2019-01-18T11:07:53.520Z 192.168.1.1 LEEF:2.0|x";
        let env = parse_envelope(ibm, ibm.find("LEEF:").unwrap()).unwrap();
        assert_eq!(env.hostname, Some("192.168.1.1"));
        assert_eq!(env.timestamp.map(|t| t.year), Some(Some(2019)));
        assert_eq!(parse_envelope("CEF:0|x", 0), None);
        let junk = "<7>garbage CEF:0|x";
        assert_eq!(parse_envelope(junk, 11).unwrap().pri, Some(7));
    }
}
