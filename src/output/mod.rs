//! Output: the only stage that writes. The timeline JSON and the events NDJSON, with field
//! names and shapes exactly as `timeline-contract.md` defines them.

pub mod events;
pub mod timeline;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use std::borrow::Cow;

use crate::event::{Event, Provenance};
use crate::normalize::fields::{field, source_fields, Field};
use crate::normalize::time::format_ts;
use crate::pipeline::InputReport;

/// The JSON Schema of the timeline (kept with the code that writes it).
pub const TIMELINE_SCHEMA: &str = include_str!("timeline.schema.json");
/// The JSON Schema of one `afterlog events` line.
pub const EVENT_SCHEMA: &str = include_str!("event.schema.json");

/// One `evidence[]` entry.
#[derive(Debug, Serialize)]
pub struct EvidenceOut {
    pub input: u32,
    pub line: u64,
    pub offset: u64,
    pub length: u32,
    pub format: &'static str,
}

/// An event as the contract prints it. `phase` only in a timeline; `input` and `fields` only in
/// `afterlog events`.
#[derive(Debug, Serialize)]
pub struct EventOut<'a> {
    pub id: String,
    pub ts: String,
    pub ts_quality: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<&'static str>,
    pub kind: &'static str,
    pub action: &'a str,
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src_ip: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dst_ip: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash: Option<&'a str>,
    pub summary: &'a str,
    pub ts_field: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ts_original: Option<String>,
    pub evidence: Vec<EvidenceOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldsOut<'a>>,
}

/// A record's source fields as the contract prints them: an object in the order the names
/// first appear; a name given more than once (repeated keys, the records of a multi-record
/// event) holds the array of its values in order. Written straight from the pairs, without a
/// map per event.
#[derive(Debug)]
pub struct FieldsOut<'a>(pub Vec<Field<'a>>);

impl Serialize for FieldsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let pairs = &self.0;
        // Indices grouped by name (stable: values stay in order), groups by first appearance.
        let mut by_name: Vec<usize> = (0..pairs.len()).collect();
        by_name.sort_by(|&a, &b| pairs[a].0.cmp(&pairs[b].0));
        let mut groups: Vec<&[usize]> = by_name
            .chunk_by(|&a, &b| pairs[a].0 == pairs[b].0)
            .collect();
        groups.sort_unstable_by_key(|g| g[0]);
        let mut map = s.serialize_map(Some(groups.len()))?;
        for g in groups {
            let name = &pairs[g[0]].0;
            match g {
                [one] => map.serialize_entry(name, &pairs[*one].1)?,
                many => {
                    let values: Vec<&str> = many.iter().map(|&i| pairs[i].1.as_ref()).collect();
                    map.serialize_entry(name, &values)?
                }
            }
        }
        map.end()
    }
}

/// The record text an event was built from.
pub fn record_text<'s>(inputs: &'s [InputReport], e: &Event<'_>) -> std::borrow::Cow<'s, str> {
    let p = &e.provenance;
    let data = inputs[p.input as usize].source.bytes();
    crate::normalize::record_text(p.format, data, p.offset, p.length)
}

/// The source fields of the record at `p`, borrowed from the input where its text and schema
/// are (owned for an EVTX record's rendering or text that was not UTF-8).
fn fields_of<'s>(inputs: &'s [InputReport], p: &Provenance) -> Vec<Field<'s>> {
    let input = &inputs[p.input as usize];
    let text = crate::normalize::record_text(p.format, input.source.bytes(), p.offset, p.length);
    match (text, input.schema_at(p.offset)) {
        (Cow::Borrowed(text), Cow::Borrowed(schema)) => source_fields(p.format, text, schema),
        (text, schema) => source_fields(p.format, &text, &schema)
            .into_iter()
            .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
            .collect(),
    }
}

/// Builds the printed form of `e`. `with_fields` adds `input` and `fields` (events output).
pub fn event_out<'a>(
    e: &'a Event<'_>,
    inputs: &'a [InputReport],
    phase: Option<&'static str>,
    with_fields: bool,
) -> EventOut<'a> {
    let mut fields = fields_of(inputs, &e.provenance);
    let ts_original = field(&fields, &e.ts_field).map(str::to_string);
    if with_fields {
        // A multi-record event: the fields of every record, in evidence order.
        for p in &e.also {
            fields.extend(fields_of(inputs, p));
        }
    }
    let fields_out = with_fields.then_some(FieldsOut(fields));
    EventOut {
        id: e.id_string(),
        ts: format_ts(e.ts_us),
        ts_quality: e.ts_quality.names().collect(),
        phase,
        kind: e.kind.as_str(),
        action: e.action.as_ref(),
        outcome: e.outcome.as_str(),
        severity: e.severity.map(|s| s.as_str()),
        host: e.host.as_deref(),
        user: e.user.as_deref(),
        src_ip: e.src_ip.as_deref(),
        dst_ip: e.dst_ip.as_deref(),
        process: e.process.as_deref(),
        hash: e.hash.as_deref(),
        summary: &e.summary,
        ts_field: &e.ts_field,
        ts_original,
        evidence: std::iter::once(&e.provenance)
            .chain(&e.also)
            .map(|p| EvidenceOut {
                input: p.input,
                line: p.line,
                offset: p.offset,
                length: p.length,
                format: p.format.name(),
            })
            .collect(),
        input: with_fields.then_some(e.provenance.input),
        fields: fields_out,
    }
}

#[cfg(test)]
mod fields_tests {
    use super::FieldsOut;

    #[test]
    fn fields_keep_first_appearance_order_and_group_repeated_names() {
        let pairs = [
            ("msg", "a"),
            ("target.id", "1"),
            ("app", "sshd"),
            ("target.id", "2"),
            ("Target.id", "3"),
            ("target.id", "4"),
        ];
        let f = FieldsOut(pairs.iter().map(|&(k, v)| (k.into(), v.into())).collect());
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"msg":"a","target.id":["1","2","4"],"app":"sshd","Target.id":"3"}"#
        );
        assert_eq!(serde_json::to_string(&FieldsOut(Vec::new())).unwrap(), "{}");
    }
}
