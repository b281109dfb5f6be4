//! The run: inputs → detection → pass 1 over every chunk in parallel (`scan`) → years resolved
//! → later passes that read again only what is needed (`collect`). Deterministic at any thread
//! count: chunk results are gathered in chunk order and every merge is ordered.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::accounting::{Reject, Tally, MAX_REJECT_EXAMPLES};
use crate::bloom::Bloom;
use crate::collect::{collect_chunk, key_chunk, Key, Prefilter};
use crate::config::Config;
use crate::detect::{detect, Detection};
use crate::error::Error;
use crate::event::{event_id, Event, OwnedEvent};
use crate::format::Format;
use crate::frame::{self, Chunk, Continuation, Framed, Framing};
use crate::input::{self, Source};
use crate::normalize::time::{
    choose_year, civil_to_us, format_ts, is_rollover, YearPlan, YearSource,
};
use crate::normalize::{Context, Schema};
use crate::profile::{Lookups, Profiles};
use crate::progress::Progress;
use crate::scan::{scan_chunk, ClockStats, Minute, ScanOutput, CLOCK_TOLERANCE_S};

/// A problem worth telling the analyst that is not a single record's (`warnings[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    pub input: Option<usize>,
    pub line: Option<u64>,
}

/// One input after pass 1.
#[derive(Debug)]
pub struct InputReport {
    pub source: Source,
    pub format: Option<Format>,
    pub detected_by: String,
    /// The vendor profiles its records are tried with (bits of `config.profiles`).
    pub profiles: u64,
    pub tally: Tally,
    pub first_us: Option<i64>,
    pub last_us: Option<i64>,
    pub ts_assumed_tz: u64,
    pub ts_inferred_year: u64,
    /// The year given to this input's year-less stamps, if it had any.
    pub year: Option<i32>,
    /// The chunks (and record spans) the input was cut into: the same in every pass.
    pub framed: Framed,
    /// Per chunk (aligned with `framed.chunks`): what pass 1 learned to let later passes skip it.
    pub chunk_filters: Vec<ChunkFilter>,
    /// Events per minute (minutes since the epoch): the input's rhythm, for silent periods.
    pub activity: BTreeMap<i64, u32>,
    /// How the records' other times (ingest, syslog header, Sysmon UtcTime) compare with their
    /// event times.
    pub clock: ClockStats,
    pub plan: YearPlan,
    /// Per chunk (aligned with `framed.chunks`): the schema (CSV header) in force at its start,
    /// read once for the events read back and printed (empty for Zeek, whose header blocks
    /// may change inside a chunk).
    pub schemas: Vec<Schema>,
}

impl InputReport {
    /// The schema (CSV header) in force at byte `offset`: that of the chunk holding it.
    pub fn schema_at(&self, offset: u64) -> Cow<'_, Schema> {
        let Some(format) = self.format else {
            return Cow::Owned(Schema::None);
        };
        // A Zeek header block may start inside the chunk (the file's first one always does).
        if format.framing() == Framing::HashHeaders {
            let mut s = Schema::None;
            if let Some((a, b)) = self.framed.header_at(offset as usize) {
                if let Some(bytes) = self.source.bytes().get(a..b) {
                    s.update(format, &String::from_utf8_lossy(bytes));
                }
            }
            return Cow::Owned(s);
        }
        let at = self
            .framed
            .chunks
            .partition_point(|c| c.start as u64 <= offset);
        self.schemas
            .get(at.saturating_sub(1))
            .map_or(Cow::Owned(Schema::None), Cow::Borrowed)
    }

    fn context<'r>(
        &'r self,
        input: usize,
        config: &'r Config,
        lookups: &'r Lookups,
    ) -> Option<Context<'r>> {
        Some(Context {
            input: input as u32,
            format: self.format?,
            tz: config.tz,
            truncated: self.source.decode_error.is_some(),
            profiles: Profiles {
                set: config.profiles,
                mask: self.profiles,
                lookups,
            },
        })
    }
}

/// What a chunk holds, as far as later passes need to know: its entities and its time span.
#[derive(Debug, Clone, Default)]
pub struct ChunkFilter {
    pub bloom: Bloom,
    pub span: Option<(i64, i64)>,
}

impl ChunkFilter {
    /// Whether the chunk may hold an event of one of `wanted`'s entities inside its window.
    /// Keys the filter cannot hold (`process:`) always may.
    pub fn may_hold(&self, wanted: &[(Option<u64>, (i64, i64))]) -> bool {
        wanted.iter().any(|(hash, (from, to))| {
            let in_time = self.span.is_none_or(|(a, b)| a <= *to && b >= *from);
            in_time && hash.is_none_or(|h| self.bloom.may_contain(h))
        })
    }
}

/// Everything pass 1 produced.
#[derive(Debug)]
pub struct Run {
    pub inputs: Vec<InputReport>,
    /// The notable events of every input (findings, response actions, account changes),
    /// ordered by `(ts, input, offset)`.
    pub notable: Vec<OwnedEvent>,
    pub warnings: Vec<Warning>,
    /// Id-to-name tables (agent id → host name) from the profiles' `provides`.
    pub lookups: Lookups,
    /// Every event's sort key, sorted, when pass 1 was asked for them
    /// ([`Engine::scan_with_keys`]); empty otherwise.
    pub keys: Vec<Key>,
}

/// The engine of one run: the configuration and its thread pool.
#[derive(Debug)]
pub struct Engine<'c> {
    config: &'c Config,
    pool: rayon::ThreadPool,
}

impl<'c> Engine<'c> {
    pub fn new(config: &'c Config) -> Result<Engine<'c>, Error> {
        let threads = config.threads.unwrap_or(0);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::ThreadPool {
                threads,
                message: e.to_string(),
            })?;
        Ok(Engine { config, pool })
    }

    /// Runs `f` on the engine's thread pool.
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.pool.install(f)
    }

    /// Pass 1: opens, detects and scans every input; `notable` decides which events are kept.
    pub fn scan(&self, notable: &(dyn Fn(&Event<'_>) -> bool + Sync)) -> Result<Run, Error> {
        self.pool.install(|| scan_all(self.config, notable, false))
    }

    /// Pass 1 keeping every event's sort key too (`Run::keys`, sorted): what `afterlog events`
    /// reads back, without a second pass over every record.
    pub fn scan_with_keys(&self) -> Result<Run, Error> {
        self.pool.install(|| {
            let mut run = scan_all(self.config, &|_: &Event<'_>| false, true)?;
            run.keys.par_sort_unstable();
            Ok(run)
        })
    }

    /// A later pass: the events (owned, summarized) of records that mention any of `patterns`
    /// and that `want` accepts, ordered by `(ts, input, offset)`.
    pub fn collect(
        &self,
        run: &Run,
        patterns: &BTreeSet<String>,
        filter: &[(Option<u64>, (i64, i64))],
        want: &(dyn Fn(&Event<'_>) -> bool + Sync),
    ) -> Vec<OwnedEvent> {
        let prefilter = Prefilter::new(patterns);
        self.pool.install(|| {
            // Chunks that cannot hold a wanted entity in its window are not read at all.
            let jobs: Vec<_> = jobs(run, self.config)
                .into_iter()
                .filter(|(i, k, _, _)| {
                    run.inputs[*i]
                        .chunk_filters
                        .get(*k)
                        .is_none_or(|f| f.may_hold(filter))
                })
                .collect();
            let mut events: Vec<OwnedEvent> = jobs
                .par_iter()
                .flat_map_iter(|(i, _, ctx, chunk)| {
                    let input = &run.inputs[*i];
                    let mut evs = collect_chunk(
                        ctx,
                        input.source.bytes(),
                        &input.framed,
                        *chunk,
                        &input.plan,
                        &prefilter,
                        want,
                    );
                    for e in &mut evs {
                        set_id(e, &input.source);
                    }
                    evs
                })
                .collect();
            events.par_sort_unstable_by_key(Event::sort_key);
            events
        })
    }

    /// The sort key of every event of every input, in time order, by reading every record
    /// again: what [`Engine::scan_with_keys`] gives in pass 1, kept as the reference the tests
    /// hold it to.
    pub fn keys(&self, run: &Run) -> Vec<Key> {
        self.pool.install(|| {
            let jobs = jobs(run, self.config);
            let mut keys: Vec<Key> = jobs
                .par_iter()
                .flat_map_iter(|(i, _, ctx, chunk)| {
                    let input = &run.inputs[*i];
                    key_chunk(
                        ctx,
                        input.source.bytes(),
                        &input.framed,
                        *chunk,
                        &input.plan,
                    )
                })
                .collect();
            keys.par_sort_unstable();
            keys
        })
    }

    /// Gives the events at `which` that have none their summary, reading their records again
    /// (collected events are kept without one; only those an incident shows need it).
    pub fn summarize(&self, run: &Run, events: &mut [OwnedEvent], which: &[usize]) {
        let done: Vec<(usize, String)> = self.pool.install(|| {
            which
                .par_iter()
                .filter(|&&i| events[i].summary.is_empty())
                .filter_map(|&i| {
                    let e = &events[i];
                    let key = Key {
                        ts_us: e.ts_us,
                        input: e.provenance.input,
                        offset: e.provenance.offset,
                        derived: e.derived,
                        length: e.provenance.length,
                        line: e.provenance.line,
                    };
                    let full = self.event_at(run, &key)?;
                    Some((i, full.summary.into_owned()))
                })
                .collect()
        });
        for (i, summary) in done {
            events[i].summary = std::borrow::Cow::Owned(summary);
        }
    }

    /// The summarized event at `key`.
    pub fn event_at(&self, run: &Run, key: &Key) -> Option<OwnedEvent> {
        let input = &run.inputs[key.input as usize];
        let ctx = input.context(key.input as usize, self.config, &run.lookups)?;
        let data = input.source.bytes();
        let start = key.offset as usize;
        // The key cites bytes of this input (for EVTX, the binary record; its text is rendered).
        data.get(start..start + key.length as usize)?;
        let text = crate::normalize::record_text(ctx.format, data, key.offset, key.length);
        let provenance = crate::event::Provenance {
            input: key.input,
            line: key.line,
            offset: key.offset,
            length: key.length,
            format: ctx.format,
        };
        let schema = input.schema_at(key.offset);
        let mut e = crate::collect::event_at(
            &ctx,
            &text,
            provenance,
            &input.plan,
            &schema,
            crate::normalize::Detail::Full,
        )?;
        if key.derived {
            e = crate::collect::status_event_of(&ctx, &e, &input.plan)?;
        }
        let mut e = e.into_owned();
        set_id(&mut e, &input.source);
        Some(e)
    }
}

fn set_id(e: &mut OwnedEvent, source: &Source) {
    e.id = event_id(&source.sha256, e.provenance.offset, e.provenance.length);
    if e.derived {
        // The status change of a record: a different event citing the same bytes.
        e.id = e.id.rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15;
    }
}

/// Every chunk of every input in a known format, in input and file order: (input, chunk
/// number, context, chunk).
fn jobs<'r>(run: &'r Run, config: &'r Config) -> Vec<(usize, usize, Context<'r>, Chunk)> {
    let mut jobs = Vec::new();
    for (i, input) in run.inputs.iter().enumerate() {
        if let Some(ctx) = input.context(i, config, &run.lookups) {
            jobs.extend(
                input
                    .framed
                    .chunks
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (i, k, ctx, *c)),
            );
        }
    }
    jobs
}

fn scan_all(
    config: &Config,
    notable: &(dyn Fn(&Event<'_>) -> bool + Sync),
    with_keys: bool,
) -> Result<Run, Error> {
    let paths = input::expand_paths(&config.paths)?;
    let mut warnings = Vec::new();
    let opened: Vec<Result<Source, _>> =
        paths.par_iter().map(|p| input::open_unhashed(p)).collect();
    let mut sources = Vec::with_capacity(opened.len());
    for r in opened {
        match r {
            Ok(s) => sources.push(s),
            Err(e) => warnings.push(Warning {
                code: "input_unreadable",
                message: e.to_string(),
                input: None,
                line: None,
            }),
        }
    }
    if sources.is_empty() {
        let shown: Vec<String> = config
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Err(Error::NoInputs(shown.join(", ")));
    }
    crate::trace::stage(format_args!("open: {} inputs", sources.len()));

    // The inputs are hashed beside detection and pass 1, which do not need the hashes (event
    // ids are set when the chunk results are merged, below).
    let (digests, pass) = rayon::join(
        || {
            let d: Vec<Option<[u8; 32]>> = sources.par_iter().map(Source::pending_sha256).collect();
            crate::trace::stage(format_args!("inputs hashed (SHA-256)"));
            d
        },
        || pass_one(config, &sources, notable, with_keys),
    );
    let PassOne {
        detections,
        framed,
        jobs,
        lookups,
        outputs,
    } = pass;
    for (s, d) in sources.iter_mut().zip(digests) {
        if let Some(d) = d {
            s.set_sha256(d);
        }
    }

    // Regroup per input, keeping file order.
    let mut per_input: Vec<Vec<ScanOutput>> = sources.iter().map(|_| Vec::new()).collect();
    for ((i, _), out) in jobs.iter().zip(outputs) {
        per_input[*i].push(out);
    }
    // Each input's span of full timestamps and how many events it rests on.
    let full_spans: Vec<Option<(i64, i64, u64)>> = per_input
        .iter()
        .map(|outs| {
            let span = outs.iter().filter_map(|o| o.full_span).reduce(span_union)?;
            let n: u64 = outs
                .iter()
                .map(|o| o.tally.events.saturating_sub(o.yearless.count))
                .sum();
            Some((span.0, span.1, n))
        })
        .collect();

    let mut inputs = Vec::with_capacity(sources.len());
    let mut notable_events = Vec::new();
    let mut keys = Vec::with_capacity(
        per_input
            .iter()
            .flatten()
            .map(|o: &ScanOutput| o.sort_keys.keys.len())
            .sum(),
    );
    for (i, ((source, detection), (outs, framed))) in sources
        .into_iter()
        .zip(detections)
        .zip(per_input.into_iter().zip(framed))
        .enumerate()
    {
        let references: Vec<(i64, i64, u64)> = full_spans
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .filter_map(|(_, s)| *s)
            .collect();
        let mut input = merge_input(
            config,
            source,
            detection,
            framed,
            outs,
            &references,
            &mut warnings,
            i,
            &mut keys,
        );
        notable_events.append(&mut input.1);
        inputs.push(input.0);
    }
    for (i, input) in inputs.iter().enumerate() {
        input_warnings(input, i, &mut warnings);
    }
    notable_events.par_sort_unstable_by_key(Event::sort_key);
    Ok(Run {
        inputs,
        notable: notable_events,
        warnings,
        lookups,
        keys,
    })
}

/// What pass 1 learns besides the inputs' hashes.
struct PassOne {
    detections: Vec<Detection>,
    framed: Vec<Framed>,
    /// Every chunk of every input, in input and file order.
    jobs: Vec<(usize, Chunk)>,
    lookups: Lookups,
    /// Each job's scan, in job order.
    outputs: Vec<ScanOutput>,
}

/// Detects and frames every input, fills the id-to-name tables, then scans every chunk in
/// parallel (indexed, so results come back in order).
fn pass_one(
    config: &Config,
    sources: &[Source],
    notable: &(dyn Fn(&Event<'_>) -> bool + Sync),
    with_keys: bool,
) -> PassOne {
    let detections: Vec<Detection> = sources
        .par_iter()
        .map(|s| detect(s.bytes(), config.format, config.profiles))
        .collect();
    let framed: Vec<Framed> = sources
        .par_iter()
        .zip(&detections)
        .map(|(s, d)| {
            let framing = d
                .format
                .map_or(Framing::Lines(Continuation::None), |f| f.framing());
            frame::frame(s.bytes(), config.chunk_bytes, framing)
        })
        .collect();
    crate::trace::stage(format_args!("detect and frame"));

    // Every chunk of every input is one job; results come back in job order.
    let jobs: Vec<(usize, Chunk)> = framed
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.chunks.iter().map(move |c| (i, *c)))
        .collect();
    // Id-to-name tables first (an `aidmaster` export names the hosts of sensor events), so
    // that every event is read with its host's name.
    let lookups = provided_lookups(config, sources, &detections, &framed, &jobs);
    crate::trace::stage(format_args!("id-to-name tables"));
    let total: u64 = sources.iter().map(|s| s.bytes().len() as u64).sum();
    let progress = Progress::new(config.progress, total);
    let outputs: Vec<ScanOutput> = jobs
        .par_iter()
        .map(|&(i, chunk)| {
            let s = &sources[i];
            let out = match detections[i].format {
                Some(format) => scan_chunk(
                    &Context {
                        input: i as u32,
                        format,
                        tz: config.tz,
                        truncated: s.decode_error.is_some(),
                        profiles: Profiles {
                            set: config.profiles,
                            mask: detections[i].profiles,
                            lookups: &lookups,
                        },
                    },
                    s.bytes(),
                    &framed[i],
                    chunk,
                    notable,
                    with_keys,
                ),
                None => unknown_format_chunk(s.bytes(), chunk, &detections[i].reason),
            };
            progress.advance((chunk.end - chunk.start) as u64);
            out
        })
        .collect();
    progress.finish();
    crate::trace::stage(format_args!("pass 1: {} chunks", jobs.len()));
    PassOne {
        detections,
        framed,
        jobs,
        lookups,
        outputs,
    }
}

/// The lookup pairs of every record of inputs whose profiles `provide` some, merged in input
/// and file order (the first name given for an id wins).
fn provided_lookups(
    config: &Config,
    sources: &[Source],
    detections: &[Detection],
    framed: &[Framed],
    jobs: &[(usize, Chunk)],
) -> Lookups {
    let providing = |i: usize| {
        let mask = detections[i].profiles;
        config
            .profiles
            .profiles
            .iter()
            .enumerate()
            .any(|(k, p)| mask & (1 << k) != 0 && !p.provides.is_empty())
    };
    let parts: Vec<Lookups> = jobs
        .par_iter()
        .filter(|(i, _)| providing(*i))
        .map(|&(i, chunk)| {
            let mut out = Lookups::default();
            let Some(format) = detections[i].format else {
                return out;
            };
            let ctx = Context {
                input: i as u32,
                format,
                tz: config.tz,
                truncated: sources[i].decode_error.is_some(),
                profiles: Profiles::none(),
            };
            let p = Profiles {
                set: config.profiles,
                mask: detections[i].profiles,
                lookups: Profiles::none().lookups,
            };
            // A JSON record can give a name only if it holds the name's field: records without
            // any such field name are not walked (most sensor events lack `ComputerName`).
            let names = config.profiles.provided_names(detections[i].profiles);
            // Per `provides`: the name's field, and one of its `when` values if it has any.
            let must_hold: Option<Vec<(Prefilter, Option<Prefilter>)>> =
                (format != Format::Csv && !names.is_empty()).then(|| {
                    names
                        .iter()
                        .map(|(name, when)| {
                            let when = (!when.is_empty()).then(|| Prefilter::new(when));
                            (Prefilter::new([name]), when)
                        })
                        .collect()
                });
            let holds = |text: &str| {
                must_hold.as_ref().is_none_or(|all| {
                    all.iter().any(|(name, when)| {
                        name.matches(text.as_bytes())
                            && when.as_ref().is_none_or(|w| w.matches(text.as_bytes()))
                    })
                })
            };
            let data = sources[i].bytes();
            let mut schema = Schema::for_chunk(format, data, &chunk);
            for r in crate::normalize::records(&ctx, data, &framed[i], chunk) {
                match r {
                    crate::normalize::Record::Header(h) => schema.update(format, &h),
                    crate::normalize::Record::Text { text, .. } if holds(text.as_ref()) => {
                        for (t, k, v) in
                            crate::profile::apply::provided_by(&p, format, &text, &schema)
                        {
                            out.insert(t, &k, &v);
                        }
                    }
                    _ => {}
                }
            }
            out
        })
        .collect();
    let mut all = Lookups::default();
    for part in parts {
        all.extend(part);
    }
    all
}

fn span_union(a: (i64, i64), b: (i64, i64)) -> (i64, i64) {
    (a.0.min(b.0), a.1.max(b.1))
}

/// Merges the chunk scans of one input: tally, year plan, span, notable events.
#[allow(clippy::too_many_arguments)]
fn merge_input(
    config: &Config,
    source: Source,
    detection: Detection,
    framed: Framed,
    outs: Vec<ScanOutput>,
    references: &[(i64, i64, u64)],
    warnings: &mut Vec<Warning>,
    i: usize,
    keys: &mut Vec<Key>,
) -> (InputReport, Vec<OwnedEvent>) {
    let mut tally = Tally::default();
    // This input's keys go straight onto the run's list, from `keys_start` on.
    let keys_start = keys.len();
    let mut pending_keys: Vec<usize> =
        Vec::with_capacity(outs.iter().map(|o| o.sort_keys.pending.len()).sum());
    let mut pending_times = Vec::new();
    let mut kept: Vec<OwnedEvent> = Vec::new();
    let mut pending = Vec::new();
    let mut full_span: Option<(i64, i64)> = None;
    let mut assumed_tz = 0;
    // Year-less stamps across chunks: rollover points in file order, extremes, Feb 29s.
    let mut yearless = 0u64;
    let mut yearless_assumed = 0u64;
    let mut rollovers: Vec<u64> = Vec::new();
    let mut last_month: Option<u8> = None;
    let mut min: Option<(i32, parsers::timestamp::CivilTime)> = None;
    let mut max: Option<(i32, parsers::timestamp::CivilTime)> = None;
    let mut feb29 = Vec::new();
    // Per chunk: its entity filter, its full-time span, its year-less extremes (resolved below).
    type Stamp = (i32, parsers::timestamp::CivilTime);
    type Pending = (Bloom, Option<(i64, i64)>, Option<(Stamp, Stamp)>);
    let mut filters: Vec<Pending> = Vec::with_capacity(outs.len());
    let mut activity_runs: Vec<(i32, Vec<(Minute, u32)>)> = Vec::with_capacity(outs.len());
    let mut clock = ClockStats::default();
    for mut out in outs {
        let chunk_extremes = |carried: i32| {
            out.yearless
                .min
                .zip(out.yearless.max)
                .map(|((a, c), (b, d))| ((a + carried, c), (b + carried, d)))
        };
        let carried_before = rollovers.len() as i32
            + i32::from(
                matches!((last_month, out.yearless.first_month), (Some(p), Some(f)) if is_rollover(p, f)),
            );
        activity_runs.push((carried_before, std::mem::take(&mut out.activity)));
        clock.absorb(std::mem::take(&mut out.clock));
        filters.push((
            out.bloom.clone(),
            out.full_span,
            chunk_extremes(carried_before),
        ));
        tally.absorb(out.tally);
        let base = keys.len() - keys_start;
        let sorted = std::mem::take(&mut out.sort_keys);
        pending_keys.extend(sorted.pending.iter().map(|&k| base + k as usize));
        pending_times.extend(
            sorted
                .pending_times
                .into_iter()
                .map(|(k, t)| (base + k as usize, t)),
        );
        keys.extend(sorted.keys);
        let base = kept.len();
        pending.extend(out.kept_pending.into_iter().map(|(k, c)| (base + k, c)));
        kept.extend(out.kept);
        full_span = match (full_span, out.full_span) {
            (Some(a), Some(b)) => Some(span_union(a, b)),
            (a, b) => a.or(b),
        };
        assumed_tz += out.assumed_tz;
        let y = out.yearless;
        if y.count == 0 {
            continue;
        }
        yearless += y.count;
        yearless_assumed += y.assumed_tz;
        if let (Some(prev), Some(first)) = (last_month, y.first_month) {
            if is_rollover(prev, first) {
                rollovers.push(y.first_offset);
            }
        }
        let carried = rollovers.len() as i32;
        rollovers.extend(y.rollovers);
        last_month = y.last_month.or(last_month);
        for (add, c) in y.min.into_iter() {
            let here = (add + carried, c);
            if min.is_none_or(|m| here < m) {
                min = Some(here);
            }
        }
        for (add, c) in y.max.into_iter() {
            let here = (add + carried, c);
            if max.is_none_or(|m| here > m) {
                max = Some(here);
            }
        }
        feb29.extend(y.feb29);
    }

    let mut plan = YearPlan::default();
    let mut first_us = full_span.map(|s| s.0);
    let mut last_us = full_span.map(|s| s.1);
    let mut inferred = 0;
    if let (Some(lo), Some(hi)) = (min, max) {
        let (year, how) = match config.year {
            Some(y) => (y, YearSource::Given),
            None => {
                let mtime_us = source
                    .mtime
                    .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
                    .map(|d| d.as_micros() as i64);
                choose_year(
                    &[(lo.1, lo.0), (hi.1, hi.0)],
                    config.tz,
                    references,
                    mtime_us,
                )
            }
        };
        plan = YearPlan {
            base: Some(year),
            rollovers,
        };
        // Feb 29 in a year that has none: the record's date does not exist.
        let invalid: Vec<(u64, u64, bool)> = feb29
            .into_iter()
            .filter(|&(_, offset, _)| {
                plan.year_at(offset)
                    .is_some_and(|y| chrono::NaiveDate::from_ymd_opt(y, 2, 29).is_none())
            })
            .collect();
        if !invalid.is_empty() {
            tally.demote_events(invalid.len() as u64, "bad timestamp");
            for &(line, offset, assumed) in &invalid {
                if tally.rejects.len() < MAX_REJECT_EXAMPLES {
                    let y = plan.year_at(offset).unwrap_or(year);
                    tally.rejects.push(Reject {
                        line,
                        offset,
                        reason: format!("Feb 29 does not exist in {y}"),
                    });
                }
                if assumed {
                    yearless_assumed -= 1;
                }
            }
            tally.rejects.sort_by_key(|r| (r.line, r.offset));
        }
        inferred = yearless - invalid.len() as u64;
        let mut drop = vec![false; kept.len()];
        for (k, civil) in &pending {
            let e = &mut kept[*k];
            let value = parsers::timestamp::TimeValue::Civil(*civil);
            match plan.resolve(value, config.tz, e.provenance.offset) {
                crate::normalize::time::Resolved::At { ts_us, quality } => {
                    e.ts_us = ts_us;
                    e.ts_quality.insert(quality);
                }
                _ => drop[*k] = true,
            }
        }
        let mut k = 0;
        kept.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        let at = |(add, c): (i32, parsers::timestamp::CivilTime)| {
            civil_to_us(&c, year + add, config.tz).map(|(t, _)| t)
        };
        if let Some(t) = at(lo) {
            first_us = Some(first_us.map_or(t, |f| f.min(t)));
        }
        if let Some(t) = at(hi) {
            last_us = Some(last_us.map_or(t, |l| l.max(t)));
        }
        warnings.push(year_warning(&source, i, year, &how, plan.rollovers.len()));
    }
    let chunk_filters: Vec<ChunkFilter> = filters
        .into_iter()
        .map(|(bloom, span, extremes)| {
            let resolved = extremes.and_then(|((a, c), (b, d))| {
                let base = plan.base?;
                let lo = civil_to_us(&c, base + a, config.tz)?.0;
                let hi = civil_to_us(&d, base + b, config.tz)?.0;
                Some((lo, hi))
            });
            let span = match (span, resolved) {
                (Some(x), Some(y)) => Some(span_union(x, y)),
                (x, y) => x.or(y),
            };
            ChunkFilter { bloom, span }
        })
        .collect();
    // Events per minute over the whole input, year-less stamps placed with the plan.
    let mut activity: BTreeMap<i64, u32> = BTreeMap::new();
    for (carried, runs) in activity_runs {
        for (m, n) in runs {
            let minute = match m {
                Minute::Abs(m) => Some(m),
                Minute::Civil(add, c) => plan.base.and_then(|base| {
                    civil_to_us(&c, base + carried + add, config.tz)
                        .map(|(t, _)| t.div_euclid(60_000_000))
                }),
            };
            if let Some(m) = minute {
                *activity.entry(m).or_default() += n;
            }
        }
    }
    for e in &mut kept {
        set_id(e, &source);
    }
    let schemas = match detection.format {
        Some(format) if format.framing() != Framing::HashHeaders => framed
            .chunks
            .iter()
            .map(|c| Schema::for_chunk(format, source.bytes(), c))
            .collect(),
        _ => Vec::new(),
    };
    resolve_keys(
        keys,
        keys_start,
        &pending_keys,
        pending_times,
        &plan,
        config.tz,
    );
    let report = InputReport {
        schemas,
        format: detection.format,
        detected_by: detection.reason,
        profiles: detection.profiles,
        tally,
        first_us,
        last_us,
        ts_assumed_tz: assumed_tz + yearless_assumed,
        ts_inferred_year: inferred,
        year: plan.base,
        framed,
        plan,
        chunk_filters,
        activity,
        clock,
        source,
    };
    (report, kept)
}

/// Gives the keys of year-less events their times now that the input's years are planned, as
/// `collect::key_chunk` would have: a key whose time still cannot be resolved (Feb 29 of a
/// year that has none) is dropped, with the status-change key of the same record before it.
fn resolve_keys(
    keys: &mut Vec<Key>,
    start: usize,
    packed: &[usize],
    pending: Vec<(usize, parsers::timestamp::TimeValue)>,
    plan: &YearPlan,
    tz: chrono_tz::Tz,
) {
    if packed.is_empty() && pending.is_empty() {
        return;
    }
    let tail = &mut keys[start..];
    let mut drop = vec![false; tail.len()];
    let resolve =
        |key: &mut Key, dropped: &mut bool, value| match plan.resolve(value, tz, key.offset) {
            crate::normalize::time::Resolved::At { ts_us, .. } => key.ts_us = ts_us,
            _ => *dropped = true,
        };
    for &k in packed {
        let civil = crate::scan::unpack_civil(tail[k].ts_us);
        resolve(
            &mut tail[k],
            &mut drop[k],
            parsers::timestamp::TimeValue::Civil(civil),
        );
    }
    for (k, value) in pending {
        resolve(&mut tail[k], &mut drop[k], value);
    }
    // A record's status-change key comes right before its event's key.
    for k in 1..tail.len() {
        if drop[k]
            && !tail[k].derived
            && tail[k - 1].derived
            && tail[k - 1].offset == tail[k].offset
        {
            drop[k - 1] = true;
        }
    }
    let mut kept = start;
    for k in 0..drop.len() {
        if !drop[k] {
            keys[kept] = keys[start + k];
            kept += 1;
        }
    }
    keys.truncate(kept);
}

fn year_warning(source: &Source, i: usize, year: i32, how: &YearSource, rolled: usize) -> Warning {
    let how = match how {
        YearSource::Given => "given by --year".to_string(),
        YearSource::OtherInputs { from_us, to_us } => format!(
            "it puts the records inside or nearest the other inputs' span {} .. {}",
            format_ts(*from_us),
            format_ts(*to_us)
        ),
        YearSource::FileMtime { year } => format!(
            "from the file's modification time (year {year}); no other input has full timestamps"
        ),
        YearSource::Unknown => "nothing to infer it from: 1970 used".to_string(),
    };
    let roll = if rolled > 0 {
        format!(" ({rolled} new-year rollover(s) in file order)")
    } else {
        String::new()
    };
    Warning {
        code: "year_inferred",
        message: format!(
            "{}: year-less timestamps placed in {year}{roll}: {how}",
            source.path.display()
        ),
        input: Some(i),
        line: None,
    }
}

fn input_warnings(input: &InputReport, i: usize, warnings: &mut Vec<Warning>) {
    let path = input.source.path.display();
    if let Some(err) = &input.source.decode_error {
        warnings.push(Warning {
            code: "input_truncated",
            message: format!(
                "{path}: decompression stopped early ({err}); the records before that point were read"
            ),
            input: Some(i),
            line: None,
        });
    }
    if input.format.is_none() {
        warnings.push(Warning {
            code: "format_unknown",
            message: format!(
                "{path}: format not recognized ({}); its {} records are counted as rejected",
                input.detected_by, input.tally.records
            ),
            input: Some(i),
            line: None,
        });
    }
    let c = &input.clock;
    if c.disagree >= 5 && c.disagree * 10 >= c.compared {
        warnings.push(Warning {
            code: "time_fields_disagree",
            message: format!(
                "{path}: in {} of {} records the event time and {} are more than {} apart (median {}): a clock, a zone or the export pipeline is off",
                c.disagree,
                c.compared,
                c.field.unwrap_or("another time field"),
                crate::correlate::human_duration(CLOCK_TOLERANCE_S),
                crate::correlate::human_duration(c.median_s().unwrap_or(0))
            ),
            input: Some(i),
            line: None,
        });
    }
    if input.tally.non_utf8 > 0 {
        warnings.push(Warning {
            code: "invalid_utf8",
            message: format!(
                "{path}: {} records are not valid UTF-8; invalid bytes were read as U+FFFD",
                input.tally.non_utf8
            ),
            input: Some(i),
            line: None,
        });
    }
}

/// Every record of an input in no known format is a rejection (blank lines are skips).
fn unknown_format_chunk(data: &[u8], chunk: Chunk, reason: &str) -> ScanOutput {
    let mut out = ScanOutput::default();
    let framed = Framed::default();
    for line in frame::records(data, &framed, chunk, Framing::Lines(Continuation::None)) {
        if line.bytes.iter().all(u8::is_ascii_whitespace) {
            out.tally.skip("blank");
        } else {
            out.tally.reject(
                line.line,
                line.offset,
                crate::accounting::RejectReason::new("unknown format", reason.to_string()),
            );
        }
    }
    out
}
