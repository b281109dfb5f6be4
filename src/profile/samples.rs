//! Each profile's own sample records, read as a run reads them and compared with what the
//! profile says they give. Run by the test suite for the built-in profiles and by
//! `afterlog profiles` for any (`--profiles DIR`), so a profile an analyst writes is checked
//! the same way.

use crate::event::Event;
use crate::format::Format;
use crate::normalize::time::{format_ts, resolve, Resolved};
use crate::normalize::{by_profile, csv::Columns, Detail, Schema};

use super::apply::{provided_by, Profiles};
use super::def::{ExpectDef, SampleDef};
use super::lookup::Lookups;
use super::{Profile, ProfileSet};

/// The problems of one profile's samples, one sentence each; empty when all hold.
pub fn check(set: &ProfileSet, profile: &Profile) -> Vec<String> {
    let mut out = Vec::new();
    if profile.samples.is_empty() {
        out.push(format!("{}: no sample records", profile.name));
    }
    for (n, sample) in profile.samples.iter().enumerate() {
        let at = format!("{} sample {}", profile.name, n + 1);
        if let Err(e) = check_one(set, profile, sample) {
            out.push(format!("{at}: {e}"));
        }
    }
    out
}

fn record_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn check_one(set: &ProfileSet, profile: &Profile, s: &SampleDef) -> Result<(), String> {
    let format = profile.formats[0];
    let schema = match (&s.header, format) {
        (Some(h), Format::Csv) => Schema::Csv(Columns::from_header(h)),
        (None, Format::Csv) => return Err("a CSV sample needs its `header`".into()),
        _ => Schema::None,
    };
    // Every profile of the format is a candidate: the sample must be recognized by its own.
    let mask = set.mask_for(format);
    let mut lookups = Lookups::default();
    let providers = Profiles {
        set,
        mask,
        lookups: Profiles::none().lookups,
    };
    for c in &s.context {
        for (t, k, v) in provided_by(&providers, format, c, &schema) {
            lookups.insert(t, &k, &v);
        }
    }
    let p = Profiles {
        set,
        mask,
        lookups: &lookups,
    };
    let text = record_text(&s.record);
    for (t, k, v) in provided_by(&p, format, &text, &schema) {
        lookups.insert(t, &k, &v);
    }
    let p = Profiles {
        set,
        mask,
        lookups: &lookups,
    };
    let provenance = crate::event::Provenance {
        input: 0,
        line: 1,
        offset: 0,
        length: text.len() as u32,
        format,
    };
    let got = by_profile(&p, format, &text, &schema, provenance, Detail::Full);
    let Some(got) = got else {
        return Err("no profile recognizes the record".into());
    };
    let e = &s.expect;
    let n = match got {
        Err(why) if why.skip => {
            return match &e.skip {
                Some(r) if r == why.kind => Ok(()),
                _ => Err(format!("skipped as {:?}", why.kind)),
            }
        }
        Err(why) => return Err(format!("rejected: {}", why.detail)),
        Ok(n) => n,
    };
    if let Some(r) = &e.skip {
        return Err(format!("expected a skip ({r}), got an event"));
    }
    let ev = &n.event;
    let recognized_by = set
        .profiles
        .iter()
        .position(|q| std::ptr::eq(q, profile))
        .map(|i| {
            super::apply::recognize(&p, |sink| match &schema {
                Schema::Csv(cols) => {
                    let row = crate::normalize::csv::cells(&text);
                    cols.walk(&row, sink);
                    Ok(())
                }
                _ => crate::normalize::json::walk_object(&text, |k, l| sink(k, l))
                    .map_err(|x| crate::accounting::RejectReason::new("invalid JSON", x.0)),
            }) == Some(i)
        });
    if recognized_by != Some(true) {
        return Err("another profile recognizes the record first".into());
    }
    let mut problems = Vec::new();
    let ts = match resolve(n.time, chrono_tz::Tz::UTC) {
        Resolved::At { ts_us, quality } => Some((ts_us, quality)),
        _ => None,
    };
    if let Some(want) = &e.ts {
        let have = ts.map(|(t, _)| format_ts(t));
        if have.as_deref() != Some(want.as_str()) {
            problems.push(format!("ts: expected {want}, got {have:?}"));
        }
    }
    if let Some(want) = &e.ts_quality {
        let mut q = ev.ts_quality;
        if let Some((_, quality)) = ts {
            q.insert(quality);
        }
        let have: Vec<&str> = q.names().collect();
        if have != *want {
            problems.push(format!("ts_quality: expected {want:?}, got {have:?}"));
        }
    }
    compare(
        &mut problems,
        "ts_field",
        e.ts_field.as_deref(),
        Some(&ev.ts_field),
    );
    compare(
        &mut problems,
        "kind",
        e.kind.as_deref(),
        Some(ev.kind.as_str()),
    );
    compare(
        &mut problems,
        "action",
        e.action.as_deref(),
        Some(&ev.action),
    );
    compare(
        &mut problems,
        "outcome",
        e.outcome.as_deref(),
        Some(ev.outcome.as_str()),
    );
    let sev = ev.severity.map(|s| s.as_str());
    for (name, want, have) in [
        ("severity", &e.severity, sev),
        ("host", &e.host, ev.host.as_deref()),
        ("user", &e.user, ev.user.as_deref()),
        ("src_ip", &e.src_ip, ev.src_ip.as_deref()),
        ("dst_ip", &e.dst_ip, ev.dst_ip.as_deref()),
        ("process", &e.process, ev.process.as_deref()),
        ("hash", &e.hash, ev.hash.as_deref()),
    ] {
        if let Some(want) = want {
            if want.as_deref() != have {
                problems.push(format!("{name}: expected {want:?}, got {have:?}"));
            }
        }
    }
    check_then(&mut problems, e, ev);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

fn compare(problems: &mut Vec<String>, name: &str, want: Option<&str>, have: Option<&str>) {
    if let Some(w) = want {
        if Some(w) != have {
            problems.push(format!("{name}: expected {w:?}, got {have:?}"));
        }
    }
}

fn check_then(problems: &mut Vec<String>, e: &ExpectDef, ev: &Event<'_>) {
    let status = ev.status_event();
    match (&e.then, status) {
        (None, None) => {}
        (None, Some((s, _))) => problems.push(format!(
            "unexpected second event {} {}",
            s.kind.as_str(),
            s.action
        )),
        (Some(w), None) => problems.push(format!("expected a second event {}", w.action)),
        (Some(w), Some((s, t))) => {
            let ts = match resolve(t, chrono_tz::Tz::UTC) {
                Resolved::At { ts_us, .. } => Some(format_ts(ts_us)),
                _ => None,
            };
            if ts.as_deref() != Some(w.ts.as_str())
                || s.kind.as_str() != w.kind
                || s.action != w.action
            {
                problems.push(format!(
                    "second event: expected {} {} at {}, got {} {} at {ts:?}",
                    w.kind,
                    w.action,
                    w.ts,
                    s.kind.as_str(),
                    s.action
                ));
            }
        }
    }
}
