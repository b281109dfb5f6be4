//! Linux audit records as auditd writes them (`/var/log/audit/audit.log`), and Microsoft
//! AUOMS's variant.
//!
//! ```text
//! record  = [ "node=" NAME SP ] "type=" TYPE SP ( "msg=audit(" / "audit(" )
//!           SECS "." MILLIS ":" SERIAL ")" [ ":" ] *SP body [ %x1D enriched ]
//! body    = items (see `kv`, auditd dialect): `key=value` pairs and free words
//! ```
//!
//! - One *event* is all records sharing `audit(SECS.MILLIS:SERIAL)` (SYSCALL + EXECVE + CWD +
//!   PATH… + PROCTITLE); they may be interleaved with other events' records and out of serial
//!   order. Joining them is the engine's job.
//! - Untrusted strings are written quoted (`comm="arp"`) or, when they hold spaces, quotes or
//!   control characters, hex-encoded (`proctitle=617270002D61`, NUL between argv); [`decode`]
//!   undoes that for the keys auditd encodes.
//! - User-space records nest a second list: `msg='op=PAM:session_open acct="root" exe=… res=success'`;
//!   [`AuditRecord::fields`] yields its pairs after the record's own.
//! - `(null)`, `?`, `(none)` stand for "no value" (left to the reader).
//! - ENRICHED log format appends translated fields after an ASCII GS (`\x1d`):
//!   `… key=(null)\x1dARCH=x86_64 SYSCALL=execve AUID="alice" UID="root"`.
//! - AUOMS (`type=AUOMS_EXECVE audit(…): SchemaVersion="1" … node=HOST … user=tomcat …
//!   path_name=["/bin/bash"] … proctitle=/usr/bin/java -Dx=y redactors=`): no `msg=`, values
//!   already interpreted (never hex), arrays, unquoted proctitle with spaces.
//! - A record without the `audit(…)` header (`type=UNKNOWN[1329] msg=?`) has no time: an error.
//!
//! Times are exact: `SECS.MILLIS` is read as integers, never through a float.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while1, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::opt;
use nom::sequence::{delimited, preceded, terminated, tuple};
use nom::IResult;

use crate::error::{ParseError, ParseErrorKind};
use crate::kv::{items, Dialect, Item, Items, Pair, Quote};

/// One audit record, borrowed from the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditRecord<'a> {
    /// `node=` before `type=` (multi-host aggregation), else `None`.
    pub node: Option<&'a str>,
    /// `SYSCALL`, `USER_LOGIN`, `UNKNOWN[1329]`, `AUOMS_EXECVE` …
    pub record_type: &'a str,
    /// `SECS.MILLIS` as written (`1604994496.155`).
    pub time_text: &'a str,
    /// Seconds since the Unix epoch (UTC).
    pub secs: i64,
    /// The fraction in nanoseconds (auditd writes milliseconds).
    pub nanos: u32,
    pub serial: u64,
    /// The serial as written.
    pub serial_text: &'a str,
    /// The text after the header, up to the ENRICHED separator.
    pub body: &'a str,
    /// The translated fields after `\x1d`, when the log format is ENRICHED.
    pub enriched: Option<&'a str>,
}

fn is_ws(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn digits(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit())(i)
}

/// `[node=NAME SP] type=TYPE SP`
fn prefix(i: &str) -> IResult<&str, (Option<&str>, &str)> {
    tuple((
        opt(terminated(
            preceded(tag("node="), take_till1(is_ws)),
            space1,
        )),
        terminated(preceded(tag("type="), take_till1(is_ws)), space1),
    ))(i)
}

/// `msg=audit(SECS.FRAC:SERIAL)` or `audit(…)` (AUOMS), then an optional `:` and spaces.
fn stamp(i: &str) -> IResult<&str, (&str, &str, &str)> {
    terminated(
        delimited(
            alt((tag("msg=audit("), tag("audit("))),
            tuple((
                take_while_m_n(1, 12, |c: char| c.is_ascii_digit()),
                preceded(
                    char('.'),
                    take_while_m_n(1, 9, |c: char| c.is_ascii_digit()),
                ),
                preceded(char(':'), digits),
            )),
            char(')'),
        ),
        tuple((opt(char(':')), space0)),
    )(i)
}

/// Reads one auditd (or AUOMS) record.
pub fn parse_audit(input: &str) -> Result<AuditRecord<'_>, ParseError> {
    let line = input.trim_end_matches(['\r', '\n']);
    let start = line.trim_start_matches(is_ws);
    if start.is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, 0));
    }
    let at = |rest: &str| line.len() - rest.len();
    let (rest, (node, record_type)) =
        prefix(start).map_err(|_| ParseError::new(ParseErrorKind::Signature, at(start)))?;
    let (body, (secs_text, frac, serial_text)) =
        stamp(rest).map_err(|_| ParseError::new(ParseErrorKind::Timestamp, at(rest)))?;
    let secs: i64 = secs_text
        .parse()
        .map_err(|_| ParseError::new(ParseErrorKind::Timestamp, at(rest)))?;
    let serial: u64 = serial_text
        .parse()
        .map_err(|_| ParseError::new(ParseErrorKind::Timestamp, at(rest)))?;
    let mut nanos: u32 = 0;
    for (k, d) in frac.bytes().enumerate() {
        nanos += u32::from(d - b'0') * 10u32.pow(8 - k as u32);
    }
    // `time_text` is `SECS.FRAC`: from the first digit to the end of the fraction.
    let t0 = at(rest) + rest.find('(').map_or(0, |p| p + 1);
    let time_text = line
        .get(t0..t0 + secs_text.len() + 1 + frac.len())
        .unwrap_or("");
    let (body, enriched) = match body.split_once('\u{1d}') {
        Some((b, e)) => (b, Some(e)),
        None => (body, None),
    };
    Ok(AuditRecord {
        node,
        record_type,
        time_text,
        secs,
        nanos,
        serial,
        serial_text,
        body: body.trim_end_matches(is_ws),
        enriched,
    })
}

/// Keys whose unquoted value auditd hex-encodes when it holds spaces, quotes or control
/// characters (audit-userspace's "escaped" fields).
const HEX_KEYS: [&str; 24] = [
    "acct",
    "cgroup",
    "cmd",
    "comm",
    "cwd",
    "data",
    "device",
    "dir",
    "exe",
    "file",
    "grp",
    "key",
    "name",
    "new",
    "new_group",
    "ocomm",
    "old",
    "path",
    "proctitle",
    "root_dir",
    "sw",
    "unit",
    "vm",
    "watch",
];

/// EXECVE's argument keys: `a0`, `a12`, `a2[0]`.
fn is_execve_arg(key: &str) -> bool {
    let Some(rest) = key.strip_prefix('a') else {
        return false;
    };
    let (num, tail) = rest.split_at(rest.find('[').unwrap_or(rest.len()));
    !num.is_empty()
        && num.bytes().all(|b| b.is_ascii_digit())
        && (tail.is_empty()
            || (tail.len() > 2
                && tail.ends_with(']')
                && tail[1..tail.len() - 1].bytes().all(|b| b.is_ascii_digit())))
}

/// Whether auditd hex-encodes `key` in records of `record_type`.
pub fn is_hex_key(record_type: &str, key: &str) -> bool {
    HEX_KEYS.contains(&key) || (record_type == "EXECVE" && is_execve_arg(key))
}

/// The bytes of an even-length run of hex digits; `None` otherwise.
pub fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() & 1 == 1 {
        return None;
    }
    let nib = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    b.chunks_exact(2)
        .map(|p| Some(nib(p[0])? << 4 | nib(p[1])?))
        .collect()
}

/// The value of `pair` as auditd meant it: hex-encoded values of the keys auditd encodes
/// decoded (NUL between `proctitle` arguments and `\x01` between `key`s read as a space and a
/// comma); anything else as written. AUOMS values are never hex.
pub fn decode<'a>(record_type: &str, pair: &Pair<'a>) -> Cow<'a, str> {
    if pair.quote != Quote::Bare
        || record_type.starts_with("AUOMS")
        || !is_hex_key(record_type, pair.key)
    {
        return pair.value.clone();
    }
    let Some(mut bytes) = decode_hex(pair.raw) else {
        return pair.value.clone();
    };
    match pair.key {
        "proctitle" => {
            while bytes.last() == Some(&0) {
                bytes.pop();
            }
            for b in &mut bytes {
                if *b == 0 {
                    *b = b' ';
                }
            }
        }
        "key" => {
            for b in &mut bytes {
                if *b == 1 {
                    *b = b',';
                }
            }
        }
        _ => {}
    }
    Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
}

/// One field of a record: a top-level pair or a pair of the nested `msg='…'` list, its value
/// decoded ([`decode`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    pub key: &'a str,
    pub value: Cow<'a, str>,
    /// From the user-space `msg='…'` list.
    pub nested: bool,
}

/// The fields of a record in order: its pairs, the nested `msg='…'` pairs where that list
/// stands, free words left out. See [`AuditRecord::fields`].
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    record_type: &'a str,
    outer: Items<'a>,
    inner: Option<Items<'a>>,
}

impl<'a> Iterator for Fields<'a> {
    type Item = Field<'a>;

    fn next(&mut self) -> Option<Field<'a>> {
        loop {
            if let Some(inner) = &mut self.inner {
                match inner.next() {
                    Some(Item::Pair(p)) => {
                        return Some(Field {
                            key: p.key,
                            value: decode(self.record_type, &p),
                            nested: true,
                        })
                    }
                    Some(Item::Word(_)) => continue,
                    None => self.inner = None,
                }
            }
            match self.outer.next()? {
                Item::Pair(p) if p.key == "msg" && p.quote == Quote::Single => {
                    self.inner = Some(items(p.raw, Dialect::AUDIT));
                }
                Item::Pair(p) => {
                    return Some(Field {
                        key: p.key,
                        value: decode(self.record_type, &p),
                        nested: false,
                    })
                }
                Item::Word(_) => {}
            }
        }
    }
}

impl<'a> AuditRecord<'a> {
    /// Microsoft AUOMS's variant (`type=AUOMS_…`).
    pub fn is_auoms(&self) -> bool {
        self.record_type.starts_with("AUOMS_")
    }

    /// The body's fields, nested `msg='…'` pairs included, values decoded.
    pub fn fields(&self) -> Fields<'a> {
        Fields {
            record_type: self.record_type,
            outer: items(self.body, Dialect::AUDIT),
            inner: None,
        }
    }

    /// The body's items as written (pairs and free words such as AVC's `avc:  denied  { read }`).
    pub fn items(&self) -> Items<'a> {
        items(self.body, Dialect::AUDIT)
    }

    /// The ENRICHED translations (`AUID="alice"`, `SYSCALL=execve` …), quotes removed.
    pub fn enriched_fields(&self) -> impl Iterator<Item = Pair<'a>> {
        items(self.enriched.unwrap_or(""), Dialect::AUDIT).filter_map(|i| match i {
            Item::Pair(p) => Some(p),
            Item::Word(_) => None,
        })
    }

    /// The first field named `key` (nested ones included).
    pub fn field(&self, key: &str) -> Option<Cow<'a, str>> {
        self.fields().find(|f| f.key == key).map(|f| f.value)
    }

    /// The EXECVE command line: `a0 a1 …` decoded, joined by spaces (`aN[i]` pieces of long
    /// arguments concatenated).
    pub fn execve_args(&self) -> String {
        let mut out = String::new();
        let mut last_arg: Option<&str> = None;
        for p in self.items().filter_map(|i| match i {
            Item::Pair(p) if is_execve_arg(p.key) => Some(p),
            _ => None,
        }) {
            let arg = p.key.split('[').next().unwrap_or(p.key);
            if !out.is_empty() && last_arg != Some(arg) {
                out.push(' ');
            }
            out.push_str(&decode(self.record_type, &p));
            last_arg = Some(arg);
        }
        out
    }
}

/// A decoded `SOCKADDR` `saddr=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SockAddr {
    Inet {
        addr: IpAddr,
        port: u16,
    },
    Unix {
        path: String,
    },
    /// Another family (netlink, unspecified …), by number.
    Other {
        family: u16,
    },
}

/// Decodes `saddr=` (a `struct sockaddr` in hex; the family in host order, x86 little-endian).
pub fn sockaddr(hex: &str) -> Option<SockAddr> {
    let b = decode_hex(hex)?;
    let family = u16::from_le_bytes([*b.first()?, *b.get(1)?]);
    let port = || Some(u16::from_be_bytes([*b.get(2)?, *b.get(3)?]));
    Some(match family {
        2 => {
            let a = b.get(4..8)?;
            SockAddr::Inet {
                addr: IpAddr::V4(Ipv4Addr::new(a[0], a[1], a[2], a[3])),
                port: port()?,
            }
        }
        10 => {
            let a: [u8; 16] = b.get(8..24)?.try_into().ok()?;
            SockAddr::Inet {
                addr: IpAddr::V6(Ipv6Addr::from(a)),
                port: port()?,
            }
        }
        1 => {
            let p = b.get(2..)?;
            let end = p.iter().position(|&c| c == 0).unwrap_or(p.len());
            SockAddr::Unix {
                path: String::from_utf8_lossy(&p[..end]).into_owned(),
            }
        }
        f => SockAddr::Other { family: f },
    })
}

/// The name of syscall `number` on architecture `arch` (auditd's hex `AUDIT_ARCH_*`), for the
/// common and security-relevant calls of x86_64, and `execve`/`execveat` elsewhere.
pub fn syscall_name(arch: &str, number: &str) -> Option<&'static str> {
    let n: u32 = number.parse().ok()?;
    match arch.to_ascii_lowercase().as_str() {
        "c000003e" | "x86_64" => X86_64.iter().find(|(k, _)| *k == n).map(|(_, v)| *v),
        "40000003" | "i386" => match n {
            11 => Some("execve"),
            358 => Some("execveat"),
            _ => None,
        },
        "c00000b7" | "aarch64" => match n {
            221 => Some("execve"),
            281 => Some("execveat"),
            _ => None,
        },
        _ => None,
    }
}

const X86_64: [(u32, &str); 66] = [
    (0, "read"),
    (1, "write"),
    (2, "open"),
    (3, "close"),
    (4, "stat"),
    (9, "mmap"),
    (10, "mprotect"),
    (13, "rt_sigaction"),
    (14, "rt_sigprocmask"),
    (16, "ioctl"),
    (21, "access"),
    (23, "select"),
    (41, "socket"),
    (42, "connect"),
    (43, "accept"),
    (44, "sendto"),
    (45, "recvfrom"),
    (46, "sendmsg"),
    (47, "recvmsg"),
    (49, "bind"),
    (50, "listen"),
    (54, "setsockopt"),
    (55, "getsockopt"),
    (56, "clone"),
    (57, "fork"),
    (58, "vfork"),
    (59, "execve"),
    (60, "exit"),
    (62, "kill"),
    (82, "rename"),
    (83, "mkdir"),
    (84, "rmdir"),
    (85, "creat"),
    (86, "link"),
    (87, "unlink"),
    (88, "symlink"),
    (90, "chmod"),
    (91, "fchmod"),
    (92, "chown"),
    (93, "fchown"),
    (94, "lchown"),
    (101, "ptrace"),
    (105, "setuid"),
    (106, "setgid"),
    (113, "setreuid"),
    (117, "setresuid"),
    (161, "chroot"),
    (165, "mount"),
    (166, "umount2"),
    (175, "init_module"),
    (176, "delete_module"),
    (200, "tkill"),
    (228, "clock_gettime"),
    (231, "exit_group"),
    (234, "tgkill"),
    (257, "openat"),
    (260, "fchownat"),
    (263, "unlinkat"),
    (264, "renameat"),
    (268, "fchmodat"),
    (288, "accept4"),
    (313, "finit_module"),
    (316, "renameat2"),
    (319, "memfd_create"),
    (321, "bpf"),
    (322, "execveat"),
];

#[cfg(test)]
mod tests;
