//! CEF records to events: `src`/`dst`/`suser`/`duser`/`shost`/`dhost`/`act`/severity mapped,
//! time from `rt` → `end` → `start` → the syslog header.

use std::borrow::Cow;

use parsers::cef::{parse_cef, severity_score, Cef};
use parsers::timestamp::{parse_cef_time, CivilTime, TimeValue};

use super::{clip, ip_text, present, Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::{Event, Kind, Outcome, Provenance, Severity};

/// Words in a CEF name, signature id or category that make the record a security finding.
pub(super) const FINDING_WORDS: [&str; 12] = [
    "threat",
    "alert",
    "detect",
    "intrusion",
    "malware",
    "virus",
    "attack",
    "exploit",
    "brute",
    "trojan",
    "suspicious",
    "suspected",
];

pub fn normalize(
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    let cef = parse_cef(text)?;
    let (time, ts_field) = time_of(&cef)?;
    let (kind, action, outcome) = classify(&cef);
    let mut e = Event::new(kind, action, provenance);
    e.ts_field = Cow::Borrowed(ts_field);
    e.outcome = outcome;
    e.severity = severity_score(&cef.severity).map(Severity::from_score_10);
    e.src_ip = ext_ip(&cef, "src");
    e.dst_ip = ext_ip(&cef, "dst");
    e.user = ["duser", "suser"].iter().find_map(|k| ext(&cef, k));
    // The host an event is about: the destination, else the source. The reporting device
    // (`dvchost`, the syslog header's host) observed it and is named in the summary only.
    e.host = ["dhost", "shost"].iter().find_map(|k| ext(&cef, k));
    e.process = ["dproc", "sproc", "deviceProcessName"]
        .iter()
        .find_map(|k| ext(&cef, k));
    e.hash = ext(&cef, "fileHash");
    vpn_session(&cef, &mut e);
    // The syslog header's time in front of a record timed by `rt`/`end`/`start`.
    if ts_field != "timestamp" {
        e.alt_time = cef
            .envelope
            .as_ref()
            .and_then(|h| h.timestamp)
            .map(|t| (TimeValue::Civil(t), "timestamp"));
    }
    if detail == Detail::Full {
        e.summary = Cow::Owned(summary(&cef, &e));
    }
    Ok(Normalized { event: e, time })
}

/// Extensions that name the inside address a VPN gateway gave a remote user's session (Check
/// Point `office_mode_ip`; `assigned_ip`/`tunnel_ip` elsewhere).
const ASSIGNED_ADDRESS: [&str; 4] = ["office_mode_ip", "assigned_ip", "tunnel_ip", "tunnelip"];

/// A remote-access login that gave the session an inside address: an authentication
/// (`vpn_logon`) from the outside address (`src`) to the assigned one (`dst_ip`), so that
/// what the inside address does next can be followed back to who signed in from where.
fn vpn_session<'a>(cef: &Cef<'a>, e: &mut Event<'a>) {
    // One pass over the extensions decides for the records without any (nearly all).
    if !cef
        .extensions
        .iter()
        .any(|(k, _)| ASSIGNED_ADDRESS.contains(k))
    {
        return;
    }
    let Some(assigned) = ASSIGNED_ADDRESS.iter().find_map(|k| ext_ip(cef, k)) else {
        return;
    };
    if ip_text(&assigned).is_none() {
        return;
    }
    let text = format!(
        "{} {} {}",
        cef.name,
        cef.ext("act").unwrap_or(""),
        cef.ext("auth_status").unwrap_or("")
    );
    let logout = contains_any(&text, &["log out", "logout", "disconnect"]);
    e.kind = Kind::Authentication;
    e.action = Cow::Borrowed(if logout { "vpn_logoff" } else { "vpn_logon" });
    e.dst_ip = Some(assigned);
    if let Some(status) = cef.ext("auth_status") {
        e.outcome = if contains_any(status, &["fail", "denied", "reject"]) {
            Outcome::Failure
        } else if contains_any(status, &["success"]) {
            Outcome::Success
        } else {
            e.outcome
        };
    } else if e.outcome == Outcome::Unknown && !logout {
        e.outcome = Outcome::Success;
    }
}

/// Extension `key`'s value, trimmed, unless empty or a placeholder; borrowed from the record
/// unless it had escapes.
fn ext<'a>(cef: &Cef<'a>, key: &str) -> Option<Cow<'a, str>> {
    let (_, v) = cef.extensions.iter().find(|(k, _)| *k == key)?;
    match v {
        Cow::Borrowed(b) => present(b).map(Cow::Borrowed),
        Cow::Owned(o) => present(o).map(|t| Cow::Owned(t.to_string())),
    }
}

fn ext_ip<'a>(cef: &Cef<'a>, key: &str) -> Option<Cow<'a, str>> {
    let v = ext(cef, key)?;
    match v {
        Cow::Borrowed(b) => ip_text(b).or(Some(Cow::Borrowed(b))),
        Cow::Owned(o) => Some(Cow::Owned(
            ip_text(&o).map_or(o.clone(), |c| c.into_owned()),
        )),
    }
}

/// The event time and the field it came from. A zone-less CEF time is read in `dtz` when that
/// is a fixed offset; otherwise the run's `--tz` applies (and the event is flagged).
fn time_of(cef: &Cef<'_>) -> Result<(TimeValue, &'static str), RejectReason> {
    for key in ["rt", "end", "start"] {
        let Some(raw) = cef.ext(key) else { continue };
        if raw.trim().is_empty() {
            continue;
        }
        return match parse_cef_time(raw.trim()) {
            Some(TimeValue::Civil(c)) => Ok((TimeValue::Civil(with_dtz(c, cef)), key)),
            Some(t) => Ok((t, key)),
            None => Err(RejectReason::new(
                "bad timestamp",
                format!("CEF {key}={raw:?} is not a time"),
            )),
        };
    }
    match cef.envelope.as_ref().and_then(|h| h.timestamp) {
        Some(t) => Ok((TimeValue::Civil(t), "timestamp")),
        None => Err(RejectReason::new(
            "no timestamp",
            "CEF record has no rt, end or start and no syslog header time",
        )),
    }
}

fn with_dtz(mut c: CivilTime, cef: &Cef<'_>) -> CivilTime {
    if c.offset_s.is_none() {
        if let Some(off) = cef
            .ext("dtz")
            .and_then(|z| parsers::timestamp::zone_abbreviation(z.trim()))
        {
            c.offset_s = Some(off);
        }
    }
    c
}

/// Whether `hay` contains one of `words` (lowercase ASCII), ASCII case ignored; without
/// allocating a lowercased copy (this runs several times on every CEF and LEEF record).
pub(super) fn contains_any(hay: &str, words: &[&str]) -> bool {
    let hay = hay.as_bytes();
    words.iter().any(|w| {
        let w = w.as_bytes();
        debug_assert!(!w.iter().any(u8::is_ascii_uppercase), "words are lowercase");
        match w.first() {
            None => true,
            Some(&first) => {
                hay.len() >= w.len() && {
                    (0..=hay.len() - w.len()).any(|i| {
                        hay[i].to_ascii_lowercase() == first
                            && hay[i..i + w.len()].eq_ignore_ascii_case(w)
                    })
                }
            }
        }
    })
}

fn classify<'a>(cef: &Cef<'a>) -> (Kind, Cow<'a, str>, Outcome) {
    let act = cef
        .ext("act")
        .or_else(|| cef.ext("deviceAction"))
        .unwrap_or("");
    let act_lower = act.trim().to_ascii_lowercase();
    let outcome = match act_lower.as_str() {
        "" => match cef.ext("outcome").map(|o| o.trim().to_ascii_lowercase()) {
            Some(o) if o == "success" || o == "true" || o == "allowed" => Outcome::Success,
            Some(o) if o == "failure" || o == "false" || o == "blocked" => Outcome::Failure,
            _ => Outcome::Unknown,
        },
        a if a.starts_with("allow") || a == "accept" || a == "permit" || a == "alert" => {
            Outcome::Success
        }
        a if a.starts_with("deny")
            || a.starts_with("drop")
            || a.starts_with("block")
            || a.starts_with("reset")
            || a.starts_with("reject") =>
        {
            Outcome::Failure
        }
        _ => Outcome::Unknown,
    };
    let category = cef.ext("cat").unwrap_or("");
    let score = severity_score(&cef.severity);
    // Threat words make a finding unless the device itself rates the record informational
    // (0-1), as firewalls do for URL and file logs filed under "THREAT".
    let finding = (contains_any(&cef.name, &FINDING_WORDS)
        || contains_any(&cef.signature_id, &FINDING_WORDS)
        || contains_any(category, &FINDING_WORDS))
        && score.is_none_or(|s| s >= 2)
        || score.is_some_and(|s| s >= 7);
    let kind = if finding {
        Kind::Finding
    } else if contains_any(
        &cef.name,
        &[
            "login",
            "logon",
            "logout",
            "log in",
            "log out",
            "sign in",
            "authentica",
        ],
    ) {
        Kind::Authentication
    } else if cef.ext("src").is_some() || cef.ext("dst").is_some() {
        Kind::Network
    } else {
        Kind::Other
    };
    let action = ext(cef, "act")
        .or_else(|| ext(cef, "deviceAction"))
        .or_else(|| match &cef.signature_id {
            Cow::Borrowed(b) => present(b).map(Cow::Borrowed),
            Cow::Owned(o) => present(o).map(|t| Cow::Owned(t.to_string())),
        })
        .unwrap_or_else(|| Cow::Owned(cef.name.trim().to_string()));
    (kind, action, outcome)
}

fn summary(cef: &Cef<'_>, e: &Event<'_>) -> String {
    let device = ["dvchost", "dvc"]
        .iter()
        .find_map(|k| cef.ext(k).and_then(present))
        .or_else(|| {
            cef.envelope
                .as_ref()
                .and_then(|h| h.hostname)
                .and_then(present)
        })
        .map(|d| format!(" on {d}"))
        .unwrap_or_default();
    // Some devices put the descriptive name in the signature id and a type in the name
    // (PAN-OS 10: `SSH User Authentication Brute Force Attempt(40015)|THREAT`): show both.
    let sig = cef.signature_id.trim();
    let what = if sig.contains(' ') && !cef.name.contains(sig) {
        format!("{} {sig}", cef.name)
    } else {
        cef.name.to_string()
    };
    let mut s = format!(
        "{} {}{device}: {what}",
        cef.device_vendor, cef.device_product
    );
    let src = e.src_ip.as_deref().map(|ip| {
        let port = cef.ext("spt").map(|p| format!(":{p}")).unwrap_or_default();
        format!("{ip}{port}")
    });
    let dst = e.dst_ip.as_deref().map(|ip| {
        let port = cef.ext("dpt").map(|p| format!(":{p}")).unwrap_or_default();
        format!("{ip}{port}")
    });
    match (src, dst) {
        (Some(a), Some(b)) => s.push_str(&format!(" {a} -> {b}")),
        (Some(a), None) => s.push_str(&format!(" from {a}")),
        (None, Some(b)) => s.push_str(&format!(" to {b}")),
        (None, None) => {}
    }
    if let Some(u) = e.user.as_deref() {
        s.push_str(&format!(" user {u}"));
    }
    if let Some(a) = ext(cef, "act") {
        s.push_str(&format!(" ({a})"));
    }
    clip(&s, 300)
}

#[cfg(test)]
mod contains_any_tests {
    use super::contains_any;

    #[test]
    fn finds_words_in_any_ascii_case_anywhere() {
        assert!(contains_any("Wildfire VIRUS detected", &["virus"]));
        assert!(contains_any("THREAT", &["alert", "threat"]));
        assert!(contains_any("x-logout", &["logout"]));
        assert!(contains_any("logout", &["logout"]));
        assert!(!contains_any("logou", &["logout"]));
        assert!(!contains_any("", &["threat"]));
        assert!(contains_any("anything", &[""]));
        assert!(!contains_any("TRAFFIC end", &super::FINDING_WORDS));
        // Non-ASCII text around a word is passed over, not folded.
        assert!(contains_any("Ünbekannt Malware", &["malware"]));
        assert!(!contains_any("MALWARÉ", &["malware"]));
    }
}
