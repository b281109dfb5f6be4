//! Output: the only stage that writes. The timeline JSON and the events NDJSON, with field
//! names and shapes exactly as `timeline-contract.md` defines them.

pub mod events;
pub mod timeline;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::event::Event;
use crate::normalize::fields::{field, source_fields};
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
    pub fields: Option<Map<String, Value>>,
}

/// The record text an event was built from.
pub fn record_text<'s>(inputs: &'s [InputReport], e: &Event<'_>) -> std::borrow::Cow<'s, str> {
    let p = &e.provenance;
    let data = inputs[p.input as usize].source.bytes();
    crate::normalize::record_text(p.format, data, p.offset, p.length)
}

/// Builds the printed form of `e`. `with_fields` adds `input` and `fields` (events output).
pub fn event_out<'a>(
    e: &'a Event<'_>,
    inputs: &[InputReport],
    phase: Option<&'static str>,
    with_fields: bool,
) -> EventOut<'a> {
    let text = record_text(inputs, e);
    let schema = inputs[e.provenance.input as usize].schema_at(e.provenance.offset);
    let mut fields = source_fields(e.provenance.format, &text, &schema);
    let ts_original = field(&fields, &e.ts_field).map(str::to_string);
    if with_fields {
        // A multi-record event: the fields of every record, in evidence order.
        for p in &e.also {
            let input = &inputs[p.input as usize];
            let text =
                crate::normalize::record_text(p.format, input.source.bytes(), p.offset, p.length);
            fields.extend(source_fields(p.format, &text, &input.schema_at(p.offset)));
        }
    }
    let fields_out = with_fields.then(|| {
        let mut m = Map::new();
        for (k, v) in fields {
            match m.get_mut(&k) {
                None => {
                    m.insert(k, Value::String(v));
                }
                Some(Value::Array(a)) => a.push(Value::String(v)),
                Some(other) => {
                    let first = other.take();
                    *other = Value::Array(vec![first, Value::String(v)]);
                }
            }
        }
        m
    });
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
