//! `afterlog timeline`: the contract's timeline JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use super::event_out;
use crate::accounting::Reject;
use crate::config::Config;
use crate::correlate::{Incident, PhaseName};
use crate::event::OwnedEvent;
use crate::normalize::time::format_ts;
use crate::pipeline::{InputReport, Run};

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    generator: Generator,
    inputs: Vec<InputOut<'a>>,
    incidents: Vec<IncidentOut<'a>>,
    warnings: Vec<WarningOut<'a>>,
}

#[derive(Serialize)]
struct Generator {
    name: &'static str,
    version: &'static str,
    options: Value,
}

#[derive(Serialize)]
struct InputOut<'a> {
    path: String,
    sha256: String,
    bytes: u64,
    compression: Option<&'static str>,
    decoded_bytes: u64,
    format: &'static str,
    detected_by: &'a str,
    records: u64,
    events: u64,
    rejected: u64,
    skipped: u64,
    skip_reasons: &'a BTreeMap<&'static str, u64>,
    reject_reasons: &'a BTreeMap<&'static str, u64>,
    rejects: Vec<RejectOut<'a>>,
    first: Option<String>,
    last: Option<String>,
    ts_assumed_tz: u64,
    ts_inferred_year: u64,
    year: Option<i32>,
    clock_offset_s: Option<i64>,
}

#[derive(Serialize)]
struct RejectOut<'a> {
    line: u64,
    offset: u64,
    reason: &'a str,
}

#[derive(Serialize)]
struct PhaseOut {
    start: String,
    end: String,
    events: Vec<String>,
}

#[derive(Serialize)]
struct HopOut<'a> {
    event: String,
    why: &'a str,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    kind: &'static str,
    message: &'a str,
    events: Vec<String>,
}

#[derive(Serialize)]
struct GapOut {
    input: usize,
    from: String,
    to: String,
    silent_s: i64,
}

#[derive(Serialize)]
struct IncidentOut<'a> {
    id: &'a str,
    title: &'a str,
    severity: &'static str,
    scope: Value,
    phases: BTreeMap<&'static str, Option<PhaseOut>>,
    metrics: BTreeMap<&'static str, Option<i64>>,
    attack_path: Vec<HopOut<'a>>,
    /// Rendered in parallel, each entry exactly as the pretty printer writes it in place.
    timeline: Vec<Box<RawValue>>,
    gaps: Vec<GapOut>,
    findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
struct WarningOut<'a> {
    code: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
}

/// The options that shaped the output (not `--threads`, which never does).
fn options(config: &Config) -> Value {
    json!({
        "tz": config.tz.name(),
        "year": config.year,
        "format": config.format.map(|f| f.name()),
        "ioc": config.iocs.iter().map(|i| i.to_arg()).collect::<Vec<_>>(),
    })
}

fn input_out(r: &InputReport, clock_offset_s: Option<i64>) -> InputOut<'_> {
    InputOut {
        path: r.source.path.display().to_string(),
        sha256: r.source.sha256_hex(),
        bytes: r.source.disk_bytes,
        compression: r.source.compression,
        decoded_bytes: r.source.bytes().len() as u64,
        format: r.format.map_or("unknown", |f| f.name()),
        detected_by: &r.detected_by,
        records: r.tally.records,
        events: r.tally.events,
        rejected: r.tally.rejected_total(),
        skipped: r.tally.skipped_total(),
        skip_reasons: &r.tally.skipped,
        reject_reasons: &r.tally.rejected,
        rejects: r
            .tally
            .rejects
            .iter()
            .map(
                |Reject {
                     line,
                     offset,
                     reason,
                 }| RejectOut {
                    line: *line,
                    offset: *offset,
                    reason,
                },
            )
            .collect(),
        first: r.first_us.map(format_ts),
        last: r.last_us.map(format_ts),
        ts_assumed_tz: r.ts_assumed_tz,
        ts_inferred_year: r.ts_inferred_year,
        year: r.year,
        clock_offset_s,
    }
}

/// How deep a timeline entry sits in the document: the document's object, `incidents`, an
/// incident's object, its `timeline`.
const ENTRY_DEPTH: usize = 4;
/// The pretty printer's indentation of one level.
const INDENT: &[u8] = b"  ";

/// One timeline entry rendered as `serde_json::to_writer_pretty` writes it at
/// [`ENTRY_DEPTH`]: pretty-printed alone, each line after the first indented by the depth
/// (JSON strings hold no raw line ends, so every `\n` is a line of the layout).
fn entry_json(e: &impl Serialize) -> serde_json::Result<Box<RawValue>> {
    let flat = serde_json::to_vec_pretty(e)?;
    let lines = memchr::memchr_iter(b'\n', &flat).count();
    let mut text = Vec::with_capacity(flat.len() + lines * ENTRY_DEPTH * INDENT.len());
    let mut from = 0;
    for end in memchr::memchr_iter(b'\n', &flat) {
        text.extend_from_slice(&flat[from..=end]);
        for _ in 0..ENTRY_DEPTH {
            text.extend_from_slice(INDENT);
        }
        from = end + 1;
    }
    text.extend_from_slice(&flat[from..]);
    // serde_json writes only UTF-8 (non-ASCII text as is, never as raw bytes).
    let text = String::from_utf8(text).map_err(serde::ser::Error::custom)?;
    RawValue::from_string(text)
}

fn incident_out<'a>(
    inc: &'a Incident,
    events: &'a [OwnedEvent],
    inputs: &[InputReport],
) -> serde_json::Result<IncidentOut<'a>> {
    let id = |i: usize| events[i].id_string();
    let mut phases = BTreeMap::new();
    for name in PhaseName::ALL {
        phases.insert(
            name.as_str(),
            inc.phase(name).map(|p| PhaseOut {
                start: format_ts(p.start_us),
                end: format_ts(p.end_us),
                events: p.events.iter().map(|&i| id(i)).collect(),
            }),
        );
    }
    use PhaseName::*;
    let mut metrics = BTreeMap::new();
    metrics.insert("time_to_detect_s", inc.metric(Detection, Compromise, false));
    metrics.insert("time_to_triage_s", inc.metric(Triage, Detection, false));
    metrics.insert(
        "time_to_contain_s",
        inc.metric(Containment, Detection, false),
    );
    metrics.insert(
        "time_to_eradicate_s",
        inc.metric(Eradication, Detection, false),
    );
    metrics.insert("time_to_recover_s", inc.metric(Recovery, Detection, true));
    metrics.insert(
        "time_to_resolve_s",
        inc.metric(Resolution, Detection, false),
    );
    metrics.insert("dwell_time_s", inc.metric(Containment, Compromise, false));
    Ok(IncidentOut {
        id: &inc.id,
        title: &inc.title,
        severity: inc.severity.as_str(),
        scope: json!({
            "hosts": inc.scope.hosts,
            "users": inc.scope.users,
            "ips": inc.scope.ips,
            "hashes": inc.scope.hashes,
        }),
        phases,
        metrics,
        attack_path: inc
            .attack_path
            .iter()
            .map(|h| HopOut {
                event: id(h.event),
                why: &h.why,
            })
            .collect(),
        timeline: inc
            .timeline
            .par_iter()
            .map(|&(i, p)| entry_json(&event_out(&events[i], inputs, Some(p.as_str()), false)))
            .collect::<serde_json::Result<_>>()?,
        gaps: inc
            .gaps
            .iter()
            .map(|g| GapOut {
                input: g.input,
                from: format_ts(g.from_us),
                to: format_ts(g.to_us),
                silent_s: (g.to_us - g.from_us) / 1_000_000,
            })
            .collect(),
        findings: inc
            .observations
            .iter()
            .map(|o| FindingOut {
                kind: o.kind,
                message: &o.message,
                events: o.events.iter().map(|&i| id(i)).collect(),
            })
            .collect(),
    })
}

/// The timeline JSON of a run, rendered and ready to write.
pub struct Rendered<'a>(Document<'a>);

impl Rendered<'_> {
    /// Writes the document, pretty-printed, with a final line end.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.0)?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

/// Writes the timeline JSON of `run` and its `incidents` (whose indices point into `events`).
pub fn write_timeline(
    config: &Config,
    run: &Run,
    events: &[OwnedEvent],
    incidents: &[Incident],
    clock_offsets: &[Option<i64>],
    out: &mut impl Write,
) -> io::Result<()> {
    render(config, run, events, incidents, clock_offsets)?.write(out)
}

/// The timeline JSON of `run` and its `incidents` (whose indices point into `events`); the
/// timeline entries are rendered in parallel on the current rayon pool.
pub fn render<'a>(
    config: &Config,
    run: &'a Run,
    events: &'a [OwnedEvent],
    incidents: &'a [Incident],
    clock_offsets: &[Option<i64>],
) -> io::Result<Rendered<'a>> {
    Ok(Rendered(Document {
        schema: "afterlog.timeline/v1",
        generator: Generator {
            name: "afterlog",
            version: env!("CARGO_PKG_VERSION"),
            options: options(config),
        },
        inputs: run
            .inputs
            .iter()
            .enumerate()
            .map(|(i, r)| input_out(r, clock_offsets.get(i).copied().flatten()))
            .collect(),
        incidents: incidents
            .iter()
            .map(|inc| incident_out(inc, events, &run.inputs))
            .collect::<serde_json::Result<_>>()?,
        warnings: run
            .warnings
            .iter()
            .map(|w| WarningOut {
                code: w.code,
                message: &w.message,
                input: w.input,
                line: w.line,
            })
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_rendered_alone_read_as_the_pretty_printer_writes_them_in_place() {
        let entry = json!({
            "id": "7f3a",
            "message": "line one\nline two \"quoted\" tab\t ünïcode ✓",
            "fields": {"a": [1, 2, {"b": null}], "empty": {}, "list": []},
            "phase": "compromise"
        });
        let doc = |timeline: Vec<Value>| json!({"schema": "s", "incidents": [{"id": "INC-1", "timeline": timeline}]});
        let whole = serde_json::to_string_pretty(&doc(vec![entry.clone(), entry.clone()])).unwrap();
        // Serialized as the document is: the entries as raw values, never parsed again.
        #[derive(Serialize)]
        struct Inc {
            id: &'static str,
            timeline: Vec<Box<RawValue>>,
        }
        #[derive(Serialize)]
        struct Doc {
            schema: &'static str,
            incidents: Vec<Inc>,
        }
        let raw = Doc {
            schema: "s",
            incidents: vec![Inc {
                id: "INC-1",
                timeline: vec![entry_json(&entry).unwrap(), entry_json(&entry).unwrap()],
            }],
        };
        let spliced = serde_json::to_string_pretty(&raw).unwrap();
        assert_eq!(spliced, whole);
        assert!(whole.contains("\n          \"fields\": {\n            \"a\": [\n"));
    }
}
