//! End to end: `afterlog timeline` on a generated multi-source fixture set (the sample
//! incident embedded in background traffic, see `afterlog-gen`), at 1 thread and at 2 threads.
//! The set is generated once into the target directory; its size comes from
//! `AFTERLOG_BENCH_SIZE` (default 100M). The incident found is checked on every run.
//!
//! Run: `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 10`

use std::path::PathBuf;
use std::process::Command;

use afterlog::config::Config;
use afterlog::job;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn fixture_set() -> (PathBuf, u64) {
    let size = std::env::var("AFTERLOG_BENCH_SIZE").unwrap_or_else(|_| "100M".into());
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-set-{size}"));
    if !dir.join("truth.json").exists() {
        let status = Command::new(env!("CARGO_BIN_EXE_afterlog-gen"))
            .args([
                "--out",
                dir.to_str().expect("utf-8 path"),
                "--size",
                &size,
                "--seed",
                "7",
            ])
            .status()
            .expect("run afterlog-gen");
        assert!(status.success(), "afterlog-gen failed");
    }
    let bytes = std::fs::read_dir(&dir)
        .expect("read set")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "truth.json")
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    (dir, bytes)
}

fn timeline(c: &mut Criterion) {
    let (dir, bytes) = fixture_set();
    let mut g = c.benchmark_group("timeline");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    for threads in [1usize, 2] {
        let mut config = Config::new(vec![dir.clone()]);
        config.tz = "Europe/Berlin".parse().expect("zone");
        config.threads = Some(threads);
        g.bench_function(format!("threads_{threads}"), |b| {
            b.iter(|| {
                let t = job::timeline(&config).expect("timeline");
                let main = &t.incidents[0];
                let compromise = main
                    .phase(afterlog::correlate::PhaseName::Compromise)
                    .expect("compromise phase");
                // 2026-03-02T09:12:03Z, the sample incident's first attacker activity.
                assert_eq!(compromise.start_us, 1_772_442_723_000_000);
                t.incidents.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
