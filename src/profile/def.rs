//! A profile file as written (JSON, `deny_unknown_fields`): what an analyst edits. Compiled
//! into [`super::Profile`] by [`super::ProfileSet`].

use serde::Deserialize;

/// One vendor export: how to recognize its records and what they mean.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileDef {
    /// Short, unique, lower-case (`crowdstrike-fdr`).
    pub name: String,
    pub vendor: String,
    pub product: String,
    /// Where the mapping's meaning comes from (vendor documentation, public samples).
    #[serde(default)]
    pub reference: Vec<String>,
    /// The grammars whose records it reads: `ndjson`, `json`, `csv`.
    pub formats: Vec<String>,
    /// Profiles are tried in order of priority (higher first; default 0), then by name: a
    /// generic profile of an export format (every Splunk export row) sets a negative one so
    /// that profiles of particular records in it come first.
    #[serde(default)]
    pub priority: i32,
    /// An object inside the record that holds the vendor's fields (`result` for Splunk's
    /// JSON export, `properties` for Defender's streaming envelope). Field names are read
    /// relative to it; a name starting with `/` is read from the record's top level.
    #[serde(default)]
    pub root: Option<String>,
    /// All must hold for a record to be read with this profile.
    pub recognize: Vec<CondDef>,
    /// Records that are not events (envelopes, preview rows): counted skips.
    #[serde(default)]
    pub skip: Vec<SkipDef>,
    /// Event time fields, most preferred first (the vendor's event time before any ingest or
    /// export time).
    #[serde(default)]
    pub time: Vec<TimeDef>,
    #[serde(default)]
    pub fields: FieldsDef,
    /// Arrays of `{key, value}` objects read as named fields (`AuditKeyValues`).
    #[serde(default)]
    pub pairs: Vec<PairsDef>,
    /// Fields whose string value is itself JSON (Sentinel `InitiatedBy`, Defender
    /// `AdditionalFields`): read as nested fields under the field's name
    /// (`InitiatedBy.user.userPrincipalName`; an array's elements repeat its name).
    #[serde(default)]
    pub embedded: Vec<String>,
    /// How the `severity` field reads: `word` (default), `1-5`, `1-3-high-first`, `0-10`,
    /// `0-100`.
    #[serde(default)]
    pub severity_scale: Option<String>,
    /// The event kind when no rule says otherwise (default `other`).
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub outcome: Option<OutcomeDef>,
    /// Records that are Windows events (winlogbeat, Sentinel `SecurityEvent`): read by
    /// afterlog's Windows event mapping (EventID meaning) from the fields named here.
    #[serde(default)]
    pub windows: Option<WindowsDef>,
    /// The first rule whose conditions hold sets the record's meaning.
    #[serde(default)]
    pub rules: Vec<RuleDef>,
    /// Identifier-to-name tables this profile's records feed (an `aidmaster` row: `aid` →
    /// `ComputerName`), read in a pass before the events.
    #[serde(default)]
    pub provides: Vec<ProvideDef>,
    /// Records with the event they must give: run by the test suite and `afterlog profiles`.
    #[serde(default)]
    pub samples: Vec<SampleDef>,
}

/// A condition on one field.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CondDef {
    /// The field (required unless `any` is given).
    #[serde(default)]
    pub field: String,
    /// The value is one of these (ASCII case-insensitive); empty: present with any value.
    #[serde(default)]
    pub equals: Vec<String>,
    /// The value starts with this (ASCII case-insensitive).
    #[serde(default)]
    pub prefix: Option<String>,
    /// The value contains this (ASCII case-insensitive).
    #[serde(default)]
    pub contains: Option<String>,
    /// Holds when any of these conditions holds (alternatives: `{"any": [{"field": "a"},
    /// {"field": "b"}]}`); the other keys are then not used.
    #[serde(default)]
    pub any: Vec<CondDef>,
    /// The field is absent (or empty).
    #[serde(default)]
    pub absent: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkipDef {
    pub when: Vec<CondDef>,
    /// The counted skip's name (`splunk preview row`).
    pub reason: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct TimeDef {
    pub field: String,
    /// An ingest or export time, not the event's: flagged `ingest_time`.
    #[serde(default)]
    pub ingest: bool,
    /// Zone-less values are UTC (the vendor documents it).
    #[serde(default)]
    pub utc: bool,
}

/// Fields for each part of the event, most preferred first. In a rule, a part's fields come
/// before the profile's; an empty list (`"src_ip": []`) means the part is not read at all for
/// that kind of record (the administrator's address on an account they disabled).
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct FieldsDef {
    #[serde(default)]
    pub host: Option<Vec<String>>,
    /// Agent or machine ids, resolved to a host name through the `host` table.
    #[serde(default)]
    pub host_id: Option<Vec<String>>,
    #[serde(default)]
    pub user: Option<Vec<String>>,
    /// User ids (SIDs), resolved to a name through the `user` table.
    #[serde(default)]
    pub user_id: Option<Vec<String>>,
    #[serde(default)]
    pub src_ip: Option<Vec<String>>,
    #[serde(default)]
    pub dst_ip: Option<Vec<String>>,
    #[serde(default)]
    pub process: Option<Vec<String>>,
    /// The image of the process's parent (process creations).
    #[serde(default)]
    pub parent: Option<Vec<String>>,
    #[serde(default)]
    pub command_line: Option<Vec<String>>,
    #[serde(default)]
    pub hash: Option<Vec<String>>,
    #[serde(default)]
    pub severity: Option<Vec<String>>,
    /// The vendor's name for what happened (kept as the event's action unless a rule names
    /// a normalized one).
    #[serde(default)]
    pub action: Option<Vec<String>>,
    /// A finding's title (rule or detection name).
    #[serde(default)]
    pub title: Option<Vec<String>>,
    #[serde(default)]
    pub message: Option<Vec<String>>,
    #[serde(default)]
    pub file: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairsDef {
    /// The array's field (`AuditKeyValues`).
    pub array: String,
    pub key: String,
    pub value: String,
}

#[derive(Debug, Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    #[serde(default)]
    pub field: Vec<String>,
    #[serde(default)]
    pub success: Vec<String>,
    #[serde(default)]
    pub failure: Vec<String>,
    /// Any of these fields present means failure (CloudTrail `errorCode`).
    #[serde(default)]
    pub failure_if_present: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowsDef {
    /// The EventID field, or alternatives in order (`["Event.System.EventID",
    /// "Event.System.EventID.#text"]`).
    pub event_id: OneOrMany,
    #[serde(default)]
    pub channel: Option<OneOrMany>,
    #[serde(default)]
    pub provider: Option<OneOrMany>,
    #[serde(default)]
    pub computer: Option<OneOrMany>,
    #[serde(default)]
    pub time_created: Option<String>,
    #[serde(default)]
    pub keywords: Option<String>,
    /// Prefixes under which EventData names appear (`winlog.event_data.`); `""` for rows that
    /// hoist them to the top level.
    #[serde(default)]
    pub data: Vec<String>,
    /// A field holding EventData as an XML string (`<EventData><Data Name="…">…`).
    #[serde(default)]
    pub data_xml: Option<String>,
}

/// A field name, or several in order of preference.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn names(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub when: Vec<CondDef>,
    #[serde(default)]
    pub kind: Option<String>,
    /// A normalized action (`host_isolated`, `logon_failed`, …).
    #[serde(default)]
    pub action: Option<String>,
    /// Take the action from this field's value (lower-cased, spaces as `_`); `action_map`
    /// renames values first.
    #[serde(default)]
    pub action_field: Option<String>,
    #[serde(default)]
    pub action_map: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub severity: Option<String>,
    /// Time fields for this kind of record, before the profile's.
    #[serde(default)]
    pub time: Vec<TimeDef>,
    /// Fields for this kind of record, before the profile's.
    #[serde(default)]
    pub fields: FieldsDef,
    /// A second event the same record gives at another time (an action requested at one time
    /// and done at another).
    #[serde(default)]
    pub then: Option<ThenDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThenDef {
    #[serde(default)]
    pub when: Vec<CondDef>,
    /// The field holding the second event's time.
    pub at: String,
    pub kind: String,
    pub action: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvideDef {
    /// `host` or `user`.
    pub table: String,
    pub key: String,
    pub value: String,
    #[serde(default)]
    pub when: Vec<CondDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleDef {
    /// What the sample shows.
    #[serde(default)]
    pub note: Option<String>,
    /// The CSV header row, for CSV profiles.
    #[serde(default)]
    pub header: Option<String>,
    /// Records read first for the lookup tables (an `aidmaster` row), as text.
    #[serde(default)]
    pub context: Vec<String>,
    /// The record: a JSON object (written as JSON) or, for CSV, the row as a string.
    pub record: serde_json::Value,
    pub expect: ExpectDef,
}

/// What the sample's record must give; fields left out are not checked, `null` means absent.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExpectDef {
    /// The record is a counted skip with this reason.
    #[serde(default)]
    pub skip: Option<String>,
    /// RFC 3339 UTC with microseconds: `2021-07-07T16:58:55.068000Z`.
    #[serde(default)]
    pub ts: Option<String>,
    #[serde(default)]
    pub ts_field: Option<String>,
    #[serde(default)]
    pub ts_quality: Option<Vec<String>>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default, with = "nullable")]
    pub severity: Option<Option<String>>,
    #[serde(default, with = "nullable")]
    pub host: Option<Option<String>>,
    #[serde(default, with = "nullable")]
    pub user: Option<Option<String>>,
    #[serde(default, with = "nullable")]
    pub src_ip: Option<Option<String>>,
    #[serde(default, with = "nullable")]
    pub dst_ip: Option<Option<String>>,
    #[serde(default, with = "nullable")]
    pub process: Option<Option<String>>,
    #[serde(default, with = "nullable")]
    pub hash: Option<Option<String>>,
    /// The record's second event (`then`, a status change).
    #[serde(default)]
    pub then: Option<ThenExpect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThenExpect {
    pub ts: String,
    pub kind: String,
    pub action: String,
}

/// `"field": null` (must be absent) told apart from a missing key (not checked).
mod nullable {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Ok(Some(Option::<String>::deserialize(d)?))
    }
}
