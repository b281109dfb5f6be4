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
pub struct Timeline<'c> {
    engine: Engine<'c>,
    pub run: Run,
    /// The events incidents are built from, ordered by `(ts, input, offset)`.
    pub events: Vec<OwnedEvent>,
    pub incidents: Vec<Incident>,
    /// Each input's clock offset against the others, in seconds, where shared happenings
    /// give a consistent estimate (`clock::offsets`).
    pub clock_offsets: Vec<Option<i64>>,
}

/// Reads the inputs, then again for what incidents reach, and correlates.
pub fn timeline(config: &Config) -> Result<Timeline<'_>, Error> {
    crate::trace::begin();
    let engine = Engine::new(config)?;
    // On the run's pool throughout, so correlation's parallel parts use `--threads` too.
    let (run, events, incidents, clock_offsets) = engine.install(|| build(&engine, config))?;
    Ok(Timeline {
        engine,
        run,
        events,
        incidents,
        clock_offsets,
    })
}

/// What [`timeline`] returns besides the engine.
type Built = (Run, Vec<OwnedEvent>, Vec<Incident>, Vec<Option<i64>>);

fn build(engine: &Engine<'_>, config: &Config) -> Result<Built, Error> {
    let mut run = engine.scan(&correlate::is_notable)?;
    crate::trace::stage(format_args!("scan: {} notable events", run.notable.len()));
    // Multi-record events (auditd) are completed and merged after every pass.
    let notable = std::mem::take(&mut run.notable);
    let mut events = join::complete(&run, config, notable);
    let mut done = correlate::Wanted::new();
    for _ in 0..MAX_COLLECT_ROUNDS {
        let wanted = correlate::wanted_entities(&events, &config.iocs);
        // New entities, or known ones whose window grew (wanted anew over the whole window).
        let new: correlate::Wanted = wanted
            .iter()
            .filter(|(k, w)| done.get(*k).is_none_or(|d| w.0 < d.0 || w.1 > d.1))
            .map(|(k, w)| (k.clone(), *w))
            .collect();
        crate::trace::stage(format_args!(
            "wanted: {} entities, {} new: {:?}",
            wanted.len(),
            new.len(),
            new.keys().collect::<Vec<_>>()
        ));
        if new.is_empty() {
            break;
        }
        let mut patterns: BTreeSet<String> = new
            .keys()
            .map(|k| correlate::pattern_of(k).to_string())
            .collect();
        // Records that name a wanted host or user only by an id (an FDR event's `aid`, a
        // `UserSid`) are found by that id.
        patterns.extend(ids_of_wanted(&run.lookups, &new));
        let filter: Vec<(Option<u64>, (i64, i64))> = new
            .iter()
            .map(|(k, w)| (crate::bloom::key_hash(k), *w))
            .collect();
        let found = engine.collect(&run, &patterns, &filter, &|e: &Event<'_>| {
            correlate::involves_wanted(e, &new)
        });
        crate::trace::stage(format_args!("collect: {} events found", found.len()));
        events = join::complete(&run, config, merge(events, found));
        for (k, w) in new {
            let d = done.entry(k).or_insert(w);
            d.0 = d.0.min(w.0);
            d.1 = d.1.max(w.1);
        }
    }
    // Offsets between inputs are measured before the same happenings merge into one event.
    let clock_offsets = crate::clock::offsets(&events, run.inputs.len());
    // One happening seen in several exports is one event citing every record.
    let mut events = join::merge_duplicates(events);
    crate::trace::stage(format_args!("clock offsets, duplicates merged"));
    let mut incidents = correlate::correlate(&events, &config.iocs);
    crate::trace::stage(format_args!("correlated"));
    let activity: Vec<&std::collections::BTreeMap<i64, u32>> =
        run.inputs.iter().map(|i| &i.activity).collect();
    let names: Vec<String> = run
        .inputs
        .iter()
        .map(|i| i.source.path.display().to_string())
        .collect();
    correlate::attach_gaps(&mut incidents, &activity, &names);
    let mut clock_problems: Vec<Option<String>> = vec![None; run.inputs.len()];
    for w in run
        .warnings
        .iter()
        .filter(|w| w.code == "time_fields_disagree")
    {
        if let Some(i) = w.input {
            clock_problems[i] = Some(w.message.clone());
        }
    }
    for (i, off) in clock_offsets.iter().enumerate() {
        if let Some(off) = off.filter(|o| o.abs() > 60) {
            clock_problems[i].get_or_insert(format!(
                "{} runs {} {} the other inputs (estimated from happenings they share)",
                names[i],
                correlate::human_duration(off.abs()),
                if off > 0 { "ahead of" } else { "behind" }
            ));
        }
    }
    correlate::attach_clock_findings(&mut incidents, &events, &clock_problems);
    let shown: Vec<usize> = incidents
        .iter()
        .flat_map(|inc| inc.timeline.iter().map(|&(i, _)| i))
        .collect();
    engine.summarize(&run, &mut events, &shown);
    crate::trace::stage(format_args!(
        "correlate: {} incidents from {} events",
        incidents.len(),
        events.len()
    ));
    Ok((run, events, incidents, clock_offsets))
}

impl Timeline<'_> {
    /// Runs `f` on the run's thread pool (`--threads`), e.g. rendering the output in parallel.
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.engine.install(f)
    }
}

/// The ids the run's lookup tables give for the wanted hosts and users.
fn ids_of_wanted(lookups: &crate::profile::Lookups, wanted: &correlate::Wanted) -> Vec<String> {
    use crate::correlate::entity::{norm_user, short_host};
    use crate::profile::lookup::Table;
    if lookups.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for key in wanted.keys() {
        let (table, value) = match key.split_once(':') {
            Some(("host", v)) => (Table::Host, v),
            Some(("user", v)) => (Table::User, v),
            _ => continue,
        };
        for (id, name) in lookups.pairs(table) {
            let same = match table {
                Table::Host => short_host(name) == value,
                Table::User => norm_user(name) == value,
            };
            if same {
                out.push(id.to_string());
            }
        }
    }
    out
}

/// Two event lists ordered by `(ts, input, offset)` merged, each record once (`a`'s copy).
///
/// Events are large (hundreds of bytes) and the lists hold up to a million of them: `b` is
/// appended to `a` and the result put in order by swapping along the cycles of the merge's
/// permutation, so no second list of events is allocated (fresh pages cost more than the
/// moves on this kind of machine).
fn merge(mut a: Vec<OwnedEvent>, mut b: Vec<OwnedEvent>) -> Vec<OwnedEvent> {
    // Drop what `a` holds already.
    let mut i = 0;
    b.retain(|e| {
        let k = e.sort_key();
        while i < a.len() && a[i].sort_key() < k {
            i += 1;
        }
        !(i < a.len() && a[i].sort_key() == k)
    });
    let n = a.len();
    a.append(&mut b);
    // order[k]: the index (in `a` as appended) of the event that goes to place k.
    let mut order: Vec<usize> = Vec::with_capacity(a.len());
    let (mut x, mut y) = (0, n);
    while x < n || y < a.len() {
        if y == a.len() || (x < n && a[x].sort_key() < a[y].sort_key()) {
            order.push(x);
            x += 1;
        } else {
            order.push(y);
            y += 1;
        }
    }
    permute(&mut a, &order);
    a
}

/// Puts `v` in the order `order` gives (`v[k]` becomes the old `v[order[k]]`), in place.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut j = start;
        while !done[j] {
            done[j] = true;
            let k = order[j];
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Every event of every input, in time order, read back one by one as they are written.
pub struct AllEvents<'c> {
    engine: Engine<'c>,
    pub run: Run,
    keys: Vec<Key>,
}

impl<'c> AllEvents<'c> {
    pub fn new(config: &'c Config) -> Result<AllEvents<'c>, Error> {
        crate::trace::begin();
        let engine = Engine::new(config)?;
        let mut run = engine.scan_with_keys()?;
        let keys = std::mem::take(&mut run.keys);
        crate::trace::stage(format_args!("sort keys: {} events", keys.len()));
        Ok(AllEvents { engine, run, keys })
    }

    /// The events in time order, the records of one multi-record event merged into one, one
    /// happening seen in several exports one event citing each record. Read
    /// back in parallel batches on the run's thread pool, in order.
    pub fn iter(&self) -> impl Iterator<Item = OwnedEvent> + '_ {
        use rayon::prelude::*;
        // One happening seen in several exports is one event here too, as in the timeline.
        join::MergedBySecond::new(join::Joined::new(self.keys.chunks(8192).flat_map(
            |batch| {
                self.engine.install(|| {
                    batch
                        .par_iter()
                        .filter_map(|k| self.engine.event_at(&self.run, k))
                        .collect::<Vec<_>>()
                })
            },
        )))
    }

    /// The `afterlog events` lines of `batch`, rendered in parallel on the run's pool, in order.
    pub fn render(&self, batch: &[OwnedEvent]) -> Vec<Vec<u8>> {
        use rayon::prelude::*;
        self.engine.install(|| {
            batch
                .par_iter()
                .map(|e| crate::output::events::render_line(&self.run, e))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Kind, Provenance};
    use crate::format::Format;

    fn ev(ts_s: i64, input: u32, offset: u64, summary: &str) -> OwnedEvent {
        let mut e = Event::new(
            Kind::Other,
            "x",
            Provenance {
                input,
                line: 1,
                offset,
                length: 1,
                format: Format::Ndjson,
            },
        );
        e.ts_us = ts_s * 1_000_000;
        e.summary = std::borrow::Cow::Owned(summary.to_string());
        e.into_owned()
    }

    #[test]
    fn pass_one_keys_are_the_keys_of_a_second_reading() {
        // Year-less syslog (keys wait for the year), status changes (notables, machine
        // actions), CSV, JSON, EVTX, auditd, Zeek; small chunks, so keys cross chunk borders.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [
            "fixtures/sample-incident",
            "fixtures/scenarios",
            "fixtures/vendors",
        ];
        let mut config = Config::new(dirs.iter().map(|d| root.join(d)).collect());
        config.chunk_bytes = 16 << 10;
        let engine = Engine::new(&config).unwrap();
        let run = engine.scan_with_keys().unwrap();
        assert!(run.keys.len() > 5_000, "{} keys", run.keys.len());
        assert!(run.keys.iter().any(|k| k.derived));
        assert_eq!(run.keys, engine.keys(&run));
    }

    #[test]
    fn a_feb_29_key_goes_when_the_year_has_none() {
        let dir = std::env::temp_dir().join(format!("afterlog-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("auth.log");
        std::fs::write(
            &log,
            "Feb 28 23:59:59 web sshd[1]: Failed password for root from 192.0.2.9 port 1 ssh2\n\
             Feb 29 00:00:01 web sshd[2]: Failed password for root from 192.0.2.9 port 2 ssh2\n\
             Mar  1 00:00:02 web sshd[3]: Failed password for root from 192.0.2.9 port 3 ssh2\n",
        )
        .unwrap();
        for (year, n) in [(2026, 2), (2028, 3)] {
            let mut config = Config::new(vec![log.clone()]);
            config.year = Some(year);
            let engine = Engine::new(&config).unwrap();
            let run = engine.scan_with_keys().unwrap();
            assert_eq!(run.keys.len(), n, "{year}");
            assert_eq!(run.keys, engine.keys(&run), "{year}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn permute_puts_every_element_where_the_order_says() {
        // Every permutation of five elements.
        let mut order: Vec<usize> = (0..5).collect();
        let mut seen = 0;
        loop {
            let mut v: Vec<char> = "abcde".chars().collect();
            let want: Vec<char> = order.iter().map(|&k| v[k]).collect();
            permute(&mut v, &order);
            assert_eq!(v, want, "order {order:?}");
            seen += 1;
            // Next permutation in lexicographic order.
            let Some(i) = (0..4).rev().find(|&i| order[i] < order[i + 1]) else {
                break;
            };
            let j = (i + 1..5).rev().find(|&j| order[j] > order[i]).unwrap();
            order.swap(i, j);
            order[i + 1..].reverse();
        }
        assert_eq!(seen, 120);
    }

    #[test]
    fn merge_orders_both_lists_and_keeps_one_copy_of_a_record() {
        let a = vec![ev(1, 0, 0, "a1"), ev(3, 0, 10, "a3"), ev(5, 1, 0, "a5")];
        let b = vec![
            ev(0, 2, 0, "b0"),
            ev(3, 0, 10, "b3 (same record as a3)"),
            ev(4, 0, 20, "b4"),
            ev(9, 0, 30, "b9"),
        ];
        let merged = merge(a, b);
        let got: Vec<&str> = merged.iter().map(|e| e.summary.as_ref()).collect();
        assert_eq!(got, ["b0", "a1", "a3", "b4", "a5", "b9"]);
        assert_eq!(merge(Vec::new(), Vec::new()).len(), 0);
        assert_eq!(merge(vec![ev(1, 0, 0, "x")], Vec::new()).len(), 1);
    }
}
