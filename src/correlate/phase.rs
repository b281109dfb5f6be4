//! The seven phases and which events mark them.

use crate::event::{Event, Kind};

/// A phase of the contract, or `Context` for events that mark none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PhaseName {
    Compromise,
    Detection,
    Triage,
    Containment,
    Eradication,
    Recovery,
    Resolution,
    Context,
}

impl PhaseName {
    /// The seven phases in the contract's order.
    pub const ALL: [PhaseName; 7] = [
        PhaseName::Compromise,
        PhaseName::Detection,
        PhaseName::Triage,
        PhaseName::Containment,
        PhaseName::Eradication,
        PhaseName::Recovery,
        PhaseName::Resolution,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PhaseName::Compromise => "compromise",
            PhaseName::Detection => "detection",
            PhaseName::Triage => "triage",
            PhaseName::Containment => "containment",
            PhaseName::Eradication => "eradication",
            PhaseName::Recovery => "recovery",
            PhaseName::Resolution => "resolution",
            PhaseName::Context => "context",
        }
    }
}

/// The first and last event marking a phase, and all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub start_us: i64,
    pub end_us: i64,
    /// Indices of the marking events, in timeline order.
    pub events: Vec<usize>,
}

impl Phase {
    pub fn new(event: usize, ts_us: i64) -> Phase {
        Phase {
            start_us: ts_us,
            end_us: ts_us,
            events: vec![event],
        }
    }

    pub fn add(&mut self, event: usize, ts_us: i64) {
        self.start_us = self.start_us.min(ts_us);
        self.end_us = self.end_us.max(ts_us);
        self.events.push(event);
    }
}

/// Actions that isolate (containment), evict (eradication) or restore (recovery).
const CONTAINMENT: [&str; 6] = [
    "account_disabled",
    "host_isolated",
    "host_contained",
    "address_blocked",
    "session_killed",
    "containment_requested",
];
const ERADICATION: [&str; 9] = [
    "quarantine_requested",
    "remediation_requested",
    "user_deleted",
    "password_changed",
    "password_reset",
    "file_quarantined",
    "file_removed",
    "host_reimaged",
    "credentials_reset",
];
const RECOVERY: [&str; 5] = [
    "account_enabled",
    "host_unisolated",
    "host_uncontained",
    "containment_lifted",
    "service_restored",
];

/// The response phase an event marks by its own meaning, if any. Whether it belongs to an
/// incident is decided by the entities it acts on (the caller).
pub fn response_phase(e: &Event<'_>) -> Option<PhaseName> {
    let a = e.action.as_ref();
    // A response that failed (an isolation the agent could not carry out) changed nothing.
    if e.outcome == crate::event::Outcome::Failure && e.kind != Kind::IncidentStatus {
        return None;
    }
    if e.kind == Kind::IncidentStatus {
        let lower = a.to_ascii_lowercase();
        return Some(if lower.contains("resolved") || lower.contains("closed") {
            PhaseName::Resolution
        } else {
            PhaseName::Triage
        });
    }
    if CONTAINMENT.contains(&a) {
        Some(PhaseName::Containment)
    } else if ERADICATION.contains(&a) {
        Some(PhaseName::Eradication)
    } else if RECOVERY.contains(&a) {
        Some(PhaseName::Recovery)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Outcome, Provenance};
    use crate::format::Format;

    fn ev(kind: Kind, action: &'static str, outcome: Outcome) -> Event<'static> {
        let mut e = Event::new(
            kind,
            action,
            Provenance {
                input: 0,
                line: 1,
                offset: 0,
                length: 1,
                format: Format::Ndjson,
            },
        );
        e.outcome = outcome;
        e
    }

    #[test]
    fn a_failed_response_marks_no_phase() {
        let ok = ev(Kind::Remediation, "host_isolated", Outcome::Success);
        let unknown = ev(Kind::Remediation, "host_isolated", Outcome::Unknown);
        let failed = ev(Kind::Remediation, "host_isolated", Outcome::Failure);
        assert_eq!(response_phase(&ok), Some(PhaseName::Containment));
        assert_eq!(response_phase(&unknown), Some(PhaseName::Containment));
        assert_eq!(response_phase(&failed), None);
        let reset = ev(Kind::AccountChange, "password_reset", Outcome::Failure);
        assert_eq!(response_phase(&reset), None);
        let closed = ev(Kind::IncidentStatus, "closed", Outcome::Unknown);
        assert_eq!(response_phase(&closed), Some(PhaseName::Resolution));
    }
}
