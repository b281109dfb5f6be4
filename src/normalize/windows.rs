//! Windows events to events: one mapping by EventID from an event's System fields (EventID,
//! Channel, Provider, Computer, TimeCreated, Keywords) and its EventData taken as named fields,
//! whatever shape carried them. Today the shape is the JSON the `evtx` crate renders from EVTX
//! records (`{"Event":{"System":{…},"EventData":{…}}}`); winlogbeat (`winlog.event_data.*`)
//! and Sentinel `SecurityEvent` rows carry the same names and can feed [`WinEvent`] too.
//!
//! | events | kind | action |
//! |---|---|---|
//! | Security 4624/4625/4634/4647/4648/4672, 4768/4769/4771/4776 | authentication | `logon`, `logon_failed`, `logoff`, … |
//! | Security 4688/4689, Sysmon 1/5/7/8/10 | process | `process_created`, … |
//! | Sysmon 3/22, Security 5152/5156/5157 | network | `network_connection`, `dns_query`, … |
//! | Security 4720/4722/4723/4724/4725/4726/4738/4740/4767, group changes | account_change | `user_created`, `account_enabled`, `password_changed`, `password_reset`, `account_disabled`, `user_deleted`, … |
//! | Security 1102, System 104 (log cleared) | finding (high) | `audit_log_cleared`, `log_cleared` |
//! | Defender 1116/1006 | finding | `malware_detected` |
//! | Defender 1117/1007 | remediation | `file_quarantined`, `file_removed`, `malware_action_taken` |
//! | anything else | other | `<Channel>:<EventID>` |
//!
//! Time: System `TimeCreated` (UTC); for Sysmon the event's own `UtcTime` (zone-less UTC),
//! which can be days before Sysmon wrote the record. Outcome: the audit keywords (Audit
//! Success / Audit Failure), else the meaning of the EventID. User: `TargetUserName`, else
//! `SubjectUserName`, else Sysmon's `User` (domain dropped); `-` is no value.

use std::borrow::Cow;

use parsers::timestamp::{parse_iso8601, TimeValue};

use super::json::{walk_object, Leaf};
use super::{clip, ip_text, present, Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::{Event, Kind, Outcome, Provenance, Severity};

type Slot<'a> = Option<Cow<'a, str>>;

/// The EventData (and UserData) names the mapping reads.
const DATA: [&str; 41] = [
    "TargetUserName",
    "ParentImage",
    "ParentProcessName",
    "SourceUser",
    "TargetDomainName",
    "SubjectUserName",
    "SubjectDomainName",
    "User",
    "Detection User",
    "MemberName",
    "MemberSid",
    "IpAddress",
    "ClientAddress",
    "SourceIp",
    "SourceAddress",
    "DestinationIp",
    "DestAddress",
    "DestinationPort",
    "DestPort",
    "NewProcessName",
    "Image",
    "SourceImage",
    "ProcessName",
    "Process Name",
    "Application",
    "CommandLine",
    "Hashes",
    "Hash",
    "UtcTime",
    "LogonType",
    "Status",
    "SubStatus",
    "Threat Name",
    "Severity Name",
    "Action Name",
    "ServiceName",
    "ImagePath",
    "TargetFilename",
    "QueryName",
    "TargetImage",
    "TargetObject",
];

/// Whether the Windows mapping reads an EventData value of this name (the names of `DATA`,
/// as a `match`: called for every leaf of hoisted-EventData records, it compares lengths
/// first; a test keeps it equal to `DATA`).
pub fn is_data_name(name: &str) -> bool {
    matches!(
        name,
        "TargetUserName"
            | "ParentImage"
            | "ParentProcessName"
            | "SourceUser"
            | "TargetDomainName"
            | "SubjectUserName"
            | "SubjectDomainName"
            | "User"
            | "Detection User"
            | "MemberName"
            | "MemberSid"
            | "IpAddress"
            | "ClientAddress"
            | "SourceIp"
            | "SourceAddress"
            | "DestinationIp"
            | "DestAddress"
            | "DestinationPort"
            | "DestPort"
            | "NewProcessName"
            | "Image"
            | "SourceImage"
            | "ProcessName"
            | "Process Name"
            | "Application"
            | "CommandLine"
            | "Hashes"
            | "Hash"
            | "UtcTime"
            | "LogonType"
            | "Status"
            | "SubStatus"
            | "Threat Name"
            | "Severity Name"
            | "Action Name"
            | "ServiceName"
            | "ImagePath"
            | "TargetFilename"
            | "QueryName"
            | "TargetImage"
            | "TargetObject"
    )
}

fn data_index(name: &str) -> Option<usize> {
    DATA.iter().position(|n| *n == name)
}

/// The System fields of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    EventId,
    Channel,
    Provider,
    Computer,
    TimeCreated,
    Keywords,
}

/// The names under which a shape carries the two time fields (`ts_field` of the events).
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub time_created: &'static str,
    pub utc_time: &'static str,
}

/// The `evtx` crate's JSON (what `evtx_dump -o jsonl` writes).
pub const EVTX_JSON: Shape = Shape {
    time_created: "Event.System.TimeCreated.#attributes.SystemTime",
    utc_time: "Event.EventData.UtcTime",
};

/// One Windows event's fields, borrowed from the record where they can be.
#[derive(Debug)]
pub struct WinEvent<'a> {
    event_id: Option<u32>,
    channel: Slot<'a>,
    provider: Slot<'a>,
    computer: Slot<'a>,
    time_created: Slot<'a>,
    keywords: Slot<'a>,
    data: [Slot<'a>; DATA.len()],
}

impl Default for WinEvent<'_> {
    fn default() -> Self {
        WinEvent {
            event_id: None,
            channel: None,
            provider: None,
            computer: None,
            time_created: None,
            keywords: None,
            data: std::array::from_fn(|_| None),
        }
    }
}

fn keep<'a>(leaf: &Leaf<'a, '_>) -> Slot<'a> {
    match leaf {
        Leaf::Borrowed(b) => present(b).map(Cow::Borrowed),
        Leaf::Null => None,
        other => present(other.as_text()).map(|t| Cow::Owned(t.to_string())),
    }
}

impl<'a> WinEvent<'a> {
    /// Takes a System field (the first value wins).
    pub fn take_system(&mut self, field: System, leaf: Leaf<'a, '_>) {
        let slot = match field {
            System::EventId => {
                if self.event_id.is_none() {
                    self.event_id = leaf.as_text().trim().parse().ok();
                }
                return;
            }
            System::Channel => &mut self.channel,
            System::Provider => &mut self.provider,
            System::Computer => &mut self.computer,
            System::TimeCreated => &mut self.time_created,
            System::Keywords => &mut self.keywords,
        };
        if slot.is_none() {
            *slot = keep(&leaf);
        }
    }

    /// Takes a named EventData (or UserData) value (the first value wins).
    pub fn take_data(&mut self, name: &str, leaf: Leaf<'a, '_>) {
        if let Some(i) = data_index(name) {
            if self.data[i].is_none() {
                self.data[i] = keep(&leaf);
            }
        }
    }

    /// Takes one leaf of the `evtx` crate's JSON by its path.
    fn take_evtx_path(&mut self, path: &str, leaf: Leaf<'a, '_>) {
        let Some(rest) = path.strip_prefix("Event.") else {
            return;
        };
        if let Some(name) = rest.strip_prefix("EventData.") {
            self.take_data(name, leaf);
        } else if let Some(inner) = rest.strip_prefix("UserData.") {
            // `UserData.<Element>.<Name>` (1102 `LogFileCleared`, …).
            if let Some((_, name)) = inner.split_once('.') {
                self.take_data(name, leaf);
            }
        } else if let Some(sys) = rest.strip_prefix("System.") {
            let field = match sys {
                "EventID" | "EventID.#text" => System::EventId,
                "Channel" => System::Channel,
                "Provider.#attributes.Name" => System::Provider,
                "Computer" => System::Computer,
                "TimeCreated.#attributes.SystemTime" => System::TimeCreated,
                "Keywords" => System::Keywords,
                _ => return,
            };
            self.take_system(field, leaf);
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        data_index(name).and_then(|i| self.data[i].as_deref())
    }

    fn take(&mut self, name: &str) -> Slot<'a> {
        data_index(name).and_then(|i| self.data[i].take())
    }

    fn source(&self) -> Source {
        let channel = self.channel.as_deref().unwrap_or("");
        let provider = self.provider.as_deref().unwrap_or("");
        if channel.eq_ignore_ascii_case("Security")
            || provider.eq_ignore_ascii_case("Microsoft-Windows-Security-Auditing")
        {
            Source::Security
        } else if provider.eq_ignore_ascii_case("Microsoft-Windows-Sysmon")
            || channel.eq_ignore_ascii_case("Microsoft-Windows-Sysmon/Operational")
        {
            Source::Sysmon
        } else if provider.eq_ignore_ascii_case("Microsoft-Windows-Windows Defender")
            || channel.eq_ignore_ascii_case("Microsoft-Windows-Windows Defender/Operational")
        {
            Source::Defender
        } else if channel.eq_ignore_ascii_case("System") {
            Source::System
        } else {
            Source::Other
        }
    }
}

/// Whose event ids an event's id is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Security,
    Sysmon,
    Defender,
    System,
    Other,
}

/// What a known event id means.
struct Meaning {
    kind: Kind,
    action: &'static str,
    outcome: Outcome,
    title: &'static str,
}

const fn m(kind: Kind, action: &'static str, outcome: Outcome, title: &'static str) -> Meaning {
    Meaning {
        kind,
        action,
        outcome,
        title,
    }
}

fn meaning(source: Source, id: u32) -> Option<Meaning> {
    use Kind::*;
    use Outcome::{Failure as F, Success as S, Unknown as U};
    Some(match (source, id) {
        (Source::Security, 4624) => m(Authentication, "logon", S, "Logon"),
        (Source::Security, 4625) => m(Authentication, "logon_failed", F, "Failed logon"),
        (Source::Security, 4634) => m(Authentication, "logoff", S, "Logoff"),
        (Source::Security, 4647) => m(Authentication, "logoff", S, "User-initiated logoff"),
        (Source::Security, 4648) => m(
            Authentication,
            "explicit_credentials_logon",
            S,
            "Logon with explicit credentials",
        ),
        (Source::Security, 4672) => m(
            Authentication,
            "special_privileges_logon",
            S,
            "Special privileges assigned to a new logon",
        ),
        (Source::Security, 4768) => m(
            Authentication,
            "kerberos_tgt_requested",
            U,
            "Kerberos TGT requested",
        ),
        (Source::Security, 4769) => m(
            Authentication,
            "kerberos_service_ticket_requested",
            U,
            "Kerberos service ticket requested",
        ),
        (Source::Security, 4771) => m(
            Authentication,
            "kerberos_preauth_failed",
            F,
            "Kerberos pre-authentication failed",
        ),
        (Source::Security, 4776) => m(
            Authentication,
            "credential_validation",
            U,
            "Credential validation",
        ),
        (Source::Security, 4688) => m(Process, "process_created", S, "Process created"),
        (Source::Security, 4689) => m(Process, "process_exited", S, "Process exited"),
        (Source::Security, 4697) | (Source::System, 7045) => {
            m(ConfigChange, "service_installed", S, "Service installed")
        }
        (Source::Security, 4698) => m(
            ConfigChange,
            "scheduled_task_created",
            S,
            "Scheduled task created",
        ),
        (Source::Security, 4719) => m(
            ConfigChange,
            "audit_policy_changed",
            S,
            "Audit policy changed",
        ),
        (Source::Security, 4720) => m(AccountChange, "user_created", S, "User account created"),
        (Source::Security, 4722) => m(AccountChange, "account_enabled", S, "User account enabled"),
        (Source::Security, 4723) => m(
            AccountChange,
            "password_changed",
            U,
            "Password change attempted",
        ),
        (Source::Security, 4724) => m(
            AccountChange,
            "password_reset",
            U,
            "Password reset attempted",
        ),
        (Source::Security, 4725) => m(
            AccountChange,
            "account_disabled",
            S,
            "User account disabled",
        ),
        (Source::Security, 4726) => m(AccountChange, "user_deleted", S, "User account deleted"),
        (Source::Security, 4738) => m(AccountChange, "user_changed", S, "User account changed"),
        (Source::Security, 4740) => m(
            AccountChange,
            "account_locked_out",
            S,
            "User account locked out",
        ),
        (Source::Security, 4767) => m(
            AccountChange,
            "account_unlocked",
            S,
            "User account unlocked",
        ),
        (Source::Security, 4728 | 4732 | 4756) => m(
            AccountChange,
            "group_member_added",
            S,
            "Member added to a security group",
        ),
        (Source::Security, 4729 | 4733 | 4757) => m(
            AccountChange,
            "group_member_removed",
            S,
            "Member removed from a security group",
        ),
        (Source::Security, 5152) => m(
            Network,
            "packet_dropped",
            F,
            "Packet dropped by the firewall",
        ),
        (Source::Security, 5156) => m(
            Network,
            "connection_allowed",
            S,
            "Connection allowed by the firewall",
        ),
        (Source::Security, 5157) => m(
            Network,
            "connection_blocked",
            F,
            "Connection blocked by the firewall",
        ),
        (Source::Security, 1102) => m(
            Finding,
            "audit_log_cleared",
            S,
            "Security audit log cleared",
        ),
        (Source::System, 104) => m(Finding, "log_cleared", S, "Event log cleared"),
        (Source::Sysmon, 1) => m(Process, "process_created", S, "Process created"),
        (Source::Sysmon, 3) => m(Network, "network_connection", U, "Network connection"),
        (Source::Sysmon, 5) => m(Process, "process_terminated", S, "Process terminated"),
        (Source::Sysmon, 6) => m(Other, "driver_loaded", S, "Driver loaded"),
        (Source::Sysmon, 7) => m(Process, "image_loaded", S, "Image loaded"),
        (Source::Sysmon, 8) => m(Process, "remote_thread_created", S, "Remote thread created"),
        (Source::Sysmon, 10) => m(Process, "process_accessed", S, "Process accessed"),
        (Source::Sysmon, 11) => m(File, "file_created", S, "File created"),
        (Source::Sysmon, 12) => m(
            ConfigChange,
            "registry_key_changed",
            S,
            "Registry key created or deleted",
        ),
        (Source::Sysmon, 13) => m(ConfigChange, "registry_value_set", S, "Registry value set"),
        (Source::Sysmon, 14) => m(ConfigChange, "registry_renamed", S, "Registry key renamed"),
        (Source::Sysmon, 15) => m(File, "file_stream_created", S, "File stream created"),
        (Source::Sysmon, 16) => m(
            ConfigChange,
            "sysmon_config_changed",
            S,
            "Sysmon configuration changed",
        ),
        (Source::Sysmon, 22) => m(Network, "dns_query", U, "DNS query"),
        (Source::Sysmon, 23 | 26) => m(File, "file_deleted", S, "File deleted"),
        (Source::Defender, 1006 | 1116) => m(Finding, "malware_detected", U, "Malware detected"),
        (Source::Defender, 1007 | 1117) => m(
            Remediation,
            "malware_action_taken",
            S,
            "Action taken against malware",
        ),
        _ => return None,
    })
}

/// The audit keywords of a Security event: Audit Failure / Audit Success.
fn keyword_outcome(keywords: Option<&str>) -> Option<Outcome> {
    let k = keywords?.trim();
    let bits = u64::from_str_radix(k.strip_prefix("0x").unwrap_or(k), 16).ok()?;
    if bits & 0x0010_0000_0000_0000 != 0 {
        Some(Outcome::Failure)
    } else if bits & 0x0020_0000_0000_0000 != 0 {
        Some(Outcome::Success)
    } else {
        None
    }
}

/// `DOMAIN\user` → `user`.
fn account(v: Cow<'_, str>) -> Cow<'_, str> {
    match v {
        Cow::Borrowed(b) => Cow::Borrowed(b.rsplit('\\').next().unwrap_or(b)),
        Cow::Owned(o) => match o.rsplit_once('\\') {
            Some((_, u)) => Cow::Owned(u.to_string()),
            None => Cow::Owned(o),
        },
    }
}

/// The `CN=` value of a distinguished name (`CN=Jane Doe,OU=…` → `Jane Doe`).
fn common_name(dn: &str) -> Option<&str> {
    let rest = dn
        .trim()
        .strip_prefix("CN=")
        .or(dn.trim().strip_prefix("cn="))?;
    let end = rest.find(',').unwrap_or(rest.len());
    present(&rest[..end])
}

/// An address as the events print it: IPv4-mapped IPv6 (`::ffff:10.0.0.5`) as IPv4; `None`
/// when not an address.
fn address(v: Cow<'_, str>) -> Option<Cow<'_, str>> {
    let mapped = |s: &str| {
        s.get(..7)
            .filter(|p| p.eq_ignore_ascii_case("::ffff:"))
            .map(|_| s[7..].to_string())
            .filter(|t| t.parse::<std::net::Ipv4Addr>().is_ok())
    };
    if let Some(v4) = mapped(v.trim()) {
        return Some(Cow::Owned(v4));
    }
    match v {
        Cow::Borrowed(b) => ip_text(b),
        Cow::Owned(o) => ip_text(&o).map(|c| Cow::Owned(c.into_owned())),
    }
}

/// A `SHA1=…,MD5=…,SHA256=…` list's strongest hash (SHA256, then SHA1, then MD5).
fn best_hash(hashes: &str) -> Option<&str> {
    ["SHA256=", "SHA1=", "MD5="].iter().find_map(|k| {
        hashes.split(',').find_map(|part| {
            let part = part.trim();
            part.get(..k.len())
                .filter(|p| p.eq_ignore_ascii_case(k))
                .and_then(|_| present(&part[k.len()..]))
        })
    })
}

fn borrowed_part<'a>(whole: Cow<'a, str>, part: impl Fn(&str) -> Option<&str>) -> Slot<'a> {
    match whole {
        Cow::Borrowed(b) => part(b).map(Cow::Borrowed),
        Cow::Owned(o) => part(&o).map(|p| Cow::Owned(p.to_string())),
    }
}

/// The `evtx` crate's JSON rendering of one EVTX record to an event.
pub fn normalize_evtx(
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    let mut w = WinEvent::default();
    walk_object(text, |path, leaf| w.take_evtx_path(path, leaf))
        .map_err(|e| RejectReason::new("invalid JSON", format!("invalid JSON: {}", e.0)))?;
    to_event(w, &EVTX_JSON, provenance, detail)
}

/// A Windows event's fields to an event (see the module's table).
pub fn to_event<'a>(
    mut w: WinEvent<'a>,
    shape: &Shape,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'a>, RejectReason> {
    let source = w.source();
    // Sysmon's own UtcTime (zone-less UTC) is the event's time; TimeCreated when it wrote it.
    let utc = if source == Source::Sysmon {
        w.take("UtcTime")
            .and_then(|raw| parse_iso8601(raw.trim()).map(|t| (raw, t)))
    } else {
        None
    };
    let (ts_field, time) = match utc {
        Some((_, mut t)) => {
            t.offset_s.get_or_insert(0);
            (shape.utc_time, t)
        }
        None => {
            let raw = w.time_created.take().ok_or_else(|| {
                RejectReason::new(
                    "no timestamp",
                    "the event has no System TimeCreated SystemTime",
                )
            })?;
            let t = parse_iso8601(raw.trim()).ok_or_else(|| {
                RejectReason::new(
                    "bad timestamp",
                    format!("{} {raw:?} is not a time", shape.time_created),
                )
            })?;
            (shape.time_created, t)
        }
    };
    // Sysmon's write time beside its own UtcTime: compared to find clocks that disagree.
    let written = if ts_field == shape.utc_time {
        w.time_created
            .as_deref()
            .and_then(|raw| parse_iso8601(raw.trim()))
            .map(|t| (TimeValue::Civil(t), shape.time_created))
    } else {
        None
    };
    let id = w.event_id;
    let known = id.and_then(|id| meaning(source, id));
    let (kind, action, default_outcome, title): (Kind, Cow<'a, str>, Outcome, Cow<'a, str>) =
        match &known {
            Some(k) => (
                k.kind,
                Cow::Borrowed(k.action),
                k.outcome,
                Cow::Borrowed(k.title),
            ),
            None => {
                let channel = w
                    .channel
                    .as_deref()
                    .or(w.provider.as_deref())
                    .unwrap_or("windows");
                let action = match id {
                    Some(id) => format!("{channel}:{id}"),
                    None => format!("{channel}:event"),
                };
                let provider = w.provider.as_deref().unwrap_or(channel);
                let title = match id {
                    Some(id) => format!("{provider} event {id}"),
                    None => format!("{provider} event"),
                };
                (
                    Kind::Other,
                    Cow::Owned(action),
                    Outcome::Unknown,
                    Cow::Owned(title),
                )
            }
        };
    let mut e = Event::new(kind, action, provenance);
    e.ts_field = Cow::Borrowed(ts_field);
    e.alt_time = written;
    e.outcome = keyword_outcome(w.keywords.as_deref()).unwrap_or(default_outcome);
    e.host = w.computer.take();

    // Defender: the action it took and the severity of what it found.
    if source == Source::Defender {
        if e.kind == Kind::Remediation {
            let act = w.get("Action Name").unwrap_or("").to_ascii_lowercase();
            if act.contains("quarantine") {
                e.action = Cow::Borrowed("file_quarantined");
            } else if act.contains("remove") || act.contains("delete") || act.contains("clean") {
                e.action = Cow::Borrowed("file_removed");
            }
        }
        if e.kind == Kind::Finding {
            e.severity = Some(
                w.get("Severity Name")
                    .and_then(defender_severity)
                    .unwrap_or(Severity::High),
            );
        }
    } else if e.kind == Kind::Finding {
        // Log cleared: defense evasion.
        e.severity = Some(Severity::High);
    }

    let member = matches!(
        e.action.as_ref(),
        "group_member_added" | "group_member_removed"
    );
    e.user = if member {
        w.take("MemberName")
            .and_then(|dn| borrowed_part(dn, common_name))
            .or_else(|| w.take("MemberSid"))
    } else {
        None
    }
    .or_else(|| w.take("TargetUserName"))
    .or_else(|| w.take("SubjectUserName"))
    .or_else(|| w.take("User").map(account))
    .or_else(|| w.take("SourceUser").map(account))
    .or_else(|| w.take("Detection User").map(account));

    let (src, dst) = if e.kind == Kind::Network || source == Source::Sysmon {
        (
            ["SourceIp", "SourceAddress", "IpAddress"],
            ["DestinationIp", "DestAddress", ""],
        )
    } else {
        (["IpAddress", "ClientAddress", "SourceIp"], ["", "", ""])
    };
    e.src_ip = src.iter().find_map(|n| w.take(n).and_then(address));
    e.dst_ip = dst
        .iter()
        .filter(|n| !n.is_empty())
        .find_map(|n| w.take(n).and_then(address));
    e.process = [
        "NewProcessName",
        "Image",
        "SourceImage",
        "ProcessName",
        "Process Name",
        "Application",
    ]
    .iter()
    .find_map(|n| w.take(n));
    // 4688's creator process (4688 logs it from Windows 10 on); Sysmon 1's parent.
    e.parent = ["ParentImage", "ParentProcessName"]
        .iter()
        .find_map(|n| w.take(n));
    e.hash = ["Hashes", "Hash"]
        .iter()
        .find_map(|n| w.take(n).and_then(|h| borrowed_part(h, best_hash)));

    if detail == Detail::Full {
        let title = match (&known, id) {
            (Some(_), Some(id)) => format!("{title} ({id})"),
            _ => title.into_owned(),
        };
        e.summary = Cow::Owned(summary(&w, &e, &title));
    }
    Ok(Normalized {
        event: e,
        time: TimeValue::Civil(time),
    })
}

fn defender_severity(name: &str) -> Option<Severity> {
    match name.trim().to_ascii_lowercase().as_str() {
        "severe" => Some(Severity::Critical),
        other => Severity::from_word(other),
    }
}

fn summary(w: &WinEvent<'_>, e: &Event<'_>, title: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(u) = &e.user {
        parts.push(format!("account {u}"));
    }
    if matches!(
        e.action.as_ref(),
        "group_member_added" | "group_member_removed"
    ) {
        if let Some(g) = w.get("TargetUserName") {
            parts.push(format!("group {g}"));
        }
    }
    if let Some(by) = w.get("SubjectUserName") {
        if e.user.as_deref() != Some(by) && e.kind == Kind::AccountChange {
            parts.push(format!("by {by}"));
        }
    }
    if let Some(t) = w.get("LogonType") {
        parts.push(format!("logon type {t}"));
    }
    if let Some(t) = w.get("Threat Name") {
        parts.push(format!("threat {t}"));
    }
    if let Some(a) = w.get("Action Name") {
        parts.push(format!("action {a}"));
    }
    match (&e.src_ip, &e.dst_ip) {
        (Some(a), Some(b)) => {
            let port = w.get("DestinationPort").or(w.get("DestPort"));
            parts.push(match port {
                Some(p) => format!("{a} -> {b}:{p}"),
                None => format!("{a} -> {b}"),
            });
        }
        (Some(a), None) => parts.push(format!("from {a}")),
        (None, Some(b)) => parts.push(format!("to {b}")),
        (None, None) => {}
    }
    if let Some(q) = w.get("QueryName") {
        parts.push(format!("query {q}"));
    }
    if let Some(s) = w.get("ServiceName") {
        parts.push(format!("service {s}"));
    }
    if let Some(c) = w.get("CommandLine") {
        parts.push(format!("command line {c}"));
    } else if let Some(p) = &e.process {
        parts.push(format!("process {p}"));
    }
    if let Some(t) = w.get("TargetImage") {
        parts.push(format!("target {t}"));
    }
    if let Some(f) = w
        .get("TargetFilename")
        .or(w.get("ImagePath"))
        .or(w.get("TargetObject"))
    {
        parts.push(f.to_string());
    }
    if let Some(s) = w.get("SubStatus").or(w.get("Status")) {
        if e.outcome == Outcome::Failure {
            parts.push(format!("status {s}"));
        }
    }
    let on = e
        .host
        .as_deref()
        .map(|h| format!(" on {h}"))
        .unwrap_or_default();
    let body = if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join(", "))
    };
    clip(&format!("{title}{on}{body}"), 300)
}

#[cfg(test)]
mod data_name_tests {
    use super::*;

    #[test]
    fn is_data_name_is_data() {
        for n in DATA {
            assert!(is_data_name(n), "{n}");
        }
        assert!(!is_data_name("ContextTimeStamp"));
        assert!(!is_data_name("targetusername"));
    }
}

#[cfg(test)]
mod tests;
