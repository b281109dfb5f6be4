//! Source-specific fields of a record, read back from its bytes at output time (so events need
//! not carry them in memory): `afterlog events` prints them under `fields`, and the text of the
//! field named by an event's `ts_field` is its `ts_original`.

use std::borrow::Cow;

use parsers::cef::parse_cef;
use parsers::primitives::{facility_of, pri, severity_of};
use parsers::syslog::{parse_rfc3164, parse_rfc5424, Strictness};
use parsers::timestamp::{parse_bsd_prefix, parse_iso8601_prefix};

use super::json::walk_object;
use super::Schema;
use crate::format::Format;

/// One source field, name and text, borrowed from the record (or its header) where they can be:
/// a record's fields are read back for every event written, and copying each one was most of
/// the allocations of `afterlog events`.
pub type Field<'a> = (Cow<'a, str>, Cow<'a, str>);

/// The fields of one record, in record order (a key repeats for array values). CSV rows need
/// the `schema` (columns) in force where they are.
pub fn source_fields<'a>(format: Format, text: &'a str, schema: &'a Schema) -> Vec<Field<'a>> {
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
                let value = match l {
                    super::json::Leaf::Borrowed(v) => Cow::Borrowed(v),
                    other => Cow::Owned(other.as_text().to_string()),
                };
                out.push((Cow::Owned(p.to_string()), value))
            });
        }
        Format::Zeek => {
            if let Schema::Zeek(h) = schema {
                for (name, v) in h.fields.iter().zip(parsers::zeek::parse_row(text, h)) {
                    if let parsers::zeek::ZeekValue::Value(v) = v {
                        out.push((Cow::Borrowed(name.as_str()), v));
                    }
                }
            }
        }
        Format::Csv => {
            if let Schema::Csv(columns) = schema {
                for (name, cell) in columns.names().iter().zip(super::csv::cells(text)) {
                    out.push((Cow::Borrowed(name.as_str()), cell));
                }
            }
        }
    }
    out
}

/// The text of field `name` among `fields`.
pub fn field<'a>(fields: &'a [Field<'_>], name: &str) -> Option<&'a str> {
    // Exactly as named, else without case (profiles match names case-insensitively: a
    // Panther-lowered `contexttimestamp` is the profile's `ContextTimeStamp`), else under a
    // Panther test event's `log` wrapper.
    let by = |n: &str| {
        fields
            .iter()
            .find(|(k, _)| k == n)
            .or_else(|| fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)))
            .map(|(_, v)| v.as_ref())
    };
    by(name).or_else(|| by(&format!("log.{name}")))
}

fn push<'a>(out: &mut Vec<Field<'a>>, k: impl Into<Cow<'a, str>>, v: impl Into<Cow<'a, str>>) {
    out.push((k.into(), v.into()));
}

fn push_pri(out: &mut Vec<Field<'_>>, p: Option<u8>) {
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

fn rfc3164_fields<'a>(text: &'a str, out: &mut Vec<Field<'a>>) {
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

fn rfc5424_fields<'a>(text: &'a str, out: &mut Vec<Field<'a>>) {
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
            push(out, format!("sd.{}.{}", sd.id, p.name), p.value.clone());
        }
    }
    push(out, "msg", r.msg);
}

fn cef_fields<'a>(text: &'a str, out: &mut Vec<Field<'a>>) {
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
    push(out, "cef.device_vendor", c.device_vendor);
    push(out, "cef.device_product", c.device_product);
    push(out, "cef.device_version", c.device_version);
    push(out, "cef.signature_id", c.signature_id);
    push(out, "cef.name", c.name);
    push(out, "cef.severity", c.severity);
    for (k, v) in c.extensions {
        push(out, k, v);
    }
}

/// A LEEF signature comes before any CEF one (a LEEF record, not CEF quoting LEEF).
fn leef_first(text: &str) -> bool {
    text.find("LEEF:")
        .is_some_and(|l| text.find("CEF:").is_none_or(|c| l < c))
}

fn leef_fields<'a>(text: &'a str, out: &mut Vec<Field<'a>>) {
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
    push(out, "leef.vendor", l.vendor);
    push(out, "leef.product", l.product);
    push(out, "leef.product_version", l.product_version);
    push(out, "leef.event_id", l.event_id);
    push(out, "leef.delimiter", l.delimiter.to_string());
    for (k, v) in l.attributes {
        push(out, k, v);
    }
}
