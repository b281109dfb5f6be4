//! The progress bar on stderr (only when stderr is a terminal and the caller asked for it).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Bytes processed out of a total; a no-op when disabled.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(enabled: bool, total_bytes: u64) -> Progress {
        if !enabled {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} reading {bar:30} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})",
        ) {
            bar.set_style(style);
        }
        Progress { bar: Some(bar) }
    }

    pub fn advance(&self, bytes: u64) {
        if let Some(b) = &self.bar {
            b.inc(bytes);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
