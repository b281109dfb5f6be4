//! The jobs of the command line, from configuration to results: what `afterlog timeline` and
//! `afterlog events` run, stage after stage.

use std::collections::BTreeSet;

use crate::collect::Key;
use crate::config::Config;
use crate::correlate::{self, Incident};
use crate::error::Error;
use crate::event::{Event, OwnedEvent};
use crate::join;
use crate::pipeline::{Engine, Run};

/// How many times the inputs are read again for entities that incidents turn out to reach
/// (findings' entities, then accounts the attacker created, ...).
const MAX_COLLECT_ROUNDS: usize = 4;

/// Everything `afterlog timeline` writes.
#[derive(Debug)]
pub struct Timeline {
    pub run: Run,
    /// The events incidents are built from, ordered by `(ts, input, offset)`.
    pub events: Vec<OwnedEvent>,
    pub incidents: Vec<Incident>,
}

/// Reads the inputs, then again for what incidents reach, and correlates.
pub fn timeline(config: &Config) -> Result<Timeline, Error> {
    let engine = Engine::new(config)?;
    let mut run = engine.scan(&correlate::is_notable)?;
    // Multi-record events (auditd) are completed and merged after every pass.
    let notable = std::mem::take(&mut run.notable);
    let mut events = join::complete(&run, config, notable);
    let mut done: BTreeSet<String> = BTreeSet::new();
    for _ in 0..MAX_COLLECT_ROUNDS {
        let wanted = correlate::wanted_entities(&events, &config.iocs);
        let new: BTreeSet<String> = wanted.difference(&done).cloned().collect();
        if new.is_empty() {
            break;
        }
        let patterns: BTreeSet<String> = new
            .iter()
            .map(|k| correlate::pattern_of(k).to_string())
            .collect();
        let found = engine.collect(&run, &patterns, &|e: &Event<'_>| {
            correlate::involves(e, &new)
        });
        events = join::complete(&run, config, merge(events, found));
        done.extend(new);
    }
    let incidents = correlate::correlate(&events, &config.iocs);
    Ok(Timeline {
        run,
        events,
        incidents,
    })
}

/// Two event lists ordered by `(ts, input, offset)` merged, each record once.
fn merge(a: Vec<OwnedEvent>, b: Vec<OwnedEvent>) -> Vec<OwnedEvent> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.sort_key().cmp(&y.sort_key()) {
                std::cmp::Ordering::Less => a.next(),
                std::cmp::Ordering::Greater => b.next(),
                std::cmp::Ordering::Equal => {
                    b.next();
                    a.next()
                }
            },
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}

/// Every event of every input, in time order, read back one by one as they are written.
pub struct AllEvents<'c> {
    engine: Engine<'c>,
    pub run: Run,
    keys: Vec<Key>,
}

impl<'c> AllEvents<'c> {
    pub fn new(config: &'c Config) -> Result<AllEvents<'c>, Error> {
        let engine = Engine::new(config)?;
        let run = engine.scan(&|_: &Event<'_>| false)?;
        let keys = engine.keys(&run);
        Ok(AllEvents { engine, run, keys })
    }

    /// The events in time order, the records of one multi-record event merged into one.
    pub fn iter(&self) -> impl Iterator<Item = OwnedEvent> + '_ {
        join::Joined::new(
            self.keys
                .iter()
                .filter_map(|k| self.engine.event_at(&self.run, k)),
        )
    }
}
