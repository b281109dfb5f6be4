//! One record read with a profile: its fields are collected in one walk (only those some
//! candidate profile reads), the first profile whose `recognize` holds maps them to an event.

use std::borrow::Cow;

use parsers::timestamp::TimeValue;

use super::lookup::{Lookups, Table};
use super::{role, Cond, Fields, Profile, ProfileSet, SeverityScale, Slot, TimeField};
use crate::accounting::RejectReason;
use crate::event::{Event, Kind, Outcome, Provenance, Severity, StatusChange, TsQuality};
use crate::normalize::json::Leaf;
use crate::normalize::windows::{self, Shape, System, WinEvent};
use crate::normalize::{clip, ecs, ip_text, present, Detail, Normalized};

/// The profiles an input's records are tried with, and the run's lookup tables.
#[derive(Debug, Clone, Copy)]
pub struct Profiles<'r> {
    pub set: &'r ProfileSet,
    /// Bit `i`: profile `i` of the set is a candidate (chosen per input by detection).
    pub mask: u64,
    pub lookups: &'r Lookups,
}

static NO_LOOKUPS: std::sync::LazyLock<Lookups> = std::sync::LazyLock::new(Lookups::default);
static NO_PROFILES: std::sync::LazyLock<ProfileSet> = std::sync::LazyLock::new(ProfileSet::default);

impl Profiles<'static> {
    /// No profile: records are read by their grammar's generic mapping.
    pub fn none() -> Profiles<'static> {
        Profiles {
            set: &NO_PROFILES,
            mask: 0,
            lookups: &NO_LOOKUPS,
        }
    }
}

impl<'r> Profiles<'r> {
    pub fn is_empty(&self) -> bool {
        self.mask == 0
    }

    /// The candidate profiles, in the set's order.
    pub fn candidates(&self) -> impl Iterator<Item = (usize, &'r Profile)> + '_ {
        let profiles = &self.set.profiles;
        let mut bits = self.mask;
        std::iter::from_fn(move || loop {
            if bits == 0 {
                return None;
            }
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(p) = profiles.get(i) {
                return Some((i, p));
            }
        })
    }
}

/// The fields of one record that candidate profiles read.
#[derive(Debug, Default)]
pub struct Found<'a> {
    vals: Vec<(Slot, Cow<'a, str>)>,
    /// EventData values of Windows-shaped records: (name as written, value).
    win: Vec<(String, Cow<'a, str>)>,
    /// The pending key of a `{key, value}` pair.
    pending: Option<(usize, String)>,
    lower: String,
    /// Leaves seen, and whether the record is a Panther test event (`{"_rule":…,"_test":…,
    /// "log":{…the vendor's record…}}`, the corpus's shape): its fields are read under `log`.
    leaves: u32,
    panther: bool,
    /// The candidates that read more than plain fields (pairs, Windows EventData, embedded
    /// JSON), found at the record's first leaf: most inputs have none, and then a leaf no
    /// profile names costs one table lookup and no allocation.
    special: Option<u64>,
}

impl<'a> Found<'a> {
    pub fn get(&self, slot: Slot) -> Option<&str> {
        self.vals
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, v)| v.as_ref())
    }

    fn cow(&self, slot: Slot) -> Option<Cow<'a, str>> {
        self.vals
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, v)| v.clone())
    }

    fn first(&self, slots: &[Slot]) -> Option<Cow<'a, str>> {
        slots.iter().find_map(|s| self.cow(*s))
    }

    fn put(&mut self, slot: Slot, v: Cow<'a, str>) {
        if !self.vals.iter().any(|(s, _)| *s == slot) {
            self.vals.push((slot, v));
        }
    }

    /// Takes one leaf of the record.
    pub fn take(&mut self, p: &Profiles<'_>, path: &str, leaf: Leaf<'a, '_>) {
        if self.leaves == 0 && path == "_rule" {
            self.panther = true;
        }
        self.leaves += 1;
        let path = match path.strip_prefix("log.") {
            Some(inner) if self.panther => inner,
            _ => path,
        };
        if leaf == Leaf::Null {
            return;
        }
        let slot = p.set.slot_of_any_case(path);
        let special = *self.special.get_or_insert_with(|| {
            p.candidates()
                .filter(|(_, prof)| {
                    !(prof.pairs.is_empty() && prof.windows.is_none() && prof.embedded.is_empty())
                })
                .fold(0u64, |m, (i, _)| m | 1 << i)
        });
        if slot.is_none() && special == 0 {
            return;
        }
        // The lower-case path, for the pair, EventData and embedded-JSON readers.
        if special != 0 {
            self.lower.clear();
            self.lower.push_str(path);
            self.lower.make_ascii_lowercase();
        }
        let value = match leaf {
            Leaf::Borrowed(b) => match present(b) {
                Some(t) => Cow::Borrowed(t),
                None => return,
            },
            other => match present(other.as_text()) {
                Some(t) => Cow::Owned(t.to_string()),
                None => return,
            },
        };
        if let Some(slot) = slot {
            self.put(slot, value.clone());
        }
        let only = Profiles {
            mask: special,
            ..*p
        };
        for (_, prof) in only.candidates() {
            if prof.embedded.contains(&self.lower) {
                let text = value.trim_start();
                if text.starts_with('{') || text.starts_with('[') {
                    self.take_embedded(p, path, text.to_string());
                    return;
                }
            }
            for (k, pair) in prof.pairs.iter().enumerate() {
                if self.lower == pair.key_path {
                    self.pending = Some((k, value.to_ascii_lowercase()));
                } else if self.lower == pair.value_path {
                    if let Some((_, key)) = self.pending.take_if(|(pk, _)| *pk == k) {
                        let virtual_path = format!("{}{key}", pair.prefix);
                        if let Some(slot) = p.set.slot_of_any_case(&virtual_path) {
                            self.put(slot, value.clone());
                        }
                    }
                }
            }
            if let Some(w) = &prof.windows {
                for prefix in &w.data {
                    if self.lower.starts_with(prefix.as_str()) && self.lower.len() > prefix.len() {
                        // UserData nests its names one element deeper
                        // (`UserData.LogFileCleared.SubjectUserName`): the last part names it.
                        let rest = &path[prefix.len()..];
                        let name = rest.rsplit('.').next().unwrap_or(rest);
                        if windows::is_data_name(name) && !self.win.iter().any(|(n, _)| n == name) {
                            self.win.push((name.to_string(), value.clone()));
                        }
                        break;
                    }
                }
            }
        }
    }

    /// The fields of a JSON text held in the field at `path`, named under it.
    fn take_embedded(&mut self, p: &Profiles<'_>, path: &str, text: String) {
        let wrapped = if text.starts_with('[') {
            format!("{{\"v\":{text}}}")
        } else {
            text
        };
        let array = wrapped.starts_with("{\"v\":[");
        let mut inner: Vec<(String, String)> = Vec::new();
        let _ = crate::normalize::json::walk_object(&wrapped, |k, l| {
            if l == Leaf::Null {
                return;
            }
            let k = if array {
                k.strip_prefix("v.")
                    .or_else(|| k.strip_prefix('v'))
                    .unwrap_or(k)
            } else {
                k
            };
            let full = if k.is_empty() {
                path.to_string()
            } else {
                format!("{path}.{k}")
            };
            inner.push((full, l.as_text().to_string()));
        });
        for (k, v) in inner {
            self.take(p, &k, Leaf::Text(&v));
        }
    }

    fn holds(&self, c: &Cond) -> bool {
        if !c.any.is_empty() {
            return c.any.iter().any(|a| self.holds(a));
        }
        match self.get(c.slot) {
            None => c.absent,
            Some(_) if c.absent => false,
            Some(v) => {
                (c.equals.is_empty() || c.equals.iter().any(|e| v.eq_ignore_ascii_case(e)))
                    && c.contains.as_ref().is_none_or(|x| {
                        v.as_bytes()
                            .windows(x.len().max(1))
                            .any(|w| w.eq_ignore_ascii_case(x.as_bytes()))
                    })
                    && c.prefix.as_ref().is_none_or(|x| {
                        v.len() >= x.len()
                            && v.as_bytes()[..x.len()].eq_ignore_ascii_case(x.as_bytes())
                    })
            }
        }
    }

    fn all(&self, conds: &[Cond]) -> bool {
        conds.iter().all(|c| self.holds(c))
    }
}

/// Reads one record whose leaves `walk` hands over. `None` when no candidate profile
/// recognizes it (the caller reads it with the grammar's generic mapping). `utc` names
/// fields whose zone-less times are UTC (CSV `[UTC]` headers).
pub fn read<'a, W>(
    p: &Profiles<'_>,
    walk: W,
    utc: &[&str],
    provenance: Provenance,
    detail: Detail,
) -> Option<Result<Normalized<'a>, RejectReason>>
where
    W: FnOnce(&mut dyn FnMut(&str, Leaf<'a, '_>)) -> Result<(), RejectReason>,
{
    if p.is_empty() {
        return None;
    }
    let mut f = Found::default();
    if let Err(e) = walk(&mut |path, leaf| f.take(p, path, leaf)) {
        return Some(Err(e));
    }
    let (_, prof) = p.candidates().find(|(_, prof)| f.all(&prof.recognize))?;
    Some(map(prof, &f, p.lookups, utc, provenance, detail))
}

/// Which candidate profile recognizes the record (detection), by index in the set.
pub fn recognize<'a, W>(p: &Profiles<'_>, walk: W) -> Option<usize>
where
    W: FnOnce(&mut dyn FnMut(&str, Leaf<'a, '_>)) -> Result<(), RejectReason>,
{
    let mut f = Found::default();
    walk(&mut |path, leaf| f.take(p, path, leaf)).ok()?;
    p.candidates()
        .find(|(_, prof)| f.all(&prof.recognize))
        .map(|(i, _)| i)
}

/// Every candidate profile that recognizes the record (detection: a profile recognized only
/// beside a more specific one, like an export's generic rows beside its notable rows, is
/// still a candidate for the input's later records), as indices in the set.
pub fn recognize_all<'a, W>(p: &Profiles<'_>, walk: W) -> Vec<usize>
where
    W: FnOnce(&mut dyn FnMut(&str, Leaf<'a, '_>)) -> Result<(), RejectReason>,
{
    let mut f = Found::default();
    if walk(&mut |path, leaf| f.take(p, path, leaf)).is_err() {
        return Vec::new();
    }
    p.candidates()
        .filter(|(_, prof)| f.all(&prof.recognize))
        .map(|(i, _)| i)
        .collect()
}

/// The lookup pairs one record provides.
pub fn provided<'a, W>(p: &Profiles<'_>, walk: W) -> Vec<(Table, String, String)>
where
    W: FnOnce(&mut dyn FnMut(&str, Leaf<'a, '_>)) -> Result<(), RejectReason>,
{
    let mut f = Found::default();
    if walk(&mut |path, leaf| f.take(p, path, leaf)).is_err() {
        return Vec::new();
    }
    let Some((_, prof)) = p.candidates().find(|(_, prof)| f.all(&prof.recognize)) else {
        return Vec::new();
    };
    prof.provides
        .iter()
        .filter(|pr| f.all(&pr.when))
        .filter_map(|pr| {
            Some((
                pr.table,
                f.get(pr.key)?.to_string(),
                f.get(pr.value)?.to_string(),
            ))
        })
        .collect()
}

/// The lookup pairs of one record of `format` (JSON object or CSV row under `schema`).
pub fn provided_by(
    p: &Profiles<'_>,
    format: crate::format::Format,
    text: &str,
    schema: &crate::normalize::Schema,
) -> Vec<(Table, String, String)> {
    use crate::format::Format;
    use crate::normalize::Schema;
    match (format, schema) {
        (Format::Ndjson | Format::Json | Format::Evtx, _) => provided(p, |sink| {
            crate::normalize::json::walk_object(text, |k, l| sink(k, l))
                .map_err(|e| RejectReason::new("invalid JSON", e.0))
        }),
        (Format::Csv, Schema::Csv(cols)) => {
            let row = crate::normalize::csv::cells(text);
            provided(p, |sink| {
                cols.walk(&row, sink);
                Ok(())
            })
        }
        _ => Vec::new(),
    }
}

fn map<'a>(
    prof: &Profile,
    f: &Found<'a>,
    lookups: &Lookups,
    utc: &[&str],
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'a>, RejectReason> {
    if let Some((_, reason)) = prof.skip.iter().find(|(when, _)| f.all(when)) {
        return Err(RejectReason::skip(reason));
    }
    let rule = prof.rules.iter().find(|r| f.all(&r.when));
    if let Some(w) = &prof.windows {
        if w.event_id.iter().any(|s| f.get(*s).is_some()) && rule.is_none() {
            return windows_event(prof, w, f, utc, lookups, provenance, detail);
        }
    }
    let times = rule
        .map(|r| r.time.as_slice())
        .unwrap_or(&[])
        .iter()
        .chain(&prof.time);
    let (tf, time) = event_time(times.clone(), f, utc)?;
    let pick = |bit: u16, get: fn(&Fields) -> &Vec<Slot>| -> Option<Cow<'a, str>> {
        if rule.is_some_and(|r| r.fields.cleared & bit != 0) {
            return None;
        }
        rule.and_then(|r| f.first(get(&r.fields)))
            .or_else(|| f.first(get(&prof.fields)))
    };
    let title = pick(role::TITLE, |x| &x.title);
    let kind = rule.and_then(|r| r.kind).unwrap_or(prof.kind);
    let action: Cow<'a, str> = match rule {
        Some(r) if r.action_field.is_some() => {
            let raw = r.action_field.and_then(|s| f.get(s)).unwrap_or("");
            let lower = raw.trim().to_ascii_lowercase();
            match r.action_map.iter().find(|(k, _)| *k == lower) {
                Some((_, v)) => Cow::Borrowed(*v),
                None if !lower.is_empty() => Cow::Owned(lower.replace([' ', '-'], "_")),
                None => Cow::Borrowed(r.action.unwrap_or("event")),
            }
        }
        Some(Rule {
            action: Some(a), ..
        }) => Cow::Borrowed(*a),
        _ => pick(role::ACTION, |x| &x.action)
            .or_else(|| title.clone())
            .unwrap_or(Cow::Borrowed("event")),
    };
    let mut e = Event::new(kind, action, provenance);
    e.ts_field = Cow::Borrowed(tf.name);
    if tf.ingest {
        e.ts_quality.insert(TsQuality::INGEST_TIME);
    }
    e.alt_time = times
        .filter(|t| t.name != tf.name)
        .find_map(|t| Some((time_of(t, f, utc)?, t.name)));
    e.host = pick(role::HOST, |x| &x.host).or_else(|| {
        let id = pick(role::HOST_ID, |x| &x.host_id)?;
        lookups
            .get(Table::Host, &id)
            .map(|h| Cow::Owned(h.to_string()))
    });
    e.user = pick(role::USER, |x| &x.user).or_else(|| {
        let id = pick(role::USER_ID, |x| &x.user_id)?;
        lookups
            .get(Table::User, &id)
            .map(|u| Cow::Owned(u.to_string()))
    });
    e.src_ip = pick(role::SRC_IP, |x| &x.src_ip).and_then(ip_only);
    e.dst_ip = pick(role::DST_IP, |x| &x.dst_ip).and_then(ip_only);
    e.process = pick(role::PROCESS, |x| &x.process);
    e.parent = pick(role::PARENT, |x| &x.parent);
    e.hash = pick(role::HASH, |x| &x.hash);
    e.severity = rule.and_then(|r| r.severity).or_else(|| {
        severity(
            prof.severity_scale,
            pick(role::SEVERITY, |x| &x.severity).as_deref()?,
        )
    });
    e.outcome = rule
        .and_then(|r| r.outcome)
        .unwrap_or_else(|| outcome(prof, f));
    if let Some(then) = rule.and_then(|r| r.then.as_ref()) {
        if f.all(&then.when) {
            if let Some(t) = f.get(then.at).and_then(|v| parse(v, true)) {
                e.status_change = Some(StatusChange {
                    time: t,
                    status: then.action,
                    field: then.at_name,
                    kind: then.kind,
                });
            }
        }
    }
    if detail == Detail::Full {
        let extra =
            pick(role::COMMAND_LINE, |x| &x.command_line).or_else(|| pick(role::FILE, |x| &x.file));
        e.summary = Cow::Owned(summary(
            &e,
            title.as_deref(),
            pick(role::MESSAGE, |x| &x.message).as_deref(),
            extra.as_deref(),
        ));
    }
    Ok(Normalized { event: e, time })
}

use super::Rule;

fn ip_only(v: Cow<'_, str>) -> Option<Cow<'_, str>> {
    let canon = ip_text(&v)?.into_owned();
    Some(if canon == v.trim() {
        match v {
            Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
            Cow::Owned(o) => Cow::Owned(o.trim().to_string()),
        }
    } else {
        Cow::Owned(canon)
    })
}

fn parse(raw: &str, utc: bool) -> Option<TimeValue> {
    let mut t = ecs::parse_time(raw)?;
    if let TimeValue::Civil(c) = &mut t {
        if utc && c.offset_s.is_none() {
            c.offset_s = Some(0);
        }
    }
    Some(t)
}

fn time_of(t: &TimeField, f: &Found<'_>, utc: &[&str]) -> Option<TimeValue> {
    parse(
        f.get(t.slot)?,
        t.utc || utc.iter().any(|u| u.eq_ignore_ascii_case(t.name)),
    )
}

/// The first time field present; a present one that does not read as a time is a rejection
/// (a later field is not silently used in its place).
fn event_time<'t>(
    mut times: impl Iterator<Item = &'t TimeField>,
    f: &Found<'_>,
    utc: &[&str],
) -> Result<(&'t TimeField, TimeValue), RejectReason> {
    let mut names = Vec::new();
    for t in times.by_ref() {
        names.push(t.name);
        if let Some(raw) = f.get(t.slot) {
            return match time_of(t, f, utc) {
                Some(v) => Ok((t, v)),
                None => Err(RejectReason::new(
                    "bad timestamp",
                    format!("{} {raw:?} is not a time", t.name),
                )),
            };
        }
    }
    Err(RejectReason::new(
        "no timestamp",
        format!(
            "none of the profile's time fields ({}) is present",
            names.join(", ")
        ),
    ))
}

fn outcome(prof: &Profile, f: &Found<'_>) -> Outcome {
    let o = &prof.outcome;
    if o.failure_if_present.iter().any(|s| f.get(*s).is_some()) {
        return Outcome::Failure;
    }
    let Some(v) = o.field.iter().find_map(|s| f.get(*s)) else {
        return if o.failure_if_present.is_empty() {
            Outcome::Unknown
        } else {
            Outcome::Success
        };
    };
    if o.failure.iter().any(|x| v.eq_ignore_ascii_case(x)) {
        Outcome::Failure
    } else if o.success.iter().any(|x| v.eq_ignore_ascii_case(x)) {
        Outcome::Success
    } else {
        Outcome::Unknown
    }
}

fn severity(scale: SeverityScale, v: &str) -> Option<Severity> {
    if let Some(s) = Severity::from_word(v) {
        return Some(s);
    }
    let n: f64 = v.trim().parse().ok()?;
    let n = n as i64;
    Some(match scale {
        SeverityScale::Word => return None,
        SeverityScale::OneToFive => match n {
            ..=1 => Severity::Info,
            2 => Severity::Low,
            3 => Severity::Medium,
            4 => Severity::High,
            _ => Severity::Critical,
        },
        SeverityScale::OneToThreeHighFirst => match n {
            ..=1 => Severity::High,
            2 => Severity::Medium,
            3 => Severity::Low,
            _ => Severity::Info,
        },
        SeverityScale::ZeroToTen => Severity::from_score_10(n.clamp(0, 10) as u8),
        SeverityScale::ZeroToHundred => match n {
            ..=21 => Severity::Low,
            22..=47 => Severity::Medium,
            48..=73 => Severity::High,
            _ => Severity::Critical,
        },
    })
}

/// A Windows-shaped record (winlogbeat, Sentinel `SecurityEvent`, Mordor rows) read by the
/// Windows event mapping.
fn windows_event<'a>(
    prof: &Profile,
    w: &super::WindowsFields,
    f: &Found<'a>,
    utc: &[&str],
    lookups: &Lookups,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'a>, RejectReason> {
    let mut ev = WinEvent::default();
    let mut sys = |field: System, slots: &[Slot]| {
        if let Some(v) = slots.iter().find_map(|s| f.cow(*s)) {
            ev.take_system(field, leaf_of(&v));
        }
    };
    sys(System::EventId, &w.event_id);
    sys(System::Channel, &w.channel);
    sys(System::Provider, &w.provider);
    sys(System::Computer, &w.computer);
    sys(System::Keywords, w.keywords.as_slice());
    // The record's time: the shape's TimeCreated, else the profile's time fields.
    let time_field = w.time_created.map(|(s, n)| (s, n, true)).or_else(|| {
        prof.time
            .iter()
            .find(|t| f.get(t.slot).is_some())
            .map(|t| (t.slot, t.name, t.utc))
    });
    let mut time_name = "TimeCreated";
    if let Some((slot, name, is_utc)) = time_field {
        time_name = name;
        if let Some(v) = f.get(slot) {
            // Zone-less times of these shapes are UTC where the profile or a `[UTC]` column
            // says so (Mordor, Sentinel); any form the time parser reads (epochs, locale
            // times) is handed to the Windows mapping as ISO 8601.
            let is_utc = is_utc || utc.iter().any(|u| u.eq_ignore_ascii_case(name));
            match parse(v.trim(), is_utc).and_then(iso_text) {
                Some(iso) => ev.take_system(System::TimeCreated, Leaf::Text(&iso)),
                None => ev.take_system(System::TimeCreated, Leaf::Text(v.trim())),
            }
        }
    }
    for (name, v) in &f.win {
        ev.take_data(name, leaf_of(v));
    }
    let xml_pairs: Vec<(String, String)> = w
        .data_xml
        .and_then(|s| f.get(s))
        .map(event_data_xml)
        .unwrap_or_default();
    for (name, v) in &xml_pairs {
        ev.take_data(name, Leaf::Text(v));
    }
    // A whole event's XML (Splunk XmlWinEventLog `_raw`) also carries the System fields the
    // record's columns may lack; the first value of each wins, so columns come first.
    if let Some(xml) = w.data_xml.and_then(|s| f.get(s)) {
        if let Some(sys_xml) = xml.find("<System>").map(|i| &xml[i..]) {
            let end = sys_xml.find("</System>").unwrap_or(sys_xml.len());
            let sys_xml = &sys_xml[..end];
            for (field, tag) in [
                (System::EventId, "EventID"),
                (System::Channel, "Channel"),
                (System::Computer, "Computer"),
                (System::Keywords, "Keywords"),
            ] {
                if let Some(v) = xml_element_text(sys_xml, tag) {
                    ev.take_system(field, Leaf::Text(&v));
                }
            }
            if let Some(v) = xml_attribute(sys_xml, "Provider", "Name") {
                ev.take_system(System::Provider, Leaf::Text(&v));
            }
        }
    }
    let shape = Shape {
        time_created: time_name,
        utc_time: w.utc_time,
    };
    let mut n = windows::to_event(ev, &shape, provenance, detail)?;
    // Fields the Windows mapping does not know (a `host` beside `winlog.computer_name`).
    if n.event.host.is_none() {
        n.event.host = f.first(&prof.fields.host);
    }
    if n.event.user.is_none() {
        n.event.user = f.first(&prof.fields.user);
    }
    // A member or account named only by its SID (4732 local group adds) is named through the
    // user table (a 4720 in the same run gives the new account's SID and name).
    if let Some(name) = n
        .event
        .user
        .as_deref()
        .filter(|u| u.starts_with("S-1-"))
        .and_then(|sid| lookups.get(Table::User, sid))
    {
        n.event.user = Some(Cow::Owned(name.to_string()));
    }
    Ok(n)
}

/// A time as ISO 8601 text (`Z` for UTC, `±hh:mm` for other offsets, none when zone-less).
fn iso_text(t: TimeValue) -> Option<String> {
    match t {
        TimeValue::Unix { secs, nanos } => {
            let d = chrono::DateTime::from_timestamp(secs, nanos)?;
            Some(d.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string())
        }
        TimeValue::Civil(c) => {
            let year = c.year?;
            let zone = match c.offset_s {
                None => String::new(),
                Some(0) => "Z".to_string(),
                Some(o) => format!(
                    "{}{:02}:{:02}",
                    if o < 0 { '-' } else { '+' },
                    o.abs() / 3600,
                    o.abs() % 3600 / 60
                ),
            };
            Some(format!(
                "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}{zone}",
                c.month, c.day, c.hour, c.minute, c.second, c.nanos
            ))
        }
    }
}

/// A kept value as a leaf: borrowed from the record when it is, else lent for the call
/// (`take_*` copies it).
fn leaf_of<'a, 'v>(v: &'v Cow<'a, str>) -> Leaf<'a, 'v> {
    match v {
        Cow::Borrowed(b) => Leaf::Borrowed(b),
        Cow::Owned(o) => Leaf::Text(o),
    }
}

/// `<Data Name="X">value</Data>` pairs of an EventData XML string (Sentinel `SecurityEvent`).
pub fn event_data_xml(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<Data Name=") {
        rest = &rest[i + 11..];
        // The attribute's quote: `"` as Windows renders it, `'` as Splunk's XmlWinEventLog.
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        rest = &rest[1..];
        let Some(q) = rest.find(quote) else { break };
        let name = &rest[..q];
        rest = &rest[q + 1..];
        if rest.starts_with("/>") {
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        rest = &rest[gt + 1..];
        let Some(end) = rest.find("</Data>") else {
            break;
        };
        out.push((name.to_string(), unescape_xml(&rest[..end])));
        rest = &rest[end + 7..];
    }
    if out.is_empty() {
        user_data_xml(xml, &mut out);
    }
    out
}

/// The text of the first `<tag>` or `<tag …>` element.
fn xml_element_text(xml: &str, tag: &str) -> Option<String> {
    let mut rest = xml;
    loop {
        let i = rest.find('<')?;
        rest = &rest[i + 1..];
        let Some(after) = rest.strip_prefix(tag).filter(|a| a.starts_with(['>', ' '])) else {
            continue; // another element
        };
        let gt = after.find('>')?;
        if after[..gt].ends_with('/') {
            return None;
        }
        let body = &after[gt + 1..];
        let end = body.find('<')?;
        return Some(unescape_xml(body[..end].trim()));
    }
}

/// The value of `attr` on the first `<tag …>` element (single or double quotes).
fn xml_attribute(xml: &str, tag: &str, attr: &str) -> Option<String> {
    let i = xml.find(&format!("<{tag} "))?;
    let el = &xml[i..];
    let el = &el[..el.find('>')?];
    let j = el.find(&format!("{attr}="))?;
    let v = &el[j + attr.len() + 1..];
    let quote = v.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let v = &v[1..];
    Some(unescape_xml(&v[..v.find(quote)?]))
}

/// `<UserData><LogFileCleared …><SubjectUserName>x</SubjectUserName>…` (1102 and others
/// that carry UserData instead of EventData): each element of the one inside `UserData`.
fn user_data_xml(xml: &str, out: &mut Vec<(String, String)>) {
    let Some(i) = xml.find("<UserData>") else {
        return;
    };
    let mut rest = &xml[i + 10..];
    // The wrapper element (`<LogFileCleared xmlns=…>`).
    let Some(open) = rest.find('<') else { return };
    let Some(gt) = rest[open..].find('>') else {
        return;
    };
    rest = &rest[open + gt + 1..];
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if rest.starts_with('/') {
            break; // the wrapper's end
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if tag.ends_with('/') {
            continue; // an empty element
        }
        let name = tag.split_whitespace().next().unwrap_or(tag);
        let close = format!("</{name}>");
        let Some(end) = rest.find(&close) else { break };
        out.push((name.to_string(), unescape_xml(&rest[..end])));
        rest = &rest[end + close.len()..];
    }
}

fn unescape_xml(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn summary(
    e: &Event<'_>,
    title: Option<&str>,
    message: Option<&str>,
    extra: Option<&str>,
) -> String {
    // A response or status change names the action, where, by whom and about what.
    if matches!(e.kind, Kind::Remediation | Kind::IncidentStatus) {
        let on = e
            .host
            .as_deref()
            .map(|h| format!(" on {h}"))
            .unwrap_or_default();
        let by = e
            .user
            .as_deref()
            .map(|u| format!(" by {u}"))
            .unwrap_or_default();
        let about = title.map(|t| format!(" ({t})")).unwrap_or_default();
        return clip(&format!("{}{on}{by}{about}", e.action), 300);
    }
    ecs::describe(e, title, message, extra)
}
