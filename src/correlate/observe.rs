//! Findings for "what worked / what didn't", each citing the events it rests on.

use super::{human_duration, Incident, Observation, PhaseName};
use crate::event::{Kind, Outcome, OwnedEvent};

/// A response this long after the first detection is called out.
const SLOW_RESPONSE_S: i64 = 15 * 60;
/// At most this many events are cited per observation (the earliest); the message counts all.
const MAX_CITED: usize = 50;

pub fn observations(events: &[OwnedEvent], inc: &Incident) -> Vec<Observation> {
    let mut out = Vec::new();
    let first_of = |p: PhaseName| inc.phase(p).map(|ph| ph.events[0]);
    if let Some(secs) = inc.metric(PhaseName::Detection, PhaseName::Compromise, false) {
        out.push(Observation {
            kind: "time_to_detect",
            message: format!(
                "the first finding came {} after the first attacker activity",
                human_duration(secs)
            ),
            events: first_of(PhaseName::Compromise)
                .into_iter()
                .chain(first_of(PhaseName::Detection))
                .collect(),
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
        let det = inc
            .phase(PhaseName::Detection)
            .map_or(i64::MAX, |d| d.start_us);
        let before: Vec<usize> = failures
            .iter()
            .copied()
            .filter(|&i| events[i].ts_us < det)
            .collect();
        if before.len() >= 5 {
            out.push(Observation {
                kind: "undetected_activity",
                message: format!(
                    "{} failed logins from the attacker raised no finding before the first detection",
                    before.len()
                ),
                events: before.into_iter().take(MAX_CITED).collect(),
            });
        }
    }
    if let Some(secs) = inc.metric(PhaseName::Containment, PhaseName::Detection, false) {
        let kind = if secs > SLOW_RESPONSE_S {
            "slow_containment"
        } else {
            "time_to_contain"
        };
        out.push(Observation {
            kind,
            message: format!(
                "containment started {} after the first finding",
                human_duration(secs)
            ),
            events: first_of(PhaseName::Detection)
                .into_iter()
                .chain(first_of(PhaseName::Containment))
                .collect(),
        });
        // Findings raised while the attack went on and nobody acted.
        if let (Some(d), Some(c)) = (
            inc.phase(PhaseName::Detection),
            inc.phase(PhaseName::Containment),
        ) {
            let ignored: Vec<usize> = d
                .events
                .iter()
                .copied()
                .filter(|&i| c.start_us - events[i].ts_us > SLOW_RESPONSE_S * 1_000_000)
                .collect();
            if !ignored.is_empty() {
                out.push(Observation {
                    kind: "finding_not_acted_on",
                    message: format!(
                        "{} finding(s) came more than {} before any containment",
                        ignored.len(),
                        human_duration(SLOW_RESPONSE_S)
                    ),
                    events: ignored.into_iter().take(MAX_CITED).collect(),
                });
            }
        }
    }
    for (name, what) in [
        (PhaseName::Triage, "triage"),
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
