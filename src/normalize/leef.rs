//! LEEF records (IBM QRadar's Log Event Extended Format, bare or behind a syslog header) to
//! events: time from `devTime` (with `devTimeFormat`) → the syslog header; `src`/`dst`,
//! `usrName`/`accountName`, `identHostName`/`vSrcName`, EventID/`cat`, `sev` mapped.

use std::borrow::Cow;

use parsers::cef::severity_score;
use parsers::leef::{parse_dev_time, parse_leef, Leef};
use parsers::timestamp::TimeValue;

use super::cef::{contains_any, FINDING_WORDS};
use super::{clip, ip_text, present, Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::{Event, Kind, Outcome, Provenance, Severity};

pub fn normalize(
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    let leef = parse_leef(text)?;
    let (time, ts_field) = time_of(&leef)?;
    let (kind, action, outcome) = classify(&leef);
    let mut e = Event::new(kind, action, provenance);
    e.ts_field = Cow::Borrowed(ts_field);
    e.outcome = outcome;
    // `sev` (1-10); PAN-OS also writes its own word (`Severity=high`).
    e.severity = leef
        .attr("sev")
        .and_then(|s| severity_score(s).map(Severity::from_score_10))
        .or_else(|| leef.attr("Severity").and_then(Severity::from_word));
    e.src_ip = attr_ip(&leef, "src");
    // A connection to our public address translated to an inside one (PAN-OS `dstPostNAT`)
    // reached that inside host: it is the destination.
    e.dst_ip = attr_ip(&leef, "dst");
    if e.dst_ip
        .as_deref()
        .is_some_and(crate::correlate::entity::is_public)
    {
        // The first of the names the record has (a second lookup would scan it all).
        let translated = attr_ip(&leef, "dstPostNAT").or_else(|| attr_ip(&leef, "dstNatIP"));
        if let Some(inside) = translated.filter(|ip| {
            ip.parse::<std::net::Ipv4Addr>()
                .is_ok_and(|a| a.is_private())
        }) {
            e.dst_ip = Some(inside);
        }
    }
    e.user = ["usrName", "accountName"]
        .iter()
        .find_map(|k| attr(&leef, k));
    block_rule(&leef, &mut e);
    // The host an event is about: the identity's host, else the (virtual) source device; the
    // syslog header's host (the sender) when the record names neither and has no addresses
    // (a device that reports traffic between addresses only observed it, as for CEF).
    let observed = e.src_ip.is_some() || e.dst_ip.is_some();
    e.host = ["identHostName", "vSrcName"]
        .iter()
        .find_map(|k| attr(&leef, k))
        .or_else(|| {
            leef.envelope
                .as_ref()
                .filter(|_| !observed)
                .and_then(|h| h.hostname)
                .and_then(present)
                .map(Cow::Borrowed)
        });
    if detail == Detail::Full {
        e.summary = Cow::Owned(summary(&leef, &e));
    }
    Ok(Normalized { event: e, time })
}

/// Attribute `key`'s value, trimmed, unless empty or a placeholder.
fn attr<'a>(leef: &Leef<'a>, key: &str) -> Option<Cow<'a, str>> {
    leef.attr(key).and_then(present).map(Cow::Borrowed)
}

/// An address attribute in canonical form (IPv6 compressed); as written when not an address.
fn attr_ip<'a>(leef: &Leef<'a>, key: &str) -> Option<Cow<'a, str>> {
    let v = leef.attr(key).and_then(present)?;
    ip_text(v).or(Some(Cow::Borrowed(v)))
}

/// The event time and the field it came from: `devTime` read with `devTimeFormat` (or in
/// QRadar's default forms), else the syslog header's time. A `devTime` that cannot be read
/// falls back to the header when there is one.
fn time_of(leef: &Leef<'_>) -> Result<(TimeValue, &'static str), RejectReason> {
    let header = leef.envelope.as_ref().and_then(|h| h.timestamp);
    match leef.attr("devTime").and_then(present) {
        Some(raw) => match (parse_dev_time(raw, leef.attr("devTimeFormat")), header) {
            (Some(t), _) => Ok((t, "devTime")),
            (None, Some(h)) => Ok((TimeValue::Civil(h), "timestamp")),
            (None, None) => Err(RejectReason::new(
                "bad timestamp",
                match leef.attr("devTimeFormat") {
                    Some(f) => format!("LEEF devTime={raw:?} does not fit devTimeFormat={f:?}"),
                    None => format!("LEEF devTime={raw:?} is not a time"),
                },
            )),
        },
        None => match header {
            Some(h) => Ok((TimeValue::Civil(h), "timestamp")),
            None => Err(RejectReason::new(
                "no timestamp",
                "LEEF record has no devTime and no syslog header time",
            )),
        },
    }
}

/// `allow`, `deny`, `reset-both`, `Failed`, `LoginSucceeded` ... as an outcome: failure words
/// anywhere win (`unsuccessful`, `AuthFailure`), then success words.
fn outcome_of(word: &str) -> Outcome {
    let w = word.trim().to_ascii_lowercase();
    let failure = [
        "fail",
        "deny",
        "denied",
        "drop",
        "block",
        "reset",
        "reject",
        "unsuccess",
    ];
    let success = ["allow", "accept", "permit", "success", "succeed"];
    if failure.iter().any(|p| w.contains(p)) {
        Outcome::Failure
    } else if success.iter().any(|p| w.contains(p)) || w == "pass" || w == "alert" {
        Outcome::Success
    } else {
        Outcome::Unknown
    }
}

fn classify<'a>(leef: &Leef<'a>) -> (Kind, Cow<'a, str>, Outcome) {
    let event_id = leef.event_id.trim();
    let cat = leef.attr("cat").unwrap_or("");
    // The vendor's verdict (PAN-OS `action`), else EventID (PAN-OS repeats the action there),
    // else the category (`Login Event|cat=Failed`).
    let outcome = [
        leef.attr("action"),
        leef.attr("outcome"),
        Some(event_id),
        Some(cat),
    ]
    .into_iter()
    .flatten()
    .map(outcome_of)
    .find(|o| *o != Outcome::Unknown)
    .unwrap_or(Outcome::Unknown);
    let score = leef.attr("sev").and_then(severity_score);
    // Threat words make a finding unless the device rates the record informational (0-1).
    let finding = (contains_any(event_id, &FINDING_WORDS) || contains_any(cat, &FINDING_WORDS))
        && score.is_none_or(|s| s >= 2)
        || score.is_some_and(|s| s >= 7);
    let flag = |k: &str| {
        leef.attr(k)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    };
    let auth_words = ["login", "logon", "logout", "logoff", "authentica"];
    let kind = if finding {
        Kind::Finding
    } else if flag("isLoginEvent")
        || flag("isLogoutEvent")
        || contains_any(event_id, &auth_words)
        || contains_any(cat, &auth_words)
    {
        Kind::Authentication
    } else if leef.attr("src").and_then(present).is_some()
        || leef.attr("dst").and_then(present).is_some()
    {
        Kind::Network
    } else {
        Kind::Other
    };
    let action = match &leef.event_id {
        Cow::Borrowed(b) => present(b).map(Cow::Borrowed),
        Cow::Owned(o) => present(o).map(|t| Cow::Owned(t.to_string())),
    }
    .or_else(|| attr(leef, "cat"))
    .unwrap_or(Cow::Borrowed("leef"));
    (kind, action, outcome)
}

/// `addr:port`, `[v6]:port`, or the address alone.
fn endpoint(ip: &str, port: Option<&str>) -> String {
    match port.and_then(present) {
        Some(p) if ip.contains(':') => format!("[{ip}]:{p}"),
        Some(p) => format!("{ip}:{p}"),
        None => ip.to_string(),
    }
}

fn summary(leef: &Leef<'_>, e: &Event<'_>) -> String {
    let device = leef
        .envelope
        .as_ref()
        .and_then(|h| h.hostname)
        .and_then(present)
        .or_else(|| leef.attr("vSrcName").and_then(present))
        .map(|d| format!(" on {d}"))
        .unwrap_or_default();
    let mut s = format!(
        "{} {}{device}: {}",
        leef.vendor.trim(),
        leef.product.trim(),
        leef.event_id.trim()
    );
    if let Some(cat) = leef.attr("cat").and_then(present) {
        if cat != leef.event_id.trim() {
            s.push_str(&format!(" ({cat})"));
        }
    }
    let src = e
        .src_ip
        .as_deref()
        .map(|ip| endpoint(ip, leef.attr("srcPort")));
    let dst = e
        .dst_ip
        .as_deref()
        .map(|ip| endpoint(ip, leef.attr("dstPort")));
    match (src, dst) {
        (Some(a), Some(b)) => s.push_str(&format!(" {a} -> {b}")),
        (Some(a), None) => s.push_str(&format!(" from {a}")),
        (None, Some(b)) => s.push_str(&format!(" to {b}")),
        (None, None) => {}
    }
    if let Some(p) = leef.attr("proto").and_then(present) {
        s.push_str(&format!(" {p}"));
    }
    if let Some(u) = e.user.as_deref() {
        s.push_str(&format!(" user {u}"));
    }
    if let Some(a) = leef.attr("action").and_then(present) {
        if a != leef.event_id.trim() {
            s.push_str(&format!(" ({a})"));
        }
    }
    clip(&s, 300)
}

/// A firewall configuration change that adds addresses to a rule that denies, drops or
/// blocks (PAN-OS CONFIG: `AfterChangeDetail` against `BeforeChangeDetail`): a containment
/// (`address_blocked`) of the addresses it adds, the first two named as the event's
/// addresses (destination, then source) so the block joins the incident of the address.
fn block_rule<'a>(leef: &Leef<'a>, e: &mut Event<'a>) {
    // `cat` comes first in PAN-OS records: most are decided by it without a further scan.
    let is_config = |v: &str| v.trim().eq_ignore_ascii_case("config");
    let config = match leef.attr("cat") {
        Some(c) => is_config(c),
        None => leef.attr("Type").is_some_and(is_config),
    };
    if !config {
        return;
    }
    let Some(after) = leef.attr("AfterChangeDetail") else {
        return;
    };
    let lower = after.to_ascii_lowercase();
    if !["deny", "drop", "block", "reset-both", "reset-client"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return;
    }
    let before = addresses(leef.attr("BeforeChangeDetail").unwrap_or(""));
    let added: Vec<String> = addresses(after)
        .into_iter()
        .filter(|a| !before.contains(a))
        .collect();
    let Some(first) = added.first() else { return };
    e.kind = Kind::Remediation;
    e.action = Cow::Borrowed("address_blocked");
    e.outcome = Outcome::Success;
    e.dst_ip = Some(Cow::Owned(first.clone()));
    e.src_ip = added.get(1).map(|a| Cow::Owned(a.clone()));
}

/// The IPv4 addresses written in `text`, in order, once each.
fn addresses(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
        let token = token.trim_matches('.');
        if token.parse::<std::net::Ipv4Addr>().is_ok() && !out.iter().any(|o| o == token) {
            out.push(token.to_string());
        }
    }
    out
}

#[cfg(test)]
mod block_tests {
    use super::*;
    use crate::format::Format;

    #[test]
    fn a_deny_rule_that_gains_addresses_blocks_them() {
        let text = "<14>Aug 9 10:52:10 pa-edge-01 LEEF:2.0|Palo Alto Networks|PAN-OS Syslog Integration|10.1.11-h1|Submitted|x7C|cat=CONFIG|devTime=Aug 09 2026 14:52:10 GMT|src=10.20.10.21|msg=edit|usrName=kpatel|BeforeChangeDetail= block-ioc-in { source 192.0.2.200; action deny; } |AfterChangeDetail= block-ioc-in { source [ 192.0.2.200 203.0.113.47 198.51.100.77 ]; action deny; } ";
        let p = crate::event::Provenance {
            input: 0,
            line: 1,
            offset: 0,
            length: text.len() as u32,
            format: Format::Leef,
        };
        let n = normalize(text, p, Detail::Scan).expect("read");
        assert_eq!(n.event.kind, Kind::Remediation);
        assert_eq!(n.event.action, "address_blocked");
        assert_eq!(n.event.dst_ip.as_deref(), Some("203.0.113.47"));
        assert_eq!(n.event.src_ip.as_deref(), Some("198.51.100.77"));
        assert_eq!(n.event.user.as_deref(), Some("kpatel"));
        assert_eq!(
            addresses("a 10.0.0.1, 10.0.0.1; 1.2.3 x 999.1.1.1 8.8.8.8."),
            ["10.0.0.1", "8.8.8.8"]
        );
    }
}
