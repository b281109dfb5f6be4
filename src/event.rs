//! The normalized event model (OCSF-aligned), shared by every stage after `normalize`.

use std::borrow::Cow;

use crate::format::Format;

/// What kind of happening an event is (`kind` in the contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Authentication,
    Process,
    Network,
    File,
    Finding,
    Remediation,
    AccountChange,
    IncidentStatus,
    ConfigChange,
    Other,
}

impl Kind {
    /// Every kind, in the contract's order.
    pub const ALL: [Kind; 10] = [
        Kind::Authentication,
        Kind::Process,
        Kind::Network,
        Kind::File,
        Kind::Finding,
        Kind::Remediation,
        Kind::AccountChange,
        Kind::IncidentStatus,
        Kind::ConfigChange,
        Kind::Other,
    ];

    /// The kind of a contract name (`account_change`).
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Authentication => "authentication",
            Kind::Process => "process",
            Kind::Network => "network",
            Kind::File => "file",
            Kind::Finding => "finding",
            Kind::Remediation => "remediation",
            Kind::AccountChange => "account_change",
            Kind::IncidentStatus => "incident_status",
            Kind::ConfigChange => "config_change",
            Kind::Other => "other",
        }
    }
}

/// Whether the happening succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Success,
    Failure,
    Unknown,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::Unknown => "unknown",
        }
    }
}

/// Severity on the contract's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Syslog severity 0..=7 (emerg..debug).
    pub fn from_syslog(level: u8) -> Severity {
        match level {
            0..=2 => Severity::Critical,
            3 => Severity::High,
            4 => Severity::Medium,
            5 => Severity::Low,
            _ => Severity::Info,
        }
    }

    /// ArcSight's 0..=10 scale: 0-3 low, 4-6 medium, 7-8 high, 9-10 very high.
    pub fn from_score_10(score: u8) -> Severity {
        match score {
            0..=3 => Severity::Low,
            4..=6 => Severity::Medium,
            7..=8 => Severity::High,
            _ => Severity::Critical,
        }
    }

    /// A severity word as vendors write it (`High`, `informational`, `Very-High`, `critical`).
    pub fn from_word(word: &str) -> Option<Severity> {
        let w = word.trim().to_ascii_lowercase();
        Some(match w.as_str() {
            "info" | "informational" | "information" | "debug" | "notice" => Severity::Info,
            "low" | "minor" => Severity::Low,
            "medium" | "moderate" | "warning" | "warn" => Severity::Medium,
            "high" | "major" | "error" => Severity::High,
            "critical" | "very-high" | "very high" | "severe" | "fatal" => Severity::Critical,
            _ => return None,
        })
    }
}

/// What was assumed to arrive at an event's time (`ts_quality`), as bit flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct TsQuality(u8);

impl TsQuality {
    pub const ASSUMED_TZ: TsQuality = TsQuality(1);
    pub const INFERRED_YEAR: TsQuality = TsQuality(2);
    pub const SKEW_CORRECTED: TsQuality = TsQuality(4);
    pub const INGEST_TIME: TsQuality = TsQuality(8);

    const NAMES: [(TsQuality, &'static str); 4] = [
        (TsQuality::ASSUMED_TZ, "assumed_tz"),
        (TsQuality::INFERRED_YEAR, "inferred_year"),
        (TsQuality::SKEW_CORRECTED, "skew_corrected"),
        (TsQuality::INGEST_TIME, "ingest_time"),
    ];

    pub fn contains(self, other: TsQuality) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn insert(&mut self, other: TsQuality) {
        self.0 |= other.0;
    }

    /// The contract's names of the flags set, in a fixed order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        TsQuality::NAMES
            .into_iter()
            .filter(move |(flag, _)| self.contains(*flag))
            .map(|(_, name)| name)
    }
}

/// Where an event came from: enough to read the record back from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Provenance {
    /// Index into the run's inputs.
    pub input: u32,
    /// 1-based line number of the record's first line.
    pub line: u64,
    /// Byte offset of the record in the (decoded) input.
    pub offset: u64,
    /// Length of the record in bytes, without its line end.
    pub length: u32,
    pub format: Format,
}

/// A later state of the same record's subject, with its own time: an alert exported with
/// `workflow_status: acknowledged` and the time of that change. It becomes an event of its
/// own (kind `incident_status`) citing the same record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    pub time: parsers::timestamp::TimeValue,
    /// `acknowledged`, `in_progress`, `resolved`, `closed`.
    pub status: &'static str,
    /// The field that gave the time.
    pub field: &'static str,
    /// The kind of the change's event: `incident_status` for a workflow state, `remediation`
    /// for an action done after it was requested (a machine action that succeeded).
    pub kind: Kind,
}

/// One normalized event. Text fields borrow from the record where they can (`Event<'a>`, built
/// on the hot path without allocating); events that are kept are turned into
/// `Event<'static>` ([`Event::into_owned`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Event<'a> {
    /// Event time, microseconds since the Unix epoch, UTC.
    pub ts_us: i64,
    pub ts_quality: TsQuality,
    /// Which source field gave the time (`timestamp` for a syslog header, `rt`, `@timestamp`,
    /// ...). Its text as written is read back from the record at output (`normalize::fields`).
    pub ts_field: Cow<'a, str>,
    pub kind: Kind,
    pub action: Cow<'a, str>,
    pub outcome: Outcome,
    pub severity: Option<Severity>,
    pub host: Option<Cow<'a, str>>,
    pub user: Option<Cow<'a, str>>,
    pub src_ip: Option<Cow<'a, str>>,
    pub dst_ip: Option<Cow<'a, str>>,
    pub process: Option<Cow<'a, str>>,
    /// The image of the process that started `process` (process events), when the source
    /// says: the attack path walks up from a detected process through it. Not printed.
    pub parent: Option<Cow<'a, str>>,
    pub hash: Option<Cow<'a, str>>,
    /// One human sentence; empty unless normalized with `Detail::Full`.
    pub summary: Cow<'a, str>,
    pub provenance: Provenance,
    /// A stable id derived from the input's SHA-256 and the record's place (set when kept).
    pub id: u64,
    /// The further records this event was built from (a multi-record auditd event), in file
    /// order after `provenance`; printed as more `evidence` entries. Empty (no allocation) for
    /// one-record events.
    pub also: Vec<Provenance>,
    /// Records of one input with the same join key and time form one event (`crate::join`).
    pub join: Option<Join>,
    /// A status change the record also carries (split into its own event by the passes).
    pub status_change: Option<StatusChange>,
    /// This event is the status change of its record, not the record's main event.
    pub derived: bool,
    /// Another time the record gives for the same happening (an ingest time, the syslog
    /// header's time in front of a CEF record's `rt`, Sysmon's `UtcTime` beside `@timestamp`):
    /// compared with the event time to find clocks that disagree.
    pub alt_time: Option<(parsers::timestamp::TimeValue, &'static str)>,
}

/// An event that owns its text.
pub type OwnedEvent = Event<'static>;

fn own(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

impl<'a> Event<'a> {
    /// A new event of `kind` with everything else empty; normalizers fill it in.
    pub fn new(kind: Kind, action: impl Into<Cow<'a, str>>, provenance: Provenance) -> Event<'a> {
        Event {
            ts_us: 0,
            ts_quality: TsQuality::default(),
            ts_field: Cow::Borrowed(""),
            kind,
            action: action.into(),
            outcome: Outcome::Unknown,
            severity: None,
            host: None,
            user: None,
            src_ip: None,
            dst_ip: None,
            process: None,
            parent: None,
            hash: None,
            summary: Cow::Borrowed(""),
            provenance,
            id: 0,
            also: Vec::new(),
            join: None,
            status_change: None,
            derived: false,
            alt_time: None,
        }
    }

    /// The same event owning all its text.
    pub fn into_owned(self) -> OwnedEvent {
        Event {
            ts_us: self.ts_us,
            ts_quality: self.ts_quality,
            ts_field: own(self.ts_field),
            kind: self.kind,
            action: own(self.action),
            outcome: self.outcome,
            severity: self.severity,
            host: self.host.map(own),
            user: self.user.map(own),
            src_ip: self.src_ip.map(own),
            dst_ip: self.dst_ip.map(own),
            process: self.process.map(own),
            parent: self.parent.map(own),
            hash: self.hash.map(own),
            summary: own(self.summary),
            provenance: self.provenance,
            id: self.id,
            also: self.also,
            join: self.join,
            status_change: self.status_change,
            derived: self.derived,
            alt_time: self.alt_time,
        }
    }

    /// The status-change event of this record, if it has one: the same entities, kind
    /// `incident_status`, its own time (resolved by the caller).
    pub fn status_event(&self) -> Option<(Event<'a>, parsers::timestamp::TimeValue)> {
        let change = self.status_change?;
        let mut e = self.clone();
        e.kind = change.kind;
        e.action = Cow::Borrowed(change.status);
        e.ts_field = Cow::Borrowed(change.field);
        e.ts_quality = TsQuality::default();
        e.status_change = None;
        e.derived = true;
        if !self.summary.is_empty() {
            e.summary = Cow::Owned(format!("{} set to {}", self.summary, change.status));
        }
        Some((e, change.time))
    }

    /// The id as printed: 16 lower-case hex digits.
    pub fn id_string(&self) -> String {
        format!("{:016x}", self.id)
    }

    /// The total order of the timeline: time, then input, then place in the input.
    pub fn sort_key(&self) -> (i64, u32, u64, bool) {
        (
            self.ts_us,
            self.provenance.input,
            self.provenance.offset,
            self.derived,
        )
    }
}

/// The stable event id: FNV-1a (64 bit) over the input's SHA-256, the record's offset and length.
/// Deterministic across runs, thread counts and machines.
pub fn event_id(input_sha256: &[u8; 32], offset: u64, length: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    input_sha256.iter().copied().for_each(&mut eat);
    offset.to_le_bytes().into_iter().for_each(&mut eat);
    length.to_le_bytes().into_iter().for_each(&mut eat);
    h
}

/// What makes records one event: the same `key` (auditd: node and `audit(time:serial)`) in the
/// same input at the same time. `rank` says whose fields lead when they are merged (higher
/// first; at 2 and above the record's summary is kept in the merged one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Join {
    pub key: u64,
    pub rank: u8,
}
