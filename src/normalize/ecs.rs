//! NDJSON records to events. Elastic Common Schema fields, dotted or nested, map field for
//! field; common non-ECS names are used as fallbacks so that any JSON log with a time becomes
//! an event. Vendor-specific meaning (CrowdStrike, Defender, ...) belongs to profiles.

use parsers::timestamp::{parse_epoch, parse_iso8601, TimeValue};

use super::json::{walk_object, Leaf};
use super::{clip, present, Normalized};
use crate::accounting::RejectReason;
use crate::event::{Event, Kind, Outcome, Provenance, Severity, TsQuality};

/// Time fields, most preferred first; `true` marks an ingest (not event) time.
const TIME_FIELDS: [(&str, bool); 13] = [
    ("@timestamp", false),
    // journald JSON (`journalctl -o json`): the sender's time, then the journal's.
    ("_SOURCE_REALTIME_TIMESTAMP", false),
    ("__REALTIME_TIMESTAMP", false),
    ("timestamp", false),
    ("Timestamp", false),
    ("time", false),
    ("ts", false),
    ("eventTime", false),
    ("published", false),
    ("_time", false),
    ("event.created", false),
    ("event.ingested", true),
    ("TimeGenerated", true),
];

const HOST_FIELDS: [&str; 6] = [
    "host.name",
    "host.hostname",
    "hostname",
    "Computer",
    "_HOSTNAME",
    "agent.hostname",
];
const USER_FIELDS: [&str; 4] = ["user.name", "username", "UserName", "user"];
const SRC_FIELDS: [&str; 3] = ["source.ip", "client.ip", "src_ip"];
const DST_FIELDS: [&str; 4] = ["destination.ip", "server.ip", "dest_ip", "dst_ip"];
const PROCESS_FIELDS: [&str; 4] = [
    "process.name",
    "process.executable",
    "SYSLOG_IDENTIFIER",
    "_COMM",
];
const HASH_FIELDS: [&str; 6] = [
    "process.hash.sha256",
    "file.hash.sha256",
    "hash.sha256",
    "process.hash.sha1",
    "file.hash.sha1",
    "process.hash.md5",
];
const ACTION_FIELDS: [&str; 3] = ["event.action", "event.code", "action"];
const RULE_FIELDS: [&str; 3] = ["kibana.alert.rule.name", "signal.rule.name", "rule.name"];
const SEVERITY_FIELDS: [&str; 4] = [
    "kibana.alert.severity",
    "signal.rule.severity",
    "event.severity",
    "severity",
];

/// The fields of one record that the mapping uses; first value wins for each path.
#[derive(Default)]
struct Slots {
    time: [Option<String>; TIME_FIELDS.len()],
    host: [Option<String>; HOST_FIELDS.len()],
    user: [Option<String>; USER_FIELDS.len()],
    src: [Option<String>; SRC_FIELDS.len()],
    dst: [Option<String>; DST_FIELDS.len()],
    process: [Option<String>; PROCESS_FIELDS.len()],
    hash: [Option<String>; HASH_FIELDS.len()],
    action: [Option<String>; ACTION_FIELDS.len()],
    rule: [Option<String>; RULE_FIELDS.len()],
    severity: [Option<String>; SEVERITY_FIELDS.len()],
    kind: Option<String>,
    categories: Vec<String>,
    outcome: Option<String>,
    message: Option<String>,
    command_line: Option<String>,
    file_path: Option<String>,
}

fn put<const N: usize>(
    names: &[&str; N],
    slots: &mut [Option<String>; N],
    path: &str,
    v: &str,
) -> bool {
    match names.iter().position(|n| *n == path) {
        Some(i) => {
            if slots[i].is_none() {
                slots[i] = present(v);
            }
            true
        }
        None => false,
    }
}

fn first<const N: usize>(slots: &[Option<String>; N]) -> Option<String> {
    slots.iter().flatten().next().cloned()
}

impl Slots {
    fn take(&mut self, path: &str, leaf: Leaf<'_>) {
        if leaf == Leaf::Null {
            return;
        }
        let v = leaf.as_text();
        if let Some(i) = TIME_FIELDS.iter().position(|(n, _)| *n == path) {
            if self.time[i].is_none() {
                self.time[i] = present(v);
            }
            return;
        }
        let _ = put(&HOST_FIELDS, &mut self.host, path, v)
            || put(&USER_FIELDS, &mut self.user, path, v)
            || put(&SRC_FIELDS, &mut self.src, path, v)
            || put(&DST_FIELDS, &mut self.dst, path, v)
            || put(&PROCESS_FIELDS, &mut self.process, path, v)
            || put(&HASH_FIELDS, &mut self.hash, path, v)
            || put(&ACTION_FIELDS, &mut self.action, path, v)
            || put(&RULE_FIELDS, &mut self.rule, path, v)
            || put(&SEVERITY_FIELDS, &mut self.severity, path, v);
        match path {
            "event.kind" if self.kind.is_none() => self.kind = present(v),
            "event.category" => self.categories.push(v.to_ascii_lowercase()),
            "event.outcome" if self.outcome.is_none() => self.outcome = present(v),
            "message" | "MESSAGE" if self.message.is_none() => self.message = present(v),
            "process.command_line" if self.command_line.is_none() => self.command_line = present(v),
            "file.path" if self.file_path.is_none() => self.file_path = present(v),
            _ => {}
        }
    }
}

pub fn normalize(text: &str, provenance: Provenance) -> Result<Normalized, RejectReason> {
    let mut s = Slots::default();
    walk_object(text, |path, leaf| s.take(path, leaf))
        .map_err(|e| RejectReason::new("invalid JSON", format!("invalid JSON: {}", e.0)))?;

    let Some(ti) = s.time.iter().position(Option::is_some) else {
        return Err(RejectReason::new(
            "no timestamp",
            "JSON object has none of the known time fields (@timestamp, timestamp, time, ...)",
        ));
    };
    let (ts_field, ingest) = TIME_FIELDS[ti];
    let raw = s.time[ti].as_deref().unwrap_or_default();
    let time = parse_time(raw).ok_or_else(|| {
        RejectReason::new("bad timestamp", format!("{ts_field} {raw:?} is not a time"))
    })?;

    let rule = first(&s.rule);
    let kind = kind_of(&s, rule.is_some());
    let action = first(&s.action)
        .or_else(|| rule.clone())
        .unwrap_or_else(|| "event".to_string());
    let mut e = Event::new(kind, action, provenance);
    e.ts_field = ts_field;
    if ingest {
        e.ts_quality.insert(TsQuality::INGEST_TIME);
    }
    e.outcome = match s.outcome.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("success") => Outcome::Success,
        Some("failure") => Outcome::Failure,
        _ => Outcome::Unknown,
    };
    e.severity = first(&s.severity).and_then(|v| severity(&v));
    e.host = first(&s.host);
    e.user = first(&s.user);
    e.src_ip = first(&s.src);
    e.dst_ip = first(&s.dst);
    e.process = first(&s.process);
    e.hash = first(&s.hash);
    e.summary = summary(&s, &e, rule.as_deref());
    Ok(Normalized { event: e, time })
}

fn parse_time(raw: &str) -> Option<TimeValue> {
    parse_iso8601(raw.trim())
        .map(TimeValue::Civil)
        .or_else(|| parse_epoch(raw.trim()))
}

fn kind_of(s: &Slots, has_rule: bool) -> Kind {
    let kind = s.kind.as_deref().unwrap_or("").to_ascii_lowercase();
    if kind == "alert"
        || kind == "signal"
        || (has_rule && kind.is_empty() && s.categories.is_empty())
    {
        return Kind::Finding;
    }
    let has = |c: &str| s.categories.iter().any(|x| x == c);
    if has("authentication") || has("session") {
        Kind::Authentication
    } else if has("iam") {
        Kind::AccountChange
    } else if has("process") {
        Kind::Process
    } else if has("network") {
        Kind::Network
    } else if has("file") {
        Kind::File
    } else if has("configuration") {
        Kind::ConfigChange
    } else {
        Kind::Other
    }
}

/// ECS `event.severity` is a number (Elastic's 0-100 risk scale for alerts; 0-3 elsewhere is
/// rare); words are read as words.
fn severity(v: &str) -> Option<Severity> {
    if let Some(s) = Severity::from_word(v) {
        return Some(s);
    }
    let n: u32 = v.trim().parse().ok()?;
    Some(match n {
        0..=20 => Severity::Low,
        21..=46 => Severity::Medium,
        47..=72 => Severity::High,
        _ => Severity::Critical,
    })
}

fn summary(s: &Slots, e: &Event, rule: Option<&str>) -> String {
    let on = e
        .host
        .as_deref()
        .map(|h| format!(" on {h}"))
        .unwrap_or_default();
    let by = e
        .user
        .as_deref()
        .map(|u| format!(" by {u}"))
        .unwrap_or_default();
    if e.kind == Kind::Finding {
        let title = rule.unwrap_or(&e.action);
        return clip(&format!("Alert \"{title}\"{on}{by}"), 300);
    }
    if let Some(m) = s.message.as_deref() {
        return clip(m, 300);
    }
    let mut out = format!("{}{by}{on}", e.action);
    if let (Some(a), Some(b)) = (&e.src_ip, &e.dst_ip) {
        out.push_str(&format!(" {a} -> {b}"));
    } else if let Some(a) = &e.src_ip {
        out.push_str(&format!(" from {a}"));
    } else if let Some(b) = &e.dst_ip {
        out.push_str(&format!(" to {b}"));
    }
    if let Some(c) = s.command_line.as_deref().or(s.file_path.as_deref()) {
        out.push_str(&format!(": {c}"));
    }
    if e.outcome == Outcome::Failure {
        out.push_str(" (failed)");
    }
    clip(&out, 300)
}
