//! Cisco ASA / PIX / FTD syslog messages (parsed by `parsers::cisco_asa`) to events:
//! connections and access-list verdicts become network events, AAA, management logins and VPN
//! sessions authentication events, threat detection findings; every other message an `other`
//! event with the message as its summary. The action is `asa-<id>` (`pix-`, `ftd-`), the
//! severity the tag's level.

use std::borrow::Cow;

use parsers::cisco_asa::{
    find_tagged, parse_message, parse_tag, AaaOperation, AclVerdict, AsaMessage, AsaTag,
    Connection, Endpoint,
};

use super::{clip, ip_text, present, Detail};
use crate::event::{Event, Kind, Outcome, Provenance, Severity};

/// Longest summary kept.
const SUMMARY_MAX: usize = 300;

/// VPN message ids whose `Group/User/IP` session is a login, a logout or a failed one.
const VPN_SESSION_IDS: [u32; 9] = [
    113019, 113039, 716001, 716002, 716039, 722022, 722023, 722037, 722051,
];

/// The ASA tag and message body of a syslog message: the TAG itself (`%ASA-6-302013`), or a
/// tag at the start of the message or after a relay's own header in it.
pub(super) fn tagged<'a>(app: Option<&'a str>, msg: &'a str) -> Option<(AsaTag<'a>, &'a str)> {
    if let Some(t) = app.and_then(parse_tag) {
        return Some((t, msg));
    }
    // Most syslog messages have no `%` at all: one byte search rules them out.
    memchr::memchr(b'%', msg.as_bytes())?;
    find_tagged(msg)
}

/// The event of one ASA message seen on `host` (the syslog header's host or device id).
pub(super) fn event<'a>(
    tag: AsaTag<'a>,
    body: &'a str,
    host: Option<&'a str>,
    provenance: Provenance,
    detail: Detail,
) -> Event<'a> {
    let msg = parse_message(tag.id, body);
    let (kind, outcome) = classify(tag.id, body, msg.as_ref());
    let mut e = Event::new(kind, action(&tag), provenance);
    e.outcome = outcome;
    e.severity = Some(Severity::from_syslog(tag.severity));
    e.host = host.and_then(present).map(Cow::Borrowed);
    match &msg {
        Some(AsaMessage::AccessGroupDeny { src, dst, .. })
        | Some(AsaMessage::AccessList { src, dst, .. }) => {
            e.src_ip = ip(src.address);
            e.dst_ip = ip(dst.address);
            e.user = src.user().or_else(|| dst.user()).and_then(user);
        }
        Some(AsaMessage::Connection(c)) => {
            e.src_ip = ip(c.source().address);
            e.dst_ip = ip(c.destination().address);
            e.user = c
                .user
                .or_else(|| c.source().user())
                .or_else(|| c.destination().user())
                .and_then(user);
        }
        Some(AsaMessage::Aaa {
            user: u, user_ip, ..
        }) => {
            e.user = u.and_then(user);
            e.src_ip = user_ip.and_then(ip);
        }
        Some(AsaMessage::Login {
            from, to, user: u, ..
        }) => {
            e.user = user(u);
            e.src_ip = ip(from);
            e.dst_ip = ip(to);
        }
        Some(AsaMessage::UserAuthentication { ip: a, user: u, .. }) => {
            e.user = u.and_then(user);
            e.src_ip = a.and_then(ip);
        }
        Some(AsaMessage::Threat { object, attacking }) => {
            if *attacking {
                e.src_ip = ip(object);
            } else {
                e.dst_ip = ip(object);
            }
        }
        Some(AsaMessage::Vpn(s)) => {
            e.user = s.user.and_then(user);
            e.src_ip = s.ip.and_then(ip);
        }
        None => {}
    }
    if detail == Detail::Full {
        e.summary = Cow::Owned(summary(&tag, body, msg.as_ref(), host));
    }
    e
}

/// `(id, asa-id, pix-id, ftd-id)` for the ids most records carry, so that their events need no
/// allocated action.
macro_rules! actions {
    ($($id:literal),* $(,)?) => {
        [$(($id, concat!("asa-", $id), concat!("pix-", $id), concat!("ftd-", $id))),*]
    };
}
const ACTIONS: [(u32, &str, &str, &str); 24] = actions![
    106001, 106006, 106007, 106015, 106023, 106100, 113004, 113005, 113039, 302013, 302014, 302015,
    302016, 302020, 302021, 305011, 305012, 605004, 605005, 710003, 716001, 716002, 722022, 722023,
];

/// `asa-302013` (`pix-`, `ftd-`): static for the common ids, built for the others.
fn action(tag: &AsaTag<'_>) -> Cow<'static, str> {
    let known = ACTIONS
        .iter()
        .find(|a| a.0 == tag.id)
        .map(|a| match tag.product {
            "ASA" => a.1,
            "PIX" => a.2,
            _ => a.3,
        });
    match known {
        Some(a) => Cow::Borrowed(a),
        None => Cow::Owned(format!(
            "{}-{}",
            tag.product.to_ascii_lowercase(),
            tag.id_text
        )),
    }
}

/// Whether `hay` contains `needle` (ASCII, any case), without allocating.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    !n.is_empty() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Kind and outcome of a message.
fn classify(id: u32, body: &str, msg: Option<&AsaMessage<'_>>) -> (Kind, Outcome) {
    let verdict = |ok: bool| {
        if ok {
            Outcome::Success
        } else {
            Outcome::Failure
        }
    };
    match msg {
        Some(AsaMessage::AccessGroupDeny { .. }) => (Kind::Network, Outcome::Failure),
        Some(AsaMessage::AccessList { verdict: v, .. }) => (
            Kind::Network,
            verdict(matches!(v, AclVerdict::Permitted | AclVerdict::EstAllowed)),
        ),
        // Built and Teardown both report a connection that was allowed.
        Some(AsaMessage::Connection(_)) => (Kind::Network, Outcome::Success),
        Some(AsaMessage::Aaa {
            operation, success, ..
        }) => (
            match operation {
                AaaOperation::Accounting => Kind::Other,
                _ => Kind::Authentication,
            },
            verdict(*success),
        ),
        Some(AsaMessage::Login { permitted, .. }) => (Kind::Authentication, verdict(*permitted)),
        Some(AsaMessage::UserAuthentication { success, .. }) => {
            (Kind::Authentication, verdict(*success))
        }
        Some(AsaMessage::Threat { .. }) => (Kind::Finding, Outcome::Unknown),
        Some(AsaMessage::Vpn(s)) => {
            let kind = if VPN_SESSION_IDS.contains(&id) {
                Kind::Authentication
            } else {
                Kind::Other
            };
            let failed = ["rejected", "failed", "denied", "could not", "unable"]
                .iter()
                .any(|w| contains_ci(s.text, w));
            (kind, verdict(!failed))
        }
        None => {
            // Threat detection, botnet traffic filter and IPS signature messages.
            let finding = matches!(id, 338001..=338310 | 400000..=400999 | 733100..=733105);
            let denied = body.starts_with("Deny") || body.contains(" denied ");
            (
                if finding { Kind::Finding } else { Kind::Other },
                if denied {
                    Outcome::Failure
                } else {
                    Outcome::Unknown
                },
            )
        }
    }
}

/// An IP address in canonical form; names (`OCSP_Server`) are not addresses.
fn ip(s: &str) -> Option<Cow<'_, str>> {
    ip_text(s)
}

/// A user name as the event carries it: the identity firewall's `LOCAL\` domain (the ASA's
/// own user database) dropped, other domains kept; placeholders (`*****`) are no user.
fn user(u: &str) -> Option<Cow<'_, str>> {
    let u = present(u)?;
    let u = u.strip_prefix("LOCAL\\").unwrap_or(u);
    (!u.is_empty() && !u.bytes().all(|b| b == b'*')).then_some(Cow::Borrowed(u))
}

/// `addr:port`, `[v6]:port`, or the address alone, with `(interface)` after it.
fn side(e: &Endpoint<'_>) -> String {
    let addr = match e.port {
        Some(p) if e.address.contains(':') => format!("[{}]:{p}", e.address),
        Some(p) => format!("{}:{p}", e.address),
        None => e.address.to_string(),
    };
    match e.interface {
        Some(i) => format!("{addr} ({i})"),
        None => addr,
    }
}

fn connection_text(c: &Connection<'_>) -> String {
    let mut s = if c.built {
        let dir = match c.direction {
            Some(parsers::cisco_asa::Direction::Inbound) => "inbound ",
            Some(parsers::cisco_asa::Direction::Outbound) => "outbound ",
            None => "",
        };
        format!(
            "Built {dir}{} connection {} from {} to {}",
            c.protocol,
            c.connection_id,
            side(c.source()),
            side(c.destination())
        )
    } else {
        format!(
            "Teardown {} connection {} {} - {}",
            c.protocol,
            c.connection_id,
            side(&c.for_side),
            side(&c.to_side)
        )
    };
    if let Some(d) = c.duration {
        s.push_str(&format!(", duration {d}"));
    }
    if let Some(b) = c.bytes {
        s.push_str(&format!(", {b} bytes"));
    }
    if let Some(r) = c.reason {
        s.push_str(&format!(" ({r})"));
    }
    if let Some(u) = c
        .user
        .or_else(|| c.source().user())
        .or_else(|| c.destination().user())
    {
        s.push_str(&format!(", user {u}"));
    }
    s
}

fn summary(
    tag: &AsaTag<'_>,
    body: &str,
    msg: Option<&AsaMessage<'_>>,
    host: Option<&str>,
) -> String {
    let on = host
        .and_then(present)
        .map(|h| format!(" on {h}"))
        .unwrap_or_default();
    let what = match msg {
        Some(AsaMessage::AccessGroupDeny {
            protocol,
            src,
            dst,
            access_group,
        }) => format!(
            "Deny {protocol} from {} to {} by access-group {access_group}",
            side(src),
            side(dst)
        ),
        Some(AsaMessage::AccessList {
            acl,
            verdict,
            protocol,
            src,
            dst,
            hits,
        }) => {
            let v = match verdict {
                AclVerdict::Permitted => "permitted",
                AclVerdict::Denied => "denied",
                AclVerdict::EstAllowed => "est-allowed",
            };
            let hits = hits.map(|h| format!(", hit-cnt {h}")).unwrap_or_default();
            format!(
                "access-list {acl} {v} {protocol} from {} to {}{hits}",
                side(src),
                side(dst)
            )
        }
        Some(AsaMessage::Connection(c)) => connection_text(c),
        Some(AsaMessage::Aaa {
            operation,
            success,
            reason,
            server,
            local_database,
            user,
            user_ip,
        }) => {
            let op = match operation {
                AaaOperation::Authentication => "authentication",
                AaaOperation::Authorization => "authorization",
                AaaOperation::Accounting => "accounting",
            };
            let mut s = format!(
                "AAA user {op} {} for {}",
                if *success { "successful" } else { "rejected" },
                user.unwrap_or("(no user)")
            );
            if let Some(a) = user_ip {
                s.push_str(&format!(" from {a}"));
            }
            match (server, local_database) {
                (Some(srv), _) => s.push_str(&format!(" (server {srv})")),
                (None, true) => s.push_str(" (local database)"),
                _ => {}
            }
            if let Some(r) = reason {
                s.push_str(&format!(": {r}"));
            }
            s
        }
        Some(AsaMessage::Login {
            permitted,
            from,
            from_port,
            to,
            service,
            user,
            ..
        }) => {
            let from = match from_port {
                Some(p) if from.contains(':') => format!("[{from}]:{p}"),
                Some(p) => format!("{from}:{p}"),
                None => from.to_string(),
            };
            let svc = service.map(|s| format!(" ({s})")).unwrap_or_default();
            format!(
                "management login{svc} {} for {user:?} from {from} to {to}",
                if *permitted { "permitted" } else { "denied" }
            )
        }
        Some(AsaMessage::UserAuthentication { success, ip, user }) => {
            let from = ip.map(|a| format!(" from {a}")).unwrap_or_default();
            format!(
                "user authentication {} for {}{from}",
                if *success { "succeeded" } else { "failed" },
                user.unwrap_or("(no user)")
            )
        }
        Some(AsaMessage::Threat { object, attacking }) => format!(
            "threat detection: {object} is {}",
            if *attacking { "attacking" } else { "targeted" }
        ),
        Some(AsaMessage::Vpn(s)) => {
            let mut t = String::from("VPN");
            if let Some(g) = s.group {
                t.push_str(&format!(" group {g}"));
            }
            t.push_str(&format!(" user {}", s.user.unwrap_or("(none)")));
            if let Some(a) = s.ip {
                t.push_str(&format!(" from {a}"));
            }
            format!("{t}: {}", s.text)
        }
        None => body.to_string(),
    };
    clip(
        &format!("Cisco {} {}{on}: {what}", tag.product, tag.id_text),
        SUMMARY_MAX,
    )
}

/// The source fields of an ASA message for `afterlog events` (after the syslog ones): the
/// tag's parts and what the message grammar read.
pub fn source_fields(app: Option<&str>, msg: &str) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let Some((tag, body)) = tagged(app, msg) else {
        return out;
    };
    out.push(("asa.product", tag.product.to_string()));
    if let Some(c) = tag.class {
        out.push(("asa.class", c.to_string()));
    }
    out.push(("asa.severity", tag.severity.to_string()));
    out.push(("asa.message_id", tag.id_text.to_string()));
    const SRC: [&str; 5] = [
        "asa.src_interface",
        "asa.src_address",
        "asa.src_port",
        "asa.src_mapped_address",
        "asa.src_identity",
    ];
    const DST: [&str; 5] = [
        "asa.dst_interface",
        "asa.dst_address",
        "asa.dst_port",
        "asa.dst_mapped_address",
        "asa.dst_identity",
    ];
    match parse_message(tag.id, body) {
        Some(AsaMessage::AccessGroupDeny {
            protocol,
            src,
            dst,
            access_group,
        }) => {
            push_side(&mut out, &SRC, &src);
            push_side(&mut out, &DST, &dst);
            out.push(("asa.protocol", protocol.to_string()));
            out.push(("asa.access_group", access_group.to_string()));
        }
        Some(AsaMessage::AccessList {
            acl,
            protocol,
            src,
            dst,
            ..
        }) => {
            push_side(&mut out, &SRC, &src);
            push_side(&mut out, &DST, &dst);
            out.push(("asa.protocol", protocol.to_string()));
            out.push(("asa.access_list", acl.to_string()));
        }
        Some(AsaMessage::Connection(c)) => {
            push_side(&mut out, &SRC, c.source());
            push_side(&mut out, &DST, c.destination());
            out.push(("asa.protocol", c.protocol.to_string()));
            out.push(("asa.connection_id", c.connection_id.to_string()));
            if let Some(u) = c.user {
                out.push(("asa.user", u.to_string()));
            }
            if let Some(d) = c.duration {
                out.push(("asa.duration", d.to_string()));
            }
            if let Some(b) = c.bytes {
                out.push(("asa.bytes", b.to_string()));
            }
        }
        Some(AsaMessage::Aaa {
            server,
            user,
            user_ip,
            reason,
            ..
        }) => {
            for (k, v) in [
                ("asa.server", server),
                ("asa.user", user),
                ("asa.user_ip", user_ip),
                ("asa.reason", reason),
            ] {
                if let Some(v) = v {
                    out.push((k, v.to_string()));
                }
            }
        }
        Some(AsaMessage::Login {
            from,
            from_port,
            to,
            service,
            user,
            ..
        }) => {
            out.push(("asa.src_address", from.to_string()));
            if let Some(p) = from_port {
                out.push(("asa.src_port", p.to_string()));
            }
            out.push(("asa.dst_address", to.to_string()));
            if let Some(s) = service {
                out.push(("asa.service", s.to_string()));
            }
            out.push(("asa.user", user.to_string()));
        }
        Some(AsaMessage::UserAuthentication { ip, user, .. }) => {
            if let Some(a) = ip {
                out.push(("asa.src_address", a.to_string()));
            }
            if let Some(u) = user {
                out.push(("asa.user", u.to_string()));
            }
        }
        Some(AsaMessage::Threat { object, .. }) => out.push(("asa.object", object.to_string())),
        Some(AsaMessage::Vpn(s)) => {
            for (k, v) in [
                ("asa.group", s.group),
                ("asa.user", s.user),
                ("asa.src_address", s.ip),
                ("asa.assigned_ipv4", s.assigned_ipv4),
                ("asa.assigned_ipv6", s.assigned_ipv6),
                ("asa.reason", s.reason),
            ] {
                if let Some(v) = v {
                    out.push((k, v.to_string()));
                }
            }
        }
        None => {}
    }
    out
}

/// Interface, address, port, mapped address and identity of one side, under `names`.
fn push_side(out: &mut Vec<(&'static str, String)>, names: &[&'static str; 5], e: &Endpoint<'_>) {
    if let Some(i) = e.interface {
        out.push((names[0], i.to_string()));
    }
    out.push((names[1], e.address.to_string()));
    if let Some(p) = e.port {
        out.push((names[2], p.to_string()));
    }
    if let Some(m) = e.mapped_address {
        out.push((names[3], m.to_string()));
    }
    if let Some(i) = e.identity {
        out.push((names[4], i.to_string()));
    }
}
