//! Correlation: findings seed incidents, entities link events to them, marked events give the
//! phases, the phases give the metrics. A pure function over the ordered events: no I/O, no
//! clock, no globals; the result depends only on the events and the indicators.
//!
//! This is the first version: findings that share a host, a user, a hash or a public address
//! form one incident; events sharing an entity with its findings
//! form its timeline. Entity weighting, the attack-path walk and clock trust come later.

mod phase;

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use crate::config::Ioc;
use crate::event::{Event, Kind, Outcome, OwnedEvent, Severity};
pub use phase::{Phase, PhaseName};

/// How far before the first and after the last finding an incident's timeline reaches.
const WINDOW_US: i64 = 30 * 86_400 * 1_000_000;

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

/// A host name in its short, lower-case form: `SRV-FILE-01.corp.local` → `srv-file-01`.
/// Addresses are kept whole.
pub fn short_host(h: &str) -> String {
    let h = h.trim();
    if h.parse::<IpAddr>().is_ok() {
        return h.to_string();
    }
    h.split('.').next().unwrap_or(h).to_ascii_lowercase()
}

fn norm_user(u: &str) -> String {
    u.trim().to_ascii_lowercase()
}

fn is_public(ip: &str) -> bool {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => {
            !(a.is_private()
                || a.is_loopback()
                || a.is_link_local()
                || a.is_unspecified()
                || a.is_broadcast()
                || a.octets()[0] == 100 && (a.octets()[1] & 0xc0) == 64)
        }
        Ok(IpAddr::V6(a)) => {
            !(a.is_loopback()
                || a.is_unspecified()
                || (a.segments()[0] & 0xfe00) == 0xfc00
                || (a.segments()[0] & 0xffc0) == 0xfe80)
        }
        Err(_) => false,
    }
}

/// The linkable entities of an event, as `kind:value` keys.
fn entities(e: &Event<'_>) -> Vec<String> {
    let mut out = Vec::with_capacity(5);
    if let Some(h) = &e.host {
        out.push(format!("host:{}", short_host(h)));
    }
    if let Some(u) = &e.user {
        out.push(format!("user:{}", norm_user(u)));
    }
    for ip in [&e.src_ip, &e.dst_ip].into_iter().flatten() {
        out.push(format!("ip:{ip}"));
    }
    if let Some(h) = &e.hash {
        out.push(format!("hash:{}", h.to_ascii_lowercase()));
    }
    out
}

fn ioc_key(i: &Ioc) -> String {
    match i {
        Ioc::Ip(v) => format!("ip:{v}"),
        Ioc::Host(v) => format!("host:{}", short_host(v)),
        Ioc::User(v) => format!("user:{}", norm_user(v)),
        Ioc::Hash(v) => format!("hash:{v}"),
        Ioc::Process(v) => format!("process:{}", v.to_ascii_lowercase()),
    }
}

/// Whether `e` involves any of the entity `keys` (`host:…`, `user:…`, `ip:…`, `hash:…`,
/// `process:…`).
pub fn involves(e: &Event<'_>, keys: &BTreeSet<String>) -> bool {
    if entities(e).iter().any(|k| keys.contains(k)) {
        return true;
    }
    match &e.process {
        Some(p) => {
            let p = p.to_ascii_lowercase();
            keys.iter().any(|k| {
                k.strip_prefix("process:").is_some_and(|v| {
                    p == v || p.ends_with(&format!("/{v}")) || p.ends_with(&format!("\\{v}"))
                })
            })
        }
        None => false,
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

/// Findings grouped into would-be incidents: findings sharing a linking entity join
/// (union-find over finding positions). Groups in order of their first finding.
fn finding_groups(events: &[OwnedEvent]) -> Vec<Vec<usize>> {
    let findings: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].kind == Kind::Finding)
        .collect();
    let mut parent: Vec<usize> = (0..findings.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut first_with: BTreeMap<String, usize> = BTreeMap::new();
    for (pos, &i) in findings.iter().enumerate() {
        for key in linking_keys(&events[i]) {
            match first_with.get(&key) {
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

/// Every entity that some incident's timeline is built from, given the events known so far.
/// The pipeline reads the inputs again for events involving new ones until none are new.
pub fn wanted_entities(events: &[OwnedEvent], iocs: &[Ioc]) -> BTreeSet<String> {
    let ioc_keys: BTreeSet<String> = iocs.iter().map(ioc_key).collect();
    let mut out = ioc_keys.clone();
    for group in finding_groups(events) {
        out.extend(Seeds::of(events, &group, &ioc_keys).seeds);
    }
    out
}

/// Groups findings into incidents and reconstructs each.
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

/// What links findings to each other: hosts, users, hashes and public addresses.
fn linking_keys(e: &Event<'_>) -> Vec<String> {
    entities(e)
        .into_iter()
        .filter(|k| !k.starts_with("ip:") || is_public(&k[3..]))
        .collect()
}

/// The entities one group of findings reaches: everything linked (`seeds`) and what is the
/// attacker's (`attacker`), with the time span of the findings.
struct Seeds {
    seeds: BTreeSet<String>,
    attacker: BTreeSet<String>,
    first: i64,
    last: i64,
}

impl Seeds {
    fn of(events: &[OwnedEvent], group: &[usize], iocs: &BTreeSet<String>) -> Seeds {
        let mut seeds: BTreeSet<String> =
            group.iter().flat_map(|&i| entities(&events[i])).collect();
        seeds.extend(iocs.iter().cloned());
        let first = group.iter().map(|&i| events[i].ts_us).min().unwrap_or(0);
        let last = group.iter().map(|&i| events[i].ts_us).max().unwrap_or(0);
        // The attacker's entities: the analyst's indicators, and the outside addresses of the
        // findings — a public source, or a public destination reached from inside
        // (exfiltration, command and control). A public destination of an inbound finding is
        // our own (NAT) address.
        let mut attacker: BTreeSet<String> = iocs.clone();
        for &i in group {
            let e = &events[i];
            match (e.src_ip.as_deref(), e.dst_ip.as_deref()) {
                (Some(src), _) if is_public(src) => {
                    attacker.insert(format!("ip:{src}"));
                }
                (_, Some(dst)) if is_public(dst) => {
                    attacker.insert(format!("ip:{dst}"));
                }
                _ => {}
            }
        }
        seeds.extend(attacker.iter().cloned());
        let in_window = |i: usize| in_window(events[i].ts_us, first, last);
        adopt_created_accounts(events, &mut attacker, &mut seeds, in_window);
        Seeds {
            seeds,
            attacker,
            first,
            last,
        }
    }
}

fn in_window(t: i64, first: i64, last: i64) -> bool {
    t >= first - WINDOW_US && t <= last + WINDOW_US
}

fn build(events: &[OwnedEvent], group: &[usize], iocs: &BTreeSet<String>) -> Incident {
    let Seeds {
        seeds,
        attacker,
        first,
        last,
    } = Seeds::of(events, group, iocs);
    let in_window = |i: usize| in_window(events[i].ts_us, first, last);
    let members: Vec<usize> = (0..events.len())
        .filter(|&i| group.contains(&i) || (in_window(i) && involves(&events[i], &seeds)))
        .collect();

    let mut marks: BTreeMap<usize, PhaseName> = BTreeMap::new();
    for &i in group {
        marks.insert(i, PhaseName::Detection);
    }
    // Response actions count from the first detection on. Until the first containment, an
    // action on the attacker's own entities (setting the password of the account they
    // created) is the attacker's doing, not the responders'.
    let contained = members
        .iter()
        .map(|&i| &events[i])
        .filter(|e| {
            e.ts_us >= first
                && phase::response_phase(e) == Some(PhaseName::Containment)
                && !involves(e, &attacker)
        })
        .map(|e| e.ts_us)
        .min()
        .unwrap_or(i64::MAX);
    for &i in &members {
        let e = &events[i];
        if marks.contains_key(&i) {
            continue;
        }
        let by_attacker = involves(e, &attacker);
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

    let mut scope = Scope::default();
    for (&i, &p) in &marks {
        if matches!(p, PhaseName::Compromise | PhaseName::Detection) {
            let e = &events[i];
            if let Some(h) = &e.host {
                scope.hosts.insert(short_host(h));
            }
            if let Some(u) = &e.user {
                scope.users.insert(norm_user(u));
            }
            for ip in [&e.src_ip, &e.dst_ip].into_iter().flatten() {
                scope.ips.insert(ip.to_string());
            }
            if let Some(h) = &e.hash {
                scope.hashes.insert(h.to_ascii_lowercase());
            }
        }
    }

    let timeline = members
        .iter()
        .map(|&i| (i, marks.get(&i).copied().unwrap_or(PhaseName::Context)))
        .collect();
    let mut inc = Incident {
        id: String::new(),
        title: events[strongest].summary.to_string(),
        severity,
        scope,
        phases,
        timeline,
        attack_path: Vec::new(),
        observations: Vec::new(),
    };
    inc.attack_path = attack_path(events, &inc);
    inc.observations = observations(events, &inc);
    inc
}

/// Accounts created on a host after the attacker logged into it successfully, and before the
/// first containment action there, are the attacker's (persistence): their names join the
/// attacker's entities.
fn adopt_created_accounts(
    events: &[OwnedEvent],
    attacker: &mut BTreeSet<String>,
    seeds: &mut BTreeSet<String>,
    in_window: impl Fn(usize) -> bool,
) {
    let mut owned: BTreeMap<String, i64> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        if in_window(i)
            && e.kind == Kind::Authentication
            && e.outcome == Outcome::Success
            && involves(e, attacker)
        {
            if let Some(h) = &e.host {
                owned.entry(short_host(h)).or_insert(e.ts_us);
            }
        }
    }
    let contained = events
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            in_window(*i)
                && phase::response_phase(e) == Some(PhaseName::Containment)
                && involves(e, seeds)
        })
        .map(|(_, e)| e.ts_us)
        .min()
        .unwrap_or(i64::MAX);
    let mut created = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if !in_window(i) || e.action != "user_created" || e.ts_us >= contained {
            continue;
        }
        let (Some(h), Some(u)) = (&e.host, &e.user) else {
            continue;
        };
        if owned.get(&short_host(h)).is_some_and(|&t| e.ts_us >= t) {
            created.push(format!("user:{}", norm_user(u)));
        }
    }
    for key in created {
        attacker.insert(key.clone());
        seeds.insert(key);
    }
}

/// The first version of the path: the first attacker activity, the first successful
/// authentication among the attacker's events, then the first detection.
fn attack_path(events: &[OwnedEvent], inc: &Incident) -> Vec<Hop> {
    let mut hops = Vec::new();
    let Some(det) = inc.phase(PhaseName::Detection) else {
        return hops;
    };
    if let Some(c) = inc.phase(PhaseName::Compromise) {
        let first = c.events[0];
        hops.push(Hop {
            event: first,
            why: "earliest event involving the attacker's entities (address or indicator) found in the exports".into(),
        });
        if let Some(&login) = c.events.iter().find(|&&i| {
            events[i].kind == Kind::Authentication && events[i].outcome == Outcome::Success
        }) {
            if login != first {
                hops.push(Hop {
                    event: login,
                    why: format!(
                        "first successful authentication from the attacker's entities{}",
                        events[login]
                            .user
                            .as_deref()
                            .map(|u| format!(" (account {u})"))
                            .unwrap_or_default()
                    ),
                });
            }
        }
    }
    hops.push(Hop {
        event: det.events[0],
        why: "first security finding raised about this activity".into(),
    });
    hops
}

fn observations(events: &[OwnedEvent], inc: &Incident) -> Vec<Observation> {
    let mut out = Vec::new();
    if let Some(secs) = inc.metric(PhaseName::Detection, PhaseName::Compromise, false) {
        let det = inc.phase(PhaseName::Detection).map(|p| p.events[0]);
        let comp = inc.phase(PhaseName::Compromise).map(|p| p.events[0]);
        out.push(Observation {
            kind: "time_to_detect",
            message: format!(
                "the first finding came {} after the first attacker activity",
                human_duration(secs)
            ),
            events: comp.into_iter().chain(det).collect(),
        });
    }
    if let Some(c) = inc.phase(PhaseName::Compromise) {
        let failures: Vec<usize> = c
            .events
            .iter()
            .copied()
            .filter(|&i| {
                events[i].kind == Kind::Authentication && events[i].outcome == Outcome::Failure
            })
            .collect();
        if failures.len() >= 5 {
            out.push(Observation {
                kind: "undetected_activity",
                message: format!(
                    "{} failed logins from the attacker's entities raised no finding before detection",
                    failures.len()
                ),
                events: failures,
            });
        }
    }
    for (name, what) in [
        (PhaseName::Containment, "containment"),
        (PhaseName::Eradication, "eradication"),
        (PhaseName::Recovery, "recovery"),
        (PhaseName::Resolution, "resolution"),
    ] {
        if inc.phase(name).is_none() {
            out.push(Observation {
                kind: "missing_phase",
                message: format!("no {what} record found in these exports"),
                events: Vec::new(),
            });
        }
    }
    out
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
