//! Stage timings on stderr when `AFTERLOG_TRACE` is set: diagnostics for profiling. The output
//! never depends on them.

use std::sync::OnceLock;
use std::time::Instant;

/// The time the first stage was traced, or `None` when tracing is off.
fn start() -> Option<Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    *START.get_or_init(|| std::env::var_os("AFTERLOG_TRACE").map(|_| Instant::now()))
}

/// Prints one stage's line with the seconds since tracing began.
pub fn stage(what: std::fmt::Arguments<'_>) {
    if let Some(t0) = start() {
        eprintln!(
            "afterlog trace: {:>8.3} s  {what}",
            t0.elapsed().as_secs_f64()
        );
    }
}

/// Starts the clock (the first call decides), so stages count from the run's start.
pub fn begin() {
    let _ = start();
}
