//! The attack path: from the detections back along causes to the first attacker activity,
//! each hop with the evidence and a one-line why.

use super::attacker::Attacker;
use super::index::Index;
use super::Hop;

/// At most this many findings appear as hops (the earliest of each title), so that an
/// incident of thousands of repeated alerts keeps a readable path.
const MAX_FINDING_HOPS: usize = 12;
use crate::event::{Kind, OwnedEvent};

/// The hops, in time order: the attacker's first activity, each session they opened (the
/// stolen login, then each lateral move), the activity a finding names (the same process on
/// the same host, just before it), and each detection.
pub fn attack_path(
    events: &[OwnedEvent],
    index: &Index,
    findings: &[usize],
    attacker: &Attacker,
    first_activity: Option<usize>,
) -> Vec<Hop> {
    let mut hops: Vec<Hop> = Vec::new();
    if let Some(first) = first_activity {
        let e = &events[first];
        let who = e
            .src_ip
            .as_deref()
            .filter(|ip| attacker.keys.contains(&format!("ip:{ip}")))
            .or(e
                .dst_ip
                .as_deref()
                .filter(|ip| attacker.keys.contains(&format!("ip:{ip}"))))
            .map(|ip| format!("address {ip}"))
            .unwrap_or_else(|| "entities".to_string());
        hops.push(Hop {
            event: first,
            why: format!("earliest activity of the attacker's {who} in these exports"),
        });
    }
    for s in &attacker.sessions {
        let e = &events[s.login];
        let why = match s.from {
            None if s.host.is_empty() => format!(
                "{} signed in from the attacker's address {} (a cloud or identity-provider sign-in, no host): the session the rest of the attack came from",
                s.user,
                e.src_ip.as_deref().unwrap_or("?")
            ),
            None if !e
                .src_ip
                .as_deref()
                .is_some_and(|ip| attacker.keys.contains(&format!("ip:{ip}"))) =>
            {
                format!(
                    "the attacker's account {} logged in on {} from {}: the session the rest of the attack came from",
                    s.user,
                    if s.host.is_empty() { "a cloud service" } else { &s.host },
                    e.src_ip.as_deref().unwrap_or("an unknown address")
                )
            }
            None => format!(
                "{} logged in on {} from the attacker's address {}: the session the rest of the attack came from",
                s.user,
                s.host,
                e.src_ip.as_deref().unwrap_or("?")
            ),
            Some(k) => format!(
                "lateral movement: {} logged in on {} from {} while the attacker held {}",
                s.user,
                s.host,
                e.src_ip.as_deref().unwrap_or("?"),
                attacker.sessions[k].host
            ),
        };
        hops.push(Hop {
            event: s.login,
            why,
        });
    }
    let mut titles = std::collections::BTreeSet::new();
    let shown: Vec<usize> = findings
        .iter()
        .copied()
        .filter(|&f| titles.insert(events[f].summary.as_ref()))
        .take(MAX_FINDING_HOPS)
        .collect();
    for &f in &shown {
        let finding = &events[f];
        if let (Some(p), Some(h)) = (finding.process.as_deref(), finding.host.as_deref()) {
            // The attacker's first run of that process on that host in the hour before the
            // finding (its start, not its end), else the last run of it.
            let host_key = std::collections::BTreeSet::from([format!(
                "host:{}",
                super::entity::short_host(h)
            )]);
            let runs: Vec<usize> = index
                .candidates(
                    events,
                    &host_key,
                    finding.ts_us - 3_600 * 1_000_000,
                    finding.ts_us,
                )
                .into_iter()
                .filter(|&i| {
                    let e = &events[i];
                    i < f
                        && e.kind == Kind::Process
                        && e.process.as_deref().is_some_and(|q| same_process(p, q))
                })
                .collect();
            let named = runs
                .iter()
                .copied()
                .find(|&i| attacker.did(events, index, i))
                .or(runs.last().copied());
            if let Some(i) = named {
                hops.push(Hop {
                    event: i,
                    why: format!("the {p} activity on {h} that the finding is about"),
                });
            }
        }
        hops.push(Hop {
            event: f,
            why: format!("finding raised: {}", finding.summary),
        });
    }
    hops.sort_by_key(|h| (events[h.event].sort_key(), h.event));
    hops.dedup_by_key(|h| h.event);
    hops
}

/// `curl` and `/usr/bin/curl -sk …` are the same process.
fn same_process(a: &str, b: &str) -> bool {
    let name = |s: &str| {
        let first = s.split_whitespace().next().unwrap_or(s);
        first
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(first)
            .to_ascii_lowercase()
    };
    name(a) == name(b)
}
