//! An inverted index over the events correlation works on: each event's entity keys once, and
//! for each key the events that carry it. Incidents look their candidates up here instead of
//! testing every event against every incident.

use std::collections::{BTreeMap, BTreeSet};

use super::entity::entities;
use crate::event::OwnedEvent;

#[derive(Debug, Default)]
pub struct Index {
    /// The entity keys of each event.
    keys: Vec<Vec<String>>,
    /// For each key, the events carrying it, in order.
    postings: BTreeMap<String, Vec<usize>>,
    /// Events naming a process (matched against `process:` indicators by name).
    with_process: Vec<usize>,
}

impl Index {
    /// Built in parallel on the current rayon pool: each event's keys, then the (key, event)
    /// pairs sorted, so each distinct key is copied once.
    pub fn new(events: &[OwnedEvent]) -> Index {
        use rayon::prelude::*;
        let keys: Vec<Vec<String>> = events.par_iter().map(|e| entities(e)).collect();
        let mut pairs: Vec<(&str, usize)> = keys
            .iter()
            .enumerate()
            .flat_map(|(i, ks)| ks.iter().map(move |k| (k.as_str(), i)))
            .collect();
        pairs.par_sort_unstable();
        let mut postings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            postings.insert(run[0].0.to_string(), run.iter().map(|p| p.1).collect());
        }
        let with_process = (0..events.len())
            .filter(|&i| events[i].process.is_some())
            .collect();
        Index {
            keys,
            postings,
            with_process,
        }
    }

    /// Whether event `i` involves any of `keys`.
    pub fn involves(&self, events: &[OwnedEvent], i: usize, keys: &BTreeSet<String>) -> bool {
        self.keys[i].iter().any(|k| keys.contains(k))
            || (keys.iter().any(|k| k.starts_with("process:"))
                && super::entity::involves(&events[i], keys))
    }

    /// The events involving any of `keys` whose time is in `[from, to]`, in order.
    pub fn candidates(
        &self,
        events: &[OwnedEvent],
        keys: &BTreeSet<String>,
        from: i64,
        to: i64,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.postings.get(k))
            .flatten()
            .copied()
            .collect();
        if keys.iter().any(|k| k.starts_with("process:")) {
            out.extend(
                self.with_process
                    .iter()
                    .copied()
                    .filter(|&i| super::entity::involves(&events[i], keys)),
            );
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&i| (from..=to).contains(&events[i].ts_us));
        out
    }
}
