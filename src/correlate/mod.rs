//! Correlation: findings seed incidents, entities link events to them, the attacker's
//! footprint and the response actions give the phases, the phases give the metrics. Pure
//! functions over ordered events: no I/O, no clock, no globals; the result depends only on the
//! events and the indicators.
//!
//! - `entity`: how entities compare, and which link nothing (generic accounts).
//! - findings sharing a non-generic entity (host, user, hash, public address) form one
//!   incident, unless the entity is in most findings (a ubiquitous one links nothing).
//! - `attacker`: the attacker's entities and sessions; their activity is the compromise.
//! - `phase`: which actions mark containment, eradication, recovery, triage, resolution.
//! - `path`: the attack path; `observe`: what worked and what didn't.

mod attacker;
mod entity;
mod observe;
mod path;
mod phase;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Ioc;
use crate::event::{Event, Kind, OwnedEvent, Severity};
use attacker::Attacker;
use entity::{entities, ioc_key, is_public, norm_user};
pub use entity::{involves, short_host};
pub use phase::{Phase, PhaseName};

/// How far before the first and after the last finding an incident's events are looked for.
const WINDOW_US: i64 = 30 * 86_400 * 1_000_000;
/// Context events are kept this long before the first and after the last phase event.
const CONTEXT_MARGIN_US: i64 = 3_600 * 1_000_000;

/// One hop of the attack path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub event: usize,
    pub why: String,
}

/// A "what worked / what didn't" finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub kind: &'static str,
    pub message: String,
    pub events: Vec<usize>,
}

/// The entities attributed to an incident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub hosts: BTreeSet<String>,
    pub users: BTreeSet<String>,
    pub ips: BTreeSet<String>,
    pub hashes: BTreeSet<String>,
}

/// One incident; events are indices into the run's ordered events.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub scope: Scope,
    pub phases: BTreeMap<PhaseName, Phase>,
    /// Timeline events in time order with the phase each marks (`Context` for none).
    pub timeline: Vec<(usize, PhaseName)>,
    pub attack_path: Vec<Hop>,
    pub observations: Vec<Observation>,
}

impl Incident {
    pub fn phase(&self, name: PhaseName) -> Option<&Phase> {
        self.phases.get(&name)
    }

    /// `a.start - b.start` (or `a.end` for recovery, per the contract) in whole seconds.
    pub fn metric(&self, to: PhaseName, from: PhaseName, use_end: bool) -> Option<i64> {
        let a = self.phase(to)?;
        let b = self.phase(from)?;
        let t = if use_end { a.end_us } else { a.start_us };
        Some((t - b.start_us).div_euclid(1_000_000))
    }
}

/// Events that correlation needs from everywhere, whatever entities incidents turn out to
/// have: findings, response actions, account changes, incident status changes.
pub fn is_notable(e: &Event<'_>) -> bool {
    matches!(
        e.kind,
        Kind::Finding
            | Kind::Remediation
            | Kind::AccountChange
            | Kind::IncidentStatus
            | Kind::ConfigChange
    ) || phase::response_phase(e).is_some()
}

/// The text to look for in raw records to find events involving entity `key`.
pub fn pattern_of(key: &str) -> &str {
    key.split_once(':').map_or(key, |(_, v)| v)
}

/// What links findings to each other: hosts, non-generic users, hashes, public addresses.
fn linking_keys(e: &Event<'_>) -> Vec<String> {
    entities(e)
        .into_iter()
        .filter(|k| !k.starts_with("ip:") || is_public(&k[3..]))
        .collect()
}

/// Findings grouped into would-be incidents: findings sharing a linking entity join
/// (union-find over finding positions), except on entities found in most findings (with six
/// or more findings, an entity in more than half of them is ubiquitous: a domain controller,
/// the firewall's own address). Groups in order of their first finding.
fn finding_groups(events: &[OwnedEvent]) -> Vec<Vec<usize>> {
    let findings: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].kind == Kind::Finding)
        .collect();
    let keys: Vec<Vec<String>> = findings.iter().map(|&i| linking_keys(&events[i])).collect();
    let mut freq: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys.iter().flat_map(|ks| ks.iter()) {
        *freq.entry(k.as_str()).or_default() += 1;
    }
    let ubiquitous =
        |k: &str| findings.len() >= 6 && freq.get(k).copied().unwrap_or(0) * 2 > findings.len();
    let mut parent: Vec<usize> = (0..findings.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut first_with: BTreeMap<&str, usize> = BTreeMap::new();
    for (pos, ks) in keys.iter().enumerate() {
        for key in ks.iter().filter(|k| !ubiquitous(k)) {
            match first_with.get(key.as_str()) {
                Some(&other) => {
                    let (a, b) = (root(&mut parent, pos), root(&mut parent, other));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    first_with.insert(key, pos);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (pos, &finding) in findings.iter().enumerate() {
        let r = root(&mut parent, pos);
        groups.entry(r).or_default().push(finding);
    }
    groups.into_values().collect()
}

/// Every entity that some incident is built from, given the events known so far: the pipeline
/// reads the inputs again for events involving new ones until none are new.
pub fn wanted_entities(events: &[OwnedEvent], iocs: &[Ioc]) -> BTreeSet<String> {
    let ioc_keys: BTreeSet<String> = iocs.iter().map(ioc_key).collect();
    let mut out = ioc_keys.clone();
    for group in finding_groups(events) {
        let (seeds, attacker) = reach(events, &group, &ioc_keys);
        out.extend(seeds);
        out.extend(attacker.keys);
        for s in attacker.sessions {
            out.insert(format!("host:{}", s.host));
            out.insert(format!("user:{}", s.user));
        }
    }
    out
}

/// Groups findings into incidents and reconstructs each, most severe first.
pub fn correlate(events: &[OwnedEvent], iocs: &[Ioc]) -> Vec<Incident> {
    let ioc_keys: BTreeSet<String> = iocs.iter().map(ioc_key).collect();
    let mut incidents: Vec<Incident> = finding_groups(events)
        .into_iter()
        .map(|group| build(events, &group, &ioc_keys))
        .collect();
    incidents.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| {
                let s = |i: &Incident| i.phase(PhaseName::Detection).map(|p| p.start_us);
                s(a).cmp(&s(b))
            })
            .then_with(|| a.title.cmp(&b.title))
    });
    for (n, inc) in incidents.iter_mut().enumerate() {
        inc.id = format!("INC-{}", n + 1);
    }
    incidents
}

fn in_window(t: i64, first: i64, last: i64) -> bool {
    t >= first - WINDOW_US && t <= last + WINDOW_US
}

/// The entities a group of findings reaches (its findings' entities and the attacker's
/// sessions' hosts and accounts) and the attacker model, from the events known so far.
fn reach(
    events: &[OwnedEvent],
    group: &[usize],
    iocs: &BTreeSet<String>,
) -> (BTreeSet<String>, Attacker) {
    let first = group.iter().map(|&i| events[i].ts_us).min().unwrap_or(0);
    let last = group.iter().map(|&i| events[i].ts_us).max().unwrap_or(0);
    let mut seeds: BTreeSet<String> = group.iter().flat_map(|&i| entities(&events[i])).collect();
    seeds.extend(iocs.iter().cloned());
    let mut attacker = Attacker::from_findings(events, group, iocs);
    seeds.extend(attacker.keys.iter().cloned());
    // Each round's sessions reach hosts whose events may open further sessions.
    for _ in 0..4 {
        let before = seeds.len();
        let candidates: Vec<usize> = (0..events.len())
            .filter(|&i| in_window(events[i].ts_us, first, last) && involves(&events[i], &seeds))
            .collect();
        attacker.follow(events, &candidates);
        seeds.extend(attacker.keys.iter().cloned());
        for s in &attacker.sessions {
            seeds.insert(format!("host:{}", s.host));
            seeds.insert(format!("user:{}", s.user));
        }
        if seeds.len() == before {
            break;
        }
    }
    (seeds, attacker)
}

fn build(events: &[OwnedEvent], group: &[usize], iocs: &BTreeSet<String>) -> Incident {
    let first = group.iter().map(|&i| events[i].ts_us).min().unwrap_or(0);
    let last = group.iter().map(|&i| events[i].ts_us).max().unwrap_or(0);
    let (seeds, attacker) = reach(events, group, iocs);
    let candidates: Vec<usize> = (0..events.len())
        .filter(|&i| {
            group.contains(&i)
                || (in_window(events[i].ts_us, first, last) && involves(&events[i], &seeds))
        })
        .collect();

    let mut marks: BTreeMap<usize, PhaseName> = BTreeMap::new();
    for &i in group {
        marks.insert(i, PhaseName::Detection);
    }
    // Response actions count from the first detection on. Until the first containment, an
    // action by the attacker (setting the password of the account they created) is theirs.
    let contained = candidates
        .iter()
        .map(|&i| &events[i])
        .filter(|e| {
            e.ts_us >= first
                && phase::response_phase(e) == Some(PhaseName::Containment)
                && !attacker.did(e)
        })
        .map(|e| e.ts_us)
        .min()
        .unwrap_or(i64::MAX);
    for &i in &candidates {
        let e = &events[i];
        if marks.contains_key(&i) {
            continue;
        }
        let by_attacker = attacker.did(e);
        match phase::response_phase(e) {
            Some(p) if e.ts_us >= first && !(by_attacker && e.ts_us < contained) => {
                marks.insert(i, p);
            }
            _ if by_attacker => {
                marks.insert(i, PhaseName::Compromise);
            }
            _ => {}
        }
    }
    let mut phases: BTreeMap<PhaseName, Phase> = BTreeMap::new();
    for (&i, &p) in &marks {
        phases
            .entry(p)
            .and_modify(|ph| ph.add(i, events[i].ts_us))
            .or_insert_with(|| Phase::new(i, events[i].ts_us));
    }
    for ph in phases.values_mut() {
        ph.events.sort_by_key(|&i| events[i].sort_key());
    }

    // The timeline: every marked event, and the context around them — events involving the
    // incident's entities from an hour before its first to an hour after its last marked event.
    let span_start = phases.values().map(|p| p.start_us).min().unwrap_or(first) - CONTEXT_MARGIN_US;
    let span_end = phases.values().map(|p| p.end_us).max().unwrap_or(last) + CONTEXT_MARGIN_US;
    let timeline: Vec<(usize, PhaseName)> = candidates
        .iter()
        .filter_map(|&i| match marks.get(&i) {
            Some(&p) => Some((i, p)),
            None => {
                let t = events[i].ts_us;
                (t >= span_start && t <= span_end).then_some((i, PhaseName::Context))
            }
        })
        .collect();

    let strongest = group
        .iter()
        .copied()
        .max_by(|&a, &b| {
            events[a]
                .severity
                .cmp(&events[b].severity)
                .then(events[b].sort_key().cmp(&events[a].sort_key()))
        })
        .unwrap_or(group[0]);
    let severity = group
        .iter()
        .filter_map(|&i| events[i].severity)
        .max()
        .unwrap_or(Severity::Medium);

    let first_activity = phases.get(&PhaseName::Compromise).map(|p| p.events[0]);
    let attack_path = path::attack_path(events, group, &attacker, first_activity);

    // Impact: the hosts, accounts and addresses of the attacker's activity and of the
    // findings; hashes of what the findings and the attack path name (not every binary the
    // stolen account ran), and the indicators'.
    let mut scope = Scope::default();
    for (&i, &p) in &marks {
        if matches!(p, PhaseName::Compromise | PhaseName::Detection) {
            let e = &events[i];
            if let Some(h) = &e.host {
                scope.hosts.insert(short_host(h));
            }
            if let Some(u) = &e.user {
                if !entity::is_generic_user(u) {
                    scope.users.insert(norm_user(u));
                }
            }
            for ip in [&e.src_ip, &e.dst_ip].into_iter().flatten() {
                scope.ips.insert(ip.to_string());
            }
        }
    }
    for s in &attacker.sessions {
        scope.hosts.insert(s.host.clone());
        scope.users.insert(s.user.clone());
    }
    let hashed = group
        .iter()
        .copied()
        .chain(attack_path.iter().map(|h| h.event));
    for i in hashed {
        if let Some(h) = &events[i].hash {
            scope.hashes.insert(h.to_ascii_lowercase());
        }
    }
    for k in iocs {
        if let Some(h) = k.strip_prefix("hash:") {
            scope.hashes.insert(h.to_string());
        }
    }

    let mut inc = Incident {
        id: String::new(),
        title: events[strongest].summary.to_string(),
        severity,
        scope,
        phases,
        timeline,
        attack_path,
        observations: Vec::new(),
    };
    inc.observations = observe::observations(events, &inc);
    inc
}

/// `3h 12m 5s` style.
pub fn human_duration(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.unsigned_abs();
    let (d, h, m, s) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d}d"));
    }
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}m"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s}s"));
    }
    format!("{sign}{}", parts.join(" "))
}
