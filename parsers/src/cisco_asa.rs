//! Cisco ASA, PIX and Firepower Threat Defense (FTD) syslog messages: the `%ASA-6-302013` tag
//! and the message bodies that matter for a timeline.
//!
//! The syslog header in front (with its year, zone abbreviation and device id) is RFC 3164's
//! business ([`crate::syslog::parse_rfc3164`] returns the tag as the app). This module reads:
//!
//! * the tag: `%ASA-<sev>-<id>`, `%ASA-<class>-<sev>-<id>` (`logging` with classes:
//!   `%ASA-session-5-106100`), and the same for `%PIX-` and `%FTD-` ([`parse_tag`]);
//! * the message bodies ([`parse_message`]) of access control (106023, 106100), connections
//!   (302013 to 302016), AAA (113004, 113005, 113012, 113015), management logins (605004,
//!   605005), VPN client authentication (611101, 611102), threat detection (733101) and every
//!   VPN message that names its session as `Group G User U IP A` or `Group = G, Username = U,
//!   IP = A,` (113039, 716001, 716002, 722022, 722023, 722037, 722051, 113019 ...).
//!
//! Addresses come as written: IPv4, IPv6 (`2001:db8::1/443`, the port after `/`) or a name
//! (`OCSP_Server`, `host.example.com`), interface-qualified (`dmz:10.1.2.30/63016`,
//! `inside/10.1.2.16(2241)`). User names keep spaces, backslashes and UTF-8
//! (`(LOCAL\Speciäl Ö01)`).
//!
//! The fixed grammars (tag, endpoints, message prefixes) are nom combinators; finding labelled
//! values in AAA messages (`user = X : user IP = Y`) is a hand-written search.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_until, take_while_m_n};
use nom::character::complete::{char, digit1, one_of, satisfy};
use nom::combinator::{eof, map, map_res, opt, recognize, value};
use nom::sequence::{delimited, pair, preceded, terminated, tuple};
use nom::IResult;

#[cfg(test)]
mod tests;

type Res<'a, O> = IResult<&'a str, O>;

/// The tag of an ASA-family message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsaTag<'a> {
    /// `ASA`, `PIX` or `FTD`.
    pub product: &'a str,
    /// The message class of the `%ASA-<class>-<sev>-<id>` form (`session`, `auth`, `ip` ...).
    pub class: Option<&'a str>,
    /// Syslog severity 0..=7.
    pub severity: u8,
    /// The message id (`302013`).
    pub id: u32,
    /// The message id as written.
    pub id_text: &'a str,
}

/// Parses a tag as RFC 3164 returns it (`%ASA-6-302013`), a trailing `:` allowed. `None` for
/// anything else.
pub fn parse_tag(tag_text: &str) -> Option<AsaTag<'_>> {
    let (_, t) = terminated(asa_tag, pair(opt(char(':')), eof))(tag_text).ok()?;
    Some(t)
}

/// A message that starts with its tag (`%ASA-6-302013: Built ...`, or `%ASA-6-302016 Teardown`
/// without the colon), or carries it after an embedded header of its own (`Sep 25 15:47:07 EDT:
/// %ASA-auth-4-113004: ...`, forwarded by a relay): the tag and the body after it.
pub fn find_tagged(msg: &str) -> Option<(AsaTag<'_>, &str)> {
    let at = |p: usize| -> Option<(AsaTag<'_>, &str)> {
        let (body, t) =
            terminated(asa_tag, alt((tag(": "), tag(":"), tag(" "), eof)))(msg.get(p..)?).ok()?;
        Some((t, body))
    };
    if msg.starts_with('%') {
        return at(0);
    }
    // An embedded header: the tag after a space, within the first 80 bytes.
    let head = msg.as_bytes().get(..msg.len().min(80)).unwrap_or_default();
    memchr::memchr_iter(b'%', head)
        .filter(|&p| p > 0 && head.get(p - 1) == Some(&b' '))
        .find_map(at)
}

/// `"%" ("ASA" / "PIX" / "FTD") "-" [class "-"] sev "-" 6DIGIT`.
fn asa_tag(i: &str) -> Res<'_, AsaTag<'_>> {
    let class = recognize(pair(
        satisfy(|c| c.is_ascii_alphabetic()),
        nom::bytes::complete::take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    ));
    map(
        tuple((
            char('%'),
            alt((tag("ASA"), tag("PIX"), tag("FTD"))),
            char('-'),
            opt(terminated(class, char('-'))),
            one_of("01234567"),
            char('-'),
            take_while_m_n(6, 6, |c: char| c.is_ascii_digit()),
        )),
        |(_, product, _, class, sev, _, id_text)| AsaTag {
            product,
            class,
            severity: sev as u8 - b'0',
            id: id_text.parse().unwrap_or(0),
            id_text,
        },
    )(i)
}

/// One side of a connection or packet: `[interface ":"] address ["/" port]`, with what ASA
/// writes after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Endpoint<'a> {
    pub interface: Option<&'a str>,
    /// An IP address (v4 or v6) or a name, as written.
    pub address: &'a str,
    pub port: Option<u16>,
    /// The NAT-mapped address of 302013/302015 (`(203.0.113.5/443)`).
    pub mapped_address: Option<&'a str>,
    pub mapped_port: Option<u16>,
    /// The parenthesised text right after the address (identity firewall user `LOCAL\alice`,
    /// user and security group `LOCAL\alice, 7:Staff`, or an FQDN).
    pub identity: Option<&'a str>,
}

impl<'a> Endpoint<'a> {
    /// The identity firewall user (`LOCAL\alice`, `CORP\First Last`): the identity when it is
    /// `DOMAIN\name`, without a security group tag after `, `.
    pub fn user(&self) -> Option<&'a str> {
        let id = self.identity?;
        let id = match id.find(", ") {
            Some(k) if id[k + 2..].starts_with(|c: char| c.is_ascii_digit()) => &id[..k],
            _ => id,
        };
        id.contains('\\').then_some(id)
    }
}

/// Whether the connection was initiated from the lower- or the higher-security side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Inbound,
    Outbound,
}

/// 302013 / 302015 (`Built`) and 302014 / 302016 (`Teardown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connection<'a> {
    pub built: bool,
    /// `Built inbound` / `Built outbound`; teardowns do not say.
    pub direction: Option<Direction>,
    /// `TCP`, `UDP` as written.
    pub protocol: &'a str,
    pub connection_id: &'a str,
    /// The side after `for` (the foreign side: outside for both directions).
    pub for_side: Endpoint<'a>,
    /// The side after `to` (the local side).
    pub to_side: Endpoint<'a>,
    /// The AAA user in parentheses at the end (`(alice)`, `(CORP\First Last)`).
    pub user: Option<&'a str>,
    /// `h:mm:ss` of a teardown.
    pub duration: Option<&'a str>,
    pub bytes: Option<u64>,
    /// The teardown reason (`TCP FINs`, `TCP Reset-I from outside`).
    pub reason: Option<&'a str>,
}

impl<'a> Connection<'a> {
    /// The side that opened the connection: the `to` side of an outbound connection, else the
    /// `for` side (ASA writes the foreign side first in both directions; a teardown keeps the
    /// order of its message).
    pub fn source(&self) -> &Endpoint<'a> {
        match self.direction {
            Some(Direction::Outbound) => &self.to_side,
            _ => &self.for_side,
        }
    }

    /// The side the connection was opened to.
    pub fn destination(&self) -> &Endpoint<'a> {
        match self.direction {
            Some(Direction::Outbound) => &self.for_side,
            _ => &self.to_side,
        }
    }
}

/// What an access list did with a packet (106100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AclVerdict {
    Permitted,
    Denied,
    /// Denied by the ACL but allowed for an established session.
    EstAllowed,
}

/// The AAA operation of 113004/113005.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AaaOperation {
    Authentication,
    Authorization,
    Accounting,
}

/// A VPN message naming its session: `Group <G> User <U> IP <A> text` (angle brackets
/// optional) or `Group = G, Username = U, IP = A, text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VpnSession<'a> {
    pub group: Option<&'a str>,
    pub user: Option<&'a str>,
    /// The client's public address.
    pub ip: Option<&'a str>,
    /// The text after the prefix.
    pub text: &'a str,
    /// `TCP` / `UDP` of 722022/722023 (`TCP SVC connection established`).
    pub transport: Option<&'a str>,
    /// The address assigned to the client (722051 `IPv4 Address <A>`).
    pub assigned_ipv4: Option<&'a str>,
    pub assigned_ipv6: Option<&'a str>,
    /// Why the session ended (716002 `terminated: User Requested.`, 722037 `SVC closing
    /// connection: DPD failure.`, 113019 `Reason: Idle Timeout`).
    pub reason: Option<&'a str>,
}

/// A message body that was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsaMessage<'a> {
    /// 106023 `Deny tcp src dmz:10.1.2.30/63016 dst outside:192.0.2.8/53 by access-group "acl_dmz" [...]`
    AccessGroupDeny {
        /// `tcp`, `udp`, `icmp`, or the number of `protocol 47`.
        protocol: &'a str,
        src: Endpoint<'a>,
        dst: Endpoint<'a>,
        access_group: &'a str,
    },
    /// 106100 `access-list acl_in permitted tcp inside/10.1.2.16(2241) -> outside/192.0.2.89(2000) hit-cnt 1 first hit [...]`
    AccessList {
        acl: &'a str,
        verdict: AclVerdict,
        protocol: &'a str,
        src: Endpoint<'a>,
        dst: Endpoint<'a>,
        hits: Option<u64>,
    },
    Connection(Connection<'a>),
    /// 113004 `AAA user authentication Successful : server = 192.0.2.8 : user = alice`,
    /// 113005 `AAA user authentication Rejected : reason = AAA failure : server = 192.0.2.8 : user = alice : user IP = 198.51.100.7`,
    /// 113012 / 113015 (`local database` instead of a server).
    Aaa {
        operation: AaaOperation,
        success: bool,
        reason: Option<&'a str>,
        server: Option<&'a str>,
        local_database: bool,
        user: Option<&'a str>,
        user_ip: Option<&'a str>,
    },
    /// 605004 / 605005 `Login denied from 198.51.100.7/51923 to outside:192.0.2.1/https for user "admin"`
    Login {
        permitted: bool,
        /// The client address, or `serial` for the console port.
        from: &'a str,
        from_port: Option<u16>,
        interface: Option<&'a str>,
        to: &'a str,
        /// `ssh`, `https`, `telnet` ...
        service: Option<&'a str>,
        user: &'a str,
    },
    /// 611101 / 611102 `User authentication succeeded: IP address: 192.0.2.10, Uname: alice`
    UserAuthentication {
        success: bool,
        ip: Option<&'a str>,
        user: Option<&'a str>,
    },
    /// 733101 `Host 198.51.100.7 is attacking.` / `Subnet 192.0.2.0 is targeted.`
    Threat {
        object: &'a str,
        attacking: bool,
    },
    /// `Group ... User ... IP ...` messages (see [`VpnSession`]).
    Vpn(VpnSession<'a>),
}

/// The meaning of a message body, given its id. `None` when the id is not one this module
/// reads or the body does not have the shape of its id.
pub fn parse_message(id: u32, body: &str) -> Option<AsaMessage<'_>> {
    let body = body.trim_end_matches(|c: char| c.is_ascii_whitespace());
    match id {
        106023 => access_group_deny(body),
        106100 => access_list(body),
        302013..=302016 => connection(body).map(AsaMessage::Connection),
        113004 | 113005 | 113012 | 113015 => aaa(body),
        605004 | 605005 => login(body),
        611101 | 611102 => user_authentication(body),
        733101 => threat(body),
        _ => vpn_session(body).map(AsaMessage::Vpn),
    }
}

// ---- endpoints ---------------------------------------------------------------------------------

fn port(i: &str) -> Res<'_, u16> {
    map_res(digit1, str::parse::<u16>)(i)
}

/// `(` text `)` with nested parentheses balanced; the text without the outer pair.
fn parens(i: &str) -> Res<'_, &str> {
    let b = i.as_bytes();
    if b.first() != Some(&b'(') {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Char,
        )));
    }
    let mut depth = 0usize;
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    if let (Some(inner), Some(rest)) = (i.get(1..k), i.get(k + 1..)) {
                        return Ok((rest, inner));
                    }
                }
            }
            _ => {}
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Char,
    )))
}

/// An address: up to SP, `/`, `(` or `)` (IPv6 keeps its colons).
fn address(i: &str) -> Res<'_, &str> {
    take_till1(|c: char| matches!(c, ' ' | '/' | '(' | ')' | ','))(i)
}

/// ` (mapped/port)`: the NAT-mapped side of 302013/302015.
fn mapped(i: &str) -> Res<'_, (&str, Option<u16>)> {
    preceded(
        char(' '),
        delimited(
            char('('),
            pair(address, opt(preceded(char('/'), port))),
            char(')'),
        ),
    )(i)
}

/// `interface ":" address ["/" port] [" (" mapped ")"] ["(" identity ")"]` (302013, 106023).
fn colon_endpoint(i: &str) -> Res<'_, Endpoint<'_>> {
    let interface = take_till1(|c: char| matches!(c, ':' | ' ' | '/' | '(' | ')'));
    map(
        tuple((
            terminated(interface, char(':')),
            address,
            opt(preceded(char('/'), port)),
            opt(mapped),
            opt(parens),
        )),
        |(interface, address, port, mapped, identity)| Endpoint {
            interface: Some(interface),
            address,
            port,
            mapped_address: mapped.map(|m| m.0),
            mapped_port: mapped.and_then(|m| m.1),
            identity,
        },
    )(i)
}

/// `interface "/" address "(" port ")" [[SP] "(" identity ")"]` (106100).
fn slash_endpoint(i: &str) -> Res<'_, Endpoint<'_>> {
    let interface = take_till1(|c: char| matches!(c, '/' | ' ' | '(' | ')'));
    let addr = take_till1(|c: char| matches!(c, ' ' | '(' | ')'));
    map(
        tuple((
            terminated(interface, char('/')),
            addr,
            delimited(char('('), port, char(')')),
            opt(preceded(opt(char(' ')), parens)),
        )),
        |(interface, address, port, identity)| Endpoint {
            interface: Some(interface),
            address,
            port: Some(port),
            identity,
            ..Endpoint::default()
        },
    )(i)
}

/// A token up to the next SP.
fn token(i: &str) -> Res<'_, &str> {
    take_till1(|c: char| c == ' ')(i)
}

// ---- access control --------------------------------------------------------------------------

/// 106023: `Deny PROTO src EP dst EP [(type N, code N)] [type N, code N,] by access-group "ACL"`.
fn access_group_deny(body: &str) -> Option<AsaMessage<'_>> {
    let (rest, (protocol, src)) = pair(
        preceded(tag("Deny "), take_until(" src ")),
        preceded(tag(" src "), colon_endpoint),
    )(body)
    .ok()?;
    let (_, dst) = preceded(tag(" dst "), colon_endpoint)(rest).ok()?;
    let protocol = protocol.strip_prefix("protocol ").unwrap_or(protocol);
    let group = body
        .find(" by access-group ")
        .map(|k| &body[k + " by access-group ".len()..])
        .map(quoted_or_token)
        .unwrap_or("");
    Some(AsaMessage::AccessGroupDeny {
        protocol,
        src,
        dst,
        access_group: group,
    })
}

/// `"text"` → `text`; else the first token.
fn quoted_or_token(s: &str) -> &str {
    if let Some(inner) = s.strip_prefix('"') {
        return inner.find('"').map_or(inner, |k| &inner[..k]);
    }
    s.split(' ').next().unwrap_or("")
}

/// 106100: `access-list ACL VERDICT PROTO EP -> EP hit-cnt N ...`.
fn access_list(body: &str) -> Option<AsaMessage<'_>> {
    let verdict = alt((
        value(AclVerdict::Permitted, tag("permitted")),
        value(AclVerdict::Denied, tag("denied")),
        value(AclVerdict::EstAllowed, tag("est-allowed")),
    ));
    let (rest, (acl, verdict, protocol, src, dst)) = tuple((
        preceded(tag("access-list "), token),
        preceded(char(' '), verdict),
        preceded(char(' '), token),
        preceded(char(' '), slash_endpoint),
        preceded(tag(" -> "), slash_endpoint),
    ))(body)
    .ok()?;
    let hits: Res<'_, u64> = preceded(tag(" hit-cnt "), map_res(digit1, str::parse::<u64>))(rest);
    let hits = hits.ok().map(|(_, n)| n);
    Some(AsaMessage::AccessList {
        acl,
        verdict,
        protocol,
        src,
        dst,
        hits,
    })
}

// ---- connections -----------------------------------------------------------------------------

/// 302013-302016:
/// `Built (inbound|outbound) PROTO connection ID for EP to EP [(user)]` and
/// `Teardown PROTO connection ID for EP to EP duration D bytes N [reason] [(user)]`.
fn connection(body: &str) -> Option<Connection<'_>> {
    let direction = alt((
        value(Direction::Inbound, tag("inbound ")),
        value(Direction::Outbound, tag("outbound ")),
    ));
    let (rest, (built, direction, protocol, connection_id)) = tuple((
        alt((value(true, tag("Built ")), value(false, tag("Teardown ")))),
        opt(direction),
        token,
        preceded(tag(" connection "), token),
    ))(body)
    .ok()?;
    let (rest, for_side) = preceded(tag(" for "), colon_endpoint)(rest).ok()?;
    // Old releases write a user name after the address (`... /53 user1 to inside:...`).
    let rest = match rest.strip_prefix(" to ") {
        Some(r) => r,
        None => &rest[rest.find(" to ")? + 4..],
    };
    let (rest, to_side) = colon_endpoint(rest).ok()?;

    let mut c = Connection {
        built,
        direction,
        protocol,
        connection_id,
        for_side,
        to_side,
        user: None,
        duration: None,
        bytes: None,
        reason: None,
    };
    let (rest, user) = trailing_parens(rest);
    c.user = user.filter(|u| !u.is_empty());
    if !built {
        let stats = tuple((
            preceded(tag(" duration "), token),
            preceded(tag(" bytes "), map_res(digit1, str::parse::<u64>)),
        ))(rest);
        if let Ok((reason, (duration, bytes))) = stats {
            c.duration = Some(duration);
            c.bytes = Some(bytes);
            let reason = reason.trim();
            c.reason = (!reason.is_empty()).then_some(reason);
        }
    }
    Some(c)
}

/// Splits ` (text)` off the end of `s`: `s` without it and the text (parentheses balanced).
fn trailing_parens(s: &str) -> (&str, Option<&str>) {
    let b = s.as_bytes();
    if b.last() != Some(&b')') {
        return (s, None);
    }
    let mut depth = 0usize;
    for k in (0..b.len()).rev() {
        match b.get(k) {
            Some(b')') => depth += 1,
            Some(b'(') => {
                depth -= 1;
                if depth == 0 {
                    return match (
                        k.checked_sub(1).and_then(|j| b.get(j)),
                        s.get(k + 1..b.len() - 1),
                    ) {
                        (Some(b' '), Some(inner)) => (&s[..k - 1], Some(inner)),
                        _ => (s, None),
                    };
                }
            }
            _ => {}
        }
    }
    (s, None)
}

// ---- authentication --------------------------------------------------------------------------

/// 113004/113005/113012/113015: `AAA user OPERATION (Successful|Rejected) ...` with labelled
/// values (`reason = `, `server = `, `user = `, `user IP = `, `local database`).
fn aaa(body: &str) -> Option<AsaMessage<'_>> {
    let operation = alt((
        value(AaaOperation::Authentication, tag("authentication")),
        value(AaaOperation::Authorization, tag("authorization")),
        value(AaaOperation::Accounting, tag("accounting")),
    ));
    let parsed: Res<'_, _> = preceded(
        tag("AAA user "),
        pair(
            operation,
            alt((
                value(true, tag(" Successful")),
                value(false, tag(" Rejected")),
            )),
        ),
    )(body);
    let (rest, (operation, success)) = parsed.ok()?;
    Some(AsaMessage::Aaa {
        operation,
        success,
        reason: labelled(rest, "reason"),
        server: labelled(rest, "server"),
        local_database: rest.contains("local database"),
        user: labelled(rest, "user"),
        user_ip: labelled(rest, "user IP"),
    })
}

/// The value of `label = value` in `s` (the label at a word start, any case; spaces around
/// `=`), up to `:` or `,` followed by a space (or the end), trimmed; `None` when absent or
/// empty.
fn labelled<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    let b = s.as_bytes();
    let n = label.len();
    let starts = (0..b.len().saturating_sub(n) + 1).filter(|&k| {
        b.get(k..k + n)
            .is_some_and(|w| w.eq_ignore_ascii_case(label.as_bytes()))
    });
    for k in starts {
        let word_start = k == 0 || matches!(b.get(k - 1), Some(b' ' | b':' | b','));
        let after = s.get(k + n..).unwrap_or_default();
        let Some(v) = after.trim_start_matches(' ').strip_prefix('=') else {
            continue;
        };
        if !word_start {
            continue;
        }
        let v = v.trim_start_matches(' ');
        let vb = v.as_bytes();
        let end = (0..vb.len())
            .find(|&j| {
                matches!(vb.get(j), Some(b':' | b',')) && matches!(vb.get(j + 1), None | Some(b' '))
            })
            .unwrap_or(vb.len());
        let value = v.get(..end).unwrap_or_default().trim();
        return (!value.is_empty()).then_some(value);
    }
    None
}

/// 605004/605005: `Login (denied|permitted) from SRC to DST for user "NAME"`.
fn login(body: &str) -> Option<AsaMessage<'_>> {
    let (rest, (permitted, from, to)) = tuple((
        preceded(
            tag("Login "),
            alt((value(true, tag("permitted")), value(false, tag("denied")))),
        ),
        preceded(tag(" from "), token),
        preceded(tag(" to "), token),
    ))(body)
    .ok()?;
    let user = rest.strip_prefix(" for user ")?;
    let user = user
        .strip_prefix('"')
        .and_then(|u| u.strip_suffix('"'))
        .unwrap_or(user);
    let (from, from_port) = match from.rsplit_once('/') {
        Some((a, p)) => (a, p.parse::<u16>().ok()),
        None => (from, None),
    };
    let (interface, to) = match to.split_once(':') {
        Some((iface, t)) => (Some(iface), t),
        None => (None, to),
    };
    let (to, service) = match to.rsplit_once('/') {
        Some((t, s)) => (t, Some(s)),
        None => (to, None),
    };
    Some(AsaMessage::Login {
        permitted,
        from,
        from_port,
        interface,
        to,
        service,
        user,
    })
}

/// 611101/611102: `User authentication (succeeded|failed): [IP address: A,] [Uname: U]`.
fn user_authentication(body: &str) -> Option<AsaMessage<'_>> {
    let parsed: Res<'_, bool> = preceded(
        tag("User authentication "),
        alt((value(true, tag("succeeded")), value(false, tag("failed")))),
    )(body);
    let (rest, success) = parsed.ok()?;
    let ip = rest.find("IP address: ").and_then(|k| {
        let v = &rest[k + "IP address: ".len()..];
        let v = v.split(',').next().unwrap_or("").trim();
        (!v.is_empty()).then_some(v)
    });
    let user = rest.find("Uname: ").and_then(|k| {
        let v = rest[k + "Uname: ".len()..].trim();
        (!v.is_empty()).then_some(v)
    });
    Some(AsaMessage::UserAuthentication { success, ip, user })
}

/// 733101: `(Host|Subnet) ADDR is (attacking|targeted). ...`.
fn threat(body: &str) -> Option<AsaMessage<'_>> {
    let (_, (object, attacking)) = preceded(
        alt((tag("Host "), tag("Subnet "))),
        pair(
            token,
            alt((
                value(true, tag(" is attacking")),
                value(false, tag(" is targeted")),
            )),
        ),
    )(body)
    .ok()?;
    Some(AsaMessage::Threat { object, attacking })
}

// ---- VPN sessions ----------------------------------------------------------------------------

/// `<text>` or, without brackets, the text up to `stop` (excluded).
fn bracketed_or_until<'a>(i: &'a str, stop: &str) -> Res<'a, &'a str> {
    if i.starts_with('<') {
        return angled(i);
    }
    if i.starts_with(stop.trim_start()) {
        // An empty value: `User IP <A>`.
        return Ok((i, ""));
    }
    take_until(stop)(i)
}

/// `Group G User U IP A text` (angle brackets optional) or `Group = G, Username = U, IP = A,
/// text`.
fn vpn_session(body: &str) -> Option<VpnSession<'_>> {
    let mut s = if let Some(rest) = body.strip_prefix("Group = ") {
        equals_form(rest)?
    } else {
        let (rest, group) =
            preceded(tag("Group "), |i| bracketed_or_until(i, " User "))(body).ok()?;
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let (rest, user) = preceded(tag("User "), |i| bracketed_or_until(i, " IP "))(rest).ok()?;
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let (rest, ip) = preceded(tag("IP "), alt((angled, token)))(rest).ok()?;
        VpnSession {
            group: non_empty(group),
            user: non_empty(user),
            ip: non_empty(ip),
            text: rest.trim_start(),
            transport: None,
            assigned_ipv4: None,
            assigned_ipv6: None,
            reason: None,
        }
    };
    let text = s.text;
    s.transport = ["TCP ", "UDP "]
        .iter()
        .any(|t| text.starts_with(t))
        .then(|| &text[..3]);
    s.assigned_ipv4 = after_label(text, "IPv4 Address ");
    s.assigned_ipv6 = after_label(text, "IPv6 address ");
    s.reason = [
        "session terminated: ",
        "closing connection: ",
        "Reason: ",
        "terminated: ",
    ]
    .iter()
    .find_map(|l| text.find(l).map(|k| &text[k + l.len()..]))
    .map(|r| r.trim().trim_end_matches('.'))
    .filter(|r| !r.is_empty());
    Some(s)
}

/// `<text>`.
fn angled(i: &str) -> Res<'_, &str> {
    delimited(char('<'), take_until(">"), char('>'))(i)
}

/// Text up to a `,`, and the `,`.
fn until_comma(i: &str) -> Res<'_, &str> {
    terminated(take_until(","), char(','))(i)
}

/// `G, Username = U, IP = A, text` after `Group = `.
fn equals_form(rest: &str) -> Option<VpnSession<'_>> {
    let (rest, group) = until_comma(rest).ok()?;
    let mut user = None;
    let mut rest = rest.trim_start();
    if let Some(r) = rest.strip_prefix("Username = ") {
        let (r, u) = until_comma(r).ok()?;
        user = non_empty(u.trim());
        rest = r.trim_start();
    }
    let r = rest.strip_prefix("IP = ")?;
    let (r, ip) = until_comma(r).ok()?;
    Some(VpnSession {
        group: non_empty(group.trim()),
        user,
        ip: non_empty(ip.trim()),
        text: r.trim_start(),
        transport: None,
        assigned_ipv4: None,
        assigned_ipv6: None,
        reason: None,
    })
}

/// The `<value>` or token after `label` in `text`.
fn after_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let v = &text[text.find(label)? + label.len()..];
    let v = match v.strip_prefix('<') {
        Some(inner) => &inner[..inner.find('>')?],
        None => v.split(' ').next().unwrap_or(""),
    };
    non_empty(v)
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}
