//! The `afterlog` binary: parse the command line, run, map errors to exit codes.
//! The only place that uses `anyhow` and decides the process's exit status.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;

use afterlog::cli::{Cli, Command, RunArgs};
use afterlog::config::{Config, Ioc};
use afterlog::format::Format;
use afterlog::job;
use afterlog::pipeline::Run;
use afterlog::profile::ProfileSet;
use afterlog::{detect, input, output};
use std::path::{Path, PathBuf};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("afterlog: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Timeline(args) => run_job(args, Job::Timeline),
        Command::Events(args) => run_job(args, Job::Events),
        Command::Formats { paths, profiles } => formats(&paths, profiles.as_deref()),
        Command::Profiles { profiles } => list_profiles(profiles.as_deref()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Job {
    Timeline,
    Events,
}

fn config_from(args: &RunArgs) -> anyhow::Result<Config> {
    let mut config = Config::new(args.paths.clone());
    config.tz = Config::parse_tz(&args.tz)?;
    config.year = args.year;
    config.profiles = ProfileSet::for_run(args.profiles.as_deref())?;
    config.format = args
        .format
        .as_deref()
        .map(Config::parse_format)
        .transpose()?;
    config.iocs = args
        .ioc
        .iter()
        .map(|s| Ioc::parse(s))
        .collect::<Result<_, _>>()?;
    config.threads = args.threads.map(usize::from);
    if let Some(c) = args.chunk_bytes {
        config.chunk_bytes = c.max(1);
    }
    config.progress = !args.no_progress && io::stderr().is_terminal();
    Ok(config)
}

fn run_job(args: RunArgs, kind: Job) -> anyhow::Result<ExitCode> {
    let config = config_from(&args)?;
    let mut sink: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, &mut sink);
    let events = match kind {
        Job::Timeline => {
            let t = job::timeline(&config)?;
            let doc = t
                .install(|| {
                    output::timeline::render(
                        &config,
                        &t.run,
                        &t.events,
                        &t.incidents,
                        &t.clock_offsets,
                    )
                })
                .context("cannot render the timeline")?;
            afterlog::trace::stage(format_args!("timeline rendered"));
            doc.write(&mut out).context("cannot write the timeline")?;
            afterlog::trace::stage(format_args!("timeline written"));
            summary(&t.run, Some(t.incidents.len()));
            let n = total_events(&t.run);
            // The process ends next: its memory goes back to the system at once, so the
            // document and the run's events (hundreds of thousands of allocations on a
            // gigabyte of input) are not freed one by one.
            std::mem::forget(doc);
            std::mem::forget(t);
            n
        }
        Job::Events => {
            let all = job::AllEvents::new(&config)?;
            output::events::write_events(all.iter(), |b| all.render(b), &mut out)
                .context("cannot write the events")?;
            afterlog::trace::stage(format_args!("events written"));
            summary(&all.run, None);
            total_events(&all.run)
        }
    };
    drop(out);
    Ok(if events == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn total_events(run: &Run) -> u64 {
    run.inputs.iter().map(|i| i.tally.events).sum()
}

/// The one-line summary on stderr, plus the warnings.
fn summary(run: &Run, incidents: Option<usize>) {
    let (mut records, mut events, mut rejected, mut skipped) = (0, 0, 0, 0);
    for i in &run.inputs {
        records += i.tally.records;
        events += i.tally.events;
        rejected += i.tally.rejected_total();
        skipped += i.tally.skipped_total();
    }
    let inc = incidents
        .map(|n| format!(", {n} incident{}", if n == 1 { "" } else { "s" }))
        .unwrap_or_default();
    eprintln!(
        "afterlog: {} input{}, {records} records: {events} events, {rejected} rejected, {skipped} skipped{inc}",
        run.inputs.len(),
        if run.inputs.len() == 1 { "" } else { "s" },
    );
    const SHOWN: usize = 8;
    for w in run.warnings.iter().take(SHOWN) {
        eprintln!("afterlog: warning: {}", w.message);
    }
    if run.warnings.len() > SHOWN {
        eprintln!(
            "afterlog: … and {} more warnings (all are in the output's \"warnings\")",
            run.warnings.len() - SHOWN
        );
    }
}

fn formats(paths: &[PathBuf], profiles: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = ProfileSet::for_run(profiles)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if paths.is_empty() {
        for f in Format::ALL {
            writeln!(out, "{:<10} {}", f.name(), f.description())?;
        }
        writeln!(out, "\nvendor profiles (over ndjson, json, csv records):")?;
        for p in &set.profiles {
            writeln!(out, "{:<26} {} {}", p.name, p.vendor, p.product)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let files = input::expand_paths(paths)?;
    for path in files {
        let source = input::open(&path)?;
        let d = detect::detect(source.bytes(), None, set);
        let gz = if source.compression.is_some() {
            " (gzip)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}{gz}: {} — {}",
            path.display(),
            d.format.map_or("unknown", |f| f.name()),
            d.reason
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn list_profiles(dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = ProfileSet::for_run(dir)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for p in &set.profiles {
        let problems = afterlog::profile::samples::check(set, p);
        let formats: Vec<&str> = p.formats.iter().map(|f| f.name()).collect();
        writeln!(
            out,
            "{} — {} {} [{}] ({}): recognized by {}; {} sample{} {}",
            p.name,
            p.vendor,
            p.product,
            formats.join(", "),
            p.origin,
            p.recognized_by(set),
            p.samples.len(),
            if p.samples.len() == 1 { "" } else { "s" },
            if problems.is_empty() { "ok" } else { "FAILED" }
        )?;
        for problem in &problems {
            writeln!(out, "    {problem}")?;
        }
        failed += usize::from(!problems.is_empty());
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("afterlog: {failed} profile(s) with failing samples");
        ExitCode::from(1)
    })
}
