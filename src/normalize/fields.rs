//! Source-specific fields of a record, read back from its bytes at output time (so events need
//! not carry them in memory): `afterlog events` prints them under `fields`, and the text of the
//! field named by an event's `ts_field` is its `ts_original`.

use parsers::cef::parse_cef;
use parsers::primitives::{facility_of, pri, severity_of};
use parsers::syslog::{parse_rfc3164, parse_rfc5424, Strictness};
use parsers::timestamp::{parse_bsd_prefix, parse_iso8601_prefix};

use super::json::walk_object;
use super::Schema;
use crate::format::Format;

/// The fields of one record, in record order (a key repeats for array values). CSV rows need
/// the `schema` (columns) in force where they are.
pub fn source_fields(format: Format, text: &str, schema: &Schema) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match format {
        Format::Rfc3164 | Format::Rfc5424 | Format::Leef if leef_first(text) => {
            leef_fields(text, &mut out)
        }
        Format::Rfc3164 | Format::Rfc5424 | Format::Cef if text.contains("CEF:") => {
            cef_fields(text, &mut out)
        }
        Format::Rfc3164 => rfc3164_fields(text, &mut out),
        Format::Rfc5424 => rfc5424_fields(text, &mut out),
        Format::Cef | Format::Leef => {}
        Format::Kv => super::kv::source_fields(text, &mut out),
        Format::Auditd => super::auditd::source_fields(text, &mut out),
        Format::Ndjson | Format::Json | Format::Evtx => {
            let _ = walk_object(text, |p, l| {
                out.push((p.to_string(), l.as_text().to_string()))
            });
        }
        Format::Zeek => {
            if let Schema::Zeek(h) = schema {
                for (name, v) in h.fields.iter().zip(parsers::zeek::parse_row(text, h)) {
                    if let parsers::zeek::ZeekValue::Value(v) = v {
                        out.push((name.clone(), v.into_owned()));
                    }
                }
            }
        }
        Format::Csv => {
            if let Schema::Csv(columns) = schema {
                for (name, cell) in columns.names().iter().zip(super::csv::cells(text)) {
                    out.push((name.clone(), cell.into_owned()));
                }
            }
        }
    }
    out
}

/// The text of field `name` among `fields`.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    // Exactly as named, else without case (profiles match names case-insensitively: a
    // Panther-lowered `contexttimestamp` is the profile's `ContextTimeStamp`), else under a
    // Panther test event's `log` wrapper.
    let by = |n: &str| {
        fields
            .iter()
            .find(|(k, _)| k == n)
            .or_else(|| fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)))
            .map(|(_, v)| v.as_str())
    };
    by(name).or_else(|| by(&format!("log.{name}")))
}

fn push(out: &mut Vec<(String, String)>, k: &str, v: impl Into<String>) {
    out.push((k.to_string(), v.into()));
}

fn push_pri(out: &mut Vec<(String, String)>, p: Option<u8>) {
    if let Some(p) = p {
        push(out, "pri", p.to_string());
        push(out, "facility", facility_of(p).to_string());
        push(out, "syslog_severity", severity_of(p).to_string());
    }
}

/// The header timestamp's text of a syslog line: after `<PRI>` (and `VERSION ` for 5424).
fn header_time_text(text: &str, rfc5424: bool) -> Option<&str> {
    let mut rest = text;
    if let Some((_, n)) = pri(rest) {
        rest = rest.get(n..)?;
    }
    if rfc5424 {
        let sp = rest.find(' ')?;
        rest = rest.get(sp + 1..)?;
        let end = rest.find(' ').unwrap_or(rest.len());
        return rest.get(..end);
    }
    rest = rest.trim_start_matches(' ');
    let n = parse_bsd_prefix(rest)
        .map(|(_, n)| n)
        .or_else(|| parse_iso8601_prefix(rest).map(|(_, n)| n))?;
    rest.get(..n)
}

fn rfc3164_fields(text: &str, out: &mut Vec<(String, String)>) {
    let Ok(r) = parse_rfc3164(text) else { return };
    push_pri(out, r.pri);
    if let Some(t) = header_time_text(text, false) {
        push(out, "timestamp", t);
    }
    if let Some(h) = r.hostname {
        push(out, "hostname", h);
    }
    if let Some(a) = r.app {
        push(out, "app", a);
    }
    if let Some(p) = r.pid {
        push(out, "pid", p);
    }
    push(out, "msg", r.msg);
    for (k, v) in super::cisco_asa::source_fields(r.app, r.msg) {
        push(out, k, v);
    }
}

fn rfc5424_fields(text: &str, out: &mut Vec<(String, String)>) {
    let Ok(r) = parse_rfc5424(text, Strictness::Lenient) else {
        return;
    };
    push_pri(out, r.pri);
    if let Some(v) = r.version {
        push(out, "version", v.to_string());
    }
    if let Some(t) = header_time_text(text, r.version.is_some()) {
        push(out, "timestamp", t);
    }
    for (k, v) in [
        ("hostname", r.hostname),
        ("app_name", r.app_name),
        ("procid", r.procid),
        ("msgid", r.msgid),
    ] {
        if let Some(v) = v {
            push(out, k, v);
        }
    }
    for sd in &r.structured_data {
        for p in &sd.params {
            push(out, &format!("sd.{}.{}", sd.id, p.name), p.value.as_ref());
        }
    }
    push(out, "msg", r.msg);
}

fn cef_fields(text: &str, out: &mut Vec<(String, String)>) {
    let Ok(c) = parse_cef(text) else { return };
    if let Some(env) = &c.envelope {
        push_pri(out, env.pri);
        if let Some(t) = text.get(..c.cef_offset).and_then(|h| {
            header_time_text(
                h,
                h.get(h.find('>').map_or(0, |i| i + 1)..)
                    .is_some_and(|r| r.starts_with("1 ")),
            )
        }) {
            push(out, "timestamp", t);
        }
        if let Some(h) = env.hostname {
            push(out, "hostname", h);
        }
    }
    push(out, "cef.version", c.version.to_string());
    push(out, "cef.device_vendor", c.device_vendor.as_ref());
    push(out, "cef.device_product", c.device_product.as_ref());
    push(out, "cef.device_version", c.device_version.as_ref());
    push(out, "cef.signature_id", c.signature_id.as_ref());
    push(out, "cef.name", c.name.as_ref());
    push(out, "cef.severity", c.severity.as_ref());
    for (k, v) in &c.extensions {
        push(out, k, v.as_ref());
    }
}

/// A LEEF signature comes before any CEF one (a LEEF record, not CEF quoting LEEF).
fn leef_first(text: &str) -> bool {
    text.find("LEEF:")
        .is_some_and(|l| text.find("CEF:").is_none_or(|c| l < c))
}

fn leef_fields(text: &str, out: &mut Vec<(String, String)>) {
    let Ok(l) = parsers::leef::parse_leef(text) else {
        return;
    };
    if let Some(env) = &l.envelope {
        push_pri(out, env.pri);
        if let Some(t) = text.get(..l.leef_offset).and_then(|h| {
            header_time_text(
                h,
                h.get(h.find('>').map_or(0, |i| i + 1)..)
                    .is_some_and(|r| r.starts_with("1 ")),
            )
        }) {
            push(out, "timestamp", t);
        }
        if let Some(h) = env.hostname {
            push(out, "hostname", h);
        }
    }
    push(out, "leef.version", l.version);
    push(out, "leef.vendor", l.vendor.as_ref());
    push(out, "leef.product", l.product.as_ref());
    push(out, "leef.product_version", l.product_version.as_ref());
    push(out, "leef.event_id", l.event_id.as_ref());
    push(out, "leef.delimiter", l.delimiter.to_string());
    for (k, v) in &l.attributes {
        push(out, k, *v);
    }
}
