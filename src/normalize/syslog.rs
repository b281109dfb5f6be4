//! RFC 3164 and RFC 5424 records to events. Auth messages (sshd, PAM, sudo, shadow-utils)
//! become authentication and account events (`linux_auth`); CEF behind a syslog header goes to
//! the CEF mapping; anything else is an `other` event carrying the message.

use parsers::syslog::{parse_rfc3164, parse_rfc5424, Strictness};
use parsers::timestamp::TimeValue;

use super::{cef, clip, linux_auth, present, Normalized};
use crate::accounting::RejectReason;
use crate::event::{Event, Kind, Provenance, Severity};

/// Longest message kept in a summary.
const SUMMARY_MAX: usize = 240;

pub fn rfc3164(text: &str, provenance: Provenance) -> Result<Normalized, RejectReason> {
    let rec = parse_rfc3164(text)?;
    if rec.msg.starts_with("CEF:") {
        return cef::normalize(text, provenance);
    }
    let host = rec.hostname.and_then(present);
    let severity = rec
        .pri
        .map(|p| Severity::from_syslog(parsers::primitives::severity_of(p)));
    let event = message_event(rec.app, rec.msg, host, severity, provenance);
    Ok(Normalized {
        event,
        time: TimeValue::Civil(rec.timestamp),
    })
}

pub fn rfc5424(text: &str, provenance: Provenance) -> Result<Normalized, RejectReason> {
    let rec = parse_rfc5424(text, Strictness::Lenient)?;
    if rec.msg.starts_with("CEF:") {
        return cef::normalize(text, provenance);
    }
    let Some(ts) = rec.timestamp else {
        return Err(RejectReason::new(
            "no timestamp",
            "TIMESTAMP is NILVALUE (-): the record carries no time",
        ));
    };
    let host = rec.hostname.and_then(present);
    let severity = rec
        .pri
        .map(|p| Severity::from_syslog(parsers::primitives::severity_of(p)));
    let mut event = message_event(rec.app_name, rec.msg, host, severity, provenance);
    if let Some(msgid) = rec.msgid {
        if event.kind == Kind::Other {
            event.action = msgid.to_string();
        }
    }
    Ok(Normalized {
        event,
        time: TimeValue::Civil(ts),
    })
}

/// The event of a syslog message from `app`: an auth event when the message is one, else an
/// `other` event whose summary is the message.
fn message_event(
    app: Option<&str>,
    msg: &str,
    host: Option<String>,
    severity: Option<Severity>,
    provenance: Provenance,
) -> Event {
    let app = app.unwrap_or("");
    let mut event = match parsers::linux_auth::parse_auth_message(app, msg) {
        Some(auth) => linux_auth::event(&auth, host.as_deref(), provenance),
        None => {
            let mut e = Event::new(
                Kind::Other,
                if app.is_empty() { "syslog" } else { app },
                provenance,
            );
            e.summary = match host.as_deref() {
                Some(h) if !app.is_empty() => clip(&format!("{h} {app}: {msg}"), SUMMARY_MAX),
                Some(h) => clip(&format!("{h}: {msg}"), SUMMARY_MAX),
                None => clip(msg, SUMMARY_MAX),
            };
            e.severity = severity;
            e
        }
    };
    event.ts_field = "timestamp";
    event.host = host;
    if event.process.is_none() {
        event.process = present(app);
    }
    event
}
