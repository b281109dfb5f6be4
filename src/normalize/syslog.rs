//! RFC 3164 and RFC 5424 records to events. Auth messages (sshd, PAM, sudo, shadow-utils)
//! become authentication and account events (`linux_auth`); CEF and LEEF behind a syslog header
//! go to their mappings, Cisco ASA/PIX/FTD messages (`%ASA-6-302013`) to `cisco_asa`; anything
//! else is an `other` event carrying the message.

use std::borrow::Cow;

use parsers::syslog::{parse_rfc3164, parse_rfc5424, Strictness};
use parsers::timestamp::TimeValue;

use super::{cef, cisco_asa, clip, leef, linux_auth, present, Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::{Event, Kind, Provenance, Severity};

/// Longest message kept in a summary.
const SUMMARY_MAX: usize = 240;

pub fn rfc3164(
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    let rec = parse_rfc3164(text)?;
    if rec.msg.starts_with("CEF:") {
        return cef::normalize(text, provenance, detail);
    }
    if rec.msg.starts_with("LEEF:") {
        return leef::normalize(text, provenance, detail);
    }
    if let Some((tag, body)) = cisco_asa::tagged(rec.app, rec.msg) {
        let mut event = cisco_asa::event(tag, body, rec.hostname, provenance, detail);
        event.ts_field = Cow::Borrowed("timestamp");
        return Ok(Normalized {
            event,
            time: TimeValue::Civil(rec.timestamp),
        });
    }
    let severity = rec
        .pri
        .map(|p| Severity::from_syslog(parsers::primitives::severity_of(p)));
    let event = message_event(rec.app, rec.msg, rec.hostname, severity, provenance, detail);
    Ok(Normalized {
        event,
        time: TimeValue::Civil(rec.timestamp),
    })
}

pub fn rfc5424(
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    let rec = parse_rfc5424(text, Strictness::Lenient)?;
    if rec.msg.starts_with("CEF:") {
        return cef::normalize(text, provenance, detail);
    }
    if rec.msg.starts_with("LEEF:") {
        return leef::normalize(text, provenance, detail);
    }
    let Some(ts) = rec.timestamp else {
        return Err(RejectReason::new(
            "no timestamp",
            "TIMESTAMP is NILVALUE (-): the record carries no time",
        ));
    };
    if let Some((tag, body)) = cisco_asa::tagged(rec.app_name, rec.msg) {
        let mut event = cisco_asa::event(tag, body, rec.hostname, provenance, detail);
        event.ts_field = Cow::Borrowed("timestamp");
        return Ok(Normalized {
            event,
            time: TimeValue::Civil(ts),
        });
    }
    let severity = rec
        .pri
        .map(|p| Severity::from_syslog(parsers::primitives::severity_of(p)));
    let mut event = message_event(
        rec.app_name,
        rec.msg,
        rec.hostname,
        severity,
        provenance,
        detail,
    );
    if let Some(msgid) = rec.msgid {
        if event.kind == Kind::Other {
            event.action = Cow::Borrowed(msgid);
        }
    }
    Ok(Normalized {
        event,
        time: TimeValue::Civil(ts),
    })
}

/// The event of a syslog message from `app` on `host`: an auth event when the message is one,
/// else an `other` event whose summary is the message.
fn message_event<'a>(
    app: Option<&'a str>,
    msg: &'a str,
    host: Option<&'a str>,
    severity: Option<Severity>,
    provenance: Provenance,
    detail: Detail,
) -> Event<'a> {
    let host = host.and_then(present);
    let app = app.unwrap_or("");
    let mut event = match parsers::linux_auth::parse_auth_message(app, msg) {
        Some(auth) => linux_auth::event(&auth, host, provenance, detail),
        None => {
            let mut e = Event::new(
                Kind::Other,
                if app.is_empty() { "syslog" } else { app },
                provenance,
            );
            if detail == Detail::Full {
                e.summary = Cow::Owned(match host {
                    Some(h) if !app.is_empty() => clip(&format!("{h} {app}: {msg}"), SUMMARY_MAX),
                    Some(h) => clip(&format!("{h}: {msg}"), SUMMARY_MAX),
                    None => clip(msg, SUMMARY_MAX),
                });
            }
            e.severity = severity;
            e
        }
    };
    event.ts_field = Cow::Borrowed("timestamp");
    event.host = host.map(Cow::Borrowed);
    if event.process.is_none() {
        event.process = present(app).map(Cow::Borrowed);
    }
    event
}
