//! `key=value` lines (parsed by `parsers::kv`) to events: the pairs are mapped as ECS fields
//! are (`ecs::normalize_named`), after the names FortiGate and logfmt use are translated
//! (`srcip` → `source.ip`, `devname` → `host.name`, `msg` → `message` …).
//!
//! Time: FortiGate's `eventtime` (epoch, ns since FortiOS 6.2) when present, else its `date` and
//! `time` fields combined into one value (with `tz="+0100"` when present, else zone-less and read
//! in `--tz`); otherwise the ECS time fields and fallbacks (`ts=`, `time=`, `timestamp=` …).

use std::borrow::Cow;

use parsers::kv::{parse_kv, KvLine, Pair};
use parsers::timestamp::parse_epoch;

use super::ecs::normalize_named;
use super::json::Leaf;
use super::{Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::Provenance;

/// The ECS path a kv name means (FortiGate, logfmt, Juniper-style names); others as written.
fn ecs_name(key: &str) -> &str {
    match key {
        "srcip" | "src" | "src_ip" | "source_ip" | "sourceip" | "remip" | "client_ip"
        | "clientip" => "source.ip",
        "dstip" | "dst" | "dst_ip" | "dest_ip" | "destination_ip" | "destip" => "destination.ip",
        "user" | "srcuser" | "xauthuser" | "unauthuser" | "username" | "usr" | "login" => {
            "user.name"
        }
        "devname" | "device_name" | "hostname" | "host" => "host.name",
        "action" => "event.action",
        "msg" | "message" => "message",
        "proc" | "process" | "prog" | "program" | "comm" => "process.name",
        "exe" => "process.executable",
        "cmd" | "command" | "cmdline" => "process.command_line",
        "filehash" | "sha256" | "analyticscksum" | "file_hash" => "file.hash.sha256",
        "sha1" => "file.hash.sha1",
        "filename" | "file" => "file.path",
        "severity" => "event.severity",
        // FortiGate IPS / antivirus: the signature is the finding's title.
        "attack" | "virus" => "rule.name",
        "level" | "lvl" | "loglevel" | "pri" | "priority" => "severity",
        _ => key,
    }
}

/// Whether `v` is one of `words`, ASCII case-insensitively (no allocation).
fn one_of(v: &str, words: &[&str]) -> bool {
    words.iter().any(|w| v.eq_ignore_ascii_case(w))
}

/// Whether `hay` contains `needle` (lower-case ASCII), ASCII case-insensitively.
fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A log level as a severity word `Severity::from_word` knows.
fn level_word(v: &str) -> &str {
    if one_of(v, &["emergency", "emerg", "alert", "crit", "panic"]) {
        "critical"
    } else if one_of(v, &["err", "eror"]) {
        "error"
    } else if one_of(v, &["warn", "warning"]) {
        "warning"
    } else if one_of(
        v,
        &[
            "information",
            "informational",
            "info",
            "trace",
            "dbug",
            "debug",
            "notice",
        ],
    ) {
        "info"
    } else {
        v
    }
}

/// `success` / `failure` for the words producers use, `None` otherwise.
fn outcome_word(v: &str) -> Option<&'static str> {
    if one_of(
        v,
        &[
            "success",
            "succeeded",
            "successful",
            "ok",
            "pass",
            "passed",
            "true",
            "yes",
        ],
    ) {
        Some("success")
    } else if one_of(
        v,
        &[
            "failure", "failed", "fail", "error", "false", "no", "denied",
        ],
    ) {
        Some("failure")
    } else {
        None
    }
}

/// A firewall action's outcome (FortiGate `action=`).
fn action_outcome(v: &str) -> Option<&'static str> {
    if one_of(
        v,
        &[
            "deny",
            "denied",
            "block",
            "blocked",
            "drop",
            "dropped",
            "reject",
            "rejected",
            "reset",
            "server-rst",
            "client-rst",
        ],
    ) {
        Some("failure")
    } else if one_of(
        v,
        &[
            "accept",
            "accepted",
            "allow",
            "allowed",
            "pass",
            "passthrough",
            "permit",
            "permitted",
        ],
    ) {
        Some("success")
    } else {
        None
    }
}

/// `+0100`, `-08:00`, `Z`, `UTC`, `GMT` as an ISO 8601 suffix; anything else none (zone-less).
fn zone_suffix(tz: &str) -> Option<&str> {
    let t = tz.trim();
    let b = t.as_bytes();
    let numeric = matches!(b.first(), Some(b'+' | b'-'))
        && ((b.len() == 5 && b[1..].iter().all(u8::is_ascii_digit))
            || (b.len() == 6
                && b[3] == b':'
                && b[1..3].iter().all(u8::is_ascii_digit)
                && b[4..].iter().all(u8::is_ascii_digit)));
    if numeric {
        Some(t)
    } else if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("gmt") || t == "Z" {
        Some("Z")
    } else {
        None
    }
}

/// What the first pass over the pairs learned.
#[derive(Default)]
struct Facts<'a> {
    date: Option<Cow<'a, str>>,
    time: Option<Cow<'a, str>>,
    tz: Option<Cow<'a, str>>,
    eventtime: Option<Cow<'a, str>>,
    log_type: Option<Cow<'a, str>>,
    subtype: Option<Cow<'a, str>>,
    action: Option<Cow<'a, str>>,
    status: Option<Cow<'a, str>>,
    logdesc: Option<Cow<'a, str>>,
    message: bool,
    threat: bool,
    config: bool,
}

impl<'a> Facts<'a> {
    fn of(line: &KvLine<'a>) -> Facts<'a> {
        let mut f = Facts::default();
        for p in line.pairs() {
            let slot = match p.key {
                "date" => &mut f.date,
                "time" => &mut f.time,
                "tz" => &mut f.tz,
                "eventtime" => &mut f.eventtime,
                "type" => &mut f.log_type,
                "subtype" => &mut f.subtype,
                "action" => &mut f.action,
                "status" | "result" | "res" | "outcome" => &mut f.status,
                "logdesc" => &mut f.logdesc,
                "msg" | "message" => {
                    f.message = true;
                    continue;
                }
                "attack" | "virus" | "attackid" | "virusid" | "signature" => {
                    f.threat = true;
                    continue;
                }
                "cfgpath" | "cfgobj" | "cfgattr" => {
                    f.config = true;
                    continue;
                }
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(p.value);
            }
        }
        f
    }

    /// The event time chosen here (FortiGate's forms), as the field name and a value the ECS
    /// time parser reads; `None` leaves the time to the ECS fallbacks.
    fn time(&self) -> Option<(&'static str, Cow<'a, str>)> {
        if let Some(et) = &self.eventtime {
            if parse_epoch(et).is_some() {
                return Some(("eventtime", et.clone()));
            }
        }
        let (date, time) = (self.date.as_deref()?, self.time.as_deref()?);
        // `time=` that is already a full date-time is read by the ECS fallbacks.
        if time.len() > 12 || date.len() != 10 {
            return None;
        }
        let zone = self.tz.as_deref().and_then(zone_suffix).unwrap_or("");
        Some(("date+time", Cow::Owned(format!("{date}T{time}{zone}"))))
    }

    /// The ECS `event.kind` / `event.category` the line's type implies.
    fn category(&self) -> Option<(&'static str, &'static str)> {
        let t = self.log_type.as_deref().unwrap_or("");
        let sub = self.subtype.as_deref().unwrap_or("");
        let action = self.action.as_deref().unwrap_or("");
        let desc = self.logdesc.as_deref().unwrap_or("");
        let utm = t.eq_ignore_ascii_case("utm");
        if self.threat
            || (utm
                && one_of(
                    sub,
                    &["ips", "virus", "anomaly", "dlp", "waf", "emailfilter"],
                ))
        {
            return Some(("event.kind", "alert"));
        }
        if one_of(sub, &["user", "vpn"])
            || ["login", "logon", "logout", "logoff", "auth"]
                .iter()
                .any(|w| contains_ci(action, w) || contains_ci(desc, w))
        {
            return Some(("event.category", "authentication"));
        }
        if self.config {
            return Some(("event.category", "configuration"));
        }
        if utm || t.eq_ignore_ascii_case("traffic") || one_of(sub, &["forward", "local"]) {
            return Some(("event.category", "network"));
        }
        None
    }

    /// `success` / `failure` from the status, else from a firewall action.
    fn outcome(&self) -> Option<&'static str> {
        self.status
            .as_deref()
            .and_then(outcome_word)
            .or_else(|| self.action.as_deref().and_then(action_outcome))
    }
}

/// `Admin login failed` → `admin_login_failed`.
fn snake(desc: &str) -> String {
    let mut out = String::with_capacity(desc.len());
    for w in desc
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// Hands a value on, borrowed from the record when it is (the `Cow` matters, not just its text).
#[allow(clippy::ptr_arg)]
fn sink_value<'a>(sink: &mut dyn FnMut(&str, Leaf<'a, '_>), name: &str, v: &Cow<'a, str>) {
    match v {
        Cow::Borrowed(b) => sink(name, Leaf::Borrowed(b)),
        Cow::Owned(o) => sink(name, Leaf::Text(o)),
    }
}

/// Whether a record looks like a `key=value` line for detection: at least three pairs, the
/// first item a pair, and not a signed format that carries pairs too (CEF, LEEF) or JSON.
pub fn plausible(record: &str) -> bool {
    if record.contains("CEF:") || record.contains("LEEF:") || record.trim_start().starts_with('{') {
        return false;
    }
    parse_kv(record).is_ok_and(|l| l.pairs().take(3).count() == 3)
}

pub fn normalize(
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    let line = parse_kv(text)?;
    let facts = Facts::of(&line);
    let chosen = facts.time();
    let category = facts.category();
    let outcome = facts.outcome();
    let action_fallback = match (&facts.action, &facts.logdesc) {
        (None, Some(d)) => Some(snake(d)),
        _ => None,
    };
    let mut n = normalize_named(
        |sink| {
            if let Some((_, v)) = &chosen {
                sink_value(sink, "@timestamp", v);
            }
            if let Some((k, v)) = category {
                sink(k, Leaf::Borrowed(v));
            }
            if let Some(o) = outcome {
                sink("event.outcome", Leaf::Borrowed(o));
            }
            if let Some(a) = &action_fallback {
                sink("event.action", Leaf::Text(a));
            }
            for p in line.pairs() {
                let Pair { key, value, .. } = p;
                let name = ecs_name(key);
                match name {
                    "severity" => {
                        sink(name, Leaf::Text(level_word(&value)));
                    }
                    // FortiGate's event description is the message when there is no `msg`.
                    "logdesc" if !facts.message => sink_value(sink, "message", &value),
                    _ => sink_value(sink, name, &value),
                }
            }
        },
        &[],
        &[],
        provenance,
        detail,
    )?;
    if let Some((field, _)) = chosen {
        n.event.ts_field = Cow::Borrowed(field);
    }
    Ok(n)
}

/// The fields of a line for output: its pairs in order (values unescaped), and FortiGate's
/// combined `date+time` (the text `ts_field` names) when both are present.
pub fn source_fields<'a>(text: &'a str, out: &mut Vec<super::fields::Field<'a>>) {
    let Ok(line) = parse_kv(text) else { return };
    if let Some(p) = line.pri {
        out.push(("pri".into(), p.to_string().into()));
    }
    for p in line.pairs() {
        out.push((p.key.into(), p.value));
    }
    let facts = Facts::of(&line);
    if let (Some(d), Some(t)) = (&facts.date, &facts.time) {
        let tz = facts
            .tz
            .as_deref()
            .map(|z| format!(" {z}"))
            .unwrap_or_default();
        out.push(("date+time".into(), format!("{d} {t}{tz}").into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Format;

    fn p() -> Provenance {
        Provenance {
            input: 0,
            line: 1,
            offset: 0,
            length: 0,
            format: Format::Kv,
        }
    }

    #[test]
    fn zones_and_times() {
        assert_eq!(zone_suffix("+0100"), Some("+0100"));
        assert_eq!(zone_suffix("-08:00"), Some("-08:00"));
        assert_eq!(zone_suffix("UTC"), Some("Z"));
        assert_eq!(zone_suffix("CET"), None);
        assert_eq!(zone_suffix("+1"), None);
        let n = normalize(
            "date=2026-03-02 time=09:12:11 tz=\"-0800\" devname=fw",
            p(),
            Detail::Scan,
        )
        .unwrap();
        assert_eq!(n.event.ts_field, "date+time");
        assert!(matches!(
            n.time,
            TimeValue::Civil(c) if c.hour == 9 && c.offset_s == Some(-8 * 3600)
        ));
        // A date without a time of day is no time.
        assert!(normalize("date=2026-03-02 a=1 b=2", p(), Detail::Scan).is_err());
        assert!(plausible("a=1 b=2 c=3"));
        assert!(!plausible("a=1 b=2"));
        assert!(!plausible("CEF:0|a|b|c|d|e|f|a=1 b=2 c=3"));
    }

    use parsers::timestamp::TimeValue;

    /// Never panics, whatever the line: prefixes and byte mutations of real-looking lines.
    #[test]
    fn never_panics() {
        let seeds = [
            "<189>date=2026-03-02 time=09:12:11 devname=\"fw01\" eventtime=1772439131123456789 tz=\"+0100\" type=\"utm\" subtype=\"ips\" attack=\"x\" level=\"alert\" action=\"dropped\" msg=\"a \\\"b\\\"\"",
            "ts=2026-03-02T09:12:11Z level=info msg='x' user=alice src_ip=198.51.100.1 status=failed logdesc=\"Admin login\"",
            "date=2026-03-02 time=9:1 tz=+01:00 eventtime=\"1\" srcip=::1 dstip=fe80::0001",
        ];
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for seed in seeds {
            for (i, _) in seed.char_indices() {
                for detail in [Detail::Scan, Detail::Full] {
                    let _ = normalize(&seed[..i], p(), detail);
                    let _ = normalize(&seed[i..], p(), detail);
                }
                let mut out = Vec::new();
                source_fields(&seed[..i], &mut out);
            }
            for _ in 0..500 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let mut b = seed.as_bytes().to_vec();
                let at = (x % b.len() as u64) as usize;
                b[at] = b"=\"' \\<>0:+-Z"[(x >> 32) as usize % 12];
                let t = String::from_utf8_lossy(&b);
                let _ = normalize(&t, p(), Detail::Full);
                let _ = plausible(&t);
            }
        }
    }
}
