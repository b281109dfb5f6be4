//! The run: inputs → detection → chunks normalized in parallel → year resolution → one
//! ordered list of events with per-input accounting. Deterministic at any thread count.

use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::accounting::Tally;
use crate::config::Config;
use crate::detect::{detect, Detection};
use crate::error::Error;
use crate::event::{event_id, Event, TsQuality};
use crate::format::Format;
use crate::frame;
use crate::input::{self, Source};
use crate::normalize::time::{choose_year, civil_to_us, rollover_offsets, YearSource};
use crate::normalize::{normalize_chunk, ChunkOutput, Context};
use crate::progress::Progress;

/// A problem worth telling the analyst that is not a single record's (`warnings[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    pub input: Option<usize>,
    pub line: Option<u64>,
}

/// One input after the run.
#[derive(Debug)]
pub struct InputReport {
    pub source: Source,
    pub format: Option<Format>,
    pub detected_by: String,
    pub tally: Tally,
    pub first_us: Option<i64>,
    pub last_us: Option<i64>,
    pub ts_assumed_tz: u64,
    pub ts_inferred_year: u64,
    /// The year given to this input's year-less stamps, if it had any.
    pub year: Option<i32>,
}

/// Everything a run produced, before correlation and output.
#[derive(Debug)]
pub struct Run {
    pub inputs: Vec<InputReport>,
    /// All events, ordered by `(ts, input, offset)`.
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
}

/// Reads, detects and normalizes every input of `config`.
pub fn run(config: &Config) -> Result<Run, Error> {
    let threads = config.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::ThreadPool {
            threads,
            message: e.to_string(),
        })?;
    pool.install(|| run_in_pool(config))
}

fn run_in_pool(config: &Config) -> Result<Run, Error> {
    let paths = input::expand_paths(&config.paths)?;
    let mut warnings = Vec::new();
    let opened: Vec<Result<Source, _>> = paths.par_iter().map(|p| input::open(p)).collect();
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

    let detections: Vec<Detection> = sources
        .par_iter()
        .map(|s| match config.format {
            Some(f) => Detection {
                format: Some(f),
                reason: format!("forced by --format {}", f.name()),
            },
            None => detect(s.bytes()),
        })
        .collect();

    // Every chunk of every input is one job; results come back in job order.
    let mut jobs = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let continuation = detections[i]
            .format
            .map_or(frame::Continuation::None, |f| f.continuation());
        for c in frame::chunks(s.bytes(), config.chunk_bytes, continuation) {
            jobs.push((i, c));
        }
    }
    let total: u64 = sources.iter().map(|s| s.bytes().len() as u64).sum();
    let progress = Progress::new(config.progress, total);
    let outputs: Vec<ChunkOutput> = jobs
        .par_iter()
        .map(|&(i, chunk)| {
            let s = &sources[i];
            let out = match detections[i].format {
                Some(format) => normalize_chunk(
                    &Context {
                        input: i as u32,
                        format,
                        tz: config.tz,
                        truncated: s.decode_error.is_some(),
                    },
                    s.bytes(),
                    chunk,
                ),
                None => unknown_format_chunk(s.bytes(), chunk, &detections[i].reason),
            };
            progress.advance((chunk.end - chunk.start) as u64);
            out
        })
        .collect();
    progress.finish();

    // Regroup per input, keeping file order.
    let mut per_input: Vec<PerInput> = sources.iter().map(|_| Default::default()).collect();
    for ((i, _), out) in jobs.iter().zip(outputs) {
        let (events, pending, tally) = &mut per_input[*i];
        let base = events.len();
        pending.extend(out.pending.into_iter().map(|(k, c)| (base + k, c)));
        events.extend(out.events);
        tally.absorb(out.tally);
    }

    let years = resolve_years(config, &sources, &mut per_input, &mut warnings);

    let mut inputs = Vec::with_capacity(sources.len());
    let mut events = Vec::new();
    for (i, (((source, detection), (mut evs, _, tally)), year)) in sources
        .into_iter()
        .zip(detections)
        .zip(per_input)
        .zip(years)
        .enumerate()
    {
        for e in &mut evs {
            e.id = event_id(&source.sha256, e.provenance.offset, e.provenance.length);
        }
        if let Some(err) = &source.decode_error {
            warnings.push(Warning {
                code: "input_truncated",
                message: format!(
                    "{}: decompression stopped early ({err}); the records before that point were read",
                    source.path.display()
                ),
                input: Some(i),
                line: None,
            });
        }
        if detection.format.is_none() {
            warnings.push(Warning {
                code: "format_unknown",
                message: format!(
                    "{}: format not recognized ({}); its {} records are counted as rejected",
                    source.path.display(),
                    detection.reason,
                    tally.records
                ),
                input: Some(i),
                line: None,
            });
        }
        if tally.non_utf8 > 0 {
            warnings.push(Warning {
                code: "invalid_utf8",
                message: format!(
                    "{}: {} records are not valid UTF-8; invalid bytes were read as U+FFFD",
                    source.path.display(),
                    tally.non_utf8
                ),
                input: Some(i),
                line: None,
            });
        }
        let report = InputReport {
            first_us: evs.iter().map(|e| e.ts_us).min(),
            last_us: evs.iter().map(|e| e.ts_us).max(),
            ts_assumed_tz: count(&evs, TsQuality::ASSUMED_TZ),
            ts_inferred_year: count(&evs, TsQuality::INFERRED_YEAR),
            year,
            format: detection.format,
            detected_by: detection.reason,
            tally,
            source,
        };
        inputs.push(report);
        events.append(&mut evs);
    }
    events.par_sort_unstable_by_key(Event::sort_key);
    Ok(Run {
        inputs,
        events,
        warnings,
    })
}

fn count(events: &[Event], flag: TsQuality) -> u64 {
    events
        .iter()
        .filter(|e| e.ts_quality.contains(flag))
        .count() as u64
}

/// Every record of an input in no known format is a rejection (blank lines are skips).
fn unknown_format_chunk(data: &[u8], chunk: frame::Chunk, reason: &str) -> ChunkOutput {
    let mut out = ChunkOutput::default();
    for line in frame::lines(data, chunk, frame::Continuation::None) {
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

type PerInput = (
    Vec<Event>,
    Vec<(usize, parsers::timestamp::CivilTime)>,
    Tally,
);

/// Gives year-less stamps their year (`--year`, else the other inputs' span, else the file's
/// mtime), applying new-year rollovers in file order, and flags them `inferred_year`.
/// Returns each input's (base) year, `None` for inputs without year-less stamps.
fn resolve_years(
    config: &Config,
    sources: &[Source],
    per_input: &mut [PerInput],
    warnings: &mut Vec<Warning>,
) -> Vec<Option<i32>> {
    let mut years = vec![None; per_input.len()];
    // The span of full timestamps of each input (events that did not need a year).
    let spans: Vec<Option<(i64, i64)>> = per_input
        .iter()
        .map(|(events, pending, _)| {
            let mut needs = vec![false; events.len()];
            for (k, _) in pending {
                needs[*k] = true;
            }
            let full = events
                .iter()
                .zip(&needs)
                .filter(|(_, n)| !**n)
                .map(|(e, _)| e.ts_us);
            full.fold(None, |acc: Option<(i64, i64)>, t| match acc {
                None => Some((t, t)),
                Some((a, b)) => Some((a.min(t), b.max(t))),
            })
        })
        .collect();
    for (i, (events, pending, tally)) in per_input.iter_mut().enumerate() {
        if pending.is_empty() {
            continue;
        }
        let offsets = rollover_offsets(pending.iter().map(|(_, c)| c.month));
        let stamps: Vec<_> = pending
            .iter()
            .map(|(_, c)| *c)
            .zip(offsets.iter().copied())
            .collect();
        let (year, source) = match config.year {
            Some(y) => (y, YearSource::Given),
            None => {
                let reference = spans
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .filter_map(|(_, s)| *s)
                    .fold(None, |acc: Option<(i64, i64)>, (a, b)| match acc {
                        None => Some((a, b)),
                        Some((x, y)) => Some((x.min(a), y.max(b))),
                    });
                let mtime_us = sources[i]
                    .mtime
                    .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
                    .map(|d| d.as_micros() as i64);
                choose_year(&stamps, config.tz, reference, mtime_us)
            }
        };
        let mut invalid = Vec::new();
        for ((k, civil), add) in pending.iter().zip(&offsets) {
            match civil_to_us(civil, year + add, config.tz) {
                Some((ts_us, q)) => {
                    let e = &mut events[*k];
                    e.ts_us = ts_us;
                    e.ts_quality.insert(q);
                    e.ts_quality.insert(TsQuality::INFERRED_YEAR);
                }
                None => invalid.push(*k),
            }
        }
        if !invalid.is_empty() {
            // e.g. Feb 29 in a year that has none: the record's date does not exist.
            tally.demote_events(invalid.len() as u64, "bad timestamp");
            let mut drop = vec![false; events.len()];
            for k in &invalid {
                drop[*k] = true;
            }
            let mut idx = 0;
            events.retain(|_| {
                let keep = !drop[idx];
                idx += 1;
                keep
            });
        }
        let how = match source {
            YearSource::Given => "given by --year".to_string(),
            YearSource::OtherInputs { from_us, to_us } => format!(
                "it puts the records inside or nearest the other inputs' span {} .. {}",
                crate::normalize::time::format_ts(from_us),
                crate::normalize::time::format_ts(to_us)
            ),
            YearSource::FileMtime { year } => {
                format!("from the file's modification time (year {year}); no other input has full timestamps")
            }
            YearSource::Unknown => "nothing to infer it from: 1970 used".to_string(),
        };
        let rolled = offsets.last().copied().unwrap_or(0);
        let roll = if rolled > 0 {
            format!(" ({rolled} new-year rollover(s) in file order)")
        } else {
            String::new()
        };
        warnings.push(Warning {
            code: "year_inferred",
            message: format!(
                "{}: year-less timestamps placed in {year}{roll}: {how}",
                sources[i].path.display()
            ),
            input: Some(i),
            line: None,
        });
        years[i] = Some(year);
    }
    years
}
