//! Correlation: findings seed incidents, entities link events to them, the attacker's
//! footprint and the response actions give the phases, the phases give the metrics. Pure
//! functions over ordered events: no I/O, no clock, no globals; the result depends only on the
//! events and the indicators.
//!
//! - `entity`: how entities compare, and which link nothing (generic accounts).
//! - findings sharing a non-generic entity (host, user, hash, public address) within days of
//!   each other form one incident.
//! - `attacker`: the attacker's entities and sessions; their activity is the compromise.
//! - `phase`: which actions mark containment, eradication, recovery, triage, resolution.
//! - `path`: the attack path; `observe`: what worked and what didn't.

mod attacker;
pub mod entity;
mod gaps;
mod index;
mod observe;
mod path;
mod phase;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Ioc;
use crate::event::{Event, Kind, Outcome, OwnedEvent, Severity};
use attacker::Attacker;
use entity::{entities, ioc_key, is_public, norm_user};
pub use entity::{involves, short_host};
pub use gaps::Gap;
use index::Index;
pub use phase::{Phase, PhaseName};

/// How far before the first and after the last finding an incident's events are looked for.
const WINDOW_US: i64 = 30 * 86_400 * 1_000_000;
/// Context events are kept this long before the first and after the last phase event.
const CONTEXT_MARGIN_US: i64 = 3_600 * 1_000_000;
/// Findings sharing an entity join one incident when no more than this apart.
const LINK_GAP_US: i64 = 3 * 86_400 * 1_000_000;
/// Events of the findings' hosts and accounts (not the attacker's own entities) are wanted this
/// close to the findings and the attacker's sessions.
const NEAR_US: i64 = 2 * 3_600 * 1_000_000;

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
    /// Silent periods of the inputs during the incident (`attach_gaps`).
    pub gaps: Vec<Gap>,
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
    // The inside target of an attack from outside (the web server behind our public address)
    // is a host too, known by its address: findings from outside about it link.
    let inbound_target = e.kind == Kind::Finding
        && e.src_ip.as_deref().is_some_and(is_public)
        && e.dst_ip.as_deref().is_some_and(|d| !is_public(d));
    entities(e)
        .into_iter()
        .filter(|k| {
            k.strip_prefix("ip:").is_none_or(|ip| {
                is_public(ip) || (inbound_target && e.dst_ip.as_deref() == Some(ip))
            })
        })
        .collect()
}

/// Findings grouped into would-be incidents: findings sharing a linking entity join
/// (union-find over finding positions) when they are close in time (within `LINK_GAP_US` of
/// the previous finding with that entity), so that one host's alerts of this week and of last
/// quarter do not merge. Groups in order of their first finding.
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
    // For each key, the last finding (position, time) that carried it.
    let mut last_with: BTreeMap<String, (usize, i64)> = BTreeMap::new();
    for (pos, &i) in findings.iter().enumerate() {
        let t = events[i].ts_us;
        for key in linking_keys(&events[i]) {
            if let Some(&(other, when)) = last_with.get(&key) {
                if t - when <= LINK_GAP_US {
                    let (a, b) = (root(&mut parent, pos), root(&mut parent, other));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
            }
            last_with.insert(key, (pos, t));
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (pos, &finding) in findings.iter().enumerate() {
        let r = root(&mut parent, pos);
        groups.entry(r).or_default().push(finding);
    }
    groups.into_values().collect()
}

/// The entities incidents are built from, each with the time window in which its events are
/// wanted: the attacker's entities (outside addresses, indicators, accounts they created) over
/// the whole incident window; the hosts and accounts the findings name, and those of the
/// attacker's sessions, only near the findings and sessions (their background does not belong
/// to the incident).
pub type Wanted = BTreeMap<String, (i64, i64)>;

/// What `wanted_entities` returns beyond `keys`: whether `e` involves a wanted entity inside
/// that entity's window.
pub fn involves_wanted(e: &Event<'_>, wanted: &Wanted) -> bool {
    let ts = e.ts_us;
    let inside = |k: &str| wanted.get(k).is_some_and(|&(a, b)| (a..=b).contains(&ts));
    entities(e).iter().any(|k| inside(k))
        || (wanted.keys().any(|k| k.starts_with("process:"))
            && wanted.iter().any(|(k, &(a, b))| {
                k.starts_with("process:")
                    && (a..=b).contains(&ts)
                    && involves(e, &BTreeSet::from([k.clone()]))
            }))
}

/// Every entity that some incident is built from, given the events known so far, with its
/// window: the pipeline reads the inputs again for events involving new ones (or wider
/// windows) until nothing is new.
pub fn wanted_entities(events: &[OwnedEvent], iocs: &[Ioc]) -> Wanted {
    let ioc_keys: BTreeSet<String> = iocs.iter().map(ioc_key).collect();
    let index = Index::new(events);
    let mut out = Wanted::new();
    let mut want = |k: String, from: i64, to: i64| {
        let w = out.entry(k).or_insert((from, to));
        w.0 = w.0.min(from);
        w.1 = w.1.max(to);
    };
    // Indicators are wanted over the span of what is known, or over all time when nothing
    // notable is known yet (exports without any finding: the indicator seeds the incident).
    let (lo, hi) = match events
        .iter()
        .map(|e| e.ts_us)
        .fold((i64::MAX, i64::MIN), |(a, b), t| (a.min(t), b.max(t)))
    {
        (lo, hi) if lo <= hi => (lo, hi),
        _ => (i64::MIN + WINDOW_US, i64::MAX - WINDOW_US),
    };
    for k in &ioc_keys {
        want(
            k.clone(),
            lo.saturating_sub(WINDOW_US),
            hi.saturating_add(WINDOW_US),
        );
    }
    for mut g in groups(events, &index, &ioc_keys) {
        let group = &g.events;
        let first = group.iter().map(|&i| events[i].ts_us).min().unwrap_or(0);
        let last = group.iter().map(|&i| events[i].ts_us).max().unwrap_or(0);
        let (seeds, attacker) = match g.reached.take() {
            Some(r) => r,
            None => reach(events, &index, &g, &ioc_keys),
        };
        for k in seeds {
            let near = if attacker.keys.contains(&k) {
                WINDOW_US
            } else if k.starts_with("user:") {
                NEAR_US
            } else {
                // A host's or an inside address's background is context at most.
                NEAR_US / 4
            };
            want(k, first - near, last + near);
        }
        for s in attacker.sessions {
            let end = s.end.min(last.saturating_add(NEAR_US)).max(s.start);
            for k in [format!("host:{}", s.host), format!("user:{}", s.user)] {
                if k != "host:" {
                    want(k, s.start - NEAR_US, end + NEAR_US);
                }
            }
        }
    }
    out
}

/// What an incident is built around: a group of findings, or — when the exports hold no
/// finding at all — the appearances of the analyst's indicators (`--ioc` seeds the incident).
struct Group {
    events: Vec<usize>,
    /// The events are findings (the detection); else indicator appearances (attacker
    /// activity, no detection).
    findings: bool,
    /// What the group reaches (`reach`), once worked out.
    reached: Option<(BTreeSet<String>, Attacker)>,
}

impl Group {
    fn new(events: Vec<usize>, findings: bool) -> Group {
        Group {
            events,
            findings,
            reached: None,
        }
    }

    /// The group's reach, worked out on first use.
    fn reach(
        &mut self,
        events: &[OwnedEvent],
        index: &Index,
        iocs: &BTreeSet<String>,
    ) -> &(BTreeSet<String>, Attacker) {
        if self.reached.is_none() {
            let r = reach(events, index, self, iocs);
            self.reached = Some(r);
        }
        self.reached.as_ref().expect("just set")
    }
}

fn groups(events: &[OwnedEvent], index: &Index, ioc_keys: &BTreeSet<String>) -> Vec<Group> {
    let found: Vec<Group> = finding_groups(events)
        .into_iter()
        .map(|g| Group::new(g, true))
        .collect();
    if !found.is_empty() {
        return merge_reached(events, index, ioc_keys, found);
    }
    if ioc_keys.is_empty() {
        return found;
    }
    let seen = index.candidates(events, ioc_keys, i64::MIN, i64::MAX);
    if seen.is_empty() {
        return found;
    }
    vec![Group::new(seen, false)]
}

/// Groups whose findings the attacker of another group reaches are one incident: a finding
/// about an address, account or hash that group's attacker holds, or about a host or account
/// in which that attacker opened a session before it (the spray notable's attacker signs in
/// to the VPN and RDPs to the laptop an EDR detection is about). Repeated until nothing joins.
fn merge_reached(
    events: &[OwnedEvent],
    index: &Index,
    ioc_keys: &BTreeSet<String>,
    mut gs: Vec<Group>,
) -> Vec<Group> {
    while gs.len() > 1 {
        for g in &mut gs {
            g.reach(events, index, ioc_keys);
        }
        fn attacker(g: &Group) -> Option<&Attacker> {
            g.reached.as_ref().map(|r| &r.1)
        }
        let pair = (0..gs.len()).find_map(|a| {
            (0..gs.len())
                .find(|&b| {
                    b != a
                        && attacker(&gs[a]).is_some_and(|att| reaches_findings(events, att, &gs[b]))
                })
                .map(|b| (a, b))
        });
        let Some((a, b)) = pair else {
            break;
        };
        let taken = gs.remove(b);
        let a = if b < a { a - 1 } else { a };
        gs[a].events.extend(taken.events);
        gs[a].events.sort_unstable();
        gs[a].events.dedup();
        // Its reach is worked out anew; the others' stand.
        gs[a].reached = None;
    }
    gs
}

/// Two times within the linking gap of each other, either way round.
fn near_either(a: i64, b: i64) -> bool {
    (a - b).abs() <= LINK_GAP_US
}

/// Whether `attacker` reaches one of `g`'s findings (see `merge_reached`).
fn reaches_findings(events: &[OwnedEvent], attacker: &Attacker, g: &Group) -> bool {
    g.events.iter().any(|&i| {
        let e = &events[i];
        let near = |start: i64| start <= e.ts_us && e.ts_us - start <= LINK_GAP_US;
        let about_ip = |ip: &str| {
            [&e.src_ip, &e.dst_ip]
                .into_iter()
                .flatten()
                .any(|x| x.as_ref() == ip)
        };
        linking_keys(e).iter().any(|k| attacker.keys.contains(k))
            || attacker.sessions.iter().any(|s| {
                // The session came from the inside address the finding is about (the stolen
                // account moved on from the host that beacons out).
                near_either(s.start, e.ts_us)
                    && events[s.login]
                        .src_ip
                        .as_deref()
                        .is_some_and(|ip| !is_public(ip) && about_ip(ip))
            })
            || attacker.sessions.iter().any(|s| {
                near(s.start)
                    && (e
                        .host
                        .as_deref()
                        .is_some_and(|h| !s.host.is_empty() && short_host(h) == s.host)
                        || e.user
                            .as_deref()
                            .is_some_and(|u| !entity::is_generic_user(u) && norm_user(u) == s.user))
            })
    })
}

/// Groups findings into incidents and reconstructs each, most severe first.
pub fn correlate(events: &[OwnedEvent], iocs: &[Ioc]) -> Vec<Incident> {
    let ioc_keys: BTreeSet<String> = iocs.iter().map(ioc_key).collect();
    let index = Index::new(events);
    let mut incidents: Vec<Incident> = groups(events, &index, &ioc_keys)
        .into_iter()
        .map(|g| build(events, &index, &g, &ioc_keys))
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

/// The entities a group of findings reaches (its findings' entities and the attacker's
/// sessions' hosts and accounts) and the attacker model, from the events known so far.
fn reach(
    events: &[OwnedEvent],
    index: &Index,
    g: &Group,
    iocs: &BTreeSet<String>,
) -> (BTreeSet<String>, Attacker) {
    let group = g.events.as_slice();
    let findings: &[usize] = if g.findings { group } else { &[] };
    let first = group.iter().map(|&i| events[i].ts_us).min().unwrap_or(0);
    let last = group.iter().map(|&i| events[i].ts_us).max().unwrap_or(0);
    let mut attacker = Attacker::from_findings(events, findings, iocs);
    // The findings' entities, but not a public address that is not the attacker's (our own
    // NAT address as the destination of an inbound finding).
    // Nor the inside address an attack from outside was aimed at (the web server behind our
    // public address): its own traffic is not the incident's, and what the attacker did there
    // is found through them.
    let mut seeds: BTreeSet<String> = group
        .iter()
        .flat_map(|&i| {
            let e = &events[i];
            let target = e
                .dst_ip
                .as_deref()
                .filter(|d| !is_public(d) && e.src_ip.as_deref().is_some_and(is_public))
                .map(|d| format!("ip:{d}"));
            entities(e)
                .into_iter()
                .filter(move |k| Some(k) != target.as_ref())
        })
        .filter(|k| {
            k.strip_prefix("ip:")
                .is_none_or(|ip| !is_public(ip) || attacker.keys.contains(k))
        })
        .collect();
    seeds.extend(iocs.iter().cloned());
    seeds.extend(attacker.keys.iter().cloned());
    // Each round's sessions reach hosts whose events may open further sessions.
    for _ in 0..4 {
        let before = seeds.len();
        let candidates = index.candidates(events, &seeds, first - WINDOW_US, last + WINDOW_US);
        attacker.advance(events, &candidates, findings);
        seeds.extend(attacker.keys.iter().cloned());
        for s in &attacker.sessions {
            if !s.host.is_empty() {
                seeds.insert(format!("host:{}", s.host));
            }
            seeds.insert(format!("user:{}", s.user));
        }
        if seeds.len() == before {
            break;
        }
    }
    (seeds, attacker)
}

fn build(events: &[OwnedEvent], index: &Index, g: &Group, iocs: &BTreeSet<String>) -> Incident {
    let group = g.events.as_slice();
    let findings: &[usize] = if g.findings { group } else { &[] };
    let first = group.iter().map(|&i| events[i].ts_us).min().unwrap_or(0);
    let last = group.iter().map(|&i| events[i].ts_us).max().unwrap_or(0);
    let (seeds, attacker) = match &g.reached {
        Some((s, a)) => (s.clone(), a.clone()),
        None => reach(events, index, g, iocs),
    };
    let mut candidates = index.candidates(events, &seeds, first - WINDOW_US, last + WINDOW_US);
    candidates.extend_from_slice(group);
    candidates.sort_unstable();
    candidates.dedup();

    let mut marks: BTreeMap<usize, PhaseName> = BTreeMap::new();
    for &i in findings {
        marks.insert(i, PhaseName::Detection);
    }
    // Response actions count from the first detection on. Until the first containment, an
    // action by the attacker (setting the password of the account they created) is theirs.
    let contained = candidates
        .iter()
        .map(|&i| (i, &events[i]))
        .filter(|&(i, e)| {
            e.ts_us >= first
                && phase::response_phase(e) == Some(PhaseName::Containment)
                && !attacker.did(events, index, i)
        })
        .map(|(_, e)| e.ts_us)
        .min()
        .unwrap_or(i64::MAX);
    for &i in &candidates {
        let e = &events[i];
        if marks.contains_key(&i) {
            continue;
        }
        let by_attacker = attacker.did(events, index, i);
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
    // Context is what involves the incident's accounts or the attacker's entities: a host's
    // unrelated background (other users, services) is not attributed to the incident.
    // The findings' hashes count too, and a finding that names no account makes its host's
    // events context.
    let mut people: BTreeSet<String> = attacker.keys.clone();
    for &i in group {
        let e = &events[i];
        match e.user.as_deref().filter(|u| !entity::is_generic_user(u)) {
            Some(u) => {
                people.insert(format!("user:{}", norm_user(u)));
            }
            None => {
                if let Some(h) = e.host.as_deref() {
                    people.insert(format!("host:{}", short_host(h)));
                }
            }
        }
        if let Some(h) = e.hash.as_deref() {
            people.insert(format!("hash:{}", h.to_ascii_lowercase()));
        }
    }
    for s in &attacker.sessions {
        people.insert(format!("user:{}", s.user));
    }
    let timeline: Vec<(usize, PhaseName)> = candidates
        .iter()
        .filter_map(|&i| match marks.get(&i) {
            Some(&p) => Some((i, p)),
            None => {
                let t = events[i].ts_us;
                (t >= span_start
                    && t <= span_end
                    && !attacker::scheduled(&events[i])
                    && index.involves(events, i, &people))
                .then_some((i, PhaseName::Context))
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
    let attack_path = path::attack_path(events, index, findings, &attacker, first_activity);

    // Impact: the hosts, accounts and addresses of the attacker's activity and of the
    // findings; hashes of what the findings and the attack path name (not every binary the
    // stolen account ran), and the indicators'.
    let mut scope = Scope::default();
    for (&i, &p) in &marks {
        if matches!(p, PhaseName::Compromise | PhaseName::Detection) {
            let e = &events[i];
            // The host of a connection record is often the device that logged it (a firewall),
            // not a host the attacker touched; those come from their other events.
            if let Some(h) = e.host.as_ref().filter(|_| e.kind != Kind::Network) {
                scope.hosts.insert(short_host(h));
            }
            // An account the attacker only tried (a sprayed login that failed) was not touched.
            let tried_only = e.kind == Kind::Authentication && e.outcome == Outcome::Failure;
            if let Some(u) = e.user.as_ref().filter(|_| !tried_only) {
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
        if !s.host.is_empty() {
            scope.hosts.insert(s.host.clone());
        }
        scope.users.insert(s.user.clone());
    }
    // Of the attack path's processes, those a finding names (the detected program, not the
    // PowerShell or shell it ran from).
    let named_by_finding = |i: usize| {
        let e = &events[i];
        e.kind != Kind::Process
            || findings.iter().any(|&f| {
                let fe = &events[f];
                let same_hash =
                    matches!((&fe.hash, &e.hash), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b));
                let same_image = matches!((&fe.process, &e.process),
                    (Some(a), Some(b)) if entity::image_file(a) == entity::image_file(b));
                same_hash || same_image
            })
    };
    let hashed = findings.iter().copied().chain(
        attack_path
            .iter()
            .map(|h| h.event)
            .filter(|&i| named_by_finding(i)),
    );
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

    let (title, severity) = if g.findings {
        (events[strongest].summary.to_string(), severity)
    } else {
        let shown: Vec<&str> = iocs.iter().map(String::as_str).collect();
        (
            format!(
                "Activity of the indicators {} (no finding in these exports)",
                shown.join(", ")
            ),
            Severity::Medium,
        )
    };
    let mut inc = Incident {
        id: String::new(),
        title,
        severity,
        scope,
        phases,
        timeline,
        attack_path,
        gaps: Vec::new(),
        observations: Vec::new(),
    };
    inc.observations = observe::observations(events, &inc);
    inc
}

/// Finds each incident's visibility gaps: the silent periods of the inputs (`activity[i]`:
/// events per minute, `names[i]`: how to call the input) between its first and last marked
/// event, with an observation for each.
pub fn attach_gaps(incidents: &mut [Incident], activity: &[&BTreeMap<i64, u32>], names: &[String]) {
    for inc in incidents {
        let start = inc.phases.values().map(|p| p.start_us).min();
        let end = inc.phases.values().map(|p| p.end_us).max();
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        inc.gaps = gaps::gaps(activity, start, end);
        for g in &inc.gaps {
            let secs = (g.to_us - g.from_us) / 1_000_000;
            inc.observations.push(Observation {
                kind: "visibility_gap",
                message: format!(
                    "{} was silent for {} during the incident ({} .. {})",
                    names.get(g.input).map_or("an input", String::as_str),
                    human_duration(secs),
                    crate::normalize::time::format_ts(g.from_us),
                    crate::normalize::time::format_ts(g.to_us)
                ),
                events: Vec::new(),
            });
        }
    }
}

/// Adds a `clock_disagreement` finding to each incident that has events from an input whose
/// times disagree (`problems[i]`: the warning about input `i`, if any), citing the incident's
/// first few events from that input.
pub fn attach_clock_findings(
    incidents: &mut [Incident],
    events: &[OwnedEvent],
    problems: &[Option<String>],
) {
    for inc in incidents {
        let mut by_input: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(i, _) in &inc.timeline {
            by_input
                .entry(events[i].provenance.input as usize)
                .or_default()
                .push(i);
        }
        for (input, evs) in by_input {
            if let Some(Some(msg)) = problems.get(input) {
                inc.observations.push(Observation {
                    kind: "clock_disagreement",
                    message: format!("times of this incident's events may be off: {msg}"),
                    events: evs.into_iter().take(5).collect(),
                });
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::event::{Provenance, Severity};
    use crate::format::Format;

    fn ev(i: u64, kind: Kind, host: &str, user: Option<&str>, src: Option<&str>) -> OwnedEvent {
        let mut e = Event::new(
            kind,
            "x",
            Provenance {
                input: 0,
                line: i + 1,
                offset: i * 100,
                length: 99,
                format: Format::Ndjson,
            },
        );
        e.ts_us = i as i64 * 1_000_000;
        e.host = Some(Cow::Owned(host.to_string()));
        e.user = user.map(|u| Cow::Owned(u.to_string()));
        e.src_ip = src.map(|s| Cow::Owned(s.to_string()));
        e.severity = Some(Severity::Low);
        e.into_owned()
    }

    /// Thousands of repeated alerts on one host (an anomaly rule firing all day) and a large
    /// background: one incident, a bounded attack path, built without testing every event
    /// against every finding.
    #[test]
    fn thousands_of_findings_on_one_host_make_one_incident() {
        let mut events = Vec::new();
        for i in 0..40_000u64 {
            if i % 8 == 0 {
                events.push(ev(i, Kind::Finding, "srv-01", Some("0"), None));
            } else {
                events.push(ev(i, Kind::Process, "srv-01", Some("svc"), None));
            }
        }
        let incidents = correlate(&events, &[]);
        assert_eq!(incidents.len(), 1);
        assert_eq!(
            incidents[0]
                .phase(PhaseName::Detection)
                .unwrap()
                .events
                .len(),
            5_000
        );
        assert!(incidents[0].attack_path.len() <= 12);
        assert!(
            incidents[0].scope.users.is_empty(),
            "uid 0 is generic: {:?}",
            incidents[0].scope
        );
    }

    /// Unrelated findings on other hosts with other users stay separate; a generic account
    /// shared by all of them links nothing.
    #[test]
    fn unrelated_findings_stay_apart_even_sharing_system() {
        let events = vec![
            ev(
                1,
                Kind::Finding,
                "ws-01",
                Some("NT AUTHORITY\\SYSTEM"),
                None,
            ),
            ev(2, Kind::Finding, "ws-02", Some("SYSTEM"), None),
            ev(
                3,
                Kind::Finding,
                "ws-03",
                Some("alice"),
                Some("203.0.113.9"),
            ),
            ev(4, Kind::Finding, "ws-04", Some("bob"), Some("203.0.113.9")),
        ];
        let incidents = correlate(&events, &[]);
        assert_eq!(
            incidents.len(),
            3,
            "ws-03 and ws-04 share the outside address"
        );
        // The same host's alerts three months apart are two incidents.
        let mut far = ev(5, Kind::Finding, "ws-01", Some("carol"), None);
        far.ts_us += 90 * 86_400 * 1_000_000;
        let mut events = events;
        events.push(far);
        assert_eq!(correlate(&events, &[]).len(), 4);
    }
}
