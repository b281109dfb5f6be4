//! NDJSON records to events. Elastic Common Schema fields, dotted or nested, map field for
//! field; common non-ECS names are used as fallbacks so that any JSON log with a time becomes
//! an event. Vendor-specific meaning (CrowdStrike, Defender, ...) belongs to profiles.

use std::borrow::Cow;

use parsers::timestamp::{parse_epoch, parse_iso8601, CivilTime, TimeValue};

use super::json::{walk_object, Leaf};
use super::{clip, ip_text, present, Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::{Event, Kind, Outcome, Provenance, Severity, StatusChange, TsQuality};

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

/// Times that records carry beside their event time; the first present one that is not the
/// event time's own field is compared with it.
const ALT_TIME_FIELDS: [&str; 8] = [
    "@timestamp",
    "UtcTime",
    "TimeCreated",
    "winlog.time_created",
    "event.created",
    "timestamp",
    "TimeGenerated",
    "event.ingested",
];

const HOST_FIELDS: [&str; 8] = [
    "host.name",
    "host.hostname",
    "hostname",
    "Computer",
    "DeviceName",
    "_HOSTNAME",
    "host",
    "agent.hostname",
];
const USER_FIELDS: [&str; 6] = [
    "user.name",
    "username",
    "UserName",
    "AccountName",
    "user",
    "SourceUserName",
];
const SRC_FIELDS: [&str; 9] = [
    "Source IP",
    "source.ip",
    "client.ip",
    "src_ip",
    "id.orig_h",
    "id_orig_h",
    "src",
    "SourceIP",
    "sourceIPAddress",
];
const DST_FIELDS: [&str; 8] = [
    "destination.ip",
    "server.ip",
    "dest_ip",
    "dst_ip",
    "id.resp_h",
    "id_resp_h",
    "dest",
    "DestinationIP",
];
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
const ACTION_FIELDS: [&str; 8] = [
    "event.action",
    "event.code",
    "action",
    "eventName",
    "Event Name",
    "ActionType",
    "Operation",
    "operationName",
];
const RULE_FIELDS: [&str; 3] = ["kibana.alert.rule.name", "signal.rule.name", "rule.name"];
const SEVERITY_FIELDS: [&str; 4] = [
    "kibana.alert.severity",
    "signal.rule.severity",
    "event.severity",
    "severity",
];

/// `event.category` values that decide the kind, as bits.
const CATEGORIES: [&str; 8] = [
    "authentication",
    "session",
    "iam",
    "process",
    "network",
    "file",
    "configuration",
    "intrusion_detection",
];

type Slot<'a> = Option<Cow<'a, str>>;

/// The fields of one record that the mapping uses; first value wins for each path. Values are
/// borrowed from the record unless the JSON string had escapes.
#[derive(Default)]
struct Slots<'a> {
    time: [Slot<'a>; TIME_FIELDS.len()],
    host: [Slot<'a>; HOST_FIELDS.len()],
    user: [Slot<'a>; USER_FIELDS.len()],
    src: [Slot<'a>; SRC_FIELDS.len()],
    dst: [Slot<'a>; DST_FIELDS.len()],
    process: [Slot<'a>; PROCESS_FIELDS.len()],
    hash: [Slot<'a>; HASH_FIELDS.len()],
    action: [Slot<'a>; ACTION_FIELDS.len()],
    rule: [Slot<'a>; RULE_FIELDS.len()],
    severity: [Slot<'a>; SEVERITY_FIELDS.len()],
    /// The first other field whose name speaks of time or date (`Event DateTime`) and whose
    /// value reads as a time: used when no known time field is present.
    /// With its rank: 0 a field the format declares a time (Zeek `#types`), 1 a time-like
    /// name, 2 any full ISO 8601 date-time value.
    other_time: Option<(u8, Cow<'a, str>, Cow<'a, str>)>,
    kind: Slot<'a>,
    /// Other times of the same happening, compared with the event time (`ALT_TIME_FIELDS`).
    alt_time: [Slot<'a>; ALT_TIME_FIELDS.len()],
    /// Alert workflow (Elastic: `kibana.alert.workflow_status` and its update time).
    workflow_status: Slot<'a>,
    workflow_updated: Slot<'a>,
    categories: u8,
    outcome: Slot<'a>,
    message: Slot<'a>,
    command_line: Slot<'a>,
    file_path: Slot<'a>,
    parent: Slot<'a>,
}

fn keep<'a>(leaf: &Leaf<'a, '_>) -> Slot<'a> {
    match leaf {
        Leaf::Borrowed(b) => present(b).map(Cow::Borrowed),
        other => present(other.as_text()).map(|t| Cow::Owned(t.to_string())),
    }
}

fn put<'a, const N: usize>(
    names: &[&str; N],
    slots: &mut [Slot<'a>; N],
    path: &str,
    leaf: &Leaf<'a, '_>,
) -> bool {
    match names.iter().position(|n| *n == path) {
        Some(i) => {
            if slots[i].is_none() {
                slots[i] = keep(leaf);
            }
            true
        }
        None => false,
    }
}

fn first<'a, const N: usize>(slots: &mut [Slot<'a>; N]) -> Slot<'a> {
    slots
        .iter_mut()
        .find(|s| s.is_some())
        .and_then(Option::take)
}

impl<'a> Slots<'a> {
    /// Takes one field; `declared_times` names fields the format declares to be times.
    fn take(&mut self, path: &str, leaf: Leaf<'a, '_>, declared_times: &[&str]) {
        if leaf == Leaf::Null {
            return;
        }
        if let Some(i) = ALT_TIME_FIELDS.iter().position(|n| *n == path) {
            if self.alt_time[i].is_none() {
                self.alt_time[i] = keep(&leaf);
            }
        }
        if let Some(i) = TIME_FIELDS.iter().position(|(n, _)| *n == path) {
            if self.time[i].is_none() {
                self.time[i] = keep(&leaf);
            }
            return;
        }
        if self
            .other_time
            .as_ref()
            .is_none_or(|(rank, _, _)| *rank > 0)
        {
            let rank = if declared_times.contains(&path) {
                Some(0)
            } else if time_like_name(path) {
                Some(1)
            } else if leaf_is_iso_datetime(&leaf) {
                Some(2)
            } else {
                None
            };
            if let Some(rank) = rank {
                let better = self.other_time.as_ref().is_none_or(|(r, _, _)| rank < *r);
                if better && plausible_time(leaf.as_text()) {
                    self.other_time = keep(&leaf).map(|v| (rank, Cow::Owned(path.to_string()), v));
                }
            }
        }
        let _ = put(&HOST_FIELDS, &mut self.host, path, &leaf)
            || put(&USER_FIELDS, &mut self.user, path, &leaf)
            || put(&SRC_FIELDS, &mut self.src, path, &leaf)
            || put(&DST_FIELDS, &mut self.dst, path, &leaf)
            || put(&PROCESS_FIELDS, &mut self.process, path, &leaf)
            || put(&HASH_FIELDS, &mut self.hash, path, &leaf)
            || put(&ACTION_FIELDS, &mut self.action, path, &leaf)
            || put(&RULE_FIELDS, &mut self.rule, path, &leaf)
            || put(&SEVERITY_FIELDS, &mut self.severity, path, &leaf);
        match path {
            "event.kind" if self.kind.is_none() => self.kind = keep(&leaf),
            "kibana.alert.workflow_status" | "signal.status" if self.workflow_status.is_none() => {
                self.workflow_status = keep(&leaf)
            }
            "kibana.alert.workflow_status_updated_at" if self.workflow_updated.is_none() => {
                self.workflow_updated = keep(&leaf)
            }
            "event.category" => {
                let v = leaf.as_text();
                if let Some(i) = CATEGORIES.iter().position(|c| c.eq_ignore_ascii_case(v)) {
                    self.categories |= 1 << i;
                }
            }
            "event.outcome" if self.outcome.is_none() => self.outcome = keep(&leaf),
            "message" | "MESSAGE" if self.message.is_none() => self.message = keep(&leaf),
            "process.command_line" if self.command_line.is_none() => {
                self.command_line = keep(&leaf)
            }
            "file.path" if self.file_path.is_none() => self.file_path = keep(&leaf),
            "process.parent.executable" | "process.parent.name" if self.parent.is_none() => {
                self.parent = keep(&leaf)
            }
            _ => {}
        }
    }

    fn has(&self, category: &str) -> bool {
        CATEGORIES
            .iter()
            .position(|c| *c == category)
            .is_some_and(|i| self.categories & (1 << i) != 0)
    }
}

/// A JSON object (one NDJSON line or one element of a JSON document) to an event.
pub fn normalize(
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    let mut s = Slots::default();
    walk_object(text, |path, leaf| s.take(path, leaf, &[]))
        .map_err(|e| RejectReason::new("invalid JSON", format!("invalid JSON: {}", e.0)))?;
    from_slots(s, provenance, detail, false)
}

/// Named fields (CSV columns) to an event, mapped as JSON paths are: `walk` hands every
/// (name, value) to the sink. Zone-less times in the fields named in `utc` are UTC
/// (Sentinel's `[UTC]` headers).
pub fn normalize_named<'a, W>(
    walk: W,
    utc: &[&str],
    declared_times: &[&str],
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'a>, RejectReason>
where
    W: FnOnce(&mut dyn FnMut(&str, Leaf<'a, '_>)),
{
    let mut s = Slots::default();
    walk(&mut |name, leaf| s.take(name, leaf, declared_times));
    let utc_time = match s.time.iter().position(Option::is_some) {
        Some(i) => utc.contains(&TIME_FIELDS[i].0),
        None => s
            .other_time
            .as_ref()
            .is_some_and(|(_, name, _)| utc.contains(&name.as_ref())),
    };
    from_slots(s, provenance, detail, utc_time)
}

fn from_slots<'a>(
    mut s: Slots<'a>,
    provenance: Provenance,
    detail: Detail,
    utc_time: bool,
) -> Result<Normalized<'a>, RejectReason> {
    let (ts_field, ingest, raw): (Cow<'a, str>, bool, Cow<'a, str>) =
        match s.time.iter().position(Option::is_some) {
            Some(ti) => (
                Cow::Borrowed(TIME_FIELDS[ti].0),
                TIME_FIELDS[ti].1,
                s.time[ti].take().unwrap_or_default(),
            ),
            None => match s.other_time.take() {
                Some((_, name, value)) => (name, false, value),
                None => {
                    return Err(RejectReason::new(
                        "no timestamp",
                        "the record has no time field (@timestamp, timestamp, time, _time, … or a field named like a time with a time value)",
                    ))
                }
            },
        };
    let mut time = parse_time(&raw).ok_or_else(|| {
        RejectReason::new("bad timestamp", format!("{ts_field} {raw:?} is not a time"))
    })?;
    if let TimeValue::Civil(c) = &mut time {
        if utc_time && c.offset_s.is_none() {
            c.offset_s = Some(0);
        }
    }
    let rule = first(&mut s.rule);
    let kind = kind_of(&s, rule.is_some());
    let action = first(&mut s.action)
        .or_else(|| rule.clone())
        .unwrap_or(Cow::Borrowed("event"));
    let mut e = Event::new(kind, action, provenance);
    e.ts_field = ts_field;
    if ingest {
        e.ts_quality.insert(TsQuality::INGEST_TIME);
    }
    e.outcome = match s.outcome.as_deref() {
        Some(o) if o.eq_ignore_ascii_case("success") => Outcome::Success,
        Some(o) if o.eq_ignore_ascii_case("failure") => Outcome::Failure,
        _ => Outcome::Unknown,
    };
    e.severity = first(&mut s.severity).and_then(|v| severity(&v));
    e.host = first(&mut s.host);
    e.user = first(&mut s.user);
    e.src_ip = first(&mut s.src).map(canonical_ip);
    e.dst_ip = first(&mut s.dst).map(canonical_ip);
    e.process = first(&mut s.process);
    e.hash = first(&mut s.hash);
    e.parent = s.parent.take();
    e.status_change = workflow_change(&s);
    e.alt_time = ALT_TIME_FIELDS
        .iter()
        .zip(&s.alt_time)
        .filter(|(name, _)| **name != e.ts_field)
        .find_map(|(name, v)| Some((parse_time(v.as_deref()?)?, *name)));
    if detail == Detail::Full {
        e.summary = Cow::Owned(summary(&s, &e, rule.as_deref()));
    }
    Ok(Normalized { event: e, time })
}

fn canonical_ip(v: Cow<'_, str>) -> Cow<'_, str> {
    match v {
        Cow::Borrowed(b) => ip_text(b).unwrap_or(Cow::Borrowed(b)),
        Cow::Owned(o) => Cow::Owned(ip_text(&o).map_or_else(|| o.clone(), |c| c.into_owned())),
    }
}

/// An alert's workflow state other than `open`, with the time it was set: a triage step
/// (`acknowledged`, `in-progress`) or its resolution (`closed`).
fn workflow_change(s: &Slots<'_>) -> Option<StatusChange> {
    let status = s.workflow_status.as_deref()?.trim().to_ascii_lowercase();
    let status: &'static str = match status.as_str() {
        "acknowledged" => "acknowledged",
        "in-progress" | "in_progress" | "in progress" => "in_progress",
        "closed" => "closed",
        "resolved" => "resolved",
        _ => return None,
    };
    let time = parse_time(s.workflow_updated.as_deref()?)?;
    Some(StatusChange {
        time,
        status,
        field: "kibana.alert.workflow_status_updated_at",
        kind: Kind::IncidentStatus,
    })
}

/// A value that reads as an absolute time between 2000 and 2100: a field merely named like a
/// time (`time_to_detect_s: 92`, `timeout: 30`) must not put an event in 1970.
fn plausible_time(raw: &str) -> bool {
    const Y2000: i64 = 946_684_800;
    const Y2100: i64 = 4_102_444_800;
    match parse_time(raw) {
        Some(TimeValue::Unix { secs, .. }) => (Y2000..Y2100).contains(&secs),
        Some(TimeValue::Civil(c)) => c.year.is_some_and(|y| (2000..2100).contains(&y)),
        None => false,
    }
}

/// A string value that is a full ISO 8601 date-time with a date and a time of day.
fn leaf_is_iso_datetime(leaf: &Leaf<'_, '_>) -> bool {
    match leaf {
        Leaf::Borrowed(v) | Leaf::Text(v) => v.len() >= 19 && parse_iso8601(v).is_some(),
        _ => false,
    }
}

/// A field name that speaks of time: `Event DateTime`, `CreationTime`, `date`, `ts_utc`.
/// Called for leaves of every record without a declared time: no allocation.
fn time_like_name(name: &str) -> bool {
    let has = |word: &[u8]| {
        name.as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    has(b"time") || has(b"date") || name.eq_ignore_ascii_case("ts")
}

pub(crate) fn parse_time(raw: &str) -> Option<TimeValue> {
    let raw = raw.trim();
    parse_iso8601(raw)
        .map(TimeValue::Civil)
        .or_else(|| with_zone_name(raw))
        .or_else(|| parse_epoch(raw))
        .or_else(|| parse_locale_time(raw).map(TimeValue::Civil))
}

/// A zone-less ISO time followed by a zone abbreviation (Splunk `_time` rendered in the
/// exporting user's zone: `2026-10-08 15:48:35.000 CEST`).
fn with_zone_name(raw: &str) -> Option<TimeValue> {
    let (time, zone) = raw.rsplit_once(' ')?;
    let offset = parsers::timestamp::zone_abbreviation(zone).or_else(|| numeric_offset(zone))?;
    let mut c = parse_iso8601(time.trim_end())?;
    if c.offset_s.is_some() {
        return None;
    }
    c.offset_s = Some(offset);
    Some(TimeValue::Civil(c))
}

/// `+0000`, `-05:00`: an offset written apart from its time (`2024-01-15 10:30:45 +0000`).
fn numeric_offset(z: &str) -> Option<i32> {
    let sign = match z.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) || z.len() > 6 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// Portal exports' locale times: `9/7/2023, 6:03:23.829 AM` (US, 12-hour) and
/// `2020/10/16 0:00:01.403` (Log Analytics before 2020). Zone-less.
fn parse_locale_time(raw: &str) -> Option<CivilTime> {
    use chrono::{Datelike, NaiveDateTime, Timelike};
    const FORMATS: [&str; 4] = [
        "%m/%d/%Y, %I:%M:%S%.f %p",
        "%m/%d/%Y %I:%M:%S%.f %p",
        "%Y/%m/%d %H:%M:%S%.f",
        "%m/%d/%Y %H:%M:%S%.f",
    ];
    let t = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())?;
    Some(CivilTime {
        year: Some(t.year()),
        month: t.month() as u8,
        day: t.day() as u8,
        hour: t.hour() as u8,
        minute: t.minute() as u8,
        second: t.second() as u8,
        nanos: t.nanosecond(),
        offset_s: None,
    })
}

fn kind_of(s: &Slots<'_>, has_rule: bool) -> Kind {
    let kind = s.kind.as_deref().unwrap_or("");
    if kind.eq_ignore_ascii_case("alert")
        || kind.eq_ignore_ascii_case("signal")
        || (has_rule && kind.is_empty() && s.categories == 0)
    {
        return Kind::Finding;
    }
    if s.has("authentication") || s.has("session") {
        Kind::Authentication
    } else if s.has("iam") {
        Kind::AccountChange
    } else if s.has("process") {
        Kind::Process
    } else if s.has("network") {
        Kind::Network
    } else if s.has("file") {
        Kind::File
    } else if s.has("configuration") {
        Kind::ConfigChange
    } else {
        Kind::Other
    }
}

/// ECS `event.severity` is a number (Elastic's 0-100 risk scale for alerts, whose rule
/// severities are low 0-21, medium 22-47, high 48-73, critical 74-100; 0-3 elsewhere is
/// rare); words are read as words.
fn severity(v: &str) -> Option<Severity> {
    if let Some(s) = Severity::from_word(v) {
        return Some(s);
    }
    let n: u32 = v.trim().parse().ok()?;
    Some(match n {
        0..=21 => Severity::Low,
        22..=47 => Severity::Medium,
        48..=73 => Severity::High,
        _ => Severity::Critical,
    })
}

fn summary(s: &Slots<'_>, e: &Event<'_>, rule: Option<&str>) -> String {
    let extra = s.command_line.as_deref().or(s.file_path.as_deref());
    describe(e, rule, s.message.as_deref(), extra)
}

/// The summary of an event mapped from named fields (ECS, vendor profiles): a finding by its
/// title, else the record's own message, else what happened, by whom, where, between which
/// addresses, with the command line or file (`extra`).
pub(crate) fn describe(
    e: &Event<'_>,
    title: Option<&str>,
    message: Option<&str>,
    extra: Option<&str>,
) -> String {
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
        let title = title.unwrap_or(&e.action);
        return clip(&format!("Alert \"{title}\"{on}{by}"), 300);
    }
    if let Some(m) = message {
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
    if let Some(c) = extra {
        out.push_str(&format!(": {c}"));
    }
    if e.outcome == Outcome::Failure {
        out.push_str(" (failed)");
    }
    clip(&out, 300)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> Option<(i32, u8, u8, Option<i32>)> {
        match parse_time(raw)? {
            TimeValue::Civil(c) => Some((c.year?, c.hour, c.minute, c.offset_s)),
            TimeValue::Unix { .. } => None,
        }
    }

    #[test]
    fn zone_names_after_a_time_give_its_offset() {
        assert_eq!(
            at("2026-10-08 15:48:35.000 CEST"),
            Some((2026, 15, 48, Some(7200)))
        );
        assert_eq!(
            at("2026-10-08 09:48:35 EDT"),
            Some((2026, 9, 48, Some(-14400)))
        );
        assert_eq!(
            at("2026-10-08 13:48:35.000 GMT"),
            Some((2026, 13, 48, Some(0)))
        );
        assert_eq!(
            at("2026-10-08 13:48:35 XYZ"),
            None,
            "an unknown zone is no time"
        );
        assert_eq!(at("2026-10-08T13:48:35+02:00 CEST"), None, "two zones");
        assert_eq!(
            at("2024-01-15 10:30:45 +0000"),
            Some((2024, 10, 30, Some(0)))
        );
        assert_eq!(
            at("2024-01-15 10:30:45 -05:00"),
            Some((2024, 10, 30, Some(-18000)))
        );
        assert_eq!(at("2024-01-15 10:30:45 +5"), None);
    }
}
