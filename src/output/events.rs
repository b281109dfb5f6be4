//! `afterlog events`: every normalized event, one JSON object per line, in time order.

use std::io::{self, Write};

use super::event_out;
use crate::event::OwnedEvent;
use crate::pipeline::Run;

/// Events rendered per batch (in parallel by the caller), written in order.
pub const BATCH: usize = 8192;

/// One event's line of `afterlog events`.
pub fn render_line(run: &Run, e: &OwnedEvent) -> Vec<u8> {
    let mut line = serde_json::to_vec(&event_out(e, &run.inputs, None, true)).unwrap_or_default();
    line.push(b'\n');
    line
}

/// Writes `events` (already in time order) as NDJSON, rendering each batch of [`BATCH`] events
/// with `render` (which may work in parallel, but must return the lines in order) so the output
/// does not depend on the thread count.
pub fn write_events(
    events: impl Iterator<Item = OwnedEvent>,
    render: impl Fn(&[OwnedEvent]) -> Vec<Vec<u8>>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut batch: Vec<OwnedEvent> = Vec::with_capacity(BATCH);
    let mut events = events.peekable();
    while events.peek().is_some() {
        batch.clear();
        batch.extend(events.by_ref().take(BATCH));
        for line in render(&batch) {
            out.write_all(&line)?;
        }
    }
    out.flush()
}
