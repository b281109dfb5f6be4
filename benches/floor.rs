//! The physical floor of reading a fixture set: every file memory-mapped as afterlog maps it
//! (`input::open_unhashed`), then its newlines counted with memchr in 8 MiB pieces on 1 and 2
//! threads. No parsing: the time any tool needs just to look at every byte once.
//!
//! `cargo bench --bench floor -- FILE...` (run by `benches/e2e.sh`); prints Markdown rows, the
//! best of three runs each.

use std::time::Instant;

use rayon::prelude::*;

const PIECE: usize = 8 << 20;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(Into::into)
        .collect();
    if paths.is_empty() {
        eprintln!("usage: cargo bench --bench floor -- FILE...");
        return;
    }
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let (secs, bytes, lines) = (0..3)
            .map(|_| count(&paths, &pool))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("three runs");
        println!(
            "| mmap + memchr newline count, {threads} thread{} ({lines} lines) | {secs:.2} s | {:.0} MB/s | – |",
            if threads == 1 { "" } else { "s" },
            bytes as f64 / 1e6 / secs
        );
    }
}

/// Maps every file and counts its newlines: (seconds, bytes, newlines).
fn count(paths: &[std::path::PathBuf], pool: &rayon::ThreadPool) -> (f64, usize, usize) {
    let start = Instant::now();
    // Mapping is part of the floor: a fresh mapping's pages are faulted in as they are read.
    let sources: Vec<_> = paths
        .iter()
        .map(|p| afterlog::input::open_unhashed(p).expect("open"))
        .collect();
    let (bytes, lines) = pool.install(|| {
        sources
            .par_iter()
            .flat_map(|s| s.bytes().par_chunks(PIECE))
            .map(|piece| (piece.len(), memchr::memchr_iter(b'\n', piece).count()))
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    (start.elapsed().as_secs_f64(), bytes, lines)
}
